"""A cache of per-file validation results, so that an unchanged collection is not re-parsed.

What is stored, for each claim file: its findings, and for a clean file the parsed
record (positions are found again in the file when a finding needs them; see
:mod:`fcheck.positions`). Cross-file rules (duplicate ids, quotes
against the article text) are never cached: they are re-run on every load from these
per-file results, so a change to one file or to an article text is always seen.

Where: ``$FCHECK_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/fcheck``, else the
platform's cache folder (see :func:`cache_home`), one folder per claims directory.
Never inside the repository: nothing to ignore in git, and a cache can never arrive
with a pull request.

When an entry is used: its key is fcheck's version, the cache format, PyYAML's
version, the claims directory and the rating vocabulary (one folder of shards per
key), then per file the file's size, modification time, status-change time (ctime,
which an in-place edit changes even when the modification time is set back) and
inode. When those differ the file's content hash (BLAKE2b) decides, so a ``git
checkout`` that only touches files costs a read, not a parse. Files modified within
the last two seconds are stored without their stat key (as git does with "racily
clean" files), so an edit that keeps the size within the filesystem's timestamp
resolution is still noticed.

Integrity: a cache must never change a result. Every shard carries a keyed BLAKE2b
MAC of its entries, bound to fcheck's code and version (the collection token) and
keyed with a random secret kept in the cache folder (``secret.key``, readable by its
owner only); a shard whose MAC does not match (a flipped bit, a truncated write, an
entry made by hand) is discarded whole, as if it were not there. Entries also carry
the content hash of the file they describe. The cache is JSON (never pickle); every
entry's structure is checked again before use and anything unexpected is a miss;
shards are written atomically and concurrent runs can only lose each other's
updates, never corrupt a shard. A cache is as trustworthy as its folder: never
restore one written by a job you do not trust.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
import os
import re
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fcheck.checks.cross_file import CROSS_FILE_FIELDS
from fcheck.config import Config
from fcheck.findings import Finding, Severity
from fcheck.model import Claim, Field
from fcheck.rules import RULES
from fcheck.validate import FileResult, Records, is_clean
from fcheck.version import __version__

CACHE_FORMAT = 4
SHARDS = 64
_RACY_NS = 2_000_000_000
_SEVERITIES = {s.value: s for s in Severity}
StatKey = tuple[int, int, int, int]
KEY_FILE = "secret.key"


def cache_home() -> Path:
    """Where fcheck keeps its caches: ``$FCHECK_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/fcheck`` (on every system, if set), else the platform's cache
    folder (``platformdirs``: ``~/.cache/fcheck`` on Linux, ``~/Library/Caches/fcheck``
    on macOS, ``%LOCALAPPDATA%\\fcheck\\Cache`` on Windows)."""
    own = os.environ.get("FCHECK_CACHE_DIR")
    if own:
        return Path(own)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "fcheck"
    import platformdirs  # only when the cache is used: it costs start-up time

    return Path(platformdirs.user_cache_dir("fcheck", appauthor=False))


def content_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def stat_key(path: str | Path) -> StatKey | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Size and mtime of fcheck's own modules: an edited checkout (an editable install,
    where the version number does not change) must not reuse results of older code."""
    package = Path(__file__).parent
    stats = []
    for path in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):
            st = path.stat()
            stats.append(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.blake2b("\n".join(stats).encode(), digest_size=16).hexdigest()


def collection_token(root: Path, config: Config) -> str:
    import yaml

    from fcheck.loader import uses_libyaml

    parts = [
        CACHE_FORMAT,
        __version__,
        code_fingerprint(),
        yaml.__version__,
        uses_libyaml(),
        os.fspath(root),
        os.fspath(root.resolve()),
        list(config.rating_names),
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def open_cache(root: Path, config: Config) -> ResultCache:
    token = collection_token(root, config)
    return ResultCache(cache_home() / token[:32], token, _owner(root))


MARKER = "collection.json"
_FOLDER_RE = re.compile(r"[0-9a-f]{32}")


def _owner(root: Path) -> str:
    try:
        return os.fspath(root.resolve())
    except (OSError, RuntimeError):
        return os.fspath(root.absolute())


def _prune_superseded(folder: Path, owner: str) -> None:
    """Remove the cache folders of the same claims directory left by another fcheck
    version, code or configuration: each new version would otherwise leave one behind.

    Only folders named like fcheck's own (32 hex digits) whose marker names this
    claims directory are removed; anything else under the cache home is left alone.
    """
    import shutil

    try:
        siblings = list(os.scandir(folder.parent))
    except OSError:
        return
    for entry in siblings:
        if entry.name == folder.name or not _FOLDER_RE.fullmatch(entry.name):
            continue
        try:
            if not entry.is_dir(follow_symlinks=False):
                continue
            with open(os.path.join(entry.path, MARKER), "rb") as handle:
                marker = json.loads(handle.read(4096))
        except (OSError, ValueError):
            continue
        if isinstance(marker, dict) and marker.get("root") == owner:
            shutil.rmtree(entry.path, ignore_errors=True)


def _valid_entry(entry: Any) -> bool:
    """Only entries of exactly the expected shape are used; anything else is a miss."""
    if not isinstance(entry, dict) or not isinstance(entry.get("h"), str):
        return False
    # The stat key "k" needs no check: it is only compared with the file's own, and
    # anything else falls back to comparing content hashes.
    findings = entry.get("f")
    if findings == []:
        pass
    elif not isinstance(findings, list):
        return False
    for f in findings:
        if not (
            isinstance(f, list)
            and len(f) == 5
            and (f[0] is None or type(f[0]) is int)
            and (f[1] is None or type(f[1]) is int)
            and f[2] in RULES
            and f[3] in _SEVERITIES
            and isinstance(f[4], str)
        ):
            return False
    summary = entry.get("s")
    if findings:
        return summary is None
    # JSON object keys are always strings; the cross-file fields of a clean claim are
    # all strings too.
    return (
        isinstance(summary, dict)
        and isinstance(summary.get("id"), str)
        and isinstance(summary.get("quote"), str)
        and all(type(value) is str for value in summary.values())
    )


def _clean_record(record: Any, summary: dict[str, Any], spec: Field) -> bool:
    """A cached record is used only if it is what a clean claim file gives (the
    validator's own fast check) and agrees with the summary cross-file rules used."""
    return (
        isinstance(record, dict)
        and is_clean(record, spec)
        and {k: record[k] for k in CROSS_FILE_FIELDS if k in record} == summary
    )


class ResultCache:
    """The per-file results of one claims directory, in ``SHARDS`` pairs of JSON files.

    ``NN.json`` holds each file's stat key, hash, findings and the few
    fields cross-file rules read (``fcheck.checks.cross_file.CROSS_FILE_FIELDS``); ``NN.data.json``
    holds the whole records, read only when a command needs them (``list``, ``report``),
    so that ``validate`` decodes a third as much.
    """

    def __init__(self, folder: Path, token: str, owner: str = "") -> None:
        self.folder = folder
        self.token = token
        self.owner = owner  # the claims directory, resolved
        self._shards: dict[int, dict[str, Any]] = {}
        self._data: dict[int, dict[str, Any]] = {}
        self._seen: dict[int, set[str]] = {}
        self._dirty: set[int] = set()
        self._dirty_data: set[int] = set()

    def _shard(self, shown: str) -> tuple[int, dict[str, Any]]:
        number = _shard_number(shown)
        entries = self._shards.get(number)
        if entries is None:
            # (again, after _release, when a changed file is stored: what was seen
            # before still counts, so that save() drops only entries of removed files)
            entries = self._shards[number] = self._read(self._path(number))
        self._seen.setdefault(number, set()).add(shown)
        return number, entries

    def lookup_many(
        self, tasks: Sequence[tuple[str, str]], spec: Field, records: Records = Records.WHOLE
    ) -> list[FileResult | None]:
        """:meth:`lookup` for every task, one shard after another.

        A shard that needs no writing is let go as soon as its files are looked up,
        so that at no time are all shards in memory beside the records: a listing of
        a large collection takes no more memory than the records themselves.
        """
        results: list[FileResult | None] = [None] * len(tasks)
        by_shard: dict[int, list[int]] = {}
        for index, (path, _slug) in enumerate(tasks):
            by_shard.setdefault(_shard_number(os.fspath(path)), []).append(index)
        for number, indexes in by_shard.items():
            for index in indexes:
                path, slug = tasks[index]
                results[index] = self.lookup(path, slug, spec, records)
            self._release(number)
        return results

    def _release(self, number: int) -> None:
        entries = self._shards.get(number)
        if entries is None or number in self._dirty or number in self._dirty_data:
            return
        if entries.keys() - self._seen.get(number, set()):
            return  # entries of removed files: save() rewrites the shard without them
        del self._shards[number]
        self._data.pop(number, None)

    def _data_shard(self, number: int) -> dict[str, Any]:
        entries = self._data.get(number)
        if entries is None:
            entries = self._data[number] = self._read(self._path(number, ".data"))
        return entries

    def _path(self, number: int, kind: str = "") -> Path:
        return self.folder / f"{number:02d}{kind}.json"

    def _read(self, path: Path) -> dict[str, Any]:
        return _read_entries(path, self.token)

    def lookup(
        self, path: str | Path, slug: str, spec: Field, records: Records = Records.WHOLE
    ) -> FileResult | None:
        """The cached result for ``path`` if the file has not changed, else None.

        With ``Records.SUMMARY`` a clean claim's data holds only the cross-file fields.
        ``spec`` is the claim spec a cached record must pass.
        """
        shown = os.fspath(path)
        number, entries = self._shard(shown)
        entry: Any = entries.get(shown)
        if not _valid_entry(entry):
            return None
        key = stat_key(shown)
        if key is None:
            return None
        if entry["k"] != list(key):
            if not self._same_content(shown, key, entry["h"]):
                return None
            entry["k"] = None if _racy(key) else list(key)
            self._dirty.add(number)
        if entry["f"]:
            return FileResult(
                [Finding(shown, f[0], f[1], f[2], _SEVERITIES[f[3]], f[4]) for f in entry["f"]],
                None,
            )
        data = entry["s"]
        # a clean claim's id is its file name
        if data["id"] != os.path.splitext(os.path.basename(shown))[0]:
            return None
        if records is Records.WHOLE:
            # Written by another run in between? Then the hashes differ: a miss.
            record: Any = self._data_shard(number).get(shown)
            if not (
                isinstance(record, dict)
                and record.get("h") == entry["h"]
                and _clean_record(record.get("d"), data, spec)
            ):
                return None
            data = record["d"]
            # The summary holds copies of the record's longest texts (claim, quote):
            # pointing it at the record's own strings frees them, a fifth of the
            # memory a listing needs.
            entry["s"] = {k: data[k] for k in entry["s"]}
            record["h"] = entry["h"]
        # one shared empty tuple, not a list per file
        return FileResult((), Claim(data, slug, shown))

    def _same_content(self, shown: str, key: StatKey, digest: str) -> bool:
        from fcheck.loader import MAX_YAML_BYTES, claims_root, read_file

        if key[0] > MAX_YAML_BYTES:
            return False
        raw = read_file(shown, shown, MAX_YAML_BYTES, root=claims_root(shown), text=False).raw
        return raw is not None and content_hash(raw) == digest

    def store(
        self,
        path: str | Path,
        findings: Sequence[Finding],
        claim: Claim | None,
        digest: str,
        key: StatKey | None,
    ) -> None:
        shown = os.fspath(path)
        number, entries = self._shard(shown)
        summary = None
        if claim is not None:
            summary = {k: claim.data[k] for k in CROSS_FILE_FIELDS if k in claim.data}
            self._data_shard(number)[shown] = {"h": digest, "d": claim.data}
            self._dirty_data.add(number)
        entries[shown] = {
            "k": None if key is None or _racy(key) else list(key),
            "h": digest,
            "f": [[f.line, f.column, f.rule, f.severity.value, f.message] for f in findings],
            "s": summary,
        }
        self._dirty.add(number)

    def save(self) -> None:
        """Write the changed shards; a cache that cannot be written is simply not kept."""
        from fcheck.atomic import WriteError, write_atomic

        for number, entries in self._shards.items():
            stale = entries.keys() - self._seen.get(number, set())
            for shown in stale:
                del entries[shown]
            if stale:
                self._dirty.add(number)
                data = self._data_shard(number)
                for shown in stale & data.keys():
                    del data[shown]
                self._dirty_data.add(number)
        if not self._dirty and not self._dirty_data:
            return
        new = not self.folder.exists()
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            return
        if new and self.owner:
            # A new folder for a claims directory means a new fcheck version, code or
            # configuration: the folders the old ones used are of no more use.
            with contextlib.suppress(WriteError, OSError, ValueError):
                marker = json.dumps({"root": self.owner}, ensure_ascii=False)
                write_atomic(self.folder / MARKER, marker, overwrite=True)
            _prune_superseded(self.folder, self.owner)
        # Data first: a summary is never on disk before the record it describes.
        writes = [(n, ".data", self._data[n]) for n in sorted(self._dirty_data)]
        writes += [(n, "", self._shards[n]) for n in sorted(self._dirty)]
        for number, kind, entries in writes:
            if not _write_entries(self._path(number, kind), self.token, entries):
                return
        self._dirty.clear()
        self._dirty_data.clear()


_ENTRIES = b',"entries":'


def _header(token: str, mac: str) -> bytes:
    return json.dumps(
        {"format": CACHE_FORMAT, "token": token, "mac": mac}, separators=(",", ":")
    ).encode()[:-1]


def _mac(token: str, payload: bytes, key: bytes) -> str:
    """The MAC of a file's entries (their exact bytes), bound to fcheck's code (the
    token) and keyed with this cache's secret."""
    digest = hmac.new(key, token.encode() + b"\0" + payload, hashlib.blake2b)
    return digest.hexdigest()[:64]


def _read_entries(path: Path, token: str) -> dict[str, Any]:
    """The entries of one cache file; missing, corrupt, forged or foreign: none (start
    afresh).

    The file is one JSON object, ``{"format", "token", "mac", "entries"}`` in that
    order, so that the MAC can be checked on the bytes of ``entries`` as written
    before anything is decoded.
    """
    key = _secret()
    if key is None:  # nothing this cache folder holds was written by fcheck
        return {}
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    start = raw.find(_ENTRIES)
    if start < 0 or not raw.endswith(b"}"):
        return {}
    payload = raw[start + len(_ENTRIES) : -1]
    try:
        header = json.loads(raw[:start] + b"}")
    except ValueError:
        return {}
    if (
        not isinstance(header, dict)
        or header.get("format") != CACHE_FORMAT
        or header.get("token") != token
        or not isinstance(header.get("mac"), str)
        or raw[:start] != _header(token, header["mac"])
        or not hmac.compare_digest(header["mac"], _mac(token, payload, key))
    ):
        return {}
    try:
        entries = json.loads(payload)
    except ValueError:  # pragma: no cover - a MAC that matches garbage
        return {}
    return entries if isinstance(entries, dict) else {}


def _write_entries(path: Path, token: str, entries: dict[str, Any]) -> bool:
    """Write one cache file atomically; False if it could not be written."""
    from fcheck.atomic import WriteError, write_atomic

    try:
        payload = json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode()
        key = _secret(create=True)
        assert key is not None
        content = _header(token, _mac(token, payload, key)) + _ENTRIES + payload + b"}"
        write_atomic(path, content, overwrite=True)
    except (WriteError, OSError, ValueError, UnicodeError):
        return False
    return True


_SECRETS: dict[str, bytes] = {}


def _secret(create: bool = False) -> bytes | None:
    """The random key of this cache folder, or None if there is none yet; with
    ``create``, one is made (readable by its owner only) if it is missing or damaged.
    If it cannot be kept, a key for this run alone: nothing written with it will be
    trusted by a later run, so the cache is merely not reused."""
    from fcheck.atomic import WriteError, write_atomic

    home = os.fspath(cache_home())
    known = _SECRETS.get(home)
    if known is not None:
        return known
    path = os.path.join(home, KEY_FILE)
    try:
        with open(path, "rb") as handle:
            key = handle.read(65)
        if len(key) == 32:
            _SECRETS[home] = key
            return key
    except OSError:
        pass
    if not create:
        return None
    key = os.urandom(32)
    try:
        os.makedirs(home, mode=0o700, exist_ok=True)
        write_atomic(Path(path), key, overwrite=os.path.exists(path))
        os.chmod(path, 0o600)
    except (WriteError, OSError):
        with contextlib.suppress(OSError):  # another run made one meanwhile?
            with open(path, "rb") as handle:
                theirs = handle.read(65)
            if len(theirs) == 32:
                key = theirs
    _SECRETS[home] = key
    return key


def _shard_number(shown: str) -> int:
    return zlib.crc32(shown.encode("utf-8", "surrogateescape")) % SHARDS


def _racy(key: StatKey) -> bool:
    return time.time_ns() - key[1] < _RACY_NS


class Memo:
    """Results of a cross-file rule for unchanged groups of claims, in one JSON file
    beside the shards (``near-duplicates.json``). What is remembered is keyed by a hash
    of everything the rule reads, so a stale entry can only be unused, never wrong;
    anything malformed is ignored, and a memo that cannot be written is not kept.
    """

    def __init__(self, path: Path, token: str) -> None:
        self.path = path
        self.token = token
        self.entries = _read_entries(path, token)
        # the rule replaces entries rather than changing them, so a shallow copy tells
        # whether anything needs writing
        self._before = dict(self.entries)

    def save(self) -> None:
        if self.entries == self._before:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            return
        _write_entries(self.path, self.token, self.entries)


def open_memo(root: Path, config: Config, name: str) -> Memo:
    token = collection_token(root, config)
    return Memo(cache_home() / token[:32] / f"{name}.json", token)
