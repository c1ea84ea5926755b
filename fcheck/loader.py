"""Reading claim files safely: bytes to plain Python data with positions and findings.

Everything that can go wrong with a file (unreadable, too large, not UTF-8, broken or
hostile YAML) becomes a :class:`~fcheck.findings.Finding`; nothing here raises for bad
input and nothing ever constructs arbitrary Python objects.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from fcheck import rules
from fcheck.findings import Finding, PathKey, Position

# The C parser (libyaml) is several times faster than PyYAML's pure-Python one, but
# the two disagree on some inputs (tabs, directives, flow-context oddities: 26 of the
# 402 inputs of the YAML test suite). A file's verdict must not depend on how PyYAML
# was built, so: tabs in indentation and directives are refused before parsing
# (:func:`_prescan`), and a file holding any construct on which the two parsers may
# disagree (:data:`_DIVERGENT`) is parsed by the pure-Python parser, with or without
# libyaml. FCHECK_PURE_YAML=1 makes fcheck use the pure-Python parser for every file,
# as on a PyYAML built without libyaml (the test suite runs both ways).
PURE_YAML = os.environ.get("FCHECK_PURE_YAML", "") not in ("", "0")
_Pure: type = yaml.SafeLoader
_Loader: type = _Pure if PURE_YAML else getattr(yaml, "CSafeLoader", _Pure)
_C_PARSER = _Loader is not _Pure  # libyaml reads a file's bytes (see parse_yaml)


def uses_libyaml() -> bool:
    """Whether most files are parsed by libyaml (part of the cache key)."""
    return _Loader is not _Pure


MAX_YAML_BYTES = 1024 * 1024
MAX_TEXT_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 32
# A 1 MiB file can hold 300,000 tiny values, which take seconds to build and check
# and would each be a finding; no claim record needs more than a few hundred.
MAX_VALUES = 20_000
# libyaml's composer recurses in C and crashes the interpreter somewhere past ten
# thousand levels, so files that *could* nest that deep are checked with the
# event parser (flat, no recursion) before they are composed.
_COMPOSE_SAFE_INDICATORS = 2000

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NUMBER_TAGS = {f"{_TAG}int", f"{_TAG}float"}
MAX_NUMBER_CHARS = 100
_MAP_TAG = f"{_TAG}map"
_SEQ_TAG = f"{_TAG}seq"
_STR_TAG = f"{_TAG}str"
_ScalarNode = yaml.ScalarNode
_SequenceNode = yaml.SequenceNode
_MappingNode = yaml.MappingNode
_NULL_TAG = f"{_TAG}null"
_TIMESTAMP_TAG = f"{_TAG}timestamp"
_constructor = yaml.constructor.SafeConstructor()
_DEFAULT_TAGS = {
    yaml.ScalarNode: _STR_TAG,
    yaml.SequenceNode: _SEQ_TAG,
    yaml.MappingNode: f"{_TAG}map",
}


def _resolve(self: Any, kind: Any, value: Any, implicit: Any) -> str:
    """A leaner tag resolver (it runs for every scalar).

    Same result as PyYAML's ``BaseResolver.resolve`` for loaders without path
    resolvers, which the safe loaders never have; quoted scalars skip the regexes.
    """
    if kind is _ScalarNode and implicit[0]:
        resolvers = self.yaml_implicit_resolvers
        for tag, regexp in resolvers.get(value[:1], ()):
            if regexp.match(value):
                return str(tag)
        for tag, regexp in resolvers.get(None, ()):
            if regexp.match(value):
                return str(tag)
    return _DEFAULT_TAGS[kind]


# PyYAML's composer tells the resolver as it enters and leaves every node, for path
# resolvers; the safe loaders have none, so both calls do nothing. Two Python calls per
# node are a few percent of parsing a claim file: C callables that take the same
# arguments and do nothing stand in (tests/test_loader_equivalence.py compares the
# node trees with PyYAML's).
_NO_PATHS: dict[Any, Any] = {}


class _Reader(_Loader):  # type: ignore[misc]
    """The loader for most files (libyaml's, where available)."""

    resolve = _resolve
    descend_resolver = staticmethod(_NO_PATHS.get)  # (parent, index) -> None
    ascend_resolver = staticmethod(().__len__)  # () -> 0


class _PureReader(_Pure):  # type: ignore[misc]
    """The pure-Python loader, for files on which the parsers may disagree."""

    resolve = _resolve


# Constructs on which libyaml and the pure-Python parser can disagree: any tab, a
# directive, a comment right after a block scalar indicator (`>#`), a tag, a flow
# mapping, or a `?` inside a one-line flow collection. Ordinary claim files hold none
# of them and keep libyaml's speed.
# (No part may scan far from where it starts: 100,000 nested brackets must stay linear.)
_DIVERGENT = re.compile(r"\t|^%|[|>][-+0-9]*#|(?:^|[\s\[{,])!|\{|\[[^\[\]{}\n]*\?", re.M)
# The alternatives of _DIVERGENT one by one, each tried only when the character it
# needs is in the text: the same answer at a tenth of the cost on usual files.
_TAG_MARK = re.compile(r"(?:^|[\s\[{,])!", re.M)
_COMMENTED_BLOCK = re.compile(r"[|>][-+0-9]*#")
_FLOW_QUESTION = re.compile(r"\[[^\[\]{}\n]*\?")


def _divergent(text: str) -> bool:
    """Whether ``text`` has a construct libyaml and the pure parser read differently
    (what :data:`_DIVERGENT` matches)."""
    return (
        "\t" in text
        or "{" in text
        or text.startswith("%")
        or "\n%" in text
        or ("!" in text and _TAG_MARK.search(text) is not None)
        or ("#" in text and _COMMENTED_BLOCK.search(text) is not None)
        or ("?" in text and _FLOW_QUESTION.search(text) is not None)
    )


_LEADING_TAB = re.compile(r"^ *\t", re.M)


def _prescan(text: str, shown: str) -> Finding | None:
    """What fcheck refuses before parsing, whichever parser would read the file: a tab
    among a line's leading blanks (libyaml and the pure parser read such lines
    differently) and YAML directives (which no claim file needs)."""
    if "\t" in text:
        match = _LEADING_TAB.search(text)
        if match is not None:
            return finding(
                shown,
                _offset_pos(text, match.end() - 1),
                rules.YAML_SYNTAX,
                "a tab at the start of a line (YAML parsers read it differently); "
                "indent with spaces, not tabs",
            )
    if text.startswith("%") or "\n%" in text:
        offset = 0 if text.startswith("%") else text.index("\n%") + 1
        return finding(
            shown,
            _offset_pos(text, offset),
            rules.YAML_SYNTAX,
            "a YAML directive (a line starting with %) is not used in claim files; remove the line",
        )
    return None


@dataclass
class Parsed:
    """The result of parsing one YAML file.

    ``positions`` (of every value) and ``key_positions`` (of every mapping key) are
    worked out from the parsed node tree on first use: most files are valid and never
    need them, and recording some thirty positions per file costs as much as building
    the data.
    """

    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    node: Any = field(default=None, repr=False)
    shown: str = ""
    _positions: dict[PathKey, Position] | None = field(default=None, repr=False)
    _key_positions: dict[PathKey, Position] | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def positions(self) -> dict[PathKey, Position]:
        if self._positions is None:
            self._locate()
        assert self._positions is not None
        return self._positions

    @property
    def key_positions(self) -> dict[PathKey, Position]:
        if self._key_positions is None:
            self._locate()
        assert self._key_positions is not None
        return self._key_positions

    def _locate(self) -> None:
        self._positions, self._key_positions = {}, {}
        if self.node is not None:
            # the findings of this walk were already reported by the first build
            _build(self.node, (), 0, self, self.shown, [])


def finding(path: str, pos: Position | None, rule: str, message: str) -> Finding:
    line, column = pos if pos is not None else (None, None)
    return Finding(path, line, column, rule, rules.RULES[rule].severity, message)


class Read(NamedTuple):
    """What :func:`read_file` gives: the bytes and their text, or the finding that
    says why the file was not read (then both are None)."""

    raw: bytes | None
    text: str | None
    problem: Finding | None


_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file; rename or remove it"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a regular file; remove it"),
    (stat.S_ISSOCK, "is a socket, not a regular file; remove it"),
    (stat.S_ISCHR, "is a device, not a regular file; remove it"),
    (stat.S_ISBLK, "is a device, not a regular file; remove it"),
)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows: there, no shortcut
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer
    | _O_NOFOLLOW
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1 << 20


