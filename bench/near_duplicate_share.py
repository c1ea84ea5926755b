"""What comparing near-duplicates in worker processes can save (not part of the tests).

    python bench/near_duplicate_share.py CLAIMS_DIR

Times a cold two-worker load (workers parse the files and compare the articles they
hold whole) and the comparison of every article in the main process alone: the
second is the work the workers take off the main process's single core.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from fcheck.similarity import near_duplicates
from fcheck.validate import load_collection


def main() -> None:
    root = Path(sys.argv[1])
    runs: list[float] = []
    collection = None
    for _ in range(3):
        start = time.perf_counter()
        collection = load_collection(root, jobs=2)
        runs.append(time.perf_counter() - start)
    assert collection is not None
    compare: list[float] = []
    for _ in range(3):
        start = time.perf_counter()
        near_duplicates(collection.claims)
        compare.append(time.perf_counter() - start)
    cold, share = statistics.median(runs), statistics.median(compare)
    print(
        f"{len(collection.claims)} claims: cold validate -j2 (workers compare) {cold:.2f}s; "
        f"comparing every article in the main process {share:.2f}s ({share / cold:.0%} of it)"
    )


if __name__ == "__main__":
    main()
