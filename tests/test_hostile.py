"""The hostile-input corpus (tests/hostile/) through the real command line.

For every case: the expected finding with file, line and rule; exit 1 (0 for input
that must be accepted); no traceback or internal error; the good claim beside it
still read; nothing executed; no file outside the collection read; no raw control
character in any output. Each case also runs in a subprocess with a timeout, so a
crash of the C parser (a signal) or a runaway input fails the test instead of
hanging or killing the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fcheck.cli import app
from fcheck.collection import load_collection
from fcheck.safe import has_unsafe

from .hostile.checks import (
    assert_inert_csv,
    assert_inert_markdown,
    assert_json_ld_embeddable,
    assert_safe_html,
    assert_safe_terminal,
)
from .hostile.corpus import (
    CASES,
    COMMANDS,
    HOSTILE_FOLDER,
    HOSTILE_TEXT,
    MARKER,
    SECRET,
    Case,
    build,
    expected_exit,
    unreadable_is_readable,
)

# Generous: every case takes well under a second; this only catches runaways.
TIMEOUT = 30


def _built(case: Case, tmp: Path) -> tuple[Path, Path]:
    root, target = build(case, tmp)
    if case.name == "unreadable" and unreadable_is_readable(target):
        pytest.skip("chmod 000 does not stop this user (root) from reading; see the simulation")
    return root, target


def _is_json(command: tuple[str, ...]) -> bool:
    if command[0] == "schema" or command[:2] == ("export", "claimreview"):
        return "--check" not in command
    return "json" in command


def _inert(text: str, fmt: tuple[str, ...], stream: str) -> None:
    """The output checks of tests/hostile/checks.py, by format."""
    if stream == "stdout" and fmt[:2] == ("export", "jsonl"):
        for line in text.splitlines():
            json.loads(line)  # a line separator in data would split a record here
        assert not has_unsafe(text)
        assert_safe_terminal(text)
    elif stream == "stdout" and _is_json(fmt) and (text or fmt[0] != "candidates"):
        json.loads(text)
        assert_safe_terminal(text)
        if fmt[:2] == ("export", "claimreview"):
            # JSON-LD is published inside <script type="application/ld+json">
            assert_json_ld_embeddable(text)
    elif stream == "stdout" and "html" in fmt:
        assert_safe_html(text)
    elif stream == "stdout" and "markdown" in fmt:
        assert_inert_markdown(text)
    elif stream == "stdout" and "csv" in fmt:
        # (export csv starts with a byte-order mark for spreadsheets: fcheck's own)
        assert not has_unsafe(text.removeprefix("\ufeff").replace("\r\n", "\n"))
        assert_inert_csv(text)
    elif stream == "stdout" and "github" in fmt:
        assert not has_unsafe(text)
    else:
        assert_safe_terminal(text)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_in_a_subprocess(case: Case, tmp_path: Path) -> None:
    root, target = _built(case, tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "fcheck", "validate", "--format", "json", "--claims", str(root)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=tmp_path,
    )
    assert proc.returncode == (0 if case.rule is None else 1), proc.stderr
    assert proc.stderr == ""
    report = json.loads(proc.stdout)
    findings = report["findings"]
    if case.rule is None:
        assert findings == []
    else:
        got = [(f["rule"], f["line"]) for f in findings if f["path"] == str(target)]
        assert (case.rule, case.line) in got, findings
    # the good claim beside the broken entry is still read, and is fine
    assert not [f for f in findings if f["path"].endswith("ok.yaml")]
    assert SECRET not in proc.stdout
    assert not (tmp_path / MARKER).exists()


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_command_survives(
    case: Case, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = _built(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    outputs: dict[tuple[str, ...], str] = {}
    for command in COMMANDS:
        expected = expected_exit(command, case)
        args = [*command, "--claims", str(root)]
        result = runner.invoke(app, args)
        out, err = result.stdout, result.stderr
        outputs[command] = out
        if "--no-cache" in command:
            assert out == outputs[command[:-1]], args
        assert result.exit_code == expected, (args, out, err)
        assert isinstance(result.exception, (SystemExit, type(None))), result.exception
        for text, stream in ((out, "stdout"), (err, "stderr")):
            assert "Traceback" not in text
            assert "internal error" not in text
            assert SECRET not in text
            _inert(text, command, stream)
        if command[0] in ("list", "show", "report") and "ids" in command:
            assert "ok" in out.split()
        elif "--check" in command:
            assert " checked" in out.splitlines()[-1], (args, out)  # the summary line
        elif command[0] in ("list", "show", "report") or command[:2] in (
            ("export", "csv"),
            ("export", "jsonl"),
            ("export", "claimreview"),
        ):
            assert "42 million euros" in out, (args, out)
            if command[0] == "export":
                assert "The budget shows the same figure." in out, (args, out)
        elif command[0] == "candidates" and expected == 0:
            # the claim ok covers the sentence, however broken the files beside it are
            assert ("42 million euros" in out) is ("--uncovered" not in command), (args, out)
        elif command[0] == "candidates":
            assert out == "" and "article 'news' cannot be used" in err, (args, err)
        elif command[0] == "stats" and "json" in command:
            report = json.loads(out)
            assert report, out
    assert not (tmp_path / MARKER).exists()
    assert not (Path.cwd() / MARKER).exists()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_named_files_on_every_case(
    case: Case, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`validate FILES` (what pre-commit runs) reports on the named files only."""
    root, target = _built(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    good = runner.invoke(app, ["validate", "--claims", str(root), str(root / "news" / "ok.yaml")])
    assert good.exit_code == 0, (good.stdout, good.stderr)
    assert "internal error" not in good.stderr
    if target.is_file() and not target.is_symlink() and case.rule is not None:
        bad = runner.invoke(app, ["validate", "--claims", str(root), str(target)])
        assert bad.exit_code == 1, (bad.stdout, bad.stderr)
        assert case.rule in bad.stdout
        assert_safe_terminal(bad.stdout + bad.stderr)


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What chmod 000 does for a normal user, also checked when the tests run as root."""
    case = next(c for c in CASES if c.name == "unreadable")
    root, target = build(case, tmp_path)
    real = os.open
    denied = os.path.realpath(target)

    def refuse(path: str, flags: int, *args: int) -> int:
        if os.fspath(path) == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    collection = load_collection(root)
    assert [(f.rule, f.path) for f in collection.findings] == [("file-unreadable", str(target))]
    assert "Permission denied" in collection.findings[0].message
    assert [c.id for c in collection.claims] == ["ok"]


def _whole_corpus(tmp_path: Path) -> tuple[Path, list[tuple[str, str]]]:
    """One collection with every case that fits beside the others, and the
    (rule, path) findings it must give."""
    root = None
    expected = []
    for case in CASES:
        if (
            case.entry.startswith("/")
            or case.entry in ("article.yaml", "article.txt")
            or case.build.__name__ in ("_too_large_text",)
        ):
            continue  # cases that replace the shared article or add folders
        if "text" in case.name or case.name == "unreadable":
            continue
        folder_tmp = tmp_path / case.name
        folder_tmp.mkdir()
        case_root, target = build(case, folder_tmp)
        if root is None:
            root = tmp_path / "claims"
            case_root.rename(root)
        else:
            for entry in (case_root / "news").iterdir():
                if entry.name not in ("article.yaml", "article.txt", "ok.yaml"):
                    entry.rename(root / "news" / entry.name)
        if case.rule is not None:
            expected.append((case.rule, str(root / "news" / target.name)))
    assert root is not None
    return root, expected


@pytest.mark.slow
def test_the_whole_corpus_at_once(tmp_path: Path) -> None:
    """All cases side by side in one collection: each is reported, none stops the rest."""
    root, expected = _whole_corpus(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "fcheck", "validate", "--format", "json", "--claims", str(root)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    got = {(f["rule"], f["path"]) for f in json.loads(proc.stdout)["findings"]}
    missing = [e for e in expected if e not in got]
    assert not missing, missing
    ids = subprocess.run(
        [sys.executable, "-m", "fcheck", "list", "--format", "ids", "--claims", str(root)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=tmp_path,
    )
    assert ids.returncode == 1
    assert ids.stdout.split() == ["bom-crlf", "ok", "psep"]  # the valid cases
    assert "Traceback" not in ids.stderr
    assert not (tmp_path / MARKER).exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_history_of_the_hostile_text_claim(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """history shows commit subjects, authors and evidence from the repository, all
    untrusted: a hostile author and subject, and a version that does not even parse."""
    case = next(c for c in CASES if c.name == "hostile-text")
    root, target = build(case, tmp_path)
    attack = "[bold]Mallory\x1b]8;;https://evil.example\x07 \u202e\x9b31m ::error::x"
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
        "GIT_AUTHOR_NAME": attack,
        "GIT_AUTHOR_EMAIL": "m@example.org",
        "GIT_COMMITTER_NAME": attack,
        "GIT_COMMITTER_EMAIL": "m@example.org",
    }

    def commit(subject: str) -> None:
        for args in (["add", "-A"], ["commit", "-q", "-m", subject]):
            subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, timeout=TIMEOUT)

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, env=env, check=True, timeout=TIMEOUT)
    commit("Add " + attack)
    good = target.read_text(encoding="utf-8")
    target.write_bytes(b"id: hostile-text\nquote: [\x1b[31m\n")  # a broken version
    commit(HOSTILE_TEXT.replace("\n", " "))
    target.write_text(good.replace("court-established", "alleged"), encoding="utf-8")
    commit("::error::fixed\n\n" + HOSTILE_TEXT)
    monkeypatch.chdir(tmp_path)
    for fmt in ("text", "json"):
        args = ["history", "hostile-text", "--claims", str(root), "--format", fmt]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        assert isinstance(result.exception, (SystemExit, type(None))), result.exception
        for text in (result.stdout, result.stderr):
            assert "Traceback" not in text and "internal error" not in text
            assert_safe_terminal(text)
        if fmt == "json":
            versions = json.loads(result.stdout)["versions"]
            assert len(versions) == 3
            assert {v["author"] for v in versions} == {attack}  # data, kept exactly
            assert versions[-1]["status"] == {"from": "court-established", "to": "alleged"}
        else:
            assert "Mallory" in result.stdout


def test_commands_given_the_hostile_folder_name_as_slug(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """candidates and new named an article folder that is an attack: a one-line error
    that says what is wrong with the folder (not "did you mean" the same name), no
    raw control, nothing written."""
    case = next(c for c in CASES if c.name == "hostile-article-folder")
    root, _ = build(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in (root / HOSTILE_FOLDER).iterdir())
    for command in (
        ["candidates", HOSTILE_FOLDER],
        ["new", HOSTILE_FOLDER, "--quote", "the bridge cost 42 million euros"],
    ):
        result = runner.invoke(app, [*command, "--claims", str(root)])
        assert result.exit_code == 1, (result.stdout, result.stderr)
        assert result.stdout == ""
        assert "is not a slug" in result.stderr and "did you mean" not in result.stderr
        assert len(result.stderr.splitlines()) == 1
        assert_safe_terminal(result.stderr)
    assert sorted(p.name for p in (root / HOSTILE_FOLDER).iterdir()) == before


@pytest.mark.slow
def test_the_whole_corpus_in_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsed by worker processes (one file per chunk), through the cache, cold and
    warm: the same findings and claims as one process reading the files."""
    import fcheck.parallel

    from .test_cache_parallel import same

    monkeypatch.setattr(fcheck.parallel, "_CHUNK", 1)
    root, _ = _whole_corpus(tmp_path)
    plain = load_collection(root, jobs=1)
    assert len(plain.findings) > 20
    same(plain, load_collection(root, jobs=2))
    same(plain, load_collection(root, jobs=2, cache=True))
    same(plain, load_collection(root, jobs=2, cache=True))


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc")
def test_the_process_environment_is_never_published(tmp_path: Path) -> None:
    """The attack of issue 16: `sub -> /proc/self` and `text: sub/environ`. The secret
    is in the environment of every command; no output and no written file holds it."""
    case = next(c for c in CASES if c.name == "text-through-proc-self")
    root, _ = build(case, tmp_path)
    env = {**os.environ, "FCHECK_LEAK_TEST": SECRET}
    commands = [
        ["validate", "--format", "json"],
        ["list", "--format", "json"],
        ["report", "--format", "html"],
        ["export", "jsonl"],
        ["export", "sqlite", "--output", str(tmp_path / "out.db")],
        ["candidates", "news"],
    ]
    for command in commands:
        proc = subprocess.run(
            [sys.executable, "-m", "fcheck", *command, "--claims", str(root)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            cwd=tmp_path,
            env=env,
        )
        assert SECRET not in proc.stdout + proc.stderr, command
        assert "Traceback" not in proc.stderr
        assert proc.returncode == 1, (command, proc.stderr)
    db = tmp_path / "out.db"
    assert not db.exists() or SECRET.encode() not in db.read_bytes()
