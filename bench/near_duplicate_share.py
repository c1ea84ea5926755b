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
from fcheck.validate import load_collection
from fcheck.similarity import near_duplicates
root = Path(sys.argv[1])
runs: list[float] = []
for _ in range(3):
    t = time.perf_counter(); c = load_collection(root, jobs=2); runs.append(time.perf_counter() - t)
cold = statistics.median(runs)
nd: list[float] = []
for _ in range(3):
    t = time.perf_counter(); near_duplicates(c.claims); nd.append(time.perf_counter() - t)
share = statistics.median(nd)
print(
    f"{len(c.claims)} claims: cold validate -j2 (workers compare) {cold:.2f}s; "
    f"comparing every article in the main process {share:.2f}s ({share / cold:.0%} of it)"
)
