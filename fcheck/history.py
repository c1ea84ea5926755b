"""``fcheck history ID``: a claim's versions from git, and what changed in each.

git is run as a subprocess (``git log --follow`` on the claim file, then ``git show``
for each version); every version is parsed with fcheck's safe YAML loader.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from fcheck.collection import claim_files
from fcheck.errors import ClaimNotFoundError, FcheckError
from fcheck.loader import parse_bytes
from fcheck.model import ARTICLE_FILE, is_slug

_FIELD_SEP = "\x1f"
_RECORD_SEP = "\x1e"
# Settings a user's git configuration could use to change `git log` output.
_GIT_OPTIONS = ["-c", "log.showSignature=false", "-c", "core.quotePath=false", "--no-pager"]


class GitError(FcheckError):
    """git is missing, or the claim is not in a git repository."""


@dataclass
class Version:
    commit: str
    author: str
    email: str
    date: str  # ISO 8601, as git gives it
    subject: str
    path: str  # the file's path in that commit, relative to the repository
    data: dict[str, Any] | None  # None when the file could not be parsed then
    changes: list[str] = field(default_factory=list)
    status: tuple[str | None, str | None] | None = None  # (before, after) when changed
    rating: tuple[str | None, str | None] | None = None
    evidence_added: list[str] = field(default_factory=list)
    evidence_removed: list[str] = field(default_factory=list)
    # the claim's article had review.state: published in this commit
    published: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "commit": self.commit,
            "author": self.author,
            "email": self.email,
            "date": self.date,
            "subject": self.subject,
            "path": self.path,
            "parsed": self.data is not None,
            "status": None
            if self.status is None
            else {"from": self.status[0], "to": self.status[1]},
            "rating": None
            if self.rating is None
            else {"from": self.rating[0], "to": self.rating[1]},
            "evidence_added": self.evidence_added,
            "evidence_removed": self.evidence_removed,
            "changes": self.changes,
            "published": self.published,
        }


@dataclass
class History:
    claim_id: str
    path: str
    versions: list[Version]  # oldest first
    uncommitted: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "id": self.claim_id,
            "path": self.path,
            "uncommitted_changes": self.uncommitted,
            "versions": [v.to_dict() for v in self.versions],
        }


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", *_GIT_OPTIONS, *args], cwd=cwd, capture_output=True, env=env, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH; history needs git") from None
    except OSError as exc:
        raise GitError(f"cannot run git ({exc.strerror or exc})") from None


def _evidence_keys(data: dict[str, Any] | None) -> list[str]:
    """Each evidence item as its URL, or its title when it has none."""
    out = []
    for item in (data or {}).get("evidence") or []:
        if isinstance(item, dict):
            key = item.get("url") or item.get("title")
            if key:
                out.append(str(key))
    return out


def _diff(before: dict[str, Any] | None, after: dict[str, Any] | None, version: Version) -> None:
    if after is None:
        version.changes = ["the file could not be parsed in this version"]
        return
    old = before or {}
    if before is None or old.get("status") != after.get("status"):
        version.status = (old.get("status"), after.get("status"))
    if old.get("rating") != after.get("rating"):
        version.rating = (old.get("rating"), after.get("rating"))
    old_ev, new_ev = _evidence_keys(before), _evidence_keys(after)
    version.evidence_added = [e for e in new_ev if e not in old_ev]
    version.evidence_removed = [e for e in old_ev if e not in new_ev]
    if before is None:
        version.changes = ["created"]
        return
    handled = {"status", "rating", "evidence"}
    version.changes = [
        key
        for key in dict.fromkeys([*old, *after])
        if key not in handled and old.get(key) != after.get(key)
    ]
    if old.get("evidence") != after.get("evidence") and not (
        version.evidence_added or version.evidence_removed
    ):
        version.changes.append("evidence")


def claim_history(claims_dir: Path, claim_id: str) -> History:
    if not is_slug(claim_id):
        raise ClaimNotFoundError(f"'{claim_id}' is not a claim id (lowercase letters, digits, -)")
    path = claim_files(claims_dir).get(claim_id)
    if path is None:
        raise ClaimNotFoundError(
            f"no claim file for id '{claim_id}' in {claims_dir}; "
            "`fcheck list --format ids` lists them"
        )
    folder = path.parent.resolve()
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0 and b"not a git repository" not in top.stderr.lower():
        lines = top.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git cannot read {claims_dir}: {lines[0] if lines else 'unknown error'}")
    if top.returncode != 0:
        raise GitError(
            f"{claims_dir} is not in a git repository; run `git init` and commit the "
            "claims to keep their history"
        )
    root = Path(os.fsdecode(top.stdout.strip()))
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    log = _git(
        [
            "log",
            "--follow",
            "--no-color",
            "--name-only",
            f"--format={_RECORD_SEP}%H{_FIELD_SEP}%an{_FIELD_SEP}%ae{_FIELD_SEP}%aI{_FIELD_SEP}%s",
            "-z",
            "--",
            rel,
        ],
        root,
    )
    no_commits = f"{path} has no commits yet; `git add` and `git commit` it first"
    if log.returncode != 0 and b"does not have any commits yet" in log.stderr:
        raise GitError(no_commits)
    if log.returncode != 0:
        message = log.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"exit status {log.returncode}"
        raise GitError(f"git log failed: {detail}")
    versions = [_version(record, root) for record in _records(log.stdout)]
    if not versions:
        raise GitError(no_commits)
    versions.reverse()  # git lists the newest first
    for version in versions:
        version.published = _published_at(version, root)
    previous: dict[str, Any] | None = None
    previous_path = None
    for version in versions:
        _diff(previous, version.data, version)
        if previous_path is not None and version.path != previous_path:
            version.changes.insert(0, f"renamed from {previous_path}")
        previous_path = version.path
        if version.data is not None:
            previous = version.data
    status = _git(["status", "--porcelain", "-z", "--", rel], root)
    uncommitted = status.returncode == 0 and bool(status.stdout.strip(b"\0"))
    return History(claim_id, str(path), versions, uncommitted)


def _published_at(version: Version, root: Path) -> bool:
    """Whether the claim's article.yaml said ``review.state: published`` in that commit."""
    if not version.path:
        return False
    article = (PurePosixPath(version.path).parent / ARTICLE_FILE).as_posix()
    shown = _git(["show", f"{version.commit}:{article}"], root)
    if shown.returncode != 0:
        return False
    parsed = parse_bytes(shown.stdout, article)
    review = parsed.data.get("review") if parsed.ok and isinstance(parsed.data, dict) else None
    return isinstance(review, dict) and review.get("state") == "published"


def _records(output: bytes) -> list[tuple[list[str], str]]:
    out = []
    for chunk in output.decode("utf-8", "replace").split(_RECORD_SEP):
        if not chunk.strip("\0\n"):
            continue
        header, _, rest = chunk.partition("\0")
        names = [n for n in rest.strip("\0\n").split("\0") if n.strip("\n")]
        out.append((header.strip("\n").split(_FIELD_SEP), names[-1].strip("\n") if names else ""))
    return out


def _version(record: tuple[list[str], str], root: Path) -> Version:
    fields, name = record
    commit, author, email, date, subject = (fields + [""] * 5)[:5]
    data: dict[str, Any] | None = None
    shown = _git(["show", f"{commit}:{name}"], root) if name else None
    if shown is not None and shown.returncode == 0:
        parsed = parse_bytes(shown.stdout, name)
        if parsed.ok and isinstance(parsed.data, dict):
            data = parsed.data
    return Version(commit, author, email, date, subject, name, data)
