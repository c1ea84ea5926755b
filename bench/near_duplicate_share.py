"""What comparing near-duplicates in worker processes saves (not part of the tests).

    python bench/near_duplicate_share.py CLAIMS_DIR [ROUNDS]
    python bench/near_duplicate_share.py --once workers|main CLAIMS_DIR [JOBS]

Times, in alternating rounds in one process, a cold two-worker load as fcheck does it
(the workers parse the files and compare the claims of the articles they hold whole)
and the same load with every comparison left to the main process, which is the one
code path fcheck would have without the worker-side comparison. Prints the ratio of the
medians: above 1, the worker-side comparison pays for itself. ``--once`` does one load
the one way or the other, for bench/run.py to time in its own rounds (its table row).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

import fcheck.parallel as parallel
from fcheck import load_collection
from fcheck.validate import Records

_WORKERS_COMPARE = parallel.check_articles


def main_process_compares(tasks: Any, options: Any, whole: Any) -> Any:
    """A worker that compares no article: the main process then compares them all.
    (At the top of the module, so that worker processes can unpickle it.)"""
    return _WORKERS_COMPARE(tasks, options, frozenset())


WAYS = {"workers": _WORKERS_COMPARE, "main": main_process_compares}


def _load(root: Path, jobs: int = 2) -> tuple[float, int]:
    start = time.perf_counter()
    collection = load_collection(root, jobs=jobs, records=Records.SUMMARY)
    return time.perf_counter() - start, len(collection.findings)


def main() -> None:
    if sys.argv[1] == "--once":
        parallel.check_articles = WAYS[sys.argv[2]]  # type: ignore[assignment]
        _load(Path(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 2)
        return
    root = Path(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    times: dict[str, list[float]] = {"workers": [], "main": []}
    found: dict[str, int] = {}
    for _ in range(rounds):
        for name, worker in WAYS.items():
            parallel.check_articles = worker  # type: ignore[assignment]
            seconds, found[name] = _load(root)
            times[name].append(seconds)
    parallel.check_articles = _WORKERS_COMPARE
    assert found["workers"] == found["main"], "the two paths must find the same"
    workers, main = statistics.median(times["workers"]), statistics.median(times["main"])
    print(
        f"cold load with 2 workers, median of {rounds} alternating rounds: every comparison "
        f"in the main process / comparisons in the workers = {main / workers:.2f}x"
    )


if __name__ == "__main__":
    main()