def _realpath(folder: str) -> str | None:
    try:
        return os.path.realpath(folder or ".", strict=True)
    except (OSError, RuntimeError, ValueError):
        return None


class Confined:
    """The containment check of one run over many files: each folder resolved once.

    :func:`read_file` resolves every link in every component of a path, which costs
    one ``lstat`` per component per file. Files of a collection share a few folders,
    so within one run (one :func:`fcheck.collection.load_collection`, one worker's
    chunk) a :class:`Confined` resolves each folder and root once, and the file itself
    is opened without following a link (``O_NOFOLLOW``): a link, or anything else that
    cannot be opened so, takes the full path through :func:`os.path.realpath`. That is
    no system call a file beyond those that read it. The answer is the same as without
    it (tests/test_reading.py compares both on every kind of entry). It is scoped to
    one run, never kept across runs: a relative root means another folder after a
    ``chdir``, and a folder may be relinked between runs.
    """

    def __init__(self, listed: bool = False) -> None:
        # ``listed``: every path comes from a listing that left out all but regular
        # files and links (fcheck.collection.claim_files_in), so the type need not be
        # checked before opening; otherwise an ``lstat`` does, so that nothing else is
        # ever opened.
        self.listed = listed
        self._real: dict[str, str | None] = {}

    def real_folder(self, folder: str) -> str | None:
        """``folder`` with every link resolved (None: it cannot be). A folder whose
        parent is known costs one ``lstat``, not one per component."""
        try:
            return self._real[folder]
        except KeyError:
            pass
        parent, name = os.path.split(folder)
        real: str | None = None
        if parent and name not in ("", ".", "..") and parent != folder:
            base = self.real_folder(parent)
            if base is not None:
                try:
                    mode = os.lstat(os.path.join(base, name)).st_mode
                except (OSError, ValueError):
                    mode = None
                if mode is not None and stat.S_ISDIR(mode):
                    real = os.path.join(base, name)
                elif mode is not None and stat.S_ISLNK(mode):
                    real = _realpath(folder)
        else:
            real = _realpath(folder)
        self._real[folder] = real
        return real

    def quick(self, path: str | os.PathLike[str], root: str | os.PathLike[str]) -> str | None:
        """The resolved path of ``path`` if its folder lies inside ``root``, without a
        system call once the folder is known; None where :func:`_inside` must decide.
        The entry itself may still be a link: :func:`read_file` opens it without
        following one (``O_NOFOLLOW``), and takes the full path when that fails."""
        folder, name = os.path.split(os.fspath(path))
        if name in ("", ".", ".."):
            return None
        real_folder = self.real_folder(folder)
        base = self.real_folder(os.fspath(root))
        if real_folder is None or base is None:
            return None
        real = os.path.join(real_folder, name)
        return real if _within(real, base) else None


