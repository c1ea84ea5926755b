"""The output registry: one table of formats; the CLI asks it, not the format name."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fcheck import output
from fcheck.cli import app
from fcheck.output import EXPORT_FORMATS, Format, Registry

from .conftest import VALID

V = ["--claims", str(VALID)]
FAMILIES = {name: value for name, value in vars(output).items() if isinstance(value, Registry)}


def test_every_family_is_registered_and_every_format_loads() -> None:
    assert {
        "FINDINGS_FORMATS",
        "LIST_FORMATS",
        "SHOW_FORMATS",
        "REPORT_FORMATS",
        "RULES_FORMATS",
        "CANDIDATES_FORMATS",
        "HISTORY_FORMATS",
        "STATS_FORMATS",
        "EXPORT_FORMATS",
    } <= set(FAMILIES)
    for registry in FAMILIES.values():
        for name, fmt in registry.items():
            assert isinstance(fmt, Format)
            assert callable(registry.load(name)), (registry.family, name)


def test_only_sqlite_needs_a_path_and_exporters_share_one_signature() -> None:
    assert [name for name, fmt in EXPORT_FORMATS.items() if fmt.needs_path] == ["sqlite"]
    signatures = {
        name: list(inspect.signature(EXPORT_FORMATS.load(name)).parameters)
        for name in EXPORT_FORMATS
    }
    assert all(params == ["claims", "articles", "config", "path"] for params in signatures.values())


@pytest.mark.parametrize(
    ("command", "family"),
    [
        ("validate", "FINDINGS_FORMATS"),
        ("list", "LIST_FORMATS"),
        ("report", "REPORT_FORMATS"),
        ("rules", "RULES_FORMATS"),
        ("stats", "STATS_FORMATS"),
    ],
)
def test_the_cli_offers_exactly_the_registered_formats(
    runner: CliRunner, command: str, family: str
) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert "[" + "|".join(FAMILIES[family]) + "]" in result.output


def _progress_flags(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    import fcheck.reporters.progress as progress

    seen: list[bool] = []
    real = progress.load_progress

    def spy(enabled: bool = True, *args: Any, **kwargs: Any) -> Any:
        seen.append(enabled)
        return real(enabled, *args, **kwargs)

    monkeypatch.setattr(progress, "load_progress", spy)
    return seen


@pytest.mark.parametrize(
    ("args", "bar"),
    [
        (["list"], True),
        (["list", "--format", "json"], False),
        (["list", "--format", "ids"], False),
        (["report"], True),
        (["report", "--format", "html"], True),
        (["report", "--format", "json"], False),
        (["report", "--format", "json", "--output", "-"], False),
        (["report", "--format", "json", "--output", "{tmp}/r.json"], True),
        (["export", "jsonl"], False),
        (["export", "csv", "--output", "{tmp}/c.csv"], True),
        (["stats", "--format", "json"], False),
        (["validate", "--format", "github"], False),
        (["validate"], True),
    ],
)
def test_a_progress_bar_only_for_human_output(
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
    bar: bool,
) -> None:
    seen = _progress_flags(monkeypatch)
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(app, [*args, *V])
    assert result.exit_code == 0, result.output
    assert seen == [bar]


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--format", "markdown"],
        ["export", "csv"],
        ["export", "claimreview"],
        ["schema"],
    ],
)
def test_output_dash_is_stdout(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    plain = runner.invoke(app, [*args, *V])
    dashed = runner.invoke(app, [*args, *V, "--output", "-"])
    assert dashed.exit_code == plain.exit_code == 0
    assert dashed.stdout == plain.stdout != ""
    assert not (tmp_path / "-").exists()
    assert "wrote" not in dashed.stderr


def test_sqlite_to_stdout_is_a_usage_error_that_says_why(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "sqlite", *V, "--output", "-"])
    assert result.exit_code == 2
    assert "cannot be written to stdout" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_files_are_never_overwritten_without_force(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "claims.csv"
    target.write_text("mine\n")
    result = runner.invoke(app, ["export", "csv", *V, "--output", str(target)])
    assert result.exit_code == 1
    assert target.read_text() == "mine\n"
    forced = runner.invoke(app, ["export", "csv", *V, "--output", str(target), "--force"])
    assert forced.exit_code == 0
    assert target.read_text() != "mine\n"
