"""`fcheck list` and `fcheck show` at the widths terminals have; --entity by name."""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fcheck.cli import app
from fcheck.collection import load_collection
from fcheck.filters import ClaimFilter
from fcheck.reporters.claims import list_table, reflow

from .conftest import REPO, VALID

BUNDLED = REPO / "claims"


def _render(claims_dir: Path, width: int, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list]:
    monkeypatch.setenv("COLUMNS", str(width))
    collection = load_collection(claims_dir)
    stream = io.StringIO()
    list_table(collection.claims, stream, collection.config)
    return stream.getvalue(), collection.claims


@pytest.mark.parametrize("claims_dir", [BUNDLED, VALID], ids=["bundled", "fixtures"])
@pytest.mark.parametrize("width", [60, 80, 120])
def test_ids_whole_claims_readable_nothing_cut(
    monkeypatch: pytest.MonkeyPatch, claims_dir: Path, width: int
) -> None:
    text, claims = _render(claims_dir, width, monkeypatch)
    lines = text.splitlines()
    assert all(len(line) <= width for line in lines)
    words = {word for line in lines for word in line.split()}
    for claim in claims:
        if len(claim.id) <= width:  # (an id wider than the terminal cannot be whole)
            assert claim.id in words, claim.id  # whole, on one line
        # the claim's words appear in order, wrapped only between words
        flat = " ".join(text.split())
        for word in str(claim.data["claim"]).split()[:3]:
            assert word in flat
    # headers are whole words: no "Sour"/"ce"
    for header in ("ID", "Status", "Claim"):
        if lines[0].split() and lines[0].split()[0] == "ID":
            assert header in lines[0].split()
    assert not any(re.fullmatch(r"\s*(Sour|ce|Sta|tus)\s*", line) for line in lines)


def _claim_column_width(text: str) -> int:
    header = text.splitlines()[0]
    return len(header) - header.index("Claim") if "Claim" in header else 0


def test_the_claim_gets_the_room_and_secondary_columns_give_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wide, _ = _render(VALID, 160, monkeypatch)
    assert wide.splitlines()[0].split() == ["ID", "Status", "Rating", "Source", "Claim"]
    narrow, _ = _render(VALID, 80, monkeypatch)
    assert "Source" not in narrow.splitlines()[0]
    assert _claim_column_width(narrow) >= 34
    # too narrow for columns: each claim under its whole id
    stacked, claims = _render(BUNDLED, 80, monkeypatch)
    first = stacked.splitlines()
    assert first[0].split()[0] == claims[0].id
    assert first[1].startswith("    ") and len(first[1].strip()) > 40


def test_the_command_uses_the_terminal_width(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--claims", str(BUNDLED)], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    ids = runner.invoke(app, ["list", "--claims", str(BUNDLED), "--format", "ids"]).stdout.split()
    words = set(result.stdout.split())
    assert set(ids) <= words


# show: notes wrapped by hand ------------------------------------------------------------
NOTES = (
    "The budget for 2024 lists the repair at 42 million euros, the figure the mayor gave\n"
    "in the interview; the council minutes of 3 March confirm it and add the costs of the\n"
    "temporary ferry, which the mayor left out.\n"
    "\n"
    "Two points remain open:\n"
    "- whether the ferry was part of the tender, which the minutes do not say and the\n"
    "  contractor would not confirm;\n"
    "- the date of the final invoice.\n"
)


def test_reflow_joins_hand_wrapped_lines_and_keeps_paragraphs_and_items() -> None:
    assert reflow(NOTES).split("\n") == [
        "The budget for 2024 lists the repair at 42 million euros, the figure the mayor gave "
        "in the interview; the council minutes of 3 March confirm it and add the costs of the "
        "temporary ferry, which the mayor left out.",
        "",
        "Two points remain open:",
        "- whether the ferry was part of the tender, which the minutes do not say and the "
        "contractor would not confirm;",
        "- the date of the final invoice.",
    ]
    assert reflow("one line") == "one line"


def test_show_wraps_paragraphs_evenly_at_80_columns(runner: CliRunner, tmp_path: Path) -> None:
    from .conftest import CLAIM_YAML, make_collection

    notes = textwrap.indent(NOTES, "  ")
    record = CLAIM_YAML.format(id="ok").replace(
        "notes: The budget shows the same figure.\n", "notes: |\n" + notes
    )
    claims = make_collection(tmp_path, {"ok.yaml": record})
    result = runner.invoke(app, ["show", "ok", "--claims", str(claims)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    body = result.stdout.split("Notes")[1].split("\n", 1)[1].split("Index")[0]
    first = body.split("\n\n")[0].splitlines() if "\n\n" in body else body.splitlines()[:3]
    # the first paragraph fills its lines: none but the last ends short
    paragraph = [line.strip() for line in first if line.strip()][:3]
    assert all(len(line) > 60 for line in paragraph[:-1]), paragraph
    assert "The budget for 2024" in body and "- the date of the final invoice." in body


# --entity: whole words of the name --------------------------------------------------------
@pytest.mark.parametrize(
    ("wanted", "matches"),
    [
        ("Karim Massimov", True),
        ("karim massimov", True),
        ("Massimov", True),
        ("massimov", True),
        ("Karim", True),
        ("Mass", False),
        ("Massimov Karim", False),
        ("", False),
    ],
)
def test_entity_matches_whole_words(wanted: str, matches: bool) -> None:
    from fcheck.model import Claim

    claim = Claim(data={"id": "x", "entities": ["Karim Massimov"]}, article="a", path="x.yaml")
    assert ClaimFilter(entities=(wanted,)).matches(claim) is matches


def test_entity_on_the_command_line(runner: CliRunner) -> None:
    args = ["list", "--claims", str(BUNDLED), "--format", "ids"]
    full = runner.invoke(app, [*args, "--entity", "Karim Massimov"]).stdout.split()
    part = runner.invoke(app, [*args, "--entity", "Massimov"]).stdout.split()
    assert full and part == full
