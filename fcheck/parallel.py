"""Checking many claim files: from the cache, in this process, or in worker processes.

Each claim file is checked on its own (:func:`fcheck.validate.check_claim_file`), so
the files of a large collection are split into chunks that worker processes parse
in parallel. Small collections stay in one process: starting workers costs more
than it saves below a few thousand files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fcheck.findings import Finding
from fcheck.model import Claim, Field

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from fcheck.cache import ResultCache
    from fcheck.config import Config
    from fcheck.similarity import Found

Result = tuple[Sequence[Finding], Claim | None]
Task = tuple[str, str]  # a claim file and its article slug
# Below this many files to parse, worker start-up costs more than it saves.
PARALLEL_THRESHOLD = 2000
_CHUNK = 200


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def workers_for(files: int, jobs: int | None) -> int:
    """The number of processes to parse ``files`` files with (1: no workers)."""
    if jobs is not None:
        return max(1, min(jobs, files // _CHUNK + 1))
    if files < PARALLEL_THRESHOLD:
        return 1
    return available_cores()


def check_claims(
    tasks: list[Task],
    spec: Field,
    *,
    root: Path,
    config: Config,
    jobs: int | None = None,
    cache: bool = False,
    full: bool = True,
    progress: Callable[[int, int], None] | None = None,
    near_pairs: dict[str, Found] | None = None,
) -> list[Result]:
    """The per-file results of ``tasks``, in the order of ``tasks``.

    When worker processes parse whole articles, they also compare those articles'
    claims for near-duplicates and put the pairs found in ``near_pairs``, by article
    (see :func:`fcheck.similarity.near_duplicates`), so that the main process does not
    compare them alone afterwards.
    """
    results: list[Result | None] = [None] * len(tasks)
    store: ResultCache | None = None
    todo = list(range(len(tasks)))
    if cache:
        from fcheck.cache import open_cache

        store = open_cache(root, config)
        todo = []
        for index, hit in enumerate(store.lookup_many(tasks, spec, full)):
            if hit is None:
                todo.append(index)
            else:
                results[index] = hit
    done = len(tasks) - len(todo)
    if progress is not None:
        progress(done, len(tasks))
    digest = store is not None
    workers = workers_for(len(todo), jobs)
    complete = _complete_articles(tasks, todo) if workers > 1 else set()
    for index, result in _check(
        [tasks[i] for i in todo], spec, workers, todo, digest, full, complete, near_pairs
    ):
        claim = result[1]
        if store is not None and result[2] is not None:
            store.store(tasks[index][0], result[0], claim, result[2], result[3])
        if claim is not None and not full and digest:
            claim = _summary(claim)
        results[index] = (result[0], claim)
        done += 1
        if progress is not None and (done % 100 == 0 or done == len(tasks)):
            progress(done, len(tasks))
    if store is not None:
        store.save()
    return [r for r in results if r is not None]


def _complete_articles(tasks: list[Task], todo: list[int]) -> set[str]:
    """Articles whose every file is to be parsed: a worker that gets one whole can
    compare its claims."""
    left: dict[str, int] = {}
    for _path, slug in tasks:
        left[slug] = left.get(slug, 0) + 1
    for index in todo:
        left[tasks[index][1]] -= 1
    return {slug for slug, count in left.items() if count == 0}


# The result, plus (with the cache on) the file's content hash and its stat key
# taken before it was read.
Checked = tuple[Sequence[Finding], Claim | None, str | None, tuple[int, int, int, int] | None]


def _summary(claim: Claim) -> Claim:
    """The claim with only the fields cross-file rules read: ``validate`` keeps no more."""
    from fcheck.validate import CROSS_FILE_FIELDS

    data = claim.data
    return Claim(
        {k: data[k] for k in CROSS_FILE_FIELDS if k in data},
        claim.article,
        claim.path,
        claim.positions,
    )


def _check(
    tasks: list[Task],
    spec: Field,
    workers: int,
    indexes: list[int],
    digest: bool,
    full: bool,
    complete: set[str],
    near_pairs: dict[str, Found] | None,
) -> Iterator[tuple[int, Checked]]:
    if workers <= 1 or len(tasks) < 2:
        # In slices, so that the progress bar moves as files are checked.
        for start in range(0, len(tasks), 100):
            chunk = check_chunk(tasks[start : start + 100], spec, digest, full)
            yield from zip(indexes[start : start + 100], chunk, strict=True)
        return
    from concurrent.futures import ProcessPoolExecutor

    size = max(20, min(_CHUNK, len(tasks) // (workers * 4) + 1))
    chunks, wholes = _article_chunks(tasks, size, complete if near_pairs is not None else set())
    positions = iter(indexes)
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        for chunk_results, found in pool.map(
            check_articles,
            chunks,
            [spec] * len(chunks),
            [digest] * len(chunks),
            [full] * len(chunks),
            wholes,
        ):
            if near_pairs is not None:
                near_pairs.update(found)
            for result in chunk_results:
                yield next(positions), result


def _article_chunks(
    tasks: list[Task], size: int, complete: set[str]
) -> tuple[list[list[Task]], list[frozenset[str]]]:
    """Chunks of about ``size`` files that keep each article's files together, and for
    each chunk the articles of ``complete`` it holds whole. An article of more than four
    chunks' worth of files is split (and compared by the main process)."""
    chunks: list[list[Task]] = []
    wholes: list[frozenset[str]] = []
    chunk: list[Task] = []
    whole: set[str] = set()
    start = 0
    while start < len(tasks):
        slug = tasks[start][1]
        end = start
        while end < len(tasks) and tasks[end][1] == slug:
            end += 1
        if end - start > 4 * size:
            pieces = [tasks[i : min(i + size, end)] for i in range(start, end, size)]
        else:
            pieces = [tasks[start:end]]
            if slug in complete:
                whole.add(slug)
        for piece in pieces:
            chunk.extend(piece)
            if len(chunk) >= size or len(pieces) > 1:
                chunks.append(chunk)
                wholes.append(frozenset(whole))
                chunk, whole = [], set()
        start = end
    if chunk:
        chunks.append(chunk)
        wholes.append(frozenset(whole))
    return chunks, wholes


