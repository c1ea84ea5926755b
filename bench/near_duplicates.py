"""Time the near-duplicate check on a synthetic collection (not part of the tests).

    python bench/near_duplicates.py [CLAIMS] [PER_ARTICLE]
    python bench/near_duplicates.py identical [CLAIMS]

Texts are drawn from a Zipf-like vocabulary, so that common words are common and the
prefix-filter index meets realistic word frequencies. ``identical`` is the worst case:
one article of CLAIMS near-identical claims of about 150 bytes (one word differs), all
of them similar to each other.
"""

from __future__ import annotations

import itertools
import random
import sys
import time

from fcheck.model import Claim
from fcheck.similarity import near_duplicates


def worst_case(total: int) -> None:
    base = (
        "The regional council approved a budget of 42 million euros for the new bridge "
        "over the river, twice the amount announced in the spring"
    )
    claims = [
        Claim(
            data={"claim": f"{base} {i}", "quote": base},
            article="one",
            path=f"claims/one/c{i:06d}.yaml",
        )
        for i in range(total)
    ]
    start = time.perf_counter()
    findings = near_duplicates(claims)
    elapsed = time.perf_counter() - start
    size = sum(len(f.message) for f in findings)
    print(
        f"{total} near-identical claims in one article: {elapsed:.2f}s, "
        f"{len(findings)} warnings, {size:,} bytes of messages"
    )


def main() -> None:
    if sys.argv[1:2] == ["identical"]:
        worst_case(int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
        return
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    per_article = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    rng = random.Random(1)
    vocabulary = [f"w{i}" for i in range(30_000)]
    cumulative = list(itertools.accumulate(1 / (i + 1) for i in range(len(vocabulary))))

    def text() -> str:
        return " ".join(rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(6, 30)))

    claims = [
        Claim(
            data={"claim": text(), "quote": text()},
            article=f"a{i // per_article}",
            path=f"claims/a{i // per_article}/c{i}.yaml",
        )
        for i in range(total)
    ]
    start = time.perf_counter()
    findings = near_duplicates(claims)
    elapsed = time.perf_counter() - start
    print(f"{total} claims, {per_article} per article: {elapsed:.2f}s, {len(findings)} warnings")


if __name__ == "__main__":
    main()
