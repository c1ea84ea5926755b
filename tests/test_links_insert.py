"""New evidence keys written into claim files as text: nothing else in the file changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fcheck.links.insert import InsertError, insert_evidence_keys, write_evidence_keys
from fcheck.loader import parse_yaml

TEXT = """# a claim
id: x   # the id
evidence:
  # first
  - title: A
    url: https://a.example/x   # trailing comment
    publisher: P
  - url: >-
      https://b.example/folded
    title: 'B'
notes: |
  kept
"""


def _removed(new: str, old: str) -> str:
    """``new`` without the lines that ``old`` lacks: what must equal ``old``."""
    old_lines = old.splitlines(keepends=True)
    out, i = [], 0
    for line in new.splitlines(keepends=True):
        if i < len(old_lines) and line == old_lines[i]:
            out.append(line)
            i += 1
    return "".join(out)


def test_keys_go_after_the_url_with_its_indentation() -> None:
    new = insert_evidence_keys(
        TEXT,
        {
            0: {"archive_url": "https://web.archive.org/web/1/https://a.example/x"},
            1: {"archive_url": "https://w.example/b", "accessed": "2024-05-01"},
        },
    )
    lines = new.splitlines()
    assert lines[5:7] == [
        "    url: https://a.example/x   # trailing comment",
        "    archive_url: https://web.archive.org/web/1/https://a.example/x",
    ]
    assert lines[8:12] == [
        "  - url: >-",
        "      https://b.example/folded",
        "    archive_url: https://w.example/b",
        "    accessed: 2024-05-01",
    ]
    assert _removed(new, TEXT) == TEXT
    assert len(new.splitlines()) == len(TEXT.splitlines()) + 3


def test_existing_keys_are_left_alone() -> None:
    text = "evidence:\n  - url: https://a.example/\n    accessed: 2020-01-01\n"
    new = insert_evidence_keys(text, {0: {"archive_url": "https://w/", "accessed": "2024-05-01"}})
    assert new == (
        "evidence:\n  - url: https://a.example/\n    archive_url: https://w/\n"
        "    accessed: 2020-01-01\n"
    )


def test_crlf_and_no_final_newline_are_kept() -> None:
    text = "id: x\r\nevidence:\r\n  - title: T\r\n    url: https://a.example/"
    new = insert_evidence_keys(text, {0: {"archive_url": "https://w/"}})
    assert new == text + "\r\n    archive_url: https://w/"


def test_a_value_yaml_would_misread_is_quoted() -> None:
    text = "evidence:\n  - url: https://a.example/\n"
    new = insert_evidence_keys(text, {0: {"archive_url": "https://w/x #frag: y"}})
    assert new.splitlines()[2] == '    archive_url: "https://w/x #frag: y"'
    assert parse_yaml(new, "f").data["evidence"][0]["archive_url"] == "https://w/x #frag: y"


def test_flow_style_item_is_refused() -> None:
    text = "evidence:\n  - {title: T, url: https://a.example/}\n"
    with pytest.raises(InsertError, match=r"2:5: .*flow style"):
        insert_evidence_keys(text, {0: {"archive_url": "https://w/"}})


def test_missing_item_is_refused() -> None:
    with pytest.raises(InsertError, match="no evidence item 3"):
        insert_evidence_keys(TEXT, {2: {"archive_url": "https://w/"}})


def test_write_keeps_the_bom_and_is_a_no_op_when_nothing_is_new(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"\xef\xbb\xbfevidence:\n  - url: https://a.example/\n")
    assert write_evidence_keys(path, {0: {"archive_url": "https://w/"}})
    assert path.read_bytes() == (
        b"\xef\xbb\xbfevidence:\n  - url: https://a.example/\n    archive_url: https://w/\n"
    )
    before = path.stat().st_mtime_ns
    assert not write_evidence_keys(path, {0: {"archive_url": "https://other/"}})
    assert path.stat().st_mtime_ns == before


_urls = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40
).map(lambda s: "https://w.example/" + s)


@settings(max_examples=150, deadline=None)
@given(url=_urls, indent=st.sampled_from(["  ", "    ", ""]), comment=st.booleans())
def test_round_trip_any_url(url: str, indent: str, comment: bool) -> None:
    note = "  # note" if comment else ""
    text = f"id: x\nevidence:\n{indent}- title: T\n{indent}  url: https://a.example/{note}\n"
    try:
        new = insert_evidence_keys(text, {0: {"archive_url": url}})
    except InsertError:
        # only a value YAML cannot hold (a control character, say) may be refused
        assert not url.isprintable() or any(c in url for c in "\ufeff\x85")
        return
    data = parse_yaml(new, "f").data
    assert data["evidence"][0] == {"title": "T", "url": "https://a.example/", "archive_url": url}
    assert _removed(new, text) == text
