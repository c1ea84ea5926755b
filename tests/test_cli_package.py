"""The shape of the CLI package: small modules, options defined once, completion."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fcheck.cli import app

from .conftest import REPO

CLI = REPO / "fcheck" / "cli"
FILTERS = ("--status", "--rating", "--tag", "--entity", "--source", "--article", "--search")
FILTERING_COMMANDS = ("list", "report", "export", "stats")


def _sources() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(CLI.glob("*.py"))}


def test_cli_is_a_package_of_small_modules() -> None:
    assert not (REPO / "fcheck" / "cli.py").exists()
    sizes = {name: text.count("\n") for name, text in _sources().items()}
    assert {"reading.py", "publishing.py", "workflow.py", "options.py", "run.py"} <= set(sizes)
    assert max(sizes.values()) <= 300, sizes


def test_each_filter_option_is_written_once() -> None:
    text = "\n".join(_sources().values())

    def declared(option: str) -> int:  # as the first name given to an option
        return len(re.findall(rf'\(\s*"{option}"', text))

    for option in ("--tag", "--entity", "--article", "--search"):
        assert declared(option) == 1, option
    # --status, --rating and --source also exist on `new`, where they set a value
    for option in ("--status", "--rating", "--source"):
        assert declared(option) == 2, option


def test_no_optional_workaround() -> None:
    for name, text in _sources().items():
        assert "Optional[" not in text, name
        assert "UP045" not in text, name


@pytest.mark.parametrize("command", FILTERING_COMMANDS)
def test_every_filtering_command_has_every_filter(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in FILTERS:
        assert re.search(rf"(^|[ ,]){option}\b", result.output, re.MULTILINE), (command, option)


def _complete(runner: CliRunner, words: str) -> list[str]:
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    result = runner.invoke(
        app,
        [],
        prog_name="fcheck",
        env={"_FCHECK_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)},
    )
    return result.output.split()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("fcheck list --status ", ["court-established", "alleged", "speculative"]),
        ("fcheck report --status al", ["alleged"]),
        ("fcheck list --format ", ["table", "json", "csv", "yaml", "ids"]),
        ("fcheck validate -f g", ["github"]),
        ("fcheck export ", ["claimreview", "csv", "sqlite", "jsonl"]),
        ("fcheck new news --status s", ["speculative"]),
    ],
)
def test_shell_completion_offers_static_choices(
    runner: CliRunner, words: str, offered: list[str]
) -> None:
    assert _complete(runner, words) == offered


def test_python_dash_m_and_the_entry_point() -> None:
    from fcheck.cli import main

    assert callable(main)
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'fcheck = "fcheck.cli:main"' in pyproject
    result = subprocess.run(
        [sys.executable, "-m", "fcheck", "--version"],
        capture_output=True,
        text=True,
        cwd=Path(REPO),
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("fcheck ")


def test_rules_render_through_the_reporter_registry(runner: CliRunner) -> None:
    from fcheck.reporters import RULES_FORMATS

    for fmt in RULES_FORMATS:
        result = runner.invoke(app, ["rules", "--format", fmt])
        assert result.exit_code == 0 and result.output
    assert (
        "sys.stdout.write" not in _sources()["reading.py"].split("def rules(")[1].split("def ")[0]
    )
