"""Never a traceback: random bytes and random claim-shaped YAML through the loader
and the validator always end in findings or success, never in an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fcheck.collection import load_collection
from fcheck.loader import decode, parse_yaml
from fcheck.model import CLAIM_FIELDS
from fcheck.rules import RULES
from fcheck.textmatch import closest_passage

from .conftest import CLAIM_YAML, make_collection

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments that make YAML interesting: indicators, tags, anchors, quotes, escapes,
# document markers, flow and block structure, BOM, CRLF, tabs, odd scalars.
YAML_BITS = [
    ": ",
    "- ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "#",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "!!str ",
    "!x ",
    "!<tag:yaml.org,2002:int> ",
    "<<: ",
    "'",
    '"',
    "\\x1b",
    "\\u202e",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "\n",
    "\r\n",
    "\t",
    "  ",
    "\ufeff",
    "\x00",
    "\x85",
    "~",
    "null",
    "yes",
    "0x1F",
    "1:2:3",
    ".nan",
    "2024-13-45",
    "1e5",
    "9" * 120,
    "id",
    "claim",
    "source",
    "name",
    "evidence",
    "title",
    "url",
    "tags",
    "status",
    "alleged",
]
yaml_text = st.lists(st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=5)), max_size=40).map(
    "".join
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["alleged", "court-established", "https://example.org", "2024-01-01"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["name", "via", "url", "title", "x"]), inner, max_size=4),
    ),
    max_leaves=12,
)
claim_keys = st.sampled_from([f.name for f in CLAIM_FIELDS] + ["stauts", "extra", "1"])
claim_shaped = st.dictionaries(claim_keys, values, max_size=12)


def _check(parsed_findings: list[Any]) -> None:
    for f in parsed_findings:
        assert f.rule in RULES
        assert f.line is None or f.line >= 1


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(raw: bytes) -> None:
    text, problem = decode(raw, "x.yaml")
    if text is None:
        assert problem is not None and problem.rule == "file-encoding"
        return
    _check(parse_yaml(text, "x.yaml").findings)


@SETTINGS
@given(yaml_text)
def test_random_yaml_text_never_raises(text: str) -> None:
    _check(parse_yaml(text, "x.yaml").findings)


@pytest.mark.slow
@SETTINGS
@given(claim_shaped, st.sampled_from([None, "'", '"', "|", ">"]), st.booleans())
def test_claim_shaped_yaml_through_the_validator(
    data: dict[str, Any], style: str | None, flow: bool
) -> None:
    text = yaml.safe_dump(data, default_style=style, default_flow_style=flow, allow_unicode=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = make_collection(
            Path(tmp), {"ok.yaml": CLAIM_YAML.format(id="ok"), "random.yaml": text}
        )
        collection = load_collection(root)
    _check(collection.findings)
    assert "ok" in [c.id for c in collection.claims]


@SETTINGS
@given(st.binary(max_size=300), st.binary(max_size=300))
def test_random_bytes_as_claim_and_article(claim: bytes, article: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_collection(Path(tmp), {"random.yaml": claim})
        (root / "other").mkdir()
        (root / "other" / "article.yaml").write_bytes(article)
        (root / "other" / "x.yml").write_bytes(claim)
        collection = load_collection(root)
    _check(collection.findings)


@SETTINGS
@given(st.integers(min_value=0, max_value=len(CLAIM_YAML)), yaml_text)
def test_a_valid_claim_with_random_damage(at: int, junk: str) -> None:
    damaged = CLAIM_YAML.format(id="ok")[:at] + junk + CLAIM_YAML.format(id="ok")[at:]
    _check(parse_yaml(damaged, "ok.yaml").findings)
    with tempfile.TemporaryDirectory() as tmp:
        root = make_collection(Path(tmp), {"ok.yaml": damaged})
        _check(load_collection(root).findings)


@SETTINGS
@given(st.text(max_size=3000), st.text(max_size=300))
def test_closest_passage_is_a_piece_of_the_text(text: str, quote: str) -> None:
    passage = closest_passage(text, quote)
    assert passage.removesuffix("…") in text
    assert len(passage) <= 100


_UNSAFE_CHARS = st.sampled_from(
    ["\x1b", "\x85", "\x9b", "\u061c", "\u200e", "\u2028", "\u2029", "\u202e", "\u2067", "\x7f"]
)
_TEXT = st.lists(st.one_of(st.text(max_size=20), _UNSAFE_CHARS), max_size=8).map("".join)


@settings(max_examples=200, deadline=None)
@given(
    data=st.dictionaries(
        st.sampled_from(["claim", "quote", "title", "publisher"]),
        st.one_of(_TEXT, st.dictionaries(st.sampled_from(["name", "via"]), _TEXT, max_size=2)),
        max_size=4,
    )
)
def test_written_yaml_loads_back_and_holds_no_raw_control(data: dict[str, Any]) -> None:
    """What `new` and `add-article` write: the same values back, and nothing an editor,
    a terminal or a diff would act on (ESC, C1, bidi controls, line separators)."""
    from fcheck.safe import has_unsafe
    from fcheck.yamlout import dump_yaml

    text = dump_yaml(data)
    assert yaml.safe_load(text) == data
    assert not has_unsafe(text), text
