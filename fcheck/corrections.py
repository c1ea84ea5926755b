"""Corrections kept honest by git: ``fcheck validate --since REV``.

A published fact-check whose conclusions change must say so. For every article that
was published at REV and still is, each record (the article's ``verdict``; each
claim's ``rating``, ``status`` and ``conclusion``) is compared with its version at
REV, read through ``git cat-file --batch``. A changed or removed value without a new
entry in the record's own ``corrections`` is rule ``correction-missing``, at the
changed line (a value added where there was none needs no correction).
Records that did not exist at REV, or whose article was not published then, are new
work, not corrections.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fcheck import rules
from fcheck.collection import Collection
from fcheck.errors import FcheckError
from fcheck.findings import Finding
from fcheck.gate import PUBLISHED, full_data
from fcheck.history import GitError, _git
from fcheck.loader import decode, finding, parse_yaml
from fcheck.model import ARTICLE_FILE
from fcheck.positions import FilePositions

CLAIM_FIELDS = ("rating", "status", "conclusion")
ARTICLE_FIELDS = ("verdict",)


class CannotCompare(FcheckError):
    """git is missing, the collection is not in a repository, or REV is unknown."""


@dataclass
class _Record:
    path: str  # as shown
    rel: str  # relative to the repository root
    data: dict[str, Any]
    fields: tuple[str, ...]


def _toplevel(folder: Path) -> Path:
    try:
        top = _git(["rev-parse", "--show-toplevel"], folder)
    except GitError as exc:
        raise CannotCompare(f"cannot check corrections: {exc}") from None
    if top.returncode != 0:
        raise CannotCompare(
            f"cannot check corrections: {folder} is not in a git repository "
            "(--since compares with an earlier commit)"
        )
    return Path(os.fsdecode(top.stdout.strip()))


def _resolve(rev: str, root: Path) -> str:
    if rev.startswith("-"):
        raise CannotCompare(f"'{rev}' is not a revision")
    found = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root)
    if found.returncode != 0:
        hint = (
            " (in CI, fetch the history: actions/checkout with fetch-depth: 0)"
            if "/" in rev
            else ""
        )
        raise CannotCompare(f"cannot check corrections: unknown revision '{rev}'{hint}")
    return found.stdout.decode().strip()


def _read_at(commit: str, paths: list[str], root: Path) -> dict[str, dict[str, Any] | None]:
    """Each path's parsed record at ``commit`` (None: absent or unreadable then)."""
    if not paths:
        return {}
    request = "".join(f"{commit}:{p}\n" for p in paths).encode("utf-8")
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", "cat-file", "--batch"],
            input=request,
            cwd=root,
            capture_output=True,
            env=env,
            check=False,
        )
    except OSError as exc:
        raise CannotCompare(f"cannot check corrections: cannot run git ({exc})") from None
    if done.returncode != 0:
        raise CannotCompare("cannot check corrections: git cat-file failed")
    out: dict[str, dict[str, Any] | None] = {}
    data = done.stdout
    at = 0
    for path in paths:
        end = data.index(b"\n", at)
        header = data[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            out[path] = None  # "missing", or not a file then
            continue
        size = int(header[2])
        blob = data[at : at + size]
        at += size + 1
        text, problem = decode(blob, path)
        parsed = parse_yaml(text, path) if text is not None and problem is None else None
        ok = parsed is not None and parsed.ok and isinstance(parsed.data, dict)
        out[path] = parsed.data if ok and parsed is not None else None
    return out


def _rel(path: str, root: Path) -> str | None:
    try:
        return Path(os.path.realpath(path)).relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        return None


def _new_entries(old: Any, new: Any) -> bool:
    before = old if isinstance(old, list) else []
    after = new if isinstance(new, list) else []
    return any(entry not in before for entry in after)


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


def check_corrections(collection: Collection, rev: str) -> list[Finding]:
    """Changed published values without a correction since ``rev``.

    Raises CannotCompare when git or the revision is not there.
    """
    root = _toplevel(collection.root.resolve())
    commit = _resolve(rev, root)
    by_article: dict[str, list[Any]] = {}
    for claim in collection.claims:
        by_article.setdefault(claim.article, []).append(claim)
    records: list[_Record] = []
    article_rels: dict[str, str] = {}
    for slug, article in sorted(collection.articles.items()):
        review = article.data.get("review")
        if not (isinstance(review, dict) and review.get("state") == PUBLISHED):
            continue
        rel = _rel(article.path, root)
        if rel is None:
            continue
        article_rels[slug] = rel
        records.append(_Record(article.path, rel, article.data, ARTICLE_FIELDS))
        for claim in by_article.get(slug, []):
            claim_rel = _rel(claim.path, root)
            if claim_rel is not None:
                records.append(_Record(claim.path, claim_rel, full_data(claim), CLAIM_FIELDS))
    old = _read_at(commit, [r.rel for r in records], root)
    published_then = {
        str(Path(rel).parent) for rel in article_rels.values() if _was_published(old.get(rel))
    }
    out: list[Finding] = []
    for record in records:
        before = old.get(record.rel)
        if before is None or str(Path(record.rel).parent) not in published_then:
            continue
        out.extend(_compare(record, before, rev))
    return out


def _was_published(data: dict[str, Any] | None) -> bool:
    review = (data or {}).get("review")
    return isinstance(review, dict) and review.get("state") == PUBLISHED


def _compare(record: _Record, before: dict[str, Any], rev: str) -> Iterable[Finding]:
    # A value added where there was none corrects nothing readers saw.
    changed = [
        f
        for f in record.fields
        if before.get(f) not in (None, "") and before.get(f) != record.data.get(f)
    ]
    if not changed or _new_entries(before.get("corrections"), record.data.get("corrections")):
        return []
    positions = FilePositions(record.path)
    what = "article" if Path(record.path).name == ARTICLE_FILE else "claim"
    out = []
    for name in changed:
        where = positions.get((name,)) or positions.get(())
        out.append(
            finding(
                record.path,
                where,
                rules.CORRECTION_MISSING,
                f"the published {what}'s {name} changed since {rev} "
                f"({_shown(before.get(name))} → {_shown(record.data.get(name))}) without a new "
                "corrections entry; add one (date, change, reason)",
            )
        )
    return out
