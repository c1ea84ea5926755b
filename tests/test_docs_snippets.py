"""The snippets of the documentation work as written.

Every `fcheck ...` command shown in the README or in docs/ names a real command and real
options; the GitHub Actions job is a valid workflow; the pre-commit hooks run under
pre-commit itself (slow: pre-commit and git are needed, and the shipped hook installs
fcheck from PyPI's dependencies into an environment of its own).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from fcheck.docgen import commands
from fcheck.scaffold import PRE_COMMIT_TEMPLATE
from tests.conftest import CLAIM_YAML, REPO, make_collection

# docs/cli.md is generated from the commands themselves (its usage lines are templates)
DOCS = [
    REPO / "README.md",
    REPO / "CONTRIBUTING.md",
    *sorted(p for p in (REPO / "docs").glob("*.md") if p.name != "cli.md"),
]
CI_PAGE = REPO / "docs" / "ci.md"


def _blocks(path: Path, language: str | None = None) -> list[str]:
    """The fenced code blocks of a Markdown file, optionally of one language."""
    found = re.findall(r"^```([a-z]*)\n(.*?)^```", path.read_text(encoding="utf-8"), re.M | re.S)
    return [body for lang, body in found if language is None or lang == language]


def _shell_lines(block: str) -> list[str]:
    """Command lines of a shell block or terminal transcript (`$ ` prompts removed)."""
    joined = block.replace("\\\n", " ")
    lines = []
    for line in joined.splitlines():
        line = line.strip().removeprefix("$ ")
        if line:
            lines.append(line)
    return lines


def fcheck_invocations(line: str) -> list[list[str]]:
    """The `fcheck` commands in one shell line, split into arguments."""
    try:
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        tokens = list(lexer)
    except ValueError:  # not shell (a YAML value, a findings line)
        return []
    out: list[list[str]] = []
    current: list[str] = []
    for token in [*tokens, ";"]:
        if token in {"&&", "||", "|", ";", ">", ">>", "<", "&"}:
            if current and current[0] == "fcheck":
                out.append(current)
            current = [] if token not in {">", ">>", "<"} else ["redirect"]
        else:
            current.append(token)
    return out


def _documented_invocations() -> list[tuple[str, list[str]]]:
    found = []
    for path in DOCS:
        for block in _blocks(path):
            for line in _shell_lines(block):
                for args in fcheck_invocations(line):
                    found.append((f"{path.relative_to(REPO)}: {line}", args))
        for block in _blocks(path, "yaml"):
            for text in re.findall(r"entry: (fcheck .*)", block):
                for args in fcheck_invocations(text):
                    found.append((f"{path.relative_to(REPO)}: {text}", args))
        for _, workflow in _workflows(path):
            for text in _run_steps(workflow):
                for line in _shell_lines(text):
                    for args in fcheck_invocations(line):
                        found.append((f"{path.relative_to(REPO)}: {line}", args))
    return found


def _workflows(path: Path) -> list[tuple[str, Any]]:
    """The GitHub Actions workflows shown on a page (YAML blocks with `jobs:`)."""
    return [(b, yaml.safe_load(b)) for b in _blocks(path, "yaml") if "\njobs:" in b]


def _run_steps(workflow: Any) -> list[str]:
    return [
        str(step["run"])
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if "run" in step
    ]


def _resolve(args: list[str]) -> tuple[Any, Any, list[str]]:
    """The command an argument list runs, its context, and the arguments left."""
    by_path = {tuple(ctx.command_path.split()[1:]): (ctx, cmd) for ctx, cmd in commands()}
    words = [a for a in args[1:] if not a.startswith("-")]
    for size in range(len(words), 0, -1):
        if tuple(words[:size]) in by_path:
            ctx, cmd = by_path[tuple(words[:size])]
            rest = list(args[1:])
            for word in words[:size]:
                rest.remove(word)
            return ctx, cmd, rest
    return None, None, args[1:]


def _options(ctx: Any, command: Any) -> set[str]:
    names: set[str] = set()
    for param in command.get_params(ctx):
        names.update(getattr(param, "opts", []))
        names.update(getattr(param, "secondary_opts", []))
    return names


ROOT_OPTIONS = {"--version", "--help", "-h", "--debug"}


def test_the_docs_show_fcheck_commands() -> None:
    assert len(_documented_invocations()) > 10


@pytest.mark.parametrize(
    ("where", "args"), _documented_invocations(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_documented_command_exists(where: str, args: list[str]) -> None:
    ctx, command, rest = _resolve(args)
    if command is None:
        assert set(rest) <= ROOT_OPTIONS, f"{where}: no such command: {' '.join(args)}"
        return
    known = _options(ctx, command)
    for token in rest:
        option = token.split("=", 1)[0]
        if option.startswith("-") and option != "-" and not option[1:2].isdigit():
            assert option in known, f"{where}: `{ctx.command_path}` has no option {option}"


def test_command_splitting() -> None:
    line = "fcheck export sqlite --output claims.db && datasette claims.db  # then browse"
    assert fcheck_invocations(line) == [["fcheck", "export", "sqlite", "--output", "claims.db"]]
    assert fcheck_invocations("fcheck list --format ids | head -1") == [
        ["fcheck", "list", "--format", "ids"]
    ]
    assert fcheck_invocations("cd desk && git init") == []


# GitHub Actions ---------------------------------------------------------------------
WORKFLOWS = [(path, wf) for path in DOCS for _, wf in _workflows(path)]


def test_the_docs_show_workflows() -> None:
    assert {path.name for path, _ in WORKFLOWS} >= {"ci.md"}


@pytest.mark.parametrize(
    ("path", "workflow"), WORKFLOWS, ids=[str(p.relative_to(REPO)) for p, _ in WORKFLOWS]
)
def test_every_workflow_in_the_docs_is_well_formed(path: Path, workflow: Any) -> None:
    assert isinstance(workflow, dict) and "name" in workflow
    assert workflow.get("on", workflow.get(True)), "a trigger (`on:`)"
    for job in workflow["jobs"].values():
        assert job["runs-on"]
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]
    for run in _run_steps(workflow):
        for line in _shell_lines(run):
            # fcheck is not on PyPI: a workflow installs it from git or from a clone
            if re.search(r"pip install", line) and "fcheck" in line:
                assert "git+" in line, f"{path.name}: {line}"


def _workflow() -> dict[Any, Any]:
    (block,) = [b for b in _blocks(CI_PAGE, "yaml") if "jobs:" in b]
    workflow = yaml.safe_load(block)
    assert isinstance(workflow, dict)
    return workflow


def test_the_actions_job_is_a_workflow() -> None:
    workflow = _workflow()
    # PyYAML reads the key `on` as a boolean, as YAML 1.1 says; GitHub reads it as "on"
    assert workflow.get("on", workflow.get(True)) == ["push", "pull_request"]
    (job,) = workflow["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    steps = job["steps"]
    assert all(("uses" in step) != ("run" in step) for step in steps)
    uses = [step["uses"] for step in steps if "uses" in step]
    assert uses == ["actions/checkout@v4", "actions/setup-python@v5"]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[0].startswith("python -m pip install ")
    assert any(run.startswith("fcheck validate") for run in runs)


def test_the_actions_job_says_where_fcheck_comes_from() -> None:
    # fcheck is not on PyPI: the job installs it from git, and the page says to replace it
    install = next(s["run"] for s in _workflow()["jobs"]["validate"]["steps"] if "run" in s)
    assert "git+https://github.com/OWNER/fcheck" in install
    assert "replace" in CI_PAGE.read_text(encoding="utf-8")


# pre-commit -------------------------------------------------------------------------
def _shipped_hooks() -> list[dict[str, Any]]:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    return hooks


def _configs() -> list[dict[str, Any]]:
    return [yaml.safe_load(b) for b in _blocks(CI_PAGE, "yaml") if "repos:" in b]


def test_the_local_hook_in_the_docs_is_the_one_fcheck_init_writes() -> None:
    local = [c for c in _configs() if c["repos"][0]["repo"] == "local"]
    assert [c["repos"] for c in local] == [yaml.safe_load(PRE_COMMIT_TEMPLATE)["repos"]]


def test_the_remote_hook_in_the_docs_names_a_shipped_hook() -> None:
    (remote,) = [c for c in _configs() if c["repos"][0]["repo"] != "local"]
    (repo,) = remote["repos"]
    assert re.fullmatch(r"[0-9a-f]{40}", str(repo["rev"])), "rev is a commit id"
    shipped = {hook["id"] for hook in _shipped_hooks()}
    assert {hook["id"] for hook in repo["hooks"]} <= shipped


def test_every_hook_validates_the_whole_collection_as_documented() -> None:
    hooks = _shipped_hooks() + yaml.safe_load(PRE_COMMIT_TEMPLATE)["repos"][0]["hooks"]
    assert all(hook["pass_filenames"] is False for hook in hooks)
    assert all(hook["entry"] == "fcheck validate" for hook in hooks)
    assert "**without file names** (`pass_filenames: false`)" in CI_PAGE.read_text()
    assert "what the pre-commit hook passes" not in (REPO / "README.md").read_text()


def _pre_commit() -> list[str]:
    if importlib.util.find_spec("pre_commit") is None or shutil.which("git") is None:
        pytest.skip("pre-commit (test extra) or git is not installed")
    return [sys.executable, "-m", "pre_commit"]


def _git_collection(root: Path) -> dict[str, str]:
    """A git repository with a small valid collection; the environment for pre-commit."""
    make_collection(root)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
        "GIT_AUTHOR_NAME": "Ana Checker",
        "GIT_AUTHOR_EMAIL": "ana@example.org",
        "GIT_COMMITTER_NAME": "Ana Checker",
        "GIT_COMMITTER_EMAIL": "ana@example.org",
    }
    env.pop("PYTHONPATH", None)
    subprocess.run(["git", "init", "-q"], cwd=root, env=env, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True)
    return env


def _break_a_quote(root: Path, env: dict[str, str]) -> None:
    bad = CLAIM_YAML.format(id="bad").replace("42 million", "43 million")
    (root / "claims" / "news" / "bad.yaml").write_text(bad)
    subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True)


@pytest.mark.slow
def test_the_local_hook_runs_under_pre_commit(tmp_path: Path) -> None:
    pre_commit = _pre_commit()
    root = tmp_path / "desk"
    root.mkdir()
    (root / ".pre-commit-config.yaml").write_text(PRE_COMMIT_TEMPLATE)
    env = _git_collection(root)
    # `language: system` runs the fcheck on PATH: this checkout's
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "fcheck"
    wrapper.write_text(f'#!/bin/sh\nPYTHONPATH="{REPO}" exec "{sys.executable}" -m fcheck "$@"\n')
    wrapper.chmod(0o755)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    run = [*pre_commit, "run", "fcheck-validate", "--all-files"]

    clean = subprocess.run(run, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout

    _break_a_quote(root, env)
    broken = subprocess.run(run, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "quote-not-found" in broken.stdout


@pytest.mark.slow
def test_the_shipped_hook_runs_with_try_repo(tmp_path: Path) -> None:
    """What `pre-commit try-repo` does with fcheck's .pre-commit-hooks.yaml: clone this
    repository, install it into a new environment (dependencies from PyPI), run it."""
    pre_commit = _pre_commit()
    root = tmp_path / "desk"
    root.mkdir()
    env = _git_collection(root)
    run = [*pre_commit, "try-repo", str(REPO), "fcheck-validate", "--all-files"]

    clean = subprocess.run(run, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    output = clean.stdout + clean.stderr
    if clean.returncode != 0 and ("NewConnectionError" in output or "No matching dist" in output):
        pytest.skip("pre-commit could not install fcheck's dependencies (no package index)")
    assert clean.returncode == 0, output
    assert "Passed" in clean.stdout

    _break_a_quote(root, env)
    broken = subprocess.run(run, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "quote-not-found" in broken.stdout