def read_file(
    path: str | os.PathLike[str],
    shown: str,
    limit: int,
    *,
    root: str | os.PathLike[str] | None,
    text: bool = True,
    confined: Confined | None = None,
) -> Read:
    """The one way fcheck reads a file from a collection.

    - Containment: the path, with every symlink in every component followed, must lie
      inside ``root`` (the claims directory), or the file is not opened at all
      (``symlink-outside``). ``root`` None is only for files already found inside it.
    - Only regular files are opened: a folder, FIFO, socket or device is a finding,
      never waited on or read. (With a ``listed`` :class:`Confined`, the listing has
      left such entries out; one put in a file's place since is opened without
      waiting, ``O_NONBLOCK``, and refused.)
    - At most ``limit`` bytes: the size is checked before reading and again while
      reading (a file that grows, or lies about its size, is not read beyond it).
    - With ``text``, the bytes are decoded as UTF-8 (a byte-order mark is accepted).

    Nothing raises for a bad file: every problem is the ``problem`` of the result.
    ``confined`` (one per run) only saves time: see :class:`Confined`.
    """
    if confined is not None and root is not None and _O_NOFOLLOW:
        real_path = confined.quick(path, root)
        if real_path is not None and not confined.listed and not _regular(real_path):
            real_path = None  # a link, a FIFO, nothing...: the full path below says which
        if real_path is not None:
            try:
                fd = os.open(real_path, _OPEN_FLAGS)
            except OSError:
                pass  # a link, a missing file, a socket...: the full path below says which
            else:
                return _read_open(fd, shown, limit, text)
    real, problem = _inside(path, shown, root)
    if problem is not None:
        return Read(None, None, problem)
    try:
        kind = kind_problem(os.stat(real).st_mode, shown)
        if kind is not None:
            return Read(None, None, kind)
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as exc:
        return Read(None, None, _unreadable(exc, shown))
    return _read_open(fd, shown, limit, text)


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


