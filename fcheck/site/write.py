"""Putting a built site in place: all of it or nothing, and never over someone's folder.

The files are written to a new temporary folder beside the target, then the target
(if any) is renamed aside, the new folder renamed into its place, and only then the
old one removed. A failure or Ctrl-C at any point leaves the old folder where it was.
A folder is replaced only if it holds the marker file the site writes (so it is one
fcheck built), or is empty, or the caller says ``force``; a folder that holds the
collection or the working directory is never replaced.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from fcheck.atomic import WriteError
from fcheck.site.paths import MARKER


def _is_within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def check_target(output: Path, force: bool, protect: Iterable[Path] = ()) -> None:
    """Raise :class:`WriteError` unless ``output`` may be (re)placed by a site."""
    if output.is_symlink():
        raise WriteError(f"{output} is a symbolic link; give the folder itself as --output")
    resolved = output.resolve()
    for kept in [Path.cwd(), *protect]:
        kept = kept.resolve()
        if _is_within(kept, resolved):
            raise WriteError(
                f"{output} holds {kept}, which would be replaced; choose a new folder for the site"
            )
        if _is_within(resolved, kept) and kept != Path.cwd().resolve():
            raise WriteError(
                f"{output} is inside {kept}; choose a folder outside the claims directory"
            )
    if not output.exists():
        return
    if not output.is_dir():
        raise WriteError(f"{output} exists and is not a folder; choose another --output")
    if (output / MARKER).is_file() or force:
        return
    try:
        empty = not any(output.iterdir())
    except OSError as exc:
        raise WriteError(f"cannot read {output}: {exc.strerror or exc}") from None
    if not empty:
        raise WriteError(
            f"{output} exists and was not written by `fcheck site` (it has no {MARKER} file); "
            "choose a new folder, or pass --force to replace it and everything in it"
        )


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or ".." in path.parts:
        raise ValueError(f"not a relative path inside the site: {name!r}")
    return path


def _folder_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o777 & ~mask


def write_site(
    files: Mapping[str, bytes], output: Path, *, force: bool = False, protect: Iterable[Path] = ()
) -> None:
    """Write ``files`` as the folder ``output``, replacing it whole (see the module)."""
    protect = list(protect)
    check_target(output, force, protect)
    parent = output.parent if str(output.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp: Path | None = Path(
            tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".new", dir=parent)
        )
    except OSError as exc:
        raise WriteError(f"cannot write in {parent}: {exc.strerror or exc}") from None
    assert tmp is not None
    old: Path | None = None
    try:
        os.chmod(tmp, _folder_mode())  # mkdtemp makes it private; a site is to be served
        for name, data in sorted(files.items()):
            target = tmp.joinpath(*_safe_relative(name).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        check_target(output, force, protect)  # again: it may have changed meanwhile
        if output.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".old", dir=parent))
            os.rename(output, old / "site")
        os.rename(tmp, output)
        tmp = None
    except OSError as exc:
        raise WriteError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None and old is not None and not output.exists():
            with contextlib.suppress(OSError):
                os.rename(old / "site", output)  # put the old site back
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        # the old site goes only once the new one is in place (or it is back)
        if old is not None and (tmp is None or not (old / "site").exists()):
            shutil.rmtree(old, ignore_errors=True)
