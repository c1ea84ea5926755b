"""The loader's fast paths against what they replace, under hypothesis: ``_Reader``'s
tag resolver against PyYAML's own, and ``_plain`` (no positions) against ``_build``."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from fcheck import loader

# Plain scalars that PyYAML's implicit resolvers turn into every type, and near misses.
_SCALARS = st.sampled_from(
    [
        "1", "-1", "+1", "0x1F", "0o17", "017", "0b101", "1_000", "1:30", "190:20:30",
        "1.5", "-.5", "1e3", "1.0e+3", ".inf", "-.Inf", ".NaN", "true", "False", "yes",
        "NO", "on", "Off", "y", "n", "~", "null", "Null", "NULL", "2024-01-01",
        "2024-1-1", "2024-01-01T10:00:00Z", "2024-01-01 10:00:00.5 +02:00", "2024-13-01",
        "=", "<<", "text", "Text with spaces", "1.2.3", "0.", "._", "-", "0", "00",
        "12e", "+.inf", "truely", "nulls", "x: y",
    ]
)  # fmt: skip
_STYLES = st.sampled_from([None, "'", '"'])


def _scalar_line(value: str, style: str | None) -> str:
    if style is None:
        return value if ": " not in value else f"'{value}'"
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


documents = st.lists(st.tuples(_SCALARS, _STYLES), min_size=1, max_size=12).map(
    lambda items: "".join(f"k{i}: {_scalar_line(v, s)}\n" for i, (v, s) in enumerate(items))
    + "list: [" + ", ".join(_scalar_line(v, s) for v, s in items) + "]\n"
)  # fmt: skip


def _tags(node: Any) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value)
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, [_tags(n) for n in node.value])
    return (node.tag, [(_tags(k), _tags(v)) for k, v in node.value])


@settings(max_examples=300, deadline=None)
@given(documents)
def test_reader_resolves_tags_as_pyyaml_does(text: str) -> None:
    reader = loader._Reader(text)
    try:
        ours: Any = _tags(reader.get_single_node())
    except yaml.YAMLError:
        ours = "not YAML"
    finally:
        reader.dispose()
    try:
        theirs: Any = _tags(yaml.compose(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        theirs = "not YAML"
    assert ours == theirs


def _value(draw_text: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    return st.recursive(
        st.none() | st.booleans() | st.integers() | draw_text | _SCALARS,
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)
        ),
        max_leaves=20,
    )


@settings(max_examples=300, deadline=None)
@given(
    _value(st.text(max_size=20)),
    st.sampled_from([{}, {"default_flow_style": True}, {"default_style": '"'}]),
)
def test_plain_equals_build_when_it_applies(value: Any, style: dict[str, Any]) -> None:
    text = yaml.safe_dump({"record": value}, allow_unicode=True, **style)
    reader = loader._Reader(text)
    try:
        node = reader.get_single_node()
    finally:
        reader.dispose()
    out = loader.Parsed()
    findings: list[Any] = []
    built = loader._build(node, (), 0, out, "x", findings)
    try:
        plain = loader._plain(node, 0)
    except loader._Unusual:
        return  # the full build decides (and says what is unusual)
    assert findings == []
    assert plain == built


def _parsed(parsed: loader.Parsed) -> Any:
    ok = parsed.ok
    return (ok, parsed.data if ok else None, parsed.findings, parsed.positions if ok else None)


# YAML-ish text: scalars of every kind, indentation, flow and block collections,
# quotes, comments, non-ASCII and characters YAML refuses, in any order.
_YAMLISH = st.lists(
    st.sampled_from(
        ["k: ", "- ", "  ", "\n", ": ", "[", "]", "{", "}", ", ", "'", '"', "#", "é", "日本",
         "\x07", "\x85", "\u2028", "---\n", "|\n", ">-\n", "&a ", "*a", "?", "text", "1.5"]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.one_of(documents, _YAMLISH))
def test_reading_the_bytes_gives_what_reading_the_text_gives(text: str) -> None:
    # parse_bytes hands libyaml the file's bytes instead of encoding the text again
    raw = text.encode("utf-8")
    assert _parsed(loader.parse_yaml(text, "x", raw)) == _parsed(loader.parse_yaml(text, "x"))
    assert _parsed(loader.parse_bytes(raw, "x")) == _parsed(loader.parse_yaml(text, "x"))
