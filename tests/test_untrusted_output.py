"""Untrusted text in every output: hypothesis writes hostile claims and file names,
and each output must show them as inert, literal text."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from fcheck.cli import app
from fcheck.cli.base import error as _error
from fcheck.export.tabular import claims_to_csv
from fcheck.findings import Finding, Severity
from fcheck.model import Claim
from fcheck.reporters import claims as claim_reporters
from fcheck.reporters import findings as finding_reporters
from fcheck.reporters.html import report_html
from fcheck.reporters.report import md_escape, report_markdown, report_text
from fcheck.safe import dumps_json, escape_controls, has_unsafe
from fcheck.yamlout import dumps_yaml

from .hostile.checks import (
    assert_inert_csv,
    assert_inert_markdown,
    assert_safe_html,
    assert_safe_terminal,
)

SETTINGS = settings(max_examples=60, deadline=None)
EVIDENCE_URL = "https://example.org/evidence?a=1&b=<2>"
EVIDENCE_URL_ENCODED = "https://example.org/evidence?a=1&b=%3C2%3E"

ATTACKS = [
    "[bold]", "[/bold]", "[link=https://evil.example]click[/link]", "[red on white]",
    ":warning:", "\x1b[31m", "\x1b[2J", "\x1b]8;;https://evil.example\x1b\\x\x1b]8;;\x1b\\",
    "\x1b]0;title\x07", "\x08\x08\x08", "\r", "\x9b31m", "\x85", "\u202e", "\u2066", "\u2028",
    "\x00", "\x7f", "<script>alert(1)</script>", "</script><script>",
    "<img src=x onerror=alert(1)>",
    "<!--", "-->", "<![CDATA[", "&lt;", "&#60;", '"', "'", "javascript:alert(1)",
    "[x](javascript:alert(1))", "![i](https://evil.example/i.png)", "<https://evil.example>",
    "[ref]: https://evil.example", "| a | b |", "\n# Heading", "\n---\n", "\n===\n", "\n> quote",
    "\n- item", "\n1. item", "\n    code", "\n```\n", "`code`", "*", "_", "~~", "\\", "=1+1",
    "=HYPERLINK(\"https://evil.example\")", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\uff1d1",
    "::error::injected", "\n::add-mask::x", "  ::stop-commands::t", "%0A::warning::x", "\n\n",
    "\u200b", "\u00ad", "\U000e0041", "\u3164", "\ufeff", "\u2060",
]  # fmt: skip
hostile = st.lists(
    st.one_of(st.sampled_from(ATTACKS), st.text(max_size=4)), min_size=1, max_size=8
).map("".join)
# Values a validated claim may hold: non-empty text for the required fields.
hostile_text = hostile.filter(lambda s: s.strip() != "")


@st.composite
def claims(draw: Any) -> Claim:
    data: dict[str, Any] = {
        "id": draw(st.sampled_from(["a-claim", "b-2", "x"])),
        "claim": draw(hostile_text),
        "quote": draw(hostile_text),
        "source": {"name": draw(hostile_text), "via": draw(hostile)},
        "status": draw(st.sampled_from(["court-established", "alleged", "speculative"])),
        "rating": draw(st.sampled_from(["accurate", "misleading", None])),
        "notes": draw(hostile_text),
        "evidence": [
            {"title": draw(hostile_text), "url": EVIDENCE_URL, "publisher": draw(hostile)},
            {"title": draw(hostile_text), "url": draw(hostile), "date": draw(hostile)},
        ],
        "tags": [draw(hostile_text)],
        "entities": [draw(hostile_text)],
    }
    return Claim(data=data, article="news", path=f"claims/news/{draw(hostile)}.yaml")


def render(function: Any, *args: Any) -> str:
    stream = io.StringIO()
    function(*args, stream)
    return stream.getvalue()


# Terminal ---------------------------------------------------------------------------
@pytest.mark.slow
@SETTINGS
@given(st.lists(claims(), min_size=1, max_size=3))
def test_terminal_outputs_are_inert(items: list[Claim]) -> None:
    for output in (
        render(claim_reporters.list_table, items),
        render(claim_reporters.show_text, items[0]),
        render(report_text, items),
        render(claim_reporters.list_ids, items),
    ):
        assert "\x1b" not in output
        assert_safe_terminal(output)


def test_rich_markup_is_printed_literally() -> None:
    text = "[bold]x[/bold] [link=https://evil.example]y[/link] :warning:"
    claim = Claim(
        data={"id": "a", "claim": text, "quote": "q", "source": {"name": text}, "notes": text,
              "status": "alleged"},
        article="news",
        path="p.yaml",
    )  # fmt: skip
    for output in (
        render(claim_reporters.show_text, claim),
        render(report_text, [claim]),
        render(claim_reporters.list_table, [claim]),
    ):
        assert "[bold]x[/bold]" in output
        assert "[link=https://evil.example]" in output or "[link=https://evil." in output
        assert ":warning:" in output or ":warnin" in output


@SETTINGS
@given(hostile, hostile)
def test_findings_text_and_github_are_inert(path: str, message: str) -> None:
    findings = [
        Finding(path, 3, 7, "yaml-syntax", Severity.ERROR, message),
        Finding(path, None, None, "file-empty", Severity.WARNING, message),
    ]
    text = render(lambda s: finding_reporters.report_text(findings, 2, s))
    assert_safe_terminal(text)
    github = render(lambda s: finding_reporters.report_github(findings, 2, s)).splitlines()
    # one workflow command per finding, each on its own line, and nothing else
    assert len(github) == len(findings) + 1
    assert github[0].startswith("::error file=") and github[1].startswith("::warning file=")
    for line in github[:2]:
        assert not has_unsafe(line)
        # parse as the runner does: `::command props::message`, props split on ","
        command, _, rest = line[2:].partition(" ")
        props, sep, _message = rest.partition("::")
        assert command in ("error", "warning") and sep
        keys = [p.partition("=")[0] for p in props.split(",")]
        assert keys in (["file", "line", "col", "title"], ["file", "title"]), keys
    assert not github[2].lstrip().startswith("::")


@SETTINGS
@given(hostile)
def test_error_messages_are_one_safe_line(message: str) -> None:
    import contextlib

    stream = io.StringIO()
    with contextlib.redirect_stderr(stream):
        _error(message)
    out = stream.getvalue()
    assert out.count("\n") == 1 and out.endswith("\n")
    assert_safe_terminal(out)


def test_internal_error_with_hostile_text(runner: CliRunner, monkeypatch: Any) -> None:
    import fcheck.collection

    def boom(root: Any, **options: Any) -> None:
        raise ValueError("\x1b[31mred\n::error::x [bold]" + "long " * 10_000)

    monkeypatch.setattr(fcheck.collection, "load_collection", boom)
    result = runner.invoke(app, ["list", "--claims", "."])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert len(result.stderr) < 500
    assert "this is a bug in fcheck" in result.stderr
    assert_safe_terminal(result.stderr)
    debug = runner.invoke(app, ["--debug", "list", "--claims", "."])
    assert isinstance(debug.exception, ValueError)


# HTML -------------------------------------------------------------------------------
@pytest.mark.slow
@SETTINGS
@given(st.lists(claims(), min_size=1, max_size=3))
def test_html_is_inert(items: list[Claim]) -> None:
    page = render(report_html, items)
    visible = assert_safe_html(page)
    assert page.count('id="claim-') == len(items)  # one entry in the list of claims
    for claim in items:
        assert escape_controls(claim.data["claim"]) in visible
        # notes are laid out as paragraphs and lists ("- " lines become items), so
        # compare the words without list markers
        notes = escape_controls(claim.data["notes"])
        words = [re.sub(r"^\s*[-*]\s+", "", line).split() for line in notes.splitlines()]
        shown = " ".join(visible.split())
        assert all(" ".join(w) in shown for w in words if w)


def test_html_links_are_http_only() -> None:
    claim = Claim(
        data={"id": "a", "claim": "c", "quote": "q", "source": {"name": "n"}, "notes": "n",
              "status": "alleged",
              "evidence": [{"title": "bad", "url": "javascript:alert(1)"},
                           {"title": "data", "url": "data:text/html,<script>"},
                           {"title": "good", "url": "https://example.org/x?a=1&b=\"2\""}]},
        article="news",
        path="p.yaml",
    )  # fmt: skip
    page = render(report_html, [claim])
    assert_safe_html(page)
    assert 'href="https://example.org/x?a=1&amp;b=&quot;2&quot;"' in page
    assert "javascript:" not in page.replace("javascript:alert(1)</li>", "")


# Markdown ---------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(hostile)
def test_md_escape_renders_as_the_literal_text(text: str) -> None:
    from markdown_it import MarkdownIt

    escaped = md_escape(text)
    tokens = MarkdownIt("commonmark").enable("table").parse(escaped)
    expected = " ".join(escape_controls(text).split())
    if not expected:
        assert tokens == []
        return
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children or []
    assert {c.type for c in children} <= {"text"}, children
    assert "".join(c.content for c in children) == expected


@pytest.mark.slow
@SETTINGS
@given(st.lists(claims(), min_size=1, max_size=3))
def test_markdown_report_is_inert(items: list[Claim]) -> None:
    text = render(report_markdown, items)
    # the one link is the evidence URL, percent-encoded so it cannot end early
    tokens: Any = assert_inert_markdown(text, allowed_links={EVIDENCE_URL_ENCODED})
    kinds = [t.type for t in tokens]
    assert kinds.count("table_open") == 3  # the three summary tables, no more
    # data cannot add headings: the title, the summary, "At a glance", one per status,
    # one per claim
    statuses = {c.status for c in items}
    assert kinds.count("heading_open") == 3 + len(statuses) + len(items)
    # every table row keeps its columns
    widths: list[int] = []
    cells = 0
    for token in tokens:
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("td_open", "th_open"):
            cells += 1
        elif token.type == "tr_close":
            widths.append(cells)
    # 3 columns for the status and rating tables, 5 for articles (slug, headline, statuses)
    assert widths.count(3) + widths.count(5) == len(widths)


# CSV, JSON and YAML -----------------------------------------------------------------
@pytest.mark.slow
@SETTINGS
@given(st.lists(claims(), min_size=1, max_size=3))
def test_csv_cells_are_never_formulas(items: list[Claim]) -> None:
    rows = assert_inert_csv(claims_to_csv(items))
    assert len(rows) == len(items) + 1


@pytest.mark.slow
@SETTINGS
@given(st.lists(claims(), min_size=1, max_size=2))
def test_json_and_yaml_are_lossless_and_inert(items: list[Claim]) -> None:
    import yaml

    data = [c.to_dict() for c in items]
    as_json = dumps_json(data)
    as_yaml = dumps_yaml(data)
    for text in (as_json, as_yaml):
        assert_safe_terminal(text)
    assert json.loads(as_json) == data
    assert yaml.safe_load(as_yaml) == data


@pytest.mark.parametrize(
    "cell", ["=1+1", "+1", "-1", "@x", "\t=1", "\r=1", "\n=1", "\uff1d1", '=HYPERLINK("x")']
)
def test_csv_formula_prefixes(cell: str) -> None:
    from fcheck.export.tabular import neutralize

    assert neutralize(cell) == "'" + cell
    assert neutralize("plain " + cell) == "plain " + cell


@pytest.mark.parametrize(
    "path", ["claims/a::b/x.yaml", "claims/news/x::error::y.yaml", "a,b%3A:c.yaml"]
)
def test_github_annotation_file_is_the_exact_path(path: str) -> None:
    """`file=` decodes to the file's real name, `::` included (it was garbled)."""
    from urllib.parse import unquote

    line = render(
        lambda s: finding_reporters.report_github(
            [Finding(path, 1, 1, "yaml-syntax", Severity.ERROR, f"see {path}")], 1, s
        )
    ).splitlines()[0]
    props, _, message = line[len("::error ") :].partition("::")
    file_prop = dict(p.split("=", 1) for p in props.split(","))["file"]
    assert unquote(file_prop) == path
    assert unquote(message) == f"see {path}"
    assert not line[2:].startswith(":")


@pytest.mark.parametrize(
    "hidden", ["\u200b", "\u00ad", "\U000e0041", "\u3164", "\ufeff", "\u2060", "\u115f"]
)
def test_invisible_characters_are_shown(hidden: str) -> None:
    from fcheck.safe import clean, dumps_json, escape_controls

    text = f"pay{hidden}pal"
    for shown in (clean(text), escape_controls(text)):
        assert hidden not in shown and shown.startswith("pay\\") and shown.endswith("pal")
    assert hidden not in dumps_json(text)
    assert json.loads(dumps_json(text)) == text  # the same data for a JSON reader
