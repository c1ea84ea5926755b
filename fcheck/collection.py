"""The loading engine: a collection's folders walked, every file checked, the results
gathered into a :class:`Collection`.

:func:`load_collection` is the one entry point the commands use. It never stops at
the first problem: every file is read, every finding is collected, and the claims
whose files are free of errors are returned for listing and reporting. The checks
themselves are in :mod:`fcheck.validate`; the cache and the worker processes are in
:mod:`fcheck.cache` and :mod:`fcheck.parallel`.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from fcheck import rules
from fcheck.checks.articles import check_lead
from fcheck.checks.catalogue import CROSS_FILE_RULES
from fcheck.checks.cross_file import check_across_files, quotes_in_text
from fcheck.config import Config
from fcheck.findings import Finding, Severity, sort_key
from fcheck.loader import (
    MAX_TEXT_BYTES,
    Confined,
    Parsed,
    finding,
    is_ignored_name,
    kind_problem,
    read_text,
    read_yaml,
    safe_entry,
    shown_path,
)
from fcheck.model import (
    ARTICLE_FILE,
    CLAIM_SUFFIXES,
    Article,
    Claim,
    article_spec,
    claim_spec,
    slug_problem,
)
from fcheck.similarity import near_duplicate_claims
from fcheck.validate import (
    FileResult,
    Records,
    Task,
    capped,
    check_fields,
)

Progress = Callable[[int, int], None]


@dataclass
class Collection:
    """A loaded collection: the usable records and everything found wrong."""

    root: Path
    config: Config = field(default_factory=Config)
    articles: dict[str, Article] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    # articles whose article.yaml has findings but names a readable text: not records
    # (not listed or published), kept so that their claims' quotes are still checked
    unlisted_articles: dict[str, Article] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)


# Articles ---------------------------------------------------------------------------
def load_article_file(
    folder: Path, slug: str, root: Path, out: Collection, confined: Confined | None = None
) -> Article | None:
    """The article of ``folder`` (None if it is not a record), its findings put in
    ``out``; ``confined`` (one per run) only saves time (see :class:`~fcheck.loader.Confined`)."""
    path = folder / ARTICLE_FILE
    shown = shown_path(path)
    if not path.exists() and not path.is_symlink():
        out.findings.append(
            finding(
                shown_path(folder),
                None,
                rules.ARTICLE_MISSING,
                f"article folder has no {ARTICLE_FILE}; create one with title, publisher and text",
            )
        )
        return None
    out.files_checked += 1
    link_problem = safe_entry(path, root, shown)
    if link_problem is not None:
        out.findings.append(link_problem)
        return None
    parsed = read_yaml(path, shown, confined=confined)
    findings = parsed.findings
    if parsed.ok:
        findings = check_fields(parsed.data, article_spec(out.config.rating_names), parsed, shown)
    out.findings.extend(capped(findings))
    if findings and not _text_usable(parsed, findings):
        return None
    article = Article(slug=slug, folder=folder, path=shown, data=parsed.data)
    article.text = _load_text(article, parsed, root, out, confined)
    if findings:
        # not a record (nothing lists or publishes it), but its claims' quotes are
        # still checked against its text, so that one run reports every finding
        out.unlisted_articles[slug] = article
        return None
    return article


def _text_usable(parsed: Parsed, findings: list[Finding]) -> bool:
    """Whether a rejected ``article.yaml`` still names its text well enough to read it."""
    if not parsed.ok or not isinstance(parsed.data, dict):
        return False
    name = parsed.data.get("text")
    if not isinstance(name, str) or not name.strip():
        return False
    at = parsed.positions.get(("text",))
    return all((f.line, f.column) != at for f in findings)


def _load_text(
    article: Article, parsed: Parsed, root: Path, out: Collection, confined: Confined | None
) -> str | None:
    name = article.data["text"]
    pos = parsed.positions.get(("text",))
    rel = PurePosixPath(name)
    if not name or rel.is_absolute() or ".." in rel.parts:
        out.findings.append(
            finding(
                article.path,
                pos,
                rules.ARTICLE_TEXT_MISSING,
                f"text '{name}' must be a file name inside the article folder",
            )
        )
        return None
    path = article.folder / rel
    shown = shown_path(path)
    if not _present(path):
        out.findings.append(
            finding(
                article.path,
                pos,
                rules.ARTICLE_TEXT_MISSING,
                f"article text '{name}' does not exist; save the article's text there",
            )
        )
        return None
    # (read_text follows every link in every part of the path: `sub/environ` with
    # `sub -> /proc/self` leads outside and is not read)
    text, problem = read_text(path, shown, MAX_TEXT_BYTES, root=root, confined=confined)
    if problem is not None and problem.rule == rules.SYMLINK_OUTSIDE:
        # reported where the path is written: the file itself may be anywhere
        out.findings.append(
            finding(
                article.path,
                pos,
                rules.SYMLINK_OUTSIDE,
                f"article text '{name}' leads outside the claims directory through a "
                "symlink and was not read; copy the text into the article folder",
            )
        )
        return None
    if problem is not None:
        out.findings.append(problem)
        out.findings.append(
            finding(
                article.path,
                pos,
                rules.ARTICLE_TEXT_MISSING,
                f"article text '{name}' cannot be used, so quotes are not checked",
            )
        )
        return None
    return text


def _present(path: Path) -> bool:
    """Whether anything (even a broken symlink) is there; a name that the system
    refuses (too long, say) counts as absent rather than raising."""
    try:
        return path.exists() or path.is_symlink()
    except (OSError, ValueError):
        return False


# Claim files ------------------------------------------------------------------------
class ClaimFiles(NamedTuple):
    """The claim files of one article folder: the one walk every command uses."""

    paths: list[str]  # of the files to read, in name order, as shown
    problems: list[Finding]  # entries that cannot be read, or the folder itself
    named: int  # entries named like claim files (what ``validate`` counts as checked)


def claim_files_in(folder: Path, root: Path) -> ClaimFiles:
    """The claim files of the article ``folder`` of the collection at ``root``.

    Hidden files, editor leftovers and ``article.yaml`` are skipped; a folder named
    like a claim file, a broken symlink and a symlink leading out of ``root`` are
    problems, not files to read.
    """
    # Paths as strings: a Path object per file costs time and memory that a hundred
    # thousand files notice; one is made only for a file that has to be parsed.
    files: list[str] = []
    problems: list[Finding] = []
    named = 0
    try:
        # scandir's entries know whether they are links or folders without a stat call
        # per file, which matters at a hundred thousand files.
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        problems.append(
            finding(
                shown_path(folder),
                None,
                rules.FILE_UNREADABLE,
                f"folder cannot be read ({exc.strerror}); check its permissions",
            )
        )
        return ClaimFiles(files, problems, named)
    for dir_entry in entries:
        name = dir_entry.name
        if is_ignored_name(name) or name == ARTICLE_FILE or not name.endswith(CLAIM_SUFFIXES):
            continue
        named += 1
        entry = dir_entry.path
        problem = None
        try:
            is_link = dir_entry.is_symlink()
        except OSError:
            is_link = True  # let safe_entry say what is wrong
        if is_link:
            problem = safe_entry(Path(entry), root, entry)
        if problem is None and _is_dir(dir_entry):
            problem = finding(
                entry,
                None,
                rules.FILE_UNREADABLE,
                "is a folder, not a claim file; rename or remove it",
            )
        if problem is None and not is_link:
            problem = _not_regular(dir_entry)
        if problem is not None:
            problems.append(problem)
            continue
        files.append(entry)
    return ClaimFiles(files, problems, named)


def _not_regular(entry: os.DirEntry[str]) -> Finding | None:
    """A FIFO, socket or device is refused here, so that it is never opened (the
    entry's type is known from the listing, without a system call)."""
    try:
        if entry.is_file(follow_symlinks=False):
            return None
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError:
        return None  # reading it will say what is wrong
    return kind_problem(mode, entry.path)


def article_folders(root: Path) -> list[Path]:
    """The article folders of the collection at ``root`` (not hidden), in name order;
    none if ``root`` cannot be listed."""
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return []
    return [
        entry
        for entry in entries
        if not is_ignored_name(entry.name)
        and entry.is_dir()
        and safe_entry(entry, root, "") is None
    ]


def claim_files(root: Path) -> dict[str, Path]:
    """Every readable claim file of the collection at ``root`` by its id (its file name
    without .yaml); of two files with one name, the first article's."""
    out: dict[str, Path] = {}
    for folder in article_folders(root):
        for shown in claim_files_in(folder, root).paths:
            path = Path(shown)
            out.setdefault(path.stem, path)
    return out


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def load_collection(
    root: Path,
    config: Config | None = None,
    *,
    jobs: int | None = None,
    cache: bool = False,
    progress: Progress | None = None,
    records: Records = Records.WHOLE,
) -> Collection:
    """Read and check every article and claim under ``root``.

    ``config`` supplies the rating vocabulary; by default it is read from the
    ``fcheck.toml`` (or ``pyproject.toml``) beside ``root``. ``jobs`` sets the number of
    worker processes (``None``: one per core for large collections, ``1``: none);
    ``cache`` reuses the per-file results of earlier runs (see :mod:`fcheck.cache`);
    ``progress(done, total)`` is called as claim files are checked. ``records`` says what
    the claims hold (:class:`~fcheck.validate.Records`; ``SUMMARY`` for ``validate``).
    """
    # Claims are built by the hundred thousand and hold no reference cycles: the
    # collector's passes over them, longer as the collection grows, found nothing to
    # collect and cost the main process about 0.4 s at 100,000 claims.
    with _collector_paused():
        return _load(root, config, jobs, cache, progress, records)


@contextmanager
def _collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(
    root: Path,
    config: Config | None,
    jobs: int | None,
    cache: bool,
    progress: Progress | None,
    records: Records,
) -> Collection:
    if config is None:
        from fcheck.config import load_config

        config = load_config(root)
    out = Collection(root=root, config=config)
    spec = claim_spec(config.rating_names)
    try:
        entries = sorted(root.iterdir())
    except OSError as exc:
        out.findings.append(
            finding(shown_path(root), None, rules.FILE_UNREADABLE, f"cannot be read ({exc})")
        )
        return out
    tasks: list[Task] = []
    folders: list[tuple[Path, str, ClaimFiles]] = []
    for entry in entries:
        name = entry.name
        if is_ignored_name(name):
            continue
        shown = shown_path(entry)
        problem = safe_entry(entry, root, shown)
        if problem is not None:
            out.findings.append(problem)
            continue
        if not entry.is_dir():
            if name.endswith(CLAIM_SUFFIXES):
                out.files_checked += 1
                out.findings.append(
                    finding(
                        shown,
                        None,
                        rules.MISPLACED_FILE,
                        "claim files belong in an article folder (claims/<article>/); move it",
                    )
                )
            continue
        wrong = slug_problem(name)
        if wrong is not None:
            if wrong.startswith("use "):
                wrong = "rename it to lowercase letters, digits and hyphens"
            message = f"article folder '{name}' is not a slug; {wrong}"
            out.findings.append(finding(shown, None, rules.INVALID_SLUG, message))
        found = claim_files_in(entry, root)
        out.files_checked += found.named
        out.findings.extend(found.problems)
        folders.append((entry, name, found))
        tasks.extend(Task(path, name) for path in found.paths)
    from fcheck.parallel import start_checking

    # The claim files are checked first (by worker processes, for many files) while
    # this process reads the articles: the two are independent until the cross-file
    # rules, and the articles would otherwise be read while the workers wait.
    checking = start_checking(
        tasks, spec, root=root, config=config, jobs=jobs, cache=cache, records=records,
        progress=progress,
    )  # fmt: skip
    confined = Confined()  # the article folders, each resolved once
    for entry, name, found in folders:
        article = load_article_file(entry, name, root, out, confined)
        if article is not None:
            out.articles[name] = article
            out.findings.extend(check_lead(article, found.paths))
    results, near_pairs = checking.finish()
    for result_findings, claim in results:
        out.findings.extend(result_findings)
        if claim is not None:
            out.claims.append(claim)
    memo = None
    if cache:
        from fcheck.cache import open_memo

        memo = open_memo(root, config, "near-duplicates")
    # the near-duplicate rule is told what the cache and the workers already know
    near = partial(
        near_duplicate_claims, memo=None if memo is None else memo.entries, known=near_pairs
    )
    findings, out.claims = check_across_files(
        out.claims,
        out.articles,
        tuple(near if rule is near_duplicate_claims else rule for rule in CROSS_FILE_RULES),
    )
    out.findings.extend(findings)
    out.findings.extend(_held_back_quotes(tasks, results, out))
    if memo is not None:
        memo.save()
    out.findings.sort(key=sort_key)
    return out


def _held_back_quotes(
    tasks: Sequence[Task], results: Sequence[FileResult], out: Collection
) -> list[Finding]:
    """``quote-not-found`` where another finding keeps a claim out of the records.

    A claim file with other findings (say ``status: rumoured``), or the claims of an
    article whose ``article.yaml`` has findings, would otherwise get their quotes
    checked only once those are fixed: a pre-commit hook would refuse the same file
    twice. Such files are few, so they are read again here.
    """
    texts = {**out.unlisted_articles, **out.articles}
    pending = [c for c in out.claims if c.article in out.unlisted_articles]
    for task, result in zip(tasks, results, strict=True):
        article = texts.get(task.article)
        if result.claim is not None or not result.findings or article is None:
            continue
        if article.text is None:
            continue
        parsed = read_yaml(Path(task.path), task.path)
        data = parsed.data
        if not parsed.ok or not isinstance(data, dict):
            continue
        quote = data.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            continue
        at = parsed.positions.get(("quote",))
        if any((f.line, f.column) == at for f in result.findings):
            continue  # the quote itself is wrong: that finding says so
        pending.append(Claim(data=data, article=task.article, path=task.path))
    if not pending:
        return []
    return list(quotes_in_text(pending, texts).findings)


def select_findings(collection: Collection, files: list[Path]) -> list[Finding]:
    """The findings that concern the given files (for ``fcheck validate FILES``)."""
    wanted = {_resolved(p) for p in files}
    return [f for f in collection.findings if _resolved(Path(f.path)) in wanted]


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
        return path.absolute()
