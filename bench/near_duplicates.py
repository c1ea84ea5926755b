"""Time the near-duplicate check on a synthetic collection (not part of the tests).

    python bench/near_duplicates.py [CLAIMS] [PER_ARTICLE]

Texts are drawn from a Zipf-like vocabulary, so that common words are common and the
prefix-filter index meets realistic word frequencies.
"""

from __future__ import annotations

import itertools
import random
import sys
import time

from fcheck.model import Claim
from fcheck.similarity import near_duplicates


def main() -> None:
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
