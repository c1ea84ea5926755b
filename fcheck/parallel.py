"""Checking many claim files: one narrow interface, three implementations composed.

A :class:`FileChecker` turns claim files into per-file results
(:func:`fcheck.validate.check_claim_file`). :class:`InProcess` checks them one after
another; :class:`Workers` splits them into chunks that worker processes parse in
parallel; :class:`Cached` answers unchanged files from :mod:`fcheck.cache` and hands
the rest to one of the other two. :func:`start_checking` composes them, so that the
checks never see caches or processes. Small collections stay in one process: starting
workers costs more than it saves below a few thousand files.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from fcheck.findings import Finding
from fcheck.model import Claim, Field
from fcheck.validate import FileResult, Records, Task, check_claim_file, summary

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from fcheck.cache import ResultCache, StatKey
    from fcheck.config import Config
    from fcheck.similarity import Found

# Below this many files to parse, worker start-up costs more than it saves.
PARALLEL_THRESHOLD = 2000
_CHUNK = 200


class Checked(NamedTuple):
    """A :class:`~fcheck.validate.FileResult`, plus (for the cache) the file's content
    hash and its stat key taken before it was read."""

    findings: Sequence[Finding]
    claim: Claim | None
    digest: str | None = None
    stat: StatKey | None = None


class FileChecker(Protocol):
    def check(self, tasks: Sequence[Task]) -> Iterator[Checked]:
        """One result per task, in the order of ``tasks``, as they are done."""


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


@dataclass
class InProcess:
    """Check files one after another in this process.

    ``hashed`` also hashes and stats each file (for :class:`Cached`, which then cuts
    the records itself); otherwise clean claims are cut to ``records``.
    """

    spec: Field
    records: Records = Records.WHOLE
    hashed: bool = False

    def check(self, tasks: Sequence[Task]) -> Iterator[Checked]:
        # In slices, so that the progress bar moves as files are checked.
        for start in range(0, len(tasks), 100):
            yield from check_chunk(list(tasks[start : start + 100]), self)


@dataclass
class Workers:
    """Check files in ``processes`` worker processes, a chunk of files at a time.

    A worker that gets all of an article's files (``article_sizes`` says how many it
    has) also compares its claims for near-duplicates; the pairs found are put in
    ``near_pairs``, by article (see :func:`fcheck.similarity.near_duplicates`), so
    that the main process does not compare them alone afterwards.
    """

    spec: Field
    processes: int
    records: Records = Records.WHOLE
    hashed: bool = False
    article_sizes: Counter[str] = field(default_factory=Counter)
    near_pairs: dict[str, Found] = field(default_factory=dict)

    def check(self, tasks: Sequence[Task]) -> Iterator[Checked]:
        from concurrent.futures import ProcessPoolExecutor

        if len(tasks) < 2:
            yield from InProcess(self.spec, self.records, self.hashed).check(tasks)
            return
        todo = Counter(task.article for task in tasks)
        complete = {slug for slug, count in todo.items() if self.article_sizes[slug] == count}
        size = max(20, min(_CHUNK, len(tasks) // (self.processes * 4) + 1))
        chunks, wholes = _article_chunks(list(tasks), size, complete)
        # what a worker needs to know, and no more to send to it
        options = InProcess(self.spec, self.records, self.hashed)
        # (the workers collect garbage as usual: see fcheck.collection.load_collection)
        with ProcessPoolExecutor(
            max_workers=self.processes, mp_context=_context(), initializer=gc.enable
        ) as pool:
            for chunk_results, found in pool.map(
                check_articles, chunks, [options] * len(chunks), wholes
            ):
                self.near_pairs.update(found)
                yield from chunk_results


@dataclass
class Cached:
    """Answer unchanged files from ``store``; check the others with the checker
    ``inner(misses)`` gives, and store their results."""

    store: ResultCache
    spec: Field
    inner: Callable[[Sequence[Task]], FileChecker]
    records: Records = Records.WHOLE

    def check(self, tasks: Sequence[Task]) -> Iterator[Checked]:
        results: list[Checked | None] = [None] * len(tasks)
        todo: list[int] = []
        whole = self.records is Records.WHOLE
        for index, hit in enumerate(self.store.lookup_many(tasks, self.spec, self.records)):
            if hit is None:
                todo.append(index)
            else:
                results[index] = Checked(*hit)
        misses = [tasks[i] for i in todo]
        done = 0
        for index, result in zip(todo, self.inner(misses).check(misses), strict=True):
            claim = result.claim
            if result.digest is not None:
                self.store.store(
                    tasks[index].path, result.findings, claim, result.digest, result.stat
                )
            if claim is not None and not whole:
                claim = summary(claim)
            results[index] = Checked(result.findings, claim)
            # results in task order: those answered from the cache, then this one
            while done < len(tasks) and results[done] is not None:
                yield results[done]  # type: ignore[misc]
                done += 1
        self.store.save()
        for rest in results[done:]:
            assert rest is not None
            yield rest


@dataclass
class Counted:
    """The results of ``inner``, counted for a progress bar: ``report(done, total)`` is
    told at the start (``done`` files answered already) and every hundred files."""

    inner: FileChecker
    report: Callable[[int, int], None]
    total: int
    done: int = 0

    def check(self, tasks: Sequence[Task]) -> Iterator[Checked]:
        self.report(self.done, self.total)
        for result in self.inner.check(tasks):
            yield result
            self.done += 1
            if self.done % 100 == 0 or self.done == self.total:
                self.report(self.done, self.total)


class Checking:
    """Claim files being checked (see :func:`start_checking`): the worker processes,
    if any, are at work from the start, so that the caller can do its own reading
    meanwhile instead of before them."""

    def __init__(self, results: Iterator[Checked], near_pairs: dict[str, Found]) -> None:
        self._near_pairs = near_pairs
        # Taking the first result starts every checker of the chain (the cache's
        # lookups, then the worker pool) instead of at the first request for results.
        first = next(results, None)
        self._results = results if first is None else chain((first,), results)

    def finish(self) -> tuple[list[FileResult], dict[str, Found]]:
        """The per-file results, in the order of the tasks, and the near-duplicate
        pairs worker processes found, by article (see :class:`Workers`)."""
        results = [FileResult(found.findings, found.claim) for found in self._results]
        return results, self._near_pairs


def start_checking(
    tasks: Sequence[Task],
    spec: Field,
    *,
    root: Path,
    config: Config,
    jobs: int | None = None,
    cache: bool = False,
    records: Records = Records.WHOLE,
    progress: Callable[[int, int], None] | None = None,
) -> Checking:
    """Start checking ``tasks``; :meth:`Checking.finish` gives the results.

    ``jobs`` sets the number of worker processes (``None``: one per core for many
    files); ``cache`` answers unchanged files from the cache; ``progress(done, total)``
    is told as files are checked.
    """
    near_pairs: dict[str, Found] = {}
    sizes = Counter(task.article for task in tasks)

    def checker(todo: Sequence[Task], hashed: bool) -> FileChecker:
        processes = workers_for(len(todo), jobs)
        files: FileChecker = (
            Workers(spec, processes, records, hashed, sizes, near_pairs)
            if processes > 1
            else InProcess(spec, records, hashed)
        )
        if progress is None:
            return files
        return Counted(files, progress, len(tasks), len(tasks) - len(todo))

    files: FileChecker
    if cache:
        from fcheck.cache import open_cache

        files = Cached(open_cache(root, config), spec, lambda todo: checker(todo, True), records)
    else:
        files = checker(tasks, False)
    return Checking(files.check(tasks), near_pairs)


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


def check_chunk(tasks: list[Task], options: InProcess) -> list[Checked]:
    """Check files one after another (see :class:`InProcess` for ``options``)."""
    return _cut(_check_files(tasks, options.spec, options.hashed), options)


def _cut(checked: list[Checked], options: InProcess) -> list[Checked]:
    # Without the cache, clean claims are cut to the cross-file fields here, which is
    # all ``validate`` needs and far less to send back from a worker; with it, after
    # the cache has stored the whole records.
    if options.records is Records.WHOLE or options.hashed:
        return checked
    return [c if c.claim is None else c._replace(claim=summary(c.claim)) for c in checked]


def check_articles(
    tasks: list[Task], options: InProcess, whole: frozenset[str]
) -> tuple[list[Checked], dict[str, Found]]:
    """:func:`check_chunk` in a worker, plus the near-duplicate pairs of the articles in
    ``whole`` (each of whose files is in ``tasks``), compared before the claims are cut
    down."""
    from fcheck.similarity import path_pairs

    checked = _check_files(tasks, options.spec, options.hashed)
    groups: dict[str, list[Claim]] = {slug: [] for slug in whole}
    for task, result in zip(tasks, checked, strict=True):
        if result.claim is not None and task.article in groups:
            groups[task.article].append(result.claim)
    found = {slug: path_pairs(group) for slug, group in groups.items()}
    return _cut(checked, options), found


def _check_files(tasks: list[Task], spec: Field, hashed: bool) -> list[Checked]:
    from fcheck.cache import content_hash, stat_key
    from fcheck.loader import MAX_YAML_BYTES, Confined, read_bytes

    out: list[Checked] = []
    confined = Confined(listed=True)  # this chunk's folders, resolved once
    for shown, slug in tasks:
        key = stat_key(shown) if hashed else None  # (before reading: see fcheck.cache)
        # (the path as a string: a Path object costs microseconds a file to read by)
        raw, problem = read_bytes(shown, shown, MAX_YAML_BYTES, confined=confined)
        if problem is not None or raw is None:
            out.append(Checked([problem] if problem else [], None))
            continue
        findings, claim = check_claim_file(Path(shown), slug, spec, raw)
        out.append(Checked(findings, claim, content_hash(raw) if hashed else None, key))
    return out
