"""fcheck candidates: the sentence splitter, the rules and coverage by claims."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from fcheck.candidate_rules import CANDIDATE_RULES, reasons, rules_markdown
from fcheck.candidates import find_candidates
from fcheck.sentences import split_sentences
from fcheck.textmatch import normalize_space

from .conftest import REPO, VALID
from .workflow_helpers import STORY, invoke


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Dr. J. Jones in the U.S. Senate. He paid $3.5 million.",
            ["Mr. Smith met Dr. J. Jones in the U.S. Senate.", "He paid $3.5 million."],
        ),
        (
            '"Is it over?" she asked. "Yes." Then he left... And so on',
            ['"Is it over?" she asked.', '"Yes."', "Then he left...", "And so on"],
        ),
        ("Headline\n\nBody one. Body\ntwo.", ["Headline", "Body one.", "Body two."]),
        (
            "It rose 4.5 percent in Jan. 2024 to no. 3. Done.",
            ["It rose 4.5 percent in Jan. 2024 to no. 3.", "Done."],
        ),
        (
            "He said \u201cit\u2019s over.\u201d She agreed.",
            ["He said \u201cit\u2019s over.\u201d", "She agreed."],
        ),
        ("see e.g. the report. next one lowercase.", ["see e.g. the report. next one lowercase."]),
    ],
)  # fmt: skip
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.normalized for s in split_sentences(text)] == expected


@given(st.text(alphabet=st.sampled_from('ab .!?\n"“”U.S.Mr 3'), max_size=80))
def test_sentences_rejoin_to_the_normalized_text(text: str) -> None:
    sentences = split_sentences(text)
    assert " ".join(s.normalized for s in sentences) == normalize_space(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text


@pytest.mark.parametrize(
    ("sentence", "rule", "match"),
    [
        ("He was sentenced to 18 years.", "number", "18"),
        ("It happened on July 16, 2024.", "date", "July"),
        ("It happened on 2024-07-16.", "date", "2024-07-16"),
        ("It opened on May 5.", "date", "May"),
        ("She received $100,000 in cash.", "money", "$100,000"),
        ("It cost 42 million euros.", "money", "42 million euros"),
        ("He met Robert Menendez there.", "name", "Robert Menendez"),
        ("Later the UN reacted.", "name", "UN"),
        ("According to the agency, it grew.", "attribution", "According to"),
        ("The senator was convicted last week.", "legal", "convicted"),
        ("He was the first senator to do it.", "superlative", "first"),
        ("The tone was suspiciously similar.", "hedge", "suspiciously"),
        ("The mayor may resign.", "hedge", "may"),
    ],
)
def test_rules(sentence: str, rule: str, match: str) -> None:
    found = {r.rule: r.matches for r in reasons(sentence)}
    assert match in found.get(rule, ()), found


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("It opened on May 5.", "hedge"),  # the month, not the verb
        ("The mayor may resign.", "date"),
        ("Menendez resigned.", "name"),  # the first word alone is not a name
        ("The cat sat on the mat.", None),
    ],
)
def test_rules_do_not_fire(sentence: str, rule: str | None) -> None:
    found = {r.rule for r in reasons(sentence)}
    assert (rule not in found) if rule else not found


def test_coverage_by_quotes() -> None:
    result = find_candidates(
        "news",
        STORY,
        "article.txt",
        [
            ("cost", "the bridge cost 42\nmillion euros"),
            # a quote across two sentences covers both
            ("span", "was convicted in 2023 of fraud. Critics say"),
            ("elsewhere", "not in the text at all"),
        ],
    )
    covered = {s.index: s.covered_by for s in result.sentences if s.covered_by}
    assert covered == {2: ["cost"], 3: ["span"], 4: ["span"]}
    uncovered = [s.text for s in result.selected(uncovered=True)]
    assert uncovered == ["Zoë Brännström built it."]
    assert result.sentences[3].speculative  # "may", "suspiciously"
    assert not result.sentences[0].candidate  # the headline "Bridge costs soar"
    assert result.summary() == {
        "sentences": 5,
        "candidates": 4,
        "covered": 3,
        "uncovered_candidates": 1,
    }


def test_candidates_cli(runner: CliRunner) -> None:
    result = invoke(runner, "candidates", "harbour-bridge-2024", "--claims", str(VALID))
    assert result.exit_code == 0, result.stderr
    assert "covered by" in result.stdout
    assert "candidates not covered" in result.stdout
    data = json.loads(
        invoke(
            runner, "candidates", "harbour-bridge-2024", "--claims", str(VALID), "-f", "json"
        ).stdout
    )
    assert data["article"] == "harbour-bridge-2024"
    ids = {i for s in data["sentences"] for i in s["covered_by"]}
    assert {"repair-cost", "bridge-reopened"} <= ids
    only = json.loads(
        invoke(
            runner, "candidates", "harbour-bridge-2024", "--claims", str(VALID), "--uncovered",
            "--format", "json",
        ).stdout
    )  # fmt: skip
    assert all(s["candidate"] and not s["covered_by"] for s in only["sentences"])
    assert len(only["sentences"]) == only["summary"]["uncovered_candidates"]


def test_candidates_unknown_article(runner: CliRunner) -> None:
    result = invoke(runner, "candidates", "harbour-bridge", "--claims", str(VALID))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "did you mean 'harbour-bridge-2024'?" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_every_rule_is_documented_in_the_docs() -> None:
    readme = (REPO / "docs" / "workflow.md").read_text()
    start = readme.index("<!-- candidates:start -->") + len("<!-- candidates:start -->\n")
    end = readme.index("<!-- candidates:end -->")
    assert readme[start:end] == rules_markdown(), "run `python -m fcheck.docgen`"
    assert all(f"`{rule}`" in rules_markdown() for rule in CANDIDATE_RULES)


def test_untrusted_text_is_not_markup(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "claims" / "news"
    folder.mkdir(parents=True)
    (folder / "article.yaml").write_text("title: t\npublisher: p\ntext: article.txt\n")
    (folder / "article.txt").write_text("The [bold]Mayor[/bold] paid 5 euros \x1b[31m.\n")
    result = invoke(runner, "candidates", "news", "--claims", str(tmp_path / "claims"))
    assert "[bold]Mayor[/bold]" in result.stdout
    assert "\x1b" not in result.stdout
