"""Numbered references to a claim's evidence items: [1], [2], ... (rule evidence-ref-missing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fcheck.collection import load_collection
from fcheck.references import locate_in_source, missing_references, references

from .conftest import CLAIM_YAML, make_collection

EVIDENCE = "evidence:\n  - title: Budget\n    url: https://example.org/b\n"


def test_references_are_one_to_three_digits() -> None:
    text = "See [1] and [12], not [2012] EWCA Civ 1411, [x] or [ 3 ]; [999] counts."
    assert [r.number for r in references(text)] == [1, 12, 999]
    assert [(i, r.number) for i, r in missing_references(text, 12)] == [(2, 999)]
    assert missing_references("[0]", 3)[0][1].number == 0


@pytest.mark.parametrize(
    ("notes", "position"),
    [
        ('notes: "Plain [1] then [2]."', (8, 24)),
        ("notes: 'Single [2] quoted.'", (8, 16)),
        ("notes: |\n  Line one [1].\n  Line two [2].", (10, 12)),
        ("notes: >-\n  folded [1]\n  text [2]", (10, 8)),
        ("notes: Plain [1] and [2]", (8, 22)),
    ],
)
def test_missing_reference_is_reported_where_written(
    tmp_path: Path, notes: str, position: tuple[int, int]
) -> None:
    text = CLAIM_YAML.format(id="x").replace("notes: The budget shows the same figure.", notes)
    root = make_collection(tmp_path, {"x.yaml": text + EVIDENCE})
    collection = load_collection(root)
    (finding,) = collection.findings
    assert finding.rule == "evidence-ref-missing"
    assert (finding.line, finding.column) == position
    assert "[2]" in finding.message and "1 evidence item" in finding.message
    assert collection.claims == []


def test_escaped_reference_falls_back_to_the_value(tmp_path: Path) -> None:
    text = CLAIM_YAML.format(id="x").replace(
        "notes: The budget shows the same figure.", 'notes: "See \\x5b2] here."'
    )
    root = make_collection(tmp_path, {"x.yaml": text})
    (finding,) = load_collection(root).findings
    assert finding.rule == "evidence-ref-missing"
    assert (finding.line, finding.column) == (8, 8)


def test_valid_references_and_conclusion(tmp_path: Path) -> None:
    text = CLAIM_YAML.format(id="x") + "conclusion: It is right [1].\n" + EVIDENCE
    root = make_collection(tmp_path, {"x.yaml": text})
    assert load_collection(root).findings == []
    bad = CLAIM_YAML.format(id="y") + "conclusion: It is right [3].\n"
    root = make_collection(tmp_path / "b", {"y.yaml": bad})
    (finding,) = load_collection(root).findings
    assert finding.message.startswith("'conclusion' cites [3], but the claim has no evidence")


@given(st.lists(st.integers(1, 999), max_size=5), st.text(alphabet="ab \n", max_size=20))
def test_locate_finds_each_reference(numbers: list[int], filler: str) -> None:
    body = filler.replace("\n", " ").join(f"[{n}]" for n in numbers)
    source = f"id: x\nnotes: '{body}'\n"
    for i, ref in enumerate(references(body)):
        line, column = locate_in_source(source, (2, 8), i, ref)
        offset = source.split("\n")[line - 1]
        assert offset[column - 1 :].startswith(f"[{ref.number}]")
