"""Help as a user reads it in an 80-column terminal: whole summaries, plain words."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from fcheck.cli import app

NARROW = {"COLUMNS": "80"}


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    return list(group.commands)  # type: ignore[attr-defined]


def test_every_summary_is_whole_at_80_columns(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"], env=NARROW)
    assert result.exit_code == 0
    section = result.stdout.split("Commands:\n")[1].split("\n\n")[0]
    rows = section.splitlines()
    assert [row.split()[0] for row in rows] == _commands()
    for row in rows:
        assert not row.rstrip().endswith("..."), row
        assert row.rstrip().endswith("."), row
        assert len(row) <= 80, row


@pytest.mark.parametrize("command", [None, *_commands()])
def test_help_fits_80_columns_and_names_no_python_types(
    runner: CliRunner, command: str | None
) -> None:
    args = [command, "--help"] if command else ["--help"]
    result = runner.invoke(app, args, env=NARROW)
    assert result.exit_code == 0
    for line in result.stdout.splitlines():
        assert len(line) <= 80, line
    text = result.stdout
    assert not re.search(r"<(str|int|path|bool|list\[[^]]*\]|Path)>", text), text
    assert not re.search(r"x>=\d", text), text
