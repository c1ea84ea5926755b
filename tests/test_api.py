"""The Python API exported by ``import fcheck``: lazy, complete, and what the commands
print."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

import fcheck
from fcheck.cli import app

from .conftest import REPO, VALID


def test_every_exported_name_resolves() -> None:
    for name in fcheck.__all__:
        assert getattr(fcheck, name) is not None, name
    assert sorted(dir(fcheck)) == sorted(fcheck.__all__)
    with pytest.raises(AttributeError):
        _ = fcheck.no_such_name  # type: ignore[attr-defined]


def test_import_fcheck_is_cheap() -> None:
    code = (
        "import sys, fcheck; heavy = [m for m in ('yaml', 'rich', 'typer', 'fcheck.collection')"
        " if m in sys.modules]; print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_load_filter_read() -> None:
    collection = fcheck.load_collection(VALID)
    assert isinstance(collection, fcheck.Collection)
    assert collection.claims and collection.ok
    alleged = fcheck.ClaimFilter(statuses=("alleged",)).apply(collection.claims)
    assert alleged and all(c.status == "alleged" for c in alleged)
    for claim in alleged:
        assert isinstance(claim.source, fcheck.Source)
        assert all(isinstance(e, fcheck.Evidence) for e in claim.evidence)


def test_summary_records_hold_the_cross_file_fields() -> None:
    whole = fcheck.load_collection(VALID)
    summary = fcheck.load_collection(VALID, records=fcheck.Records.SUMMARY)
    assert [c.id for c in summary.claims] == [c.id for c in whole.claims]
    assert all(set(c.data) <= {"id", "claim", "quote", "status"} for c in summary.claims)


@pytest.mark.parametrize("fmt", ["ids", "json", "csv", "yaml"])
def test_render_claims_is_what_list_prints(runner: CliRunner, fmt: str) -> None:
    collection = fcheck.load_collection(VALID)
    printed = runner.invoke(app, ["list", "--claims", str(VALID), "--format", fmt])
    assert printed.exit_code == 0
    rendered = fcheck.render_claims(collection.claims, fmt, collection=collection)
    if fmt == "csv":  # CSV rows end in CRLF; the terminal output has plain line breaks
        rendered = rendered.replace("\r\n", "\n")
    assert rendered == printed.stdout


@pytest.mark.parametrize("view", ["reader", "analyst"])
@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_render_report_is_what_report_prints(runner: CliRunner, fmt: str, view: str) -> None:
    collection = fcheck.load_collection(VALID)
    printed = runner.invoke(
        app, ["report", "--claims", str(VALID), "--format", fmt, "--view", view]
    )
    assert printed.exit_code == 0
    rendered = fcheck.render_report(collection.claims, fmt, view=view, collection=collection)
    assert rendered == printed.stdout


def test_unknown_format_says_which_exist() -> None:
    with pytest.raises(ValueError, match="markdown"):
        fcheck.render_report([], "pdf")
