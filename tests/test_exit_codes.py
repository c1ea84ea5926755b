"""The exit-status contract: 0 success, 1 findings or a known failure, 2 usage errors.

One row per command and outcome. Add rows here as commands land; the test of
`fcheck --help` below fails when a command has no row.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fcheck.cli import app

from .conftest import INVALID, VALID

OK = str(VALID)
BROKEN = str(INVALID / "quote-not-found")
NOPE = "{tmp}/does-not-exist"
COPY = "{tmp}/copy/claims"

# (arguments, expected exit status); "{tmp}" is replaced by a fresh folder.
CONTRACT: list[tuple[tuple[str, ...], int]] = [
    # validate
    (("validate", "--claims", OK), 0),
    (("validate", "--claims", OK, "--format", "json"), 0),
    (("validate", "--claims", BROKEN), 1),
    (("validate", "--claims", BROKEN, "--format", "github"), 1),
    (("validate", "--claims", OK, "--format", "sarif"), 2),
    (("validate", "--claims", NOPE), 2),
    (("validate", "--claims", OK, "{tmp}/missing.yaml"), 2),
    # list
    (("list", "--claims", OK), 0),
    (("list", "--claims", OK, "--entity", "nobody"), 0),
    (("list", "--claims", BROKEN, "--format", "ids"), 1),
    (("list", "--claims", OK, "--status", "rumoured"), 2),
    (("list", "--claims", OK, "--rating", "fake"), 2),
    (("list", "--claims", OK, "--format", "xml"), 2),
    (("list", "--claims", OK, "--bogus"), 2),
    # show
    (("show", "repair-cost", "--claims", OK), 0),
    (("show", "repair-costs", "--claims", OK), 1),
    (("show", "misquote", "--claims", BROKEN), 1),
    (("show", "--claims", OK), 2),
    (("show", "repair-cost", "--claims", OK, "--format", "html"), 2),
    # report
    (("report", "--claims", OK), 0),
    (("report", "--claims", OK, "--format", "html", "--output", "{tmp}/r.html"), 0),
    (("report", "--claims", BROKEN, "--format", "markdown"), 1),
    (("report", "--claims", OK, "--output", "{tmp}/existing.md"), 1),
    (("report", "--claims", OK, "--output", "{tmp}/no/such/folder/r.md"), 1),
    (("report", "--claims", OK, "--format", "pdf"), 2),
    (("report", "--claims", OK, "--output", "{tmp}"), 2),
    # export and schema
    (("export", "jsonl", "--claims", OK), 0),
    (("export", "claimreview", "--claims", OK, "--check"), 1),  # no url, no author
    (("export", "sqlite", "--claims", OK, "--output", "{tmp}/x.db"), 0),
    (("export", "csv", "--claims", BROKEN), 1),
    (("export", "csv", "--claims", OK, "--output", "{tmp}/existing.md"), 1),
    (("export", "sqlite", "--claims", OK), 2),
    (("export", "pdf", "--claims", OK), 2),
    (("export", "claimreview", "--claims", BROKEN, "--check"), 1),
    (("export", "sqlite", "--claims", OK, "--output", "{tmp}/no/such/folder/x.db"), 1),
    (("export", "csv", "--claims", OK, "--check"), 2),
    (("export", "claimreview", "--claims", OK, "--check", "--output", "{tmp}/x.json"), 2),
    (("schema",), 0),
    (("schema", "article"), 0),
    (("schema", "--output", "{tmp}/existing.md"), 1),
    (("schema", "invoice"), 2),
    (("schema", "--claims", NOPE), 2),
    # the workflow commands (COPY is a writable copy of the valid collection)
    (("init", "{tmp}/desk"), 0),
    (("init", "{tmp}/copy"), 1),
    (("init", "{tmp}/desk", "--bogus"), 2),
    (
        (
            "add-article",
            "new-story",
            "--claims",
            COPY,
            "--text",
            "{tmp}/existing.md",
            "--title",
            "T",
            "--publisher",
            "P",
        ),
        0,
    ),
    (
        (
            "add-article",
            "harbour-bridge-2024",
            "--claims",
            COPY,
            "--text",
            "{tmp}/existing.md",
            "--title",
            "T",
            "--publisher",
            "P",
        ),
        1,
    ),
    (
        (
            "add-article",
            "Bad Slug!",
            "--claims",
            COPY,
            "--text",
            "{tmp}/existing.md",
            "--title",
            "T",
            "--publisher",
            "P",
        ),
        1,
    ),
    (("add-article", "x", "--claims", COPY), 2),
    (("candidates", "harbour-bridge-2024", "--claims", OK), 0),
    (("candidates", "no-such-article", "--claims", OK), 1),
    (("candidates", "harbour-bridge-2024", "--claims", OK, "--format", "xml"), 2),
    (("candidates", "../valid", "--claims", OK), 1),
    (("candidates", "news", "--claims", str(INVALID / "article-text-missing")), 1),
    (("new", "harbour-bridge-2024", "--claims", COPY, "--quote", "Some residents suspect"), 0),
    (("new", "harbour-bridge-2024", "--claims", COPY, "--quote", "not in the text"), 1),
    (
        (
            "new",
            "harbour-bridge-2024",
            "--claims",
            COPY,
            "--quote",
            "Some residents suspect",
            "--id",
            "repair-cost",
        ),
        1,
    ),
    (("new", "harbour-bridge-2024", "--claims", COPY), 2),
    (("history", "repair-cost", "--claims", COPY), 1),  # the copy is not in a git repository
    (("history", "repair-cost", "--claims", OK), 0),  # tests run in a git checkout
    (("history", "--claims", OK), 2),
    (("stats", "--claims", OK), 0),
    (("stats", "--claims", OK, "--format", "json"), 0),
    (("stats", "--claims", BROKEN), 1),
    (("stats", "--claims", OK, "--format", "xml"), 2),
    (("stats", "--claims", OK, "--oldest", "-1"), 2),
    # site (a folder of pages; never over a folder it did not write)
    (("site", "--claims", OK, "--output", "{tmp}/public"), 0),
    (("site", "--claims", BROKEN, "--output", "{tmp}/public"), 1),
    (("site", "--claims", OK, "--output", "{tmp}/existing.md"), 1),
    (("site", "--claims", OK, "--output", "{tmp}/copy"), 1),
    (("site", "--claims", OK), 2),
    (("site", "--claims", NOPE, "--output", "{tmp}/public"), 2),
    # the editorial commands (never a network address: --search selects no claim)
    (("validate", "--claims", OK, "--since", "HEAD"), 0),  # tests run in a git checkout
    (("validate", "--claims", COPY, "--since", "HEAD"), 2),  # the copy is not in git
    (("validate", "--claims", OK, "--since", "no-such-revision"), 2),
    (("validate", "--claims", OK, "--publish"), 1),  # no verdicts, no conclusions
    (("status", "--claims", OK), 0),
    (("status", "--claims", OK, "--format", "json"), 0),
    (("status", "--claims", BROKEN), 1),
    (("status", "--claims", OK, "--format", "xml"), 2),
    (("links", "--claims", OK, "--search", "no claim says this"), 0),
    (("links", "--claims", BROKEN, "--search", "no claim says this"), 1),
    (("links", "--claims", OK, "--save"), 2),
    (("links", "--claims", OK, "--format", "xml"), 2),
    # rules and the program itself
    (("rules",), 0),
    (("rules", "--format", "json"), 0),
    (("rules", "--format", "yaml"), 2),
    (("--version",), 0),
    (("--help",), 0),
    (("validate", "--help"), 0),
    ((), 2),
    (("no-such-command",), 2),
]


@pytest.mark.parametrize(("args", "code"), CONTRACT, ids=[" ".join(a) for a, _ in CONTRACT])
def test_exit_status(runner: CliRunner, tmp_path: Path, args: tuple[str, ...], code: int) -> None:
    (tmp_path / "existing.md").write_text("keep")
    shutil.copytree(VALID, tmp_path / "copy" / "claims")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(app, argv)
    assert result.exit_code == code, (argv, result.stdout, result.stderr)
    assert isinstance(result.exception, (SystemExit, type(None)))
    assert "Traceback" not in result.stdout + result.stderr
    if code == 2:
        assert result.stderr.strip(), "a usage error says what is wrong on stderr"
    if code == 1 and "validate" not in args:
        assert result.stderr.strip(), "a failure says what is wrong on stderr"
    assert (tmp_path / "existing.md").read_text() == "keep"


def test_every_command_has_a_row(runner: CliRunner) -> None:
    import typer.main

    group = typer.main.get_command(app)
    commands = set(group.commands)  # type: ignore[attr-defined]
    covered = {args[0] for args, _ in CONTRACT if args and not args[0].startswith("-")}
    assert commands <= covered, f"add exit-status rows for {commands - covered}"
    for command in commands:
        codes = {code for args, code in CONTRACT if args and args[0] == command}
        assert {0, 2} <= codes, f"{command} needs a success and a usage-error row"
