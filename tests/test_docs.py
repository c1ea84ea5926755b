"""The documentation as a user meets it: the Quick start, and the generated reference."""

from __future__ import annotations

import re
import shlex

import pytest
from typer.testing import CliRunner

from fcheck.cli import app
from tests.conftest import REPO

README = REPO / "README.md"
TEST_COMMAND = "python -m pip install '.[test]' && python -m pytest"


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def quick_start() -> list[str]:
    """The commands of the README's Quick start, one per line."""
    section = _section(README.read_text(encoding="utf-8"), "Quick start")
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 1, "the Quick start has one block of commands"
    return [line for line in blocks[0].splitlines() if line.strip()]


def test_the_quick_start_is_two_commands() -> None:
    first, second = quick_start()
    install, _, run = first.partition(" && ")
    # fcheck alone: trying the tool does not install the test extra
    assert install == "python -m pip install ."
    assert run.startswith("fcheck report")
    assert second == TEST_COMMAND


def test_the_first_command_shows_a_readable_report(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a newcomer sees, run from the clone as the README says."""
    _, _, run = quick_start()[0].partition(" && ")
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", "100")
    result = runner.invoke(app, shlex.split(run)[1:], prog_name="fcheck")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert 20 < len(lines) < 300, "a first report a newcomer can read through"


def test_ci_runs_the_readme_test_command() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    quiet = "--quiet --disable-pip-version-check "
    commands = [line.replace(quiet, "").strip() for line in script.splitlines()]
    assert TEST_COMMAND in commands
    assert "fcheck validate --claims claims" in commands
