"""Fault injection for write_atomic: whatever fails, no byte of an existing file is
lost and no temporary file is left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import fcheck.atomic
from fcheck.atomic import WriteError, write_atomic
from fcheck.cli import app

from .conftest import VALID

ORIGINAL = b"the user's own file\n\x00\xff bytes and all\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "report.html").write_bytes(ORIGINAL)
    (tmp_path / "other.txt").write_bytes(b"untouched")
    return tmp_path


def test_writes_a_new_file_with_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.md"
    write_atomic(target, "héllo\n")
    assert target.read_bytes() == "héllo\n".encode()
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.md"]


def test_refuses_to_overwrite_unless_asked(folder: Path) -> None:
    before = snapshot(folder)
    with pytest.raises(WriteError, match="already exists"):
        write_atomic(folder / "report.html", "new")
    assert snapshot(folder) == before


def test_overwrite_keeps_the_file_mode(folder: Path) -> None:
    (folder / "report.html").chmod(0o640)
    write_atomic(folder / "report.html", "new", overwrite=True)
    assert (folder / "report.html").read_text() == "new"
    assert (folder / "report.html").stat().st_mode & 0o777 == 0o640


def test_overwriting_a_symlink_replaces_the_link_not_its_target(folder: Path) -> None:
    (folder / "link.html").symlink_to(folder / "report.html")
    write_atomic(folder / "link.html", "new", overwrite=True)
    assert (folder / "report.html").read_bytes() == ORIGINAL
    assert not (folder / "link.html").is_symlink()
    assert (folder / "link.html").read_text() == "new"


def test_a_dangling_symlink_is_not_written_through(tmp_path: Path) -> None:
    (tmp_path / "out.html").symlink_to(tmp_path / "elsewhere.html")
    with pytest.raises(WriteError, match="already exists"):
        write_atomic(tmp_path / "out.html", "new")
    assert not (tmp_path / "elsewhere.html").exists()


def test_never_replaces_a_device_pipe_or_folder(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "folder").mkdir()
    # (not /dev/null itself: a regression would replace the device when run as root)
    for target in (fifo, tmp_path / "folder"):
        with pytest.raises(WriteError, match="not a regular file"):
            write_atomic(target, "x", overwrite=True)
    assert fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "pipe"]


def _raiser(exc: BaseException) -> Callable[..., Any]:
    def fail(*args: object, **kwargs: object) -> None:
        raise exc

    return fail


FAULTS = [
    ("replace", True, OSError(28, "No space left on device")),
    ("link", False, OSError(1, "Operation not permitted")),
    ("fsync", True, OSError(5, "Input/output error")),
    ("fsync", False, OSError(5, "Input/output error")),
    ("fchmod", True, OSError(1, "Operation not permitted")),
]


@pytest.mark.parametrize(("call", "overwrite", "exc"), FAULTS)
def test_a_failing_step_loses_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch, call: str, overwrite: bool, exc: OSError
) -> None:
    before = snapshot(folder)
    target = folder / ("report.html" if overwrite else "fresh.html")
    monkeypatch.setattr(fcheck.atomic.os, call, _raiser(exc))
    with pytest.raises(WriteError, match=exc.strerror or ""):
        write_atomic(target, "new content", overwrite=overwrite)
    assert snapshot(folder) == before


@pytest.mark.parametrize("call", ["fsync", "replace", "fchmod"])
def test_keyboard_interrupt_mid_write_loses_nothing(
    folder: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    before = snapshot(folder)
    monkeypatch.setattr(fcheck.atomic.os, call, _raiser(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(folder / "report.html", "x" * 100_000, overwrite=True)
    assert snapshot(folder) == before


def test_keyboard_interrupt_while_writing_the_bytes(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(folder)
    real_fdopen = os.fdopen

    class Interrupted:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Interrupted:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def fileno(self) -> int:
            return int(self.handle.fileno())

        def write(self, data: bytes) -> None:
            self.handle.write(data[: len(data) // 2])  # half written, then Ctrl-C
            raise KeyboardInterrupt

    monkeypatch.setattr(
        fcheck.atomic.os, "fdopen", lambda fd, mode: Interrupted(real_fdopen(fd, mode))
    )
    for overwrite, name in ((True, "report.html"), (False, "fresh.html")):
        with pytest.raises(KeyboardInterrupt):
            write_atomic(folder / name, "y" * 100_000, overwrite=overwrite)
        assert snapshot(folder) == before


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="cannot write"):
        write_atomic(tmp_path / "nope" / "out.md", "x")
    assert list(tmp_path.iterdir()) == []


def test_threads_racing_for_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    payloads = [bytes([65 + i]) * 200_000 for i in range(8)]
    errors: list[Exception] = []
    barrier = threading.Barrier(len(payloads))

    def writer(data: bytes) -> None:
        barrier.wait()
        try:
            write_atomic(target, data)
        except WriteError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(p,)) for p in payloads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # exactly one writer wins, whole; the others are told the file exists
    assert target.read_bytes() in payloads
    assert len(errors) == len(payloads) - 1
    assert all("already exists" in str(e) for e in errors)
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


WRITER = """
import sys
from pathlib import Path
from fcheck.atomic import write_atomic
target, letter = Path(sys.argv[1]), sys.argv[2]
for _ in range(20):
    write_atomic(target, letter * 300_000, overwrite=True)
