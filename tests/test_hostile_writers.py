"""The commands that write files, on the hostile corpus and when writing fails.

`export sqlite --output` runs on every corpus case; `new` and `add-article` write the
hostile-text case's attacks into files; and every writer (new, add-article, init,
export and schema --output) is interrupted at each rename: no byte of any existing
file changes, no temporary file is left, and the same command then succeeds.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import fcheck.atomic
from fcheck.cli import app
from fcheck.collection import load_collection
from fcheck.safe import has_unsafe

from .hostile.checks import assert_safe_terminal
from .hostile.corpus import (
    CASES,
    HOSTILE_TEXT,
    MARKER,
    SECRET,
    Case,
    build,
    expected_exit,
    unreadable_is_readable,
)
from .workflow_helpers import STORY, tree

HOSTILE_QUOTE = "=cmd|' /C calc'!A0 \x1b[2J[bold]cost[/bold] </script>"  # in the case's text


def _invoke(runner: CliRunner, args: list[str], **kwargs: Any) -> Any:
    result = runner.invoke(app, args, **kwargs)
    assert isinstance(result.exception, (SystemExit, type(None))), result.exception
    for text in (result.stdout, result.stderr):
        assert "Traceback" not in text
        assert "internal error" not in text
        assert SECRET not in text
        assert_safe_terminal(text)
    return result


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_export_sqlite_on_every_case(
    case: Case, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, target = build(case, tmp_path)
    if case.name == "unreadable" and unreadable_is_readable(target):
        pytest.skip("chmod 000 does not stop this user (root) from reading")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    db = out / "claims.db"
    args = ["export", "sqlite", "--output", str(db), "--claims", str(root)]
    result = _invoke(runner, args)
    assert result.exit_code == expected_exit(("export",), case), result.stderr
    assert os.listdir(out) == ["claims.db"]  # no temporary file, no journal
    assert SECRET.encode() not in db.read_bytes()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = dict(conn.execute("SELECT id, claim FROM claims").fetchall())
        hits = conn.execute(
            "SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'million'"
        ).fetchall()
    finally:
        conn.close()
    assert rows["ok"] == "The bridge cost 42 million euros."
    assert hits
    if case.name == "hostile-text":  # a database holds the text as it is: data, not markup
        assert rows["hostile-text"] == "=" + HOSTILE_TEXT
    assert not (tmp_path / MARKER).exists()


@pytest.fixture
def hostile_collection(tmp_path: Path) -> Path:
    case = next(c for c in CASES if c.name == "hostile-text")
    root, _ = build(case, tmp_path)
    return root


def test_new_writes_hostile_text_as_inert_yaml(runner: CliRunner, hostile_collection: Path) -> None:
    root = hostile_collection
    source, via = "@" + HOSTILE_TEXT, "+" + HOSTILE_TEXT
    args = ["new", "news", "--quote", HOSTILE_QUOTE, "--claim", "=" + HOSTILE_TEXT]
    result = _invoke(runner, [*args, "--source", source, "--via", via, "--claims", str(root)])
    assert result.exit_code == 0, result.stderr
    (path,) = set((root / "news").glob("*.yaml")) - {
        root / "news" / n for n in ("article.yaml", "ok.yaml", "hostile-text.yaml")
    }
    text = path.read_text(encoding="utf-8")
    # nothing a terminal, an editor or a diff viewer would act on (ESC, C1, bidi)
    assert not has_unsafe(text), [c for c in text if has_unsafe(c)]
    data = yaml.safe_load(text)
    assert data["quote"] == HOSTILE_QUOTE
    assert data["claim"] == " ".join(("=" + HOSTILE_TEXT).split())
    assert data["source"] == {"name": source, "via": via}
    # the validator reads the file back as written: only the blanks left to fill
    findings = [f for f in load_collection(root).findings if f.path == str(path)]
    assert {f.rule for f in findings} == {"empty-value"}, findings
    filled = text.replace("status: ''", "status: alleged").replace("notes: ''", "notes: Checked.")
    path.write_text(filled, encoding="utf-8")
    left = [f for f in load_collection(root).findings if str(path) in (f.path, *f.message.split())]
    assert [f.rule for f in left] == ["near-duplicate"], left  # it restates hostile-text


def test_add_article_writes_hostile_text_as_inert_yaml(
    runner: CliRunner, hostile_collection: Path
) -> None:
    story = (hostile_collection / "news" / "article.txt").read_bytes()
    args = ["add-article", "attack", "--text", "-", "--title", HOSTILE_TEXT]
    args += ["--publisher", "=" + HOSTILE_TEXT, "--claims", str(hostile_collection)]
    result = _invoke(runner, args, input=story)
    assert result.exit_code == 0, result.stderr
    folder = hostile_collection / "attack"
    assert (folder / "article.txt").read_bytes() == story  # byte for byte
    text = (folder / "article.yaml").read_text(encoding="utf-8")
    assert not has_unsafe(text)
    data = yaml.safe_load(text)
    assert (data["title"], data["publisher"]) == (HOSTILE_TEXT, "=" + HOSTILE_TEXT)
    assert [f for f in load_collection(hostile_collection).findings if "attack" in f.path] == []


# Fault injection ------------------------------------------------------------------
# Each writer: its command line (shell words; {tmp} and {claims} are filled in) and
# how many files it writes.
WRITERS: dict[str, tuple[str, int]] = {
    "new": ("new news --quote 'Critics suspect favouritism' --claims {claims}", 1),
    "new-id": ("new news --quote 'the bridge cost' --id x --claims {claims}", 1),
    "add-article": (
        "add-article fresh --text {tmp}/story.txt --title T --publisher P --claims {claims}",
        2,
    ),
    "init": ("init {tmp}/desk", 2),
    "init-kept-hook": ("init {tmp}/hooked", 1),
    "export-csv": ("export csv --output {tmp}/out/x.csv --claims {claims}", 1),
    "export-jsonl": ("export jsonl -o {tmp}/out/x.jsonl --claims {claims}", 1),
    "export-claimreview-force": (
        "export claimreview -o {tmp}/out/old.json --force --claims {claims}",
        1,
    ),
    "export-sqlite": ("export sqlite -o {tmp}/out/x.db --claims {claims}", 1),
    "export-sqlite-force": ("export sqlite -o {tmp}/out/old.db --force --claims {claims}", 1),
    "schema": ("schema --output {tmp}/out/schema.json", 1),
}
FAULTS: dict[str, Callable[[], BaseException]] = {
    "oserror": lambda: OSError(28, "No space left on device"),
    "ctrl-c": KeyboardInterrupt,
}
SCENARIOS = [
    (name, at, fault)
    for name, (_, writes) in WRITERS.items()
    for at in range(1, writes + 1)
    for fault in FAULTS
]


def _setup(tmp: Path) -> Path:
    from .conftest import make_collection

    claims = make_collection(tmp)
    (tmp / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp / "hooked").mkdir()
    (tmp / "hooked" / ".pre-commit-config.yaml").write_bytes(b"repos: []  # the team's own\n")
    (tmp / "out").mkdir()
    (tmp / "out" / "old.json").write_bytes(b"{}\n\x00 the previous export")
    (tmp / "out" / "old.db").write_bytes(b"not even a database")
    return claims


@pytest.mark.parametrize(("writer", "at", "fault"), SCENARIOS)
def test_a_writer_interrupted_at_a_rename_changes_nothing(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    writer: str,
    at: int,
    fault: str,
) -> None:
    """The rename (link for a new file, replace with --force) of the at-th file fails."""
    claims = _setup(tmp_path)
    args, _ = WRITERS[writer]
    argv = [
        a.replace("{tmp}", str(tmp_path)).replace("{claims}", str(claims))
        for a in shlex.split(args)
    ]
    call = "replace" if "--force" in argv else "link"
    real = getattr(os, call)
    calls = []

    def flaky(src: Any, dst: Any, *rest: Any, **kwargs: Any) -> None:
        if Path(dst).is_relative_to(tmp_path):  # not the cache, which lives elsewhere
            calls.append(dst)
        if len(calls) == at and Path(dst).is_relative_to(tmp_path):
            raise FAULTS[fault]()
        real(src, dst, *rest, **kwargs)

    before = tree(tmp_path)
    monkeypatch.setattr(fcheck.atomic.os, call, flaky)
    result = _invoke(runner, argv)
    assert len(calls) == at, "the fault was never reached"
    # a known failure exits 1; Ctrl-C exits 130 (128 + SIGINT), as shells expect
    assert result.exit_code == (1 if fault == "oserror" else 130), (result.stdout, result.stderr)
    if fault == "oserror":
        assert result.stderr.startswith("fcheck: error: ")
        assert "No space left on device" in result.stderr
    assert tree(tmp_path) == before  # nothing changed, nothing half-made, no temporary file
    monkeypatch.setattr(fcheck.atomic.os, call, real)
    retry = _invoke(runner, argv)  # and nothing left behind stands in the way
    assert retry.exit_code == 0, (retry.stdout, retry.stderr)


def test_ctrl_c_while_building_the_database_leaves_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcheck.export.sqlite

    claims = _setup(tmp_path)
    before = tree(tmp_path)

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fcheck.export.sqlite, "_insert_claim", interrupted)
    for extra in (["-o", str(tmp_path / "out" / "x.db")], ["-o", str(tmp_path / "out" / "old.db")]):
        force = ["--force"] if extra[1].endswith("old.db") else []
        result = _invoke(runner, ["export", "sqlite", *extra, *force, "--claims", str(claims)])
        assert result.exit_code == 130
        assert tree(tmp_path) == before  # no database, no temporary file, no journal


def test_new_with_a_hostile_config_writes_inert_comments(runner: CliRunner, tmp_path: Path) -> None:
    """`new` copies the rating definitions of fcheck.toml into the file's comments."""
    case = next(c for c in CASES if c.name == "hostile-config")
    root, _ = build(case, tmp_path)
    args = ["new", "news", "--quote", "Critics suspect favouritism", "--rating", "other"]
    result = _invoke(runner, [*args, "--claims", str(root)])
    assert result.exit_code == 0, result.stderr
    path = root / "news" / "critics-suspect-favouritism.yaml"
    text = path.read_text(encoding="utf-8")
    assert not has_unsafe(text), [c for c in text if has_unsafe(c)]
    assert "[bold]x" in text  # the definitions are there, as text
    assert yaml.safe_load(text)["rating"] == "other"
    findings = [f for f in load_collection(root).findings if f.path == str(path)]
    assert {f.rule for f in findings} == {"empty-value"}, findings
