"""New keys written into evidence items of a claim file, and nothing else changed.

The file is not re-serialised (that would lose comments, key order, quoting and line
breaks): each new ``key: value`` line is inserted as text right after the item's
``url`` line, with the indentation of that key. The result is parsed again and must
load to exactly the old data plus the new keys, or nothing is written.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml

from fcheck.atomic import write_atomic
from fcheck.errors import FcheckError
from fcheck.loader import parse_yaml

_BOM = b"\xef\xbb\xbf"
Additions = dict[int, dict[str, str]]  # evidence index -> new keys and values


class InsertError(FcheckError):
    """The keys cannot be added to this file without changing something else."""


def _mapping_get(node: Any, key: str) -> tuple[Any, Any] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _expected(data: Any, additions: Additions) -> Any:
    out = copy.deepcopy(data)
    for index, keys in additions.items():
        out["evidence"][index].update(keys)
    return out


def _render(key: str, value: str) -> str:
    """``key: value`` with the value plain when YAML reads it back unchanged, else
    double-quoted (a JSON string is a valid YAML double-quoted scalar)."""
    plain = f"{key}: {value}"
    if "\n" not in value and "\r" not in value:
        parsed = parse_yaml(plain + "\n", "<value>")
        if parsed.ok and parsed.data == {key: value}:
            return plain
    return f"{key}: {json.dumps(value, ensure_ascii=False)}"


def insert_evidence_keys(text: str, additions: Additions, shown: str = "<file>") -> str:
    """``text`` with the keys of ``additions`` added to its evidence items.

    Keys an item already has are not touched (nor added again). Raises InsertError
    when the file cannot be changed this way (a flow-style item, a parse failure,
    a result that would not load to the expected data).
    """
    parsed = parse_yaml(text, shown)
    if not parsed.ok or not isinstance(parsed.data, dict):
        raise InsertError(f"{shown}: cannot be parsed; run `fcheck validate`")
    evidence = parsed.data.get("evidence")
    wanted: Additions = {}
    for index, keys in additions.items():
        if not isinstance(evidence, list) or not 0 <= index < len(evidence):
            raise InsertError(f"{shown}: has no evidence item {index + 1} any more")
        item = evidence[index]
        if not isinstance(item, dict):
            raise InsertError(f"{shown}: evidence item {index + 1} is not a mapping")
        new = {k: v for k, v in keys.items() if k not in item}
        if new:
            wanted[index] = new
    if not wanted:
        return text
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        raise InsertError(f"{shown}: cannot be parsed; run `fcheck validate`") from None
    found = _mapping_get(root, "evidence")
    assert found is not None and isinstance(found[1], yaml.SequenceNode)
    items = found[1].value
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    inserts: list[tuple[int, list[str]]] = []
    for index, keys in wanted.items():
        node = items[index]
        if not isinstance(node, yaml.MappingNode) or node.flow_style:
            raise InsertError(
                f"{shown}:{node.start_mark.line + 1}:{node.start_mark.column + 1}: evidence "
                f"item {index + 1} is written in flow style ({{...}}); add "
                f"{', '.join(keys)} by hand"
            )
        key_node, value_node = _mapping_get(node, "url") or node.value[-1]
        end = value_node.end_mark
        at = end.line if end.column == 0 else end.line + 1
        indent = " " * key_node.start_mark.column
        inserts.append((at, [f"{indent}{_render(k, v)}{newline}" for k, v in keys.items()]))
    result = list(lines)
    if lines and not lines[-1].endswith(("\n", "\r")) and any(a >= len(lines) for a, _ in inserts):
        # the file ends without a line break, after the line new keys follow: the
        # break moves to before them, so the file still ends without one
        result[-1] += newline
        block = next(b for a, b in inserts if a >= len(lines))
        block[-1] = block[-1].rstrip("\r\n")
    for at, block in sorted(inserts, key=lambda pair: pair[0], reverse=True):
        result[at:at] = block
    candidate = "".join(result)
    check = parse_yaml(candidate, shown)
    if not (check.ok and check.data == _expected(parsed.data, wanted)):
        raise InsertError(f"{shown}: the new keys would not load as written; add them by hand")
    return candidate


def write_evidence_keys(path: Path, additions: Additions, shown: str | None = None) -> bool:
    """Add the keys to the claim file at ``path`` atomically; False if nothing changed."""
    shown = shown or str(path)
    from fcheck.loader import MAX_YAML_BYTES, claims_root, read_file

    raw, _text, problem = read_file(path, shown, MAX_YAML_BYTES, root=claims_root(path), text=False)
    if problem is not None or raw is None:
        reason = problem.message if problem is not None else "unknown"
        raise InsertError(f"{shown}: cannot be read ({reason})")
    bom = _BOM if raw.startswith(_BOM) else b""
    try:
        text = raw[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        raise InsertError(f"{shown}: is not UTF-8; run `fcheck validate`") from None
    new = insert_evidence_keys(text, additions, shown)
    if new == text:
        return False
    write_atomic(path, bom + new.encode("utf-8"), overwrite=True)
    return True