"""


def test_processes_overwriting_one_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("original")
    letters = "ABCDEF"
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(target), letter]) for letter in letters
    ]
    for proc in procs:
        assert proc.wait(timeout=60) == 0
    # the result is one writer's file, complete, never a mix or a truncation
    content = target.read_text()
    assert len(content) == 300_000 and content[0] in letters and set(content) == {content[0]}
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_report_output_failure_is_one_line_and_loses_nothing(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(folder)
    monkeypatch.setattr(fcheck.atomic.os, "replace", _raiser(OSError(28, "No space left")))
    args = ["report", "--claims", str(VALID), "--format", "html"]
    result = runner.invoke(app, [*args, "--output", str(folder / "report.html"), "--force"])
    assert result.exit_code == 1
    assert result.stderr.startswith("fcheck: error: cannot write ")
    assert "No space left" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert snapshot(folder) == before


# Full disks and interrupted writes (issue 16, item 10) ------------------------------
def _fcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fcheck", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def _assert_ordinary_failure(proc: subprocess.CompletedProcess[str], folder: Path) -> None:
    assert proc.returncode == 1, proc.stderr
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert "internal error" not in proc.stderr and "bug" not in proc.stderr
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in folder.iterdir()) == [], "a file was left behind"


@pytest.fixture
def full_disk(tmp_path: Path) -> Any:
    """A 64 KiB file system, full before the database or report is half written."""
    mount = tmp_path / "full"
    mount.mkdir()
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
            check=True,
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot mount a small tmpfs here (needs root); see the injected tests")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False, capture_output=True, timeout=30)


@pytest.mark.parametrize(
    "command",
    [
        ["export", "sqlite", "--output", "out.db"],
        ["report", "--format", "html", "--output", "out.html"],
        ["export", "csv", "--output", "out.csv"],
    ],
)
def test_a_full_disk_is_an_ordinary_error(
    full_disk: Path, tmp_path: Path, command: list[str]
) -> None:
    from .conftest import REPO

    args = [*command[:-1], str(full_disk / command[-1])]
    proc = _fcheck(*args, "--claims", str(REPO / "claims"), cwd=tmp_path)
    _assert_ordinary_failure(proc, full_disk)
    assert "full" in proc.stderr or "No space left" in proc.stderr


def test_a_full_database_is_an_ordinary_error_injected(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's own "database or disk is full" (SQLITE_FULL), where no small file system
    can be mounted: a page limit makes the database full."""
    import sqlite3

    real = sqlite3.connect

    def tiny(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real(*args, **kwargs)
        conn.execute("PRAGMA max_page_count = 4")
        return conn

    monkeypatch.setattr(sqlite3, "connect", tiny)
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(
        app, ["export", "sqlite", "--claims", str(VALID), "--output", str(out / "x.db")]
    )
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith("fcheck: error: cannot write")
    assert "database or disk is full" in result.stderr and "bug" not in result.stderr
    assert list(out.iterdir()) == []


def test_kill_9_mid_export_leaves_nothing_after_the_next_write(tmp_path: Path) -> None:
    """A process killed while it builds the database leaves its temporary file; the next
    write of the same file removes it (and only fcheck's own files of that name)."""
    out = tmp_path / "out"
    out.mkdir()
    (out / ".x.db.notes").write_text("not fcheck's")  # near the pattern, kept
    (out / "x.db.tmp").write_text("not fcheck's either")
    killer = (
        "import os, signal, sys\n"
        "import fcheck.export.sqlite as s\n"
        "def die(*a):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "s._insert_claim = die\n"
        "from fcheck.cli import main\n"
        "sys.argv = ['fcheck', 'export', 'sqlite', '--claims', sys.argv[1], '--output', "
        "sys.argv[2]]\n"
        "main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", killer, str(VALID), str(out / "x.db")],
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == -9
    left = sorted(p.name for p in out.iterdir())
    assert any(name.endswith(".tmp") and name.startswith(".x.db.") for name in left), left
    proc2 = _fcheck(
        "export", "sqlite", "--claims", str(VALID), "--output", str(out / "x.db"), cwd=tmp_path
    )
    assert proc2.returncode == 0, proc2.stderr
    assert sorted(p.name for p in out.iterdir()) == [".x.db.notes", "x.db", "x.db.tmp"]


def test_stale_files_of_a_running_writer_are_kept(tmp_path: Path) -> None:
    from fcheck.atomic import remove_stale

    mine = tmp_path / f".r.html.{os.getpid()}.abcd1234.tmp"
    mine.write_text("being written")
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = tmp_path / f".r.html.{gone.stdout.strip()}.abcd1234.tmp"
    dead.write_text("left by a killed run")
    journal = tmp_path / f"{dead.name}-journal"
    journal.write_text("x")
    other = tmp_path / f".other.html.{gone.stdout.strip()}.abcd1234.tmp"
    other.write_text("another file's")
    assert sorted(remove_stale(tmp_path, "r.html")) == sorted([dead.name, journal.name])
    assert mine.exists() and other.exists()