def _read_open(fd: int, shown: str, limit: int, text: bool) -> Read:
    """The rest of :func:`read_file` once ``fd`` is open (it is closed here): only a
    regular file is read, and at most ``limit`` bytes of it."""
    try:
        try:
            info = os.fstat(fd)
            kind = kind_problem(info.st_mode, shown)
            if kind is not None:
                return Read(None, None, kind)
            if info.st_size > limit:
                return Read(None, None, _too_large(shown, info.st_size, limit))
            raw = _read_at_most(fd, limit + 1, info.st_size)
        finally:
            os.close(fd)
    except OSError as exc:
        return Read(None, None, _unreadable(exc, shown))
    if len(raw) > limit:
        return Read(None, None, _too_large(shown, None, limit))
    if not text:
        return Read(raw, None, None)
    decoded, problem = decode(raw, shown)
    return Read(raw, decoded, problem)


def _unreadable(exc: OSError, shown: str) -> Finding:
    reason = exc.strerror or type(exc).__name__
    if getattr(exc, "errno", None) == errno.ELOOP:
        reason = "a symlink loop"
    return finding(shown, None, rules.FILE_UNREADABLE, f"cannot be read ({reason}); check the file")


def _read_at_most(fd: int, size: int, expected: int = 0) -> bytes:
    """At most ``size`` bytes of ``fd``. ``expected`` is the size ``fstat`` reported:
    when the first read returns exactly that many, the file is read (a second read
    would only find its end); a file that reports 0 (as in /proc) or grows is read on
    in chunks until its end or ``size``."""
    parts: list[bytes] = []
    left = size
    want = min(left, expected + 1) if expected > 0 else min(left, _CHUNK)
    while left > 0:
        try:
            part = os.read(fd, want)
        except BlockingIOError:  # a FIFO swapped in after the check: nothing to wait for
            break
        if not part:
            break
        parts.append(part)
        left -= len(part)
        if len(part) == expected and len(parts) == 1:
            break
        want = min(left, _CHUNK)
    return b"".join(parts)


def _too_large(shown: str, size: int | None, limit: int) -> Finding:
    what = f"file is {size:,} bytes, over" if size is not None else "file grew past"
    return finding(
        shown,
        None,
        rules.FILE_TOO_LARGE,
        f"{what} the {limit:,}-byte limit while it was read; split it or remove it"
        if size is None
        else f"{what} the {limit:,}-byte limit; split it or remove it",
    )


def kind_problem(mode: int, shown: str) -> Finding | None:
    """The finding for an entry of this ``stat`` mode, if it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, message in _KINDS:
        if test(mode):
            return finding(shown, None, rules.FILE_UNREADABLE, message)
    return finding(shown, None, rules.FILE_UNREADABLE, "is not a regular file; remove it")


def _inside(
    path: str | os.PathLike[str], shown: str, root: str | os.PathLike[str] | None
) -> tuple[str, Finding | None]:
    """The path with every link resolved, or the finding if it leaves ``root``."""
    if root is None:
        return os.fspath(path), None
    try:
        real = os.path.realpath(path, strict=True)
    except (OSError, RuntimeError) as exc:
        if isinstance(exc, FileNotFoundError) and not os.path.lexists(path):
            return "", finding(
                shown, None, rules.FILE_UNREADABLE, "does not exist (it was removed?); check it"
            )
        return "", _link_problem(exc, shown)
    if not is_inside(real, root):
        return "", finding(
            shown,
            None,
            rules.SYMLINK_OUTSIDE,
            "leads outside the claims directory through a symlink and was not read; "
            "copy the file into the collection",
        )
    return real, None


def _link_problem(exc: OSError | RuntimeError, shown: str) -> Finding:
    code = getattr(exc, "errno", None)
    if isinstance(exc, RuntimeError) or code == errno.ELOOP:
        message = "is a symlink loop; remove it"
    elif code == errno.ENOENT:
        message = "is a broken symlink; remove it"
    else:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        message = f"cannot be read ({reason}); check the file"
    return finding(shown, None, rules.FILE_UNREADABLE, message)


def is_inside(real: str, root: str | os.PathLike[str]) -> bool:
    """Whether the resolved path ``real`` is ``root`` or inside it (links followed)."""
    try:
        base = os.path.realpath(root)
    except (OSError, RuntimeError, ValueError):
        return False
    return _within(real, base)


def _within(real: str, base: str) -> bool:
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def claims_root(claim_file: str | os.PathLike[str]) -> str:
    """The claims directory of a claim file as listed (``<claims>/<article>/<name>``)."""
    return os.path.dirname(os.path.dirname(os.fspath(claim_file))) or "."


def decode(raw: bytes, shown: str) -> tuple[str | None, Finding | None]:
    """Decode UTF-8, accepting a byte-order mark; point at the first bad byte."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        start = exc.start
        line = raw.count(b"\n", 0, start) + 1
        column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        return None, finding(
            shown,
            (line, column),
            rules.FILE_ENCODING,
            f"byte 0x{raw[start]:02x} is not valid UTF-8; re-save the file as UTF-8",
        )


