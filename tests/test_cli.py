"""The commands through Typer's CliRunner: exit codes, stdout and stderr."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from fcheck import __version__
from fcheck.cli import app
from fcheck.collection import load_collection
from fcheck.reporters.findings import envelope
from fcheck.reporters.report import report_data

from .conftest import CLAIM_YAML, INVALID, REPO, VALID, make_collection

V = ["--claims", str(VALID)]


def run(runner: CliRunner, *args: str, **kwargs: object):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args), **kwargs)  # type: ignore[arg-type]
    assert "Traceback" not in result.output, result.output
    return result


# validate ---------------------------------------------------------------------------
def test_validate_clean(runner: CliRunner) -> None:
    result = run(runner, "validate", *V)
    assert result.exit_code == 0
    assert "8 files checked, no problems found" in result.stdout
    assert result.stderr == ""


def test_validate_findings_exit_1(runner: CliRunner) -> None:
    root = INVALID / "quote-not-found"
    result = run(runner, "validate", "--claims", str(root))
    assert result.exit_code == 1
    line = result.stdout.splitlines()[0]
    assert line.startswith(f"{root / 'news' / 'misquote.yaml'}:3:8: quote-not-found ")
    assert "1 error in 2 files checked" in result.stdout


def test_validate_json_equals_library(runner: CliRunner) -> None:
    root = INVALID / "duplicate-id"
    result = run(runner, "validate", "--claims", str(root), "--format", "json")
    assert result.exit_code == 1
    collection = load_collection(root)
    assert json.loads(result.stdout) == envelope(collection.findings, collection.files_checked)
    assert json.loads(result.stdout)["ok"] is False


def test_validate_github_format_chosen_in_actions(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    root = INVALID / "invalid-choice"
    result = run(runner, "validate", "--claims", str(root))
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=")
    assert ",line=6,col=9,title=invalid-choice::" in first
    # an explicit format wins
    result = run(runner, "validate", "--claims", str(root), "--format", "text")
    assert not result.stdout.startswith("::")


def test_validate_selected_files(runner: CliRunner, tmp_path: Path) -> None:
    root = make_collection(
        tmp_path,
        {"ok.yaml": CLAIM_YAML.format(id="ok"), "bad.yaml": CLAIM_YAML.format(id="wrong")},
    )
    ok = run(runner, "validate", "--claims", str(root), str(root / "news" / "ok.yaml"))
    assert ok.exit_code == 0, ok.stdout
    bad = run(runner, "validate", "--claims", str(root), str(root / "news" / "bad.yaml"))
    assert bad.exit_code == 1
    assert "id-mismatch" in bad.stdout


def test_claims_from_environment(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FCHECK_CLAIMS", str(VALID))
    assert run(runner, "validate").exit_code == 0


def test_missing_claims_dir_is_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "validate", "--claims", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["list", "--status", "rumoured"], "court-established, alleged, speculative"),
        (["report", "--rating", "fake"], "accurate, misleading"),
        (["list", "--format", "xml"], "table, json, csv, yaml, ids"),
        (["validate", "--format", "sarif"], "text, json, github"),
    ],
)
def test_bad_option_values_are_usage_errors(
    runner: CliRunner, args: list[str], allowed: str
) -> None:
    result = run(runner, *args, *V)
    assert result.exit_code == 2
    assert allowed in result.stderr


# list -------------------------------------------------------------------------------
def test_list_table(runner: CliRunner) -> None:
    result = run(runner, "list", *V)
    assert result.exit_code == 0
    assert "orcamento-cresceu" in result.stdout
    assert "Ana Lúcia" in result.stdout
    assert "6 claims" in result.stdout


def test_list_json_equals_library(runner: CliRunner) -> None:
    result = run(runner, "list", *V, "--format", "json")
    assert result.exit_code == 0
    expected = [c.to_dict() for c in load_collection(VALID).claims]
    assert json.loads(result.stdout) == expected
    first = json.loads(result.stdout)[0]
    assert first["article"] == "harbour-bridge-2024"
    assert first["path"].endswith("bridge-reopened.yaml")
    assert first["checked"] == "2024-03-10"


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--status", "speculative"], ["contractor-ties"]),
        (
            ["--status", "speculative", "--status", "court-established"],
            ["contractor-ties", "repair-cost"],
        ),
        (["--rating", "inaccurate"], ["orcamento-cresceu"]),
        (["--tag", "INFRASTRUCTURE"], ["bridge-reopened", "repair-cost"]),
        (["--entity", "Zoë Brännström"], ["mayor-best-run"]),
        (["--source", "council"], ["bridge-reopened", "repair-cost"]),
        (["--article", "prefeitura-orcamento"], ["crlf-bom", "orcamento-cresceu"]),
        (["--search", "47 MILLION"], ["repair-cost"]),
        (["--search", "cost 42\nmillion"], ["repair-cost"]),
        (["--status", "alleged", "--tag", "bridge"], ["bridge-reopened"]),
        (["--entity", "nobody"], []),
    ],
)
def test_list_filters(runner: CliRunner, args: list[str], ids: list[str]) -> None:
    result = run(runner, "list", *V, *args, "--format", "ids")
    assert result.exit_code == 0
    assert sorted(result.stdout.split()) == ids


def test_list_csv_and_yaml(runner: CliRunner) -> None:
    result = run(runner, "list", *V, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 6
    row = next(r for r in rows if r["id"] == "repair-cost")
    assert row["evidence_urls"] == "https://example.org/court/judgment-12-2024"
    assert row["tags"] == "infrastructure | money"
    result = run(runner, "list", *V, "--format", "yaml")
    assert yaml.safe_load(result.stdout)[0]["id"] == "bridge-reopened"


def test_list_with_broken_files_shows_the_rest(runner: CliRunner, tmp_path: Path) -> None:
    root = make_collection(
        tmp_path, {"ok.yaml": CLAIM_YAML.format(id="ok"), "broken.yaml": "id: [unclosed\n"}
    )
    result = run(runner, "list", "--claims", str(root), "--format", "ids")
    assert result.exit_code == 1
    assert result.stdout == "ok\n"
    assert "broken.yaml:2:1: yaml-syntax" in result.stderr
    assert "1 file(s) with errors were skipped" in result.stderr


# show -------------------------------------------------------------------------------
def test_show(runner: CliRunner) -> None:
    result = run(runner, "show", "repair-cost", *V)
    assert result.exit_code == 0
    out = result.stdout
    for text in (
        "court-established",
        "The repairs cost 42 million euros, the council said.",
        "Example Gazette via City council",
        "47 million euros",
        "https://example.org/court/judgment-12-2024",
        "archive: http://archive.example.org/court/judgment-12-2024",
    ):
        assert text in out


def test_show_json(runner: CliRunner) -> None:
    result = run(runner, "show", "repair-cost", *V, "--format", "json")
    assert json.loads(result.stdout) == load_collection(VALID).claim("repair-cost").to_dict()  # type: ignore[union-attr]


def test_show_unknown_id(runner: CliRunner) -> None:
    result = run(runner, "show", "repair-costs", *V)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("fcheck: error: no claim with id 'repair-costs'")
    assert "did you mean repair-cost" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_show_broken_claim_says_so(runner: CliRunner, tmp_path: Path) -> None:
    root = make_collection(tmp_path, {"bad.yaml": CLAIM_YAML.format(id="bad") + "stauts: x\n"})
    result = run(runner, "show", "bad", "--claims", str(root))
    assert result.exit_code == 1
    assert "could not be loaded" in result.stderr
    assert "unknown-key" in result.stderr


# report -----------------------------------------------------------------------------
def test_report_text(runner: CliRunner) -> None:
    result = run(runner, "report", *V, "--status", "alleged", "--view", "analyst")
    assert result.exit_code == 0
    out = result.stdout
    assert "Alleged (4)" in out
    assert "Court-established" not in out
    assert "Claims by status" in out


def test_report_json_equals_library(runner: CliRunner) -> None:
    result = run(runner, "report", *V, "--format", "json", "--rating", "accurate")
    claims = [c for c in load_collection(VALID).claims if c.rating == "accurate"]
    assert json.loads(result.stdout) == report_data(claims)
    assert json.loads(result.stdout)["summary"]["by_status"]["alleged"] == 2


def test_report_markdown(runner: CliRunner) -> None:
    result = run(runner, "report", *V, "--format", "markdown", "--view", "analyst")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Fact-check report")
    assert "| alleged |" in result.stdout
    assert "[Audit court judgment 12/2024](<https://example.org/court/judgment-12-2024>)" in (
        result.stdout
    )


def test_report_html_output_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = run(
        runner, "report", *V, "--format", "html", "--output", str(target), "--view", "analyst"
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    page = target.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page
    assert page.count('<li class="s-') == 6  # one card per claim
    # an existing file is not overwritten unless asked
    target.write_text("keep me")
    again = run(runner, "report", *V, "--format", "html", "--output", str(target))
    assert again.exit_code == 1
    assert "already exists" in again.stderr
    assert target.read_text() == "keep me"
    forced = run(runner, "report", *V, "--format", "html", "--output", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


# rules, version, entry points ---------------------------------------------------------
@pytest.mark.parametrize("columns", [80, 60])
def test_rules_text_wraps_the_documentation_to_the_width(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    from fcheck.checks.catalogue import all_rules

    monkeypatch.setenv("COLUMNS", str(columns))
    result = run(runner, "rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    # every rule: its heading (continued two spaces in), then its documentation word
    # for word, four spaces in
    heads: dict[str, list[str]] = {}
    docs: dict[str, list[str]] = {}
    current = ""
    for line in lines:
        if not line.startswith(" "):
            current = line.split(" ", 1)[0]
            heads[current], docs[current] = [line], []
        elif line.startswith("    "):
            assert not line.startswith("     ")
            docs[current].append(line.strip())
        else:
            assert line.startswith("  ") and not line.startswith("   ")
            heads[current].append(line.strip())
    expected = {r.id: (f"{r.id} ({r.severity.value}): {r.title}", r.doc) for r in all_rules()}
    assert {rule: (" ".join(heads[rule]), " ".join(docs[rule])) for rule in heads} == {
        rule: (" ".join(head.split()), " ".join(doc.split()))
        for rule, (head, doc) in expected.items()
    }


def test_rules_markdown_matches_the_docs(runner: CliRunner) -> None:
    table = run(runner, "rules", "--format", "markdown").stdout
    readme = (REPO / "docs" / "rules.md").read_text()
    start = readme.index("<!-- rules:start -->") + len("<!-- rules:start -->\n")
    end = readme.index("<!-- rules:end -->")
    assert readme[start:end] == table, "run `python -m fcheck.docgen`"


def test_version(runner: CliRunner) -> None:
    result = run(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout == f"fcheck {__version__}\n"


def test_the_console_script_answers_version_alone_with_the_same_bytes(runner: CliRunner) -> None:
    # fcheck.cli.main answers `fcheck --version` without importing Typer or rich
    script = (
        "import sys; sys.argv = ['fcheck', '--version']\n"
        "from fcheck.cli import main; main()\n"
        "print(sorted({'typer', 'rich', 'click', 'yaml'} & set(sys.modules)), file=sys.stderr)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0
    assert proc.stderr == "[]\n"
    assert proc.stdout == run(runner, "--version").stdout
    # anything else goes to the Typer app: the option among others, or another spelling
    for args in (["--version", "--debug"], ["--vers"]):
        other = subprocess.run(
            [sys.executable, "-m", "fcheck", *args], capture_output=True, text=True, timeout=60
        )
        assert (other.returncode, other.stdout) == (
            (0, proc.stdout) if args[0] == "--version" else (2, "")
        )


def test_help(runner: CliRunner) -> None:
    result = run(runner, "-h")
    assert result.exit_code == 0
    for command in ("validate", "list", "show", "report", "rules"):
        assert command in result.stdout


def test_python_dash_m(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "fcheck", "validate", "--claims", str(VALID), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["files_checked"] == 8


def test_unexpected_error_is_one_line(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import fcheck.collection

    def boom(root: Path, **options: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(fcheck.collection, "load_collection", boom)
    result = run(runner, "list", *V)
    assert result.exit_code == 1
    assert "internal error (ValueError: boom)" in result.stderr
    assert "--debug" in result.stderr
    debug = runner.invoke(app, ["--debug", "list", *V])
    assert isinstance(debug.exception, ValueError)


def test_show_gives_the_conclusion_reviewer_and_corrections(
    runner: CliRunner, tmp_path: Path
) -> None:
    claim = CLAIM_YAML.format(id="c") + (
        "conclusion: The [1] budget says 42 million.\n"
        "reviewer: Ana Editor\n"
        "evidence:\n  - title: Budget 2024\n"
        "corrections:\n"
        "  - date: 2024-05-02\n    change: Rating changed from misleading to accurate.\n"
        "    reason: The final budget was published.\n"
    )
    root = make_collection(tmp_path, {"c.yaml": claim})
    result = runner.invoke(app, ["show", "c", "--claims", str(root)], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.index("Quote") < out.index("Conclusion") < out.index("Source")
    assert "The [1] budget says 42 million." in out
    assert "Reviewer: Ana Editor" in out
    assert "2024-05-02: Rating changed from misleading to accurate. (The final budget was" in out
