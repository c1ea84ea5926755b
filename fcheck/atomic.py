"""Atomic file writes: a temporary file in the same folder, flushed, then renamed.

A reader (or a crash) never sees a half-written file, and an existing file is only
replaced when the caller says so.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from fcheck.errors import FcheckError


class WriteError(FcheckError):
    """A file could not be written."""


def write_atomic(path: Path, data: str | bytes, *, overwrite: bool = False) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    write_atomic_with(path, lambda tmp: tmp.write_bytes(payload), overwrite=overwrite)


def write_atomic_with(
    path: Path, build: Callable[[Path], object], *, overwrite: bool = False
) -> None:
    """Let ``build`` create the file at a temporary path beside ``path``, then move it.

    For writers that need a real file rather than bytes (SQLite builds its database
    in place). ``build`` receives an empty file it may overwrite.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not overwrite and path.exists():
        raise WriteError(f"{path} already exists; pass --force to overwrite it")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        build(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            # link() fails if the target appeared meanwhile, so a concurrent writer's
            # file is never clobbered; the temporary name is removed below.
            os.link(tmp, path)
    except FileExistsError:
        raise WriteError(f"{path} already exists; pass --force to overwrite it") from None
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