def _pos(mark: Any) -> Position:
    return (mark.line + 1, mark.column + 1)


def _offset_pos(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return (line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _yaml_error(exc: yaml.YAMLError, text: str, shown: str) -> Finding:
    if isinstance(exc, yaml.reader.ReaderError):
        char = exc.character
        what = f"#x{char:04x}" if isinstance(char, int) else repr(char)
        where = (
            _offset_in_yaml(_line_starts(text, _YAML_BREAK), exc.position)
            if _odd_breaks(text)  # (moved to an editor's position afterwards)
            else _offset_pos(text, exc.position)
        )
        return finding(
            shown,
            where,
            rules.YAML_SYNTAX,
            f"character {what} is not allowed in YAML ({exc.reason}); remove it",
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        if "maximum nesting depth" in (exc.problem or ""):
            # libyaml 0.2.6 stops at its own depth limit, sometimes before our event
            # scan reaches MAX_DEPTH (its scanner reads ahead of the events); it is the
            # same problem, so the same rule, at the place the pure-Python scan names,
            # so that the finding does not depend on how PyYAML was built.
            try:
                pure = _scan_events(text, shown, yaml.SafeLoader)
            except yaml.YAMLError:
                pure = None
            return pure or _too_deep(shown, _pos(mark) if mark else (1, 1))
        problem = exc.problem or exc.context or "syntax error"
        hint = "fix the YAML syntax"
        index = getattr(mark, "index", None)
        if "\t" in problem or (isinstance(index, int) and text[index : index + 1] == "\t"):
            # (a tab in indentation never gets here: see _prescan)
            hint = "replace the tab with a space"
        elif "found unexpected end of stream" in problem or "found unexpected end" in problem:
            hint = "close the quote or bracket that is still open"
        detail = problem
        if exc.context and exc.problem:
            started = exc.context_mark
            at = ""
            if started is not None and mark is not None and started.line != mark.line:
                at = f" that starts at line {started.line + 1}"
            detail += f" ({exc.context.removeprefix('while ')}{at})"
        return finding(shown, _pos(mark) if mark else None, rules.YAML_SYNTAX, f"{detail}; {hint}")
    return finding(shown, None, rules.YAML_SYNTAX, f"{exc}; fix the YAML syntax")


def _scan_events(text: str, shown: str, loader: type) -> Finding | None:
    """Look for anchors, aliases and excessive nesting without building anything."""
    depth = 0
    values = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.NodeEvent):
            values += 1
            if values > MAX_VALUES:
                return finding(
                    shown,
                    _pos(event.start_mark),
                    rules.FILE_TOO_LARGE,
                    f"the file holds more than {MAX_VALUES:,} values; split the record",
                )
        if isinstance(event, yaml.NodeEvent) and event.anchor:
            kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
            return finding(
                shown,
                _pos(event.start_mark),
                rules.YAML_ANCHOR,
                f"YAML {kind} '{event.anchor}' is not allowed; write the value out in full",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return _too_deep(shown, _pos(event.start_mark))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _too_deep(shown: str, pos: Position) -> Finding:
    return finding(
        shown,
        pos,
        rules.YAML_NESTING,
        f"values are nested more than {MAX_DEPTH} levels deep; flatten the record",
    )


def _needs_scan(text: str) -> bool:
    if "&" in text or "*" in text:
        return True
    if len(text) <= _COMPOSE_SAFE_INDICATORS:  # (no more indicators than characters)
        return False
    bound = sum(text.count(c) for c in "[{-:?,")
    return bound > _COMPOSE_SAFE_INDICATORS


def parse_yaml(text: str, shown: str, raw: bytes | None = None) -> Parsed:
    """Parse one YAML document into plain data, recording the position of every value.

    ``raw``, if given, is ``text`` encoded as UTF-8 (the file's bytes without a
    byte-order mark): libyaml then reads it as it is instead of encoding ``text`` again.
    """
    problem = _prescan(text, shown)
    if problem is not None:
        return Parsed(findings=[problem])
    result = _parse(text, shown, raw)
    if _odd_breaks(text):
        _relocate(result, text)
    return result


# YAML reads NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks; editors (and
# fcheck's positions) do not, so every position after one would be a line off.
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")


def _odd_breaks(text: str) -> bool:
    """Whether :data:`_ODD_BREAKS` occurs in ``text`` (a hundred times faster than the
    pattern: ``in`` needs no scan for a character wider than any in the text)."""
    return "\x85" in text or "\u2028" in text or "\u2029" in text


_YAML_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_EDITOR_BREAK = re.compile("\r\n|[\n\r]")


def _line_starts(text: str, breaks: re.Pattern[str]) -> list[int]:
    return [0, *(m.end() for m in breaks.finditer(text))]


def _relocate(result: Parsed, text: str) -> None:
    """Turn the parser's positions (lines broken at NEL, U+2028, U+2029 too) into an
    editor's, and name the character in a syntax error it probably caused."""
    import bisect
    import unicodedata

    yaml_starts = _line_starts(text, _YAML_BREAK)
    editor_starts = _line_starts(text, _EDITOR_BREAK)

    def move(pos: Position | None) -> Position | None:
        if pos is None or pos[0] - 1 >= len(yaml_starts):
            return pos
        offset = min(yaml_starts[pos[0] - 1] + pos[1] - 1, len(text))
        line = bisect.bisect_right(editor_starts, offset) - 1
        return (line + 1, offset - editor_starts[line] + 1)

    odd = _ODD_BREAKS.search(text)
    assert odd is not None
    char = odd.group()
    where = move(_offset_in_yaml(yaml_starts, odd.start()))
    name = unicodedata.name(char, "NEXT LINE")
    note = (
        f" (line {where[0] if where else '?'} holds U+{ord(char):04X} {name}, which YAML "
        f"reads as a line break: remove it, or write it as \\u{ord(char):04x} in a "
        "double-quoted value)"
    )

    def moved_line(match: re.Match[str]) -> str:
        line = move((int(match.group(1)), 1))
        return f"starts at line {line[0] if line else match.group(1)}"

    moved = []
    for f in result.findings:
        pos = move((f.line, f.column or 1)) if f.line is not None else None
        line, column = (pos[0], pos[1] if f.column is not None else None) if pos else (None, None)
        message = f.message
        if f.rule == rules.YAML_SYNTAX:
            message = re.sub(r"starts at line (\d+)", moved_line, message)
            head, sep, tail = message.rpartition("; ")
            message = f"{head}{note}{sep}{tail}" if sep else message + note
        moved.append(Finding(f.path, line, column, f.rule, f.severity, message))
    result.findings[:] = moved
    positions, key_positions = result.positions, result.key_positions
    result._positions = {k: move(v) or v for k, v in positions.items()}
    result._key_positions = {k: move(v) or v for k, v in key_positions.items()}


def _offset_in_yaml(yaml_starts: list[int], offset: int) -> Position:
    import bisect

    line = bisect.bisect_right(yaml_starts, offset) - 1
    return (line + 1, offset - yaml_starts[line] + 1)


def _parse(text: str, shown: str, raw: bytes | None = None) -> Parsed:
    result = Parsed()
    reader = _PureReader if _divergent(text) else _Reader
    try:
        if _needs_scan(text):
            problem = _scan_events(text, shown, reader.__mro__[1])
            if problem is not None:
                result.findings.append(problem)
                return result
        loader = reader(raw if raw is not None and reader is _Reader and _C_PARSER else text)
        try:
            if not loader.check_node():
                result.findings.append(
                    finding(
                        shown,
                        None,
                        rules.FILE_EMPTY,
                        "the file holds no YAML record; fill it in or delete it",
                    )
                )
                return result
            node = loader.get_node()
            if loader.check_node():
                try:
                    second: Position | None = _pos(loader.get_node().start_mark)
                except yaml.YAMLError as exc:
                    mark = getattr(exc, "problem_mark", None)
                    second = _pos(mark) if mark else None
                result.findings.append(
                    finding(
                        shown,
                        second,
                        rules.YAML_MULTIPLE_DOCUMENTS,
                        "a second YAML document starts here; keep one record per file",
                    )
                )
                return result
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        result.findings.append(_yaml_error(exc, text, shown))
        return result
    except RecursionError:  # only the pure-Python parser recurses in Python
        result.findings.append(_too_deep(shown, (1, 1)))
        return result
    try:
        result.data = _plain(node, 0)
    except _Unusual:
        result._positions, result._key_positions = {}, {}
        result.data = _build(node, (), 0, result, shown, result.findings)
        return result
    result.node, result.shown = node, shown
    return result


class _Unusual(Exception):
    """Raised by :func:`_plain` for anything but plain strings, lists and mappings."""


def _plain(node: Any, depth: int) -> Any:
    """The data of a node tree of the usual kind, without positions; raises
    :class:`_Unusual` for anything :func:`_build` would report or convert."""
    cls = node.__class__
    tag = node.tag
    if cls is _ScalarNode:
        if tag in (_STR_TAG, _TIMESTAMP_TAG):
            return node.value
        if tag == _NULL_TAG:
            return None
        raise _Unusual
    if depth >= MAX_DEPTH:
        raise _Unusual
    depth += 1
    if cls is _SequenceNode and tag == _SEQ_TAG:
        return [_plain(item, depth) for item in node.value]
    if cls is not _MappingNode or tag != _MAP_TAG:
        raise _Unusual
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is not _ScalarNode or key_node.tag != _STR_TAG:
            raise _Unusual
        name = key_node.value
        if name in mapping:
            raise _Unusual  # a duplicate key: the full build says where
        mapping[name] = _plain(value_node, depth)
    return mapping


def _build(
    node: Any, key: PathKey, depth: int, out: Parsed, shown: str, findings: list[Finding]
) -> Any:
    """The data of a node tree, recording every position in ``out`` and every problem
    in ``findings``."""
    mark = node.start_mark
    pos = (mark.line + 1, mark.column + 1)
    out.positions[key] = pos
    if depth > MAX_DEPTH:
        findings.append(_too_deep(shown, pos))
        return None
    tag = node.tag
    cls = node.__class__
    if cls is _ScalarNode or isinstance(node, yaml.ScalarNode):
        if tag == _STR_TAG:
            return node.value
        if tag not in _SCALAR_TAGS:
            findings.append(_bad_tag(shown, pos, tag))
            return None
        if tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARS:
            # int() of a long digit string raises (Python's 4300-digit limit), a long
            # sexagesimal 1:2:3:... takes quadratic time, and a long float overflows.
            findings.append(
                finding(
                    shown,
                    pos,
                    rules.WRONG_TYPE,
                    f"a number {len(node.value):,} characters long is not a claim value; "
                    "put it in quotes if it is text",
                )
            )
            return None
        try:
            return _scalar(node, tag)
        except (ValueError, KeyError, IndexError, OverflowError):
            # only an explicit tag (`!!int abc`, `!!bool maybe`) gets here
            short = tag.replace(_TAG, "!!")
            findings.append(
                finding(shown, pos, rules.YAML_TAG, f"value is not a valid {short}; remove the tag")
            )
            return None
    if cls is _SequenceNode or isinstance(node, yaml.SequenceNode):
        if tag != _SEQ_TAG:
            findings.append(_bad_tag(shown, pos, tag))
            return None
        depth += 1
        return [
            _build(item, (*key, i), depth, out, shown, findings)
            for i, item in enumerate(node.value)
        ]
    if tag != _MAP_TAG:
        findings.append(_bad_tag(shown, pos, tag))
        return None
    mapping: dict[str, Any] = {}
    key_positions = out.key_positions
    depth += 1
    for key_node, value_node in node.value:
        key_mark = key_node.start_mark
        key_pos = (key_mark.line + 1, key_mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
            what = "merge key (<<)" if key_node.tag == f"{_TAG}merge" else "complex key"
            findings.append(
                finding(shown, key_pos, rules.YAML_TAG, f"{what} is not supported; use a plain key")
            )
            continue
        name = str(key_node.value)
        item_key: PathKey = (*key, name)
        if item_key in key_positions:
            first = key_positions[item_key]
            findings.append(
                finding(
                    shown,
                    key_pos,
                    rules.YAML_DUPLICATE_KEY,
                    f"key '{name}' already appears at line {first[0]}; keep one of them",
                )
            )
            continue
        key_positions[item_key] = key_pos
        mapping[name] = _build(value_node, item_key, depth, out, shown, findings)
    return mapping


def _bad_tag(shown: str, pos: Position, tag: str) -> Finding:
    short = tag.replace(_TAG, "!!")
    return finding(
        shown,
        pos,
        rules.YAML_TAG,
        f"tag '{short}' is not allowed (it is never executed); remove the tag",
    )


def _scalar(node: Any, tag: str) -> Any:
    value = node.value
    if tag.endswith(":str") or tag.endswith(":timestamp"):
        # Dates stay as written: the validator checks their form, and JSON output
        # shows exactly what the file says.
        return value
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return _constructor.construct_yaml_bool(node)
    if tag.endswith(":int"):
        return _constructor.construct_yaml_int(node)
    return _constructor.construct_yaml_float(node)


def is_ignored_name(name: str) -> bool:
    """Hidden files and editor leftovers (``.#x.yaml``, ``x.yaml~``, ``#x.yaml#``)."""
    return name.startswith((".", "#")) or name.endswith("~")


def safe_entry(entry: Path, root: Path, shown: str) -> Finding | None:
    """Refuse symlinks that leave the collection or cannot be resolved."""
    if not entry.is_symlink():
        return None
    try:
        target = entry.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        return _link_problem(exc, shown)
    try:
        target.relative_to(root.resolve())
    except ValueError:
        return finding(
            shown,
            None,
            rules.SYMLINK_OUTSIDE,
            "is a symlink to a file outside the claims directory and was not read; "
            "copy the file into the collection",
        )
    return None


def shown_path(path: Path) -> str:
    return os.fspath(path)


# The reading pipeline: every reader of claim files and article texts goes through these,
# so that containment, the file type, the size limit, the UTF-8 check and the YAML
# safety rules apply the same way. All of them read through :func:`read_file`; ``root``
# is the claims directory, by default the folder two levels above the file as listed
# (``<claims>/<article>/<file>``), which for an article text in a sub-folder is the
# article folder itself: stricter, and still where the text must be.
Root = str | os.PathLike[str] | None


def read_bytes(
    path: str | os.PathLike[str],
    shown: str,
    limit: int,
    *,
    root: Root = None,
    confined: Confined | None = None,
) -> tuple[bytes | None, Finding | None]:
    """A whole file's bytes, or the finding that says why not."""
    raw, _text, problem = read_file(
        path,
        shown,
        limit,
        root=claims_root(path) if root is None else root,
        text=False,
        confined=confined,
    )
    return raw, problem


def read_text(
    path: str | os.PathLike[str],
    shown: str,
    limit: int,
    *,
    root: Root = None,
    confined: Confined | None = None,
) -> tuple[str | None, Finding | None]:
    """A whole file read and decoded: its text, or the finding that says why not."""
    _raw, text, problem = read_file(
        path,
        shown,
        limit,
        root=claims_root(path) if root is None else root,
        confined=confined,
    )
    return text, problem


def parse_bytes(raw: bytes, shown: str) -> Parsed:
    """A YAML file's bytes decoded and parsed; what went wrong is in the findings."""
    text, problem = decode(raw, shown)
    if text is None:
        return Parsed(findings=[problem] if problem else [])
    return parse_yaml(text, shown, None if raw.startswith(codecs.BOM_UTF8) else raw)


def read_yaml(
    path: str | os.PathLike[str],
    shown: str,
    limit: int = MAX_YAML_BYTES,
    *,
    root: Root = None,
    confined: Confined | None = None,
) -> Parsed:
    """A YAML file read, decoded and parsed; what went wrong is in the findings."""
    raw, problem = read_bytes(path, shown, limit, root=root, confined=confined)
    if problem is not None or raw is None:
        return Parsed(findings=[problem] if problem else [])
    return parse_bytes(raw, shown)
