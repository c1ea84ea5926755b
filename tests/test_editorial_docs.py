"""The CI job of docs/editorial.md parses and runs real commands and options."""

from __future__ import annotations

import re
import shlex

import pytest
import typer
import yaml

from fcheck.cli import app

from .conftest import REPO


def _ci_blocks() -> list[tuple[str, str]]:
    docs = (REPO / "docs" / "editorial.md").read_text()
    start = docs.index("<!-- ci:start -->")
    end = docs.index("<!-- ci:end -->")
    block = re.search(r"```yaml\n(.*?)```", docs[start:end], re.S)
    assert block is not None
    return [("docs/editorial.md", block.group(1))]


def _fcheck_commands(workflow: dict) -> list[list[str]]:
    out = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            run = step.get("run", "")
            if run.startswith("fcheck "):
                out.append(shlex.split(run.replace("${{ github.base_ref }}", "main"))[1:])
    return out


@pytest.mark.parametrize(("name", "text"), _ci_blocks())
def test_ci_snippet_parses_and_uses_real_commands(name: str, text: str) -> None:
    workflow = yaml.safe_load(text)
    jobs = list(workflow["jobs"].values())
    steps = [s for job in jobs for s in job["steps"]]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0, name
    # YAML 1.1 reads the key `on` as True
    triggers = workflow.get("on", workflow.get(True))
    assert "pull_request" in triggers, name
    commands = _fcheck_commands(workflow)
    assert ["validate", "--since", "origin/main"] in commands, name
    group = typer.main.get_command(app)
    for args in commands:
        command = group.commands[args[0]]  # type: ignore[attr-defined]
        # every option the snippet uses is one the command has
        known = {o for p in command.params for o in getattr(p, "opts", [])}
        for arg in args[1:]:
            if arg.startswith("-"):
                assert arg in known, f"{name}: {args[0]} has no option {arg}"