def _context() -> BaseContext:
    import multiprocessing

    # fork starts workers in milliseconds with fcheck already imported; elsewhere
    # the platform's default (spawn) is used.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def check_chunk(tasks: list[Task], spec: Field, digest: bool, full: bool = True) -> list[Checked]:
    """Check files one after another; with ``digest``, also hash and stat each file.

    Without ``full`` (and without ``digest``, when the cache needs whole records) clean
    claims carry only the cross-file fields, which is all ``validate`` needs and far
    less to send back from a worker.
    """
    return _cut(_check_files(tasks, spec, digest), full, digest)


def _cut(checked: list[Checked], full: bool, digest: bool) -> list[Checked]:
    if full or digest:
        return checked
    return [(f, None if c is None else _summary(c), h, k) for f, c, h, k in checked]


def check_articles(
    tasks: list[Task], spec: Field, digest: bool, full: bool, whole: frozenset[str]
) -> tuple[list[Checked], dict[str, Found]]:
    """:func:`check_chunk`, plus the near-duplicate pairs of the articles in ``whole``
    (each of whose files is in ``tasks``), compared before the claims are cut down."""
    from fcheck.similarity import path_pairs

    checked = _check_files(tasks, spec, digest)
    groups: dict[str, list[Claim]] = {slug: [] for slug in whole}
    for (_path, slug), (_findings, claim, _h, _k) in zip(tasks, checked, strict=True):
        if claim is not None and slug in groups:
            groups[slug].append(claim)
    found = {slug: path_pairs(group) for slug, group in groups.items()}
    return _cut(checked, full, digest), found


def _check_files(tasks: list[Task], spec: Field, digest: bool) -> list[Checked]:
    from fcheck.cache import content_hash, stat_key
    from fcheck.loader import MAX_YAML_BYTES, claims_root, read_file
    from fcheck.validate import check_claim_file

    out: list[Checked] = []
    for shown, slug in tasks:
        path = Path(shown)
        if not digest:
            findings, claim = check_claim_file(path, slug, spec)
            out.append((findings, claim, None, None))
            continue
        key = stat_key(shown)
        raw, _text, problem = read_file(
            shown, shown, MAX_YAML_BYTES, root=claims_root(shown), text=False
        )
        if problem is not None or raw is None:
            out.append(([problem] if problem else [], None, None, None))
            continue
        findings, claim = check_claim_file(path, slug, spec, raw)
        out.append((findings, claim, content_hash(raw), key))
    return out
