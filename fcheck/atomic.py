"""Atomic file writes: a temporary file in the same folder, flushed, then renamed.

A reader (or a crash) never sees a half-written file, and an existing file is only
replaced when the caller says so. Whatever happens (a failed rename, a full disk,
Ctrl-C mid-write), the temporary file is removed and any existing file is left
byte-for-byte as it was.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from fcheck.errors import FcheckError


class WriteError(FcheckError):
    """A file could not be written."""


@functools.lru_cache(maxsize=1)
def _new_file_mode() -> int:
    # mkstemp creates files readable by the owner only; a report should get the
    # permissions any new file gets. The umask can only be read by setting it.
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _mode_for(path: Path, overwrite: bool) -> int:
    if overwrite:
        with contextlib.suppress(OSError):
            return path.stat().st_mode & 0o7777  # keep a replaced file's permissions
    return _new_file_mode()


def write_atomic(path: Path, data: str | bytes, *, overwrite: bool = False) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data

    def fill(handle: BinaryIO) -> None:
        handle.write(payload)

    _write(path, fill, None, overwrite)


def write_atomic_with(
    path: Path, build: Callable[[Path], object], *, overwrite: bool = False
) -> None:
    """Let ``build`` create the file at a temporary path beside ``path``, then move it.

    For writers that need a real file rather than bytes (SQLite builds its database
    in place). ``build`` receives an empty file it may overwrite.
    """
    _write(path, None, build, overwrite)


def _write(
    path: Path,
    fill: Callable[[BinaryIO], None] | None,
    build: Callable[[Path], object] | None,
    overwrite: bool,
) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not overwrite and (path.exists() or path.is_symlink()):
        raise WriteError(f"{path} already exists; pass --force to overwrite it")
    _refuse_special(path)
    mode = _mode_for(path, overwrite)
    remove_stale(folder, path.name)
    tmp: Path | None = None
    try:
        # Everything from here on is inside the try, so that even a KeyboardInterrupt
        # (not an Exception) between creating and renaming removes the temporary file.
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=TMP_SUFFIX, dir=folder
        )
        tmp = Path(tmp_name)
        if build is not None:
            os.close(fd)
            build(tmp)
            fd = os.open(tmp, os.O_RDWR)
        with os.fdopen(fd, "r+b" if build is not None else "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            if fill is not None:
                fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            # link() fails if the target appeared meanwhile, so a concurrent writer's
            # file is never clobbered; the temporary name is removed below.
            os.link(tmp, path)
        _sync_folder(folder)
    except FileExistsError:
        raise WriteError(f"{path} already exists; pass --force to overwrite it") from None
    except OSError as exc:
        where = path if tmp is not None else folder
        raise WriteError(f"cannot write {where}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            for leftover in (tmp, *(Path(f"{tmp}{end}") for end in _SIDE_FILES)):
                with contextlib.suppress(OSError):
                    leftover.unlink()


# Temporary files are ``.<name>.<pid>.<random>.tmp``; a builder may add side files
# beside one (SQLite's rollback journal, write-ahead log and shared memory).
TMP_SUFFIX = ".tmp"
_SIDE_FILES = ("-journal", "-wal", "-shm")
# A temporary file of a process that is gone is stale; one whose writer cannot be
# told (written by an older fcheck, without the pid) once it is this old.
_STALE_SECONDS = 3600


def remove_stale(folder: Path, name: str) -> list[str]:
    """Remove what an interrupted earlier write of ``folder/name`` left (kill -9, a
    power cut): only fcheck's own temporary files for that name, by their exact
    pattern, and only when their writer is no longer running. Returns what was removed."""
    import re
    import time

    pattern = re.compile(
        rf"\.{re.escape(name)}\.(?:(\d+)\.)?[a-z0-9_]{{8}}{re.escape(TMP_SUFFIX)}"
        rf"(?:{'|'.join(map(re.escape, _SIDE_FILES))})?"
    )
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            pid = match.group(1)
            if pid is not None:
                if int(pid) == os.getpid() or _running(int(pid)):
                    continue
            elif time.time() - entry.stat(follow_symlinks=False).st_mtime < _STALE_SECONDS:
                continue
            os.unlink(entry.path)
            removed.append(entry.name)
        except (OSError, ValueError):
            continue
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # someone else's process, or cannot tell: leave its files alone
    return True


def _refuse_special(path: Path) -> None:
    """Never rename over a device, a pipe or a folder, even with overwrite: renaming
    a file over /dev/null (as root) would replace the device itself."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise WriteError(f"{path} is not a regular file; choose another output file")


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system can open a folder."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
