"""The documentation as a user meets it: the Quick start, and the generated reference."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fcheck import docgen
from fcheck.cli import app
from fcheck.model import ARTICLE_SPEC, CLAIM_SPEC, Field
from tests.conftest import REPO
from tests.workflow_helpers import fill

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


# Generated reference ------------------------------------------------------------------
def test_the_generated_docs_are_up_to_date() -> None:
    stale = [str(path.relative_to(REPO)) for path in docgen.stale_files(REPO)]
    assert not stale, f"out of date: {stale}; run `python -m fcheck.docgen` and commit"


def test_the_cli_reference_documents_every_command_and_option() -> None:
    page = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^## (fcheck.*)$", page, re.M))
    for ctx, command in docgen.commands():
        assert ctx.command_path in headings, f"{ctx.command_path} is not in docs/cli.md"
        section = page.split(f"\n## {ctx.command_path}\n", 1)[1].split("\n## ", 1)[0]
        for param in command.get_params(ctx):
            for name in [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]:
                if name.startswith("-"):
                    assert re.search(rf"`[^`]*(?<![\w-]){re.escape(name)}\b", section), (
                        f"{ctx.command_path} {name} is not in docs/cli.md"
                    )


def test_the_format_tables_name_every_field() -> None:
    page = (REPO / "docs" / "format.md").read_text(encoding="utf-8")

    def walk(fields: tuple[Field, ...]) -> None:
        for spec in fields:
            assert f"| `{spec.name}` |" in page, spec.name
            walk(spec.fields)

    walk(ARTICLE_SPEC.fields)
    walk(CLAIM_SPEC.fields)


def test_regions_are_filled_and_other_tools_regions_kept() -> None:
    text = "a\n<!-- statuses:start -->\nold\n<!-- statuses:end -->\n<!-- results:start -->\nx\n"
    text += "<!-- results:end -->\n"
    new = docgen.regenerate(text)
    assert "old" not in new and "`court-established`" in new
    assert "<!-- results:start -->\nx\n<!-- results:end -->" in new
    assert docgen.regenerate(new) == new


# Links between the pages ----------------------------------------------------------------
def _anchors(path: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)
    return {docgen._anchor(h) for h in re.findall(r"^#+ (.*)$", text, re.M)}


def _pages() -> list[Path]:
    return [
        REPO / "README.md",
        REPO / "CONTRIBUTING.md",
        REPO / "SECURITY.md",
        *sorted((REPO / "docs").glob("*.md")),
    ]


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_link_between_the_pages_leads_somewhere(page: Path) -> None:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # an external address
        file, _, anchor = target.partition("#")
        path = (page.parent / file).resolve() if file else page
        assert path.exists(), f"{page.name}: {target} does not exist"
        if anchor and path.suffix == ".md":
            assert anchor in _anchors(path), f"{page.name}: no heading for {target}"


# The README's tour, run as written --------------------------------------------------------
def _tour_blocks(language: str) -> list[str]:
    section = _section(README.read_text(encoding="utf-8"), "A five-minute tour")
    blocks = re.findall(r"^```([a-z]*)\n(.*?)^```", section, re.M | re.S)
    return [body for lang, body in blocks if lang == language]


def _tour() -> list[str]:
    return _tour_blocks("sh")


def _outputs() -> list[str]:
    return _tour_blocks("")


def _run_lines(lines: list[str], cwd: Path, env: dict[str, str]) -> list[tuple[int, str]]:
    """Run shell lines in one shell; each line's exit status and output."""
    script = "".join(f'{line}\necho "@@ $?"\n' for line in lines)
    done = subprocess.run(
        ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    parts = re.split(r"^@@ (\d+)\n", done.stdout, flags=re.M)
    results = [(int(parts[i + 1]), parts[i]) for i in range(0, len(parts) - 1, 2)]
    assert len(results) == len(lines), done.stdout + done.stderr
    return results


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_readme_tour_runs_as_written(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "fcheck"  # the fcheck on PATH is this checkout's
    wrapper.write_text(f'#!/bin/sh\nPYTHONPATH="{REPO}" exec "{sys.executable}" -m fcheck "$@"\n')
    wrapper.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Ana Checker",
        "GIT_AUTHOR_EMAIL": "ana@example.org",
        "GIT_COMMITTER_NAME": "Ana Checker",
        "GIT_COMMITTER_EMAIL": "ana@example.org",
        "COLUMNS": "120",
    }
    *before, after = _tour()
    lines = [line for block in before for line in block.splitlines() if line.strip()]
    results = _run_lines(lines, tmp_path, env)
    statuses = {line: code for line, (code, _) in zip(lines, results, strict=True)}
    outputs = {line: out for line, (_, out) in zip(lines, results, strict=True)}
    # every step succeeds but the validation of the unfinished claim, which explains itself
    assert [line for line, code in statuses.items() if code != 0] == ["fcheck validate"]
    shown = _outputs()
    candidates = next(line for line in lines if line.startswith("fcheck candidates"))
    assert outputs[candidates] == shown[0], "update the README's candidates output"
    assert outputs["fcheck validate"] == shown[1], "update the README's validate output"

    desk = tmp_path / next(re.findall(r"cd (\S+)", line)[0] for line in lines if "cd " in line)
    (claim,) = [p for p in (desk / "claims").glob("*/*.yaml") if p.name != "article.yaml"]
    fill(claim, notes="The council's audit confirms the figure.")
    lines = [line for line in after.splitlines() if line.strip()]
    results = _run_lines(lines, desk, env)
    assert [code for code, _ in results] == [0] * len(lines), results
    report = results[lines.index("fcheck report")][1]
    assert "The bridge cost 42 million euros." in report


def test_the_readme_stays_user_shaped() -> None:
    """Reference material goes to docs/; the README stays a page a newcomer reads."""
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 250
    headings = re.findall(r"^## (.*)$", text, re.M)
    for section in ("Install", "Quick start", "A five-minute tour", "Commands", "Documentation"):
        assert section in headings
    # every page of docs/ is reachable from the README's table
    for page in (REPO / "docs").glob("*.md"):
        if page.name != "README.md":
            assert f"(docs/{page.name})" in text, f"docs/{page.name} is not linked from the README"


def test_the_code_layout_names_every_module() -> None:
    """CONTRIBUTING.md's layout table names each module and package of fcheck/."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text[text.index("## Code layout") : text.index("## How to add")]
    package = REPO / "fcheck"
    names = [f"{p.name}/" for p in package.iterdir() if (p / "__init__.py").is_file()]
    names += [p.name for p in package.glob("*.py") if p.name not in {"__init__.py"}]
    missing = sorted(name for name in names if f"`{name}`" not in table)
    assert not missing, f"add to the code layout in CONTRIBUTING.md: {missing}"
