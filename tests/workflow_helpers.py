"""Helpers shared by the workflow tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from fcheck.cli import app

STORY = (
    "Bridge costs soar\n"
    "\n"
    "The mayor said the bridge cost 42 million euros. Mr. J. Smith, the U.S. contractor,\n"
    "was convicted in 2023 of fraud.\n"
    "\n"
    "Critics say the contract may have been suspiciously generous. Zoë Brännström built it.\n"
)


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder under root, to compare before and after."""
    out: dict[str, bytes | None] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != ".git"]
        for name in dirnames:
            out[os.path.relpath(os.path.join(dirpath, name), root) + "/"] = None
        for name in filenames:
            path = os.path.join(dirpath, name)
            out[os.path.relpath(path, root)] = Path(path).read_bytes()
    return out


def invoke(runner: CliRunner, *args: str, **kwargs: object):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args), **kwargs)  # type: ignore[arg-type]
    assert "Traceback" not in result.output, result.output
    assert "internal error" not in result.stderr, result.stderr
    return result


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ana Checker",
        "GIT_AUTHOR_EMAIL": "ana@example.org",
        "GIT_COMMITTER_NAME": "Ana Checker",
        "GIT_COMMITTER_EMAIL": "ana@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def fill(path: Path, notes: str = "The council's audit confirms it.", **fields: str) -> None:
    """Fill in a claim written by `fcheck new`, as a checker would in an editor."""
    text = path.read_text(encoding="utf-8").replace("notes: ''", f"notes: {notes}")
    for key, value in fields.items():
        text = text.replace(f"{key}: ''", f"{key}: {value}")
    path.write_text(text, encoding="utf-8")
