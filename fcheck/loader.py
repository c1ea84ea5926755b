"""Reading claim files safely: bytes to plain Python data with positions and findings.

Everything that can go wrong with a file (unreadable, too large, not UTF-8, broken or
hostile YAML) becomes a :class:`~fcheck.findings.Finding`; nothing here raises for bad
input and nothing ever constructs arbitrary Python objects.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from fcheck import rules
from fcheck.findings import Finding, PathKey, Position

try:  # the C parser is several times faster; the pure one gives identical results
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

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


class _Reader(_Loader):  # type: ignore[misc]
    """The safe loader with a leaner tag resolver (it runs for every scalar).

    Same result as PyYAML's ``BaseResolver.resolve`` for loaders without path
    resolvers, which the safe loaders never have; quoted scalars skip the regexes.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is _ScalarNode and implicit[0]:
            resolvers = self.yaml_implicit_resolvers
            for tag, regexp in resolvers.get(value[:1], ()):
                if regexp.match(value):
                    return str(tag)
            for tag, regexp in resolvers.get(None, ()):
                if regexp.match(value):
                    return str(tag)
        return _DEFAULT_TAGS[kind]


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


def read_bytes(path: Path, shown: str, limit: int) -> tuple[bytes | None, Finding | None]:
    """Read a whole file, refusing ones over ``limit`` bytes before reading them."""
    try:
        size = path.stat().st_size
        if size > limit:
            return None, finding(
                shown,
                None,
                rules.FILE_TOO_LARGE,
                f"file is {size:,} bytes, over the {limit:,}-byte limit; split it or remove it",
            )
        return path.read_bytes(), None
    except IsADirectoryError:
        return None, finding(
            shown, None, rules.FILE_UNREADABLE, "is a folder, not a file; rename or remove it"
        )
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return None, finding(
            shown, None, rules.FILE_UNREADABLE, f"cannot be read ({reason}); check the file"
        )


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
        return finding(
            shown,
            _offset_pos(text, exc.position),
            rules.YAML_SYNTAX,
            f"character {what} is not allowed in YAML ({exc.reason}); remove it",
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        if "maximum nesting depth" in (exc.problem or ""):
            # libyaml 0.2.6 stops at its own depth limit, sometimes before our event
            # scan reaches MAX_DEPTH; it is the same problem, so the same rule.
            return _too_deep(shown, _pos(mark) if mark else (1, 1))
        problem = exc.problem or exc.context or "syntax error"
        hint = "fix the YAML syntax"
        index = getattr(mark, "index", None)
        if "\t" in problem or (isinstance(index, int) and text[index : index + 1] == "\t"):
            hint = "indent with spaces, not tabs"
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


def _scan_events(text: str, shown: str) -> Finding | None:
    """Look for anchors, aliases and excessive nesting without building anything."""
    depth = 0
    values = 0
    for event in yaml.parse(text, Loader=_Loader):
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
    bound = sum(text.count(c) for c in "[{-:?,")
    return bound > _COMPOSE_SAFE_INDICATORS


def parse_yaml(text: str, shown: str) -> Parsed:
    """Parse one YAML document into plain data, recording the position of every value."""
    result = Parsed()
    try:
        if _needs_scan(text):
            problem = _scan_events(text, shown)
            if problem is not None:
                result.findings.append(problem)
                return result
        loader = _Reader(text)
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
        reason = "a symlink loop" if "loop" in str(exc).lower() else "a broken symlink"
        return finding(shown, None, rules.FILE_UNREADABLE, f"is {reason}; remove it")
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
# so that the size limit, the UTF-8 check and the YAML safety rules apply the same way.
def read_text(path: Path, shown: str, limit: int) -> tuple[str | None, Finding | None]:
    """A whole file read and decoded: its text, or the finding that says why not."""
    raw, problem = read_bytes(path, shown, limit)
    if problem is not None or raw is None:
        return None, problem
    return decode(raw, shown)


def parse_bytes(raw: bytes, shown: str) -> Parsed:
    """A YAML file's bytes decoded and parsed; what went wrong is in the findings."""
    text, problem = decode(raw, shown)
    if text is None:
        return Parsed(findings=[problem] if problem else [])
    return parse_yaml(text, shown)


def read_yaml(path: Path, shown: str, limit: int = MAX_YAML_BYTES) -> Parsed:
    """A YAML file read, decoded and parsed; what went wrong is in the findings."""
    raw, problem = read_bytes(path, shown, limit)
    if problem is not None or raw is None:
        return Parsed(findings=[problem] if problem else [])
    return parse_bytes(raw, shown)
