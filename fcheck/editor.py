"""Opening a file in the user's editor ($VISUAL or $EDITOR)."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from fcheck.errors import FcheckError


def edit(path: Path) -> None:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise FcheckError(f"set $EDITOR to open {path} (it was written; edit it by hand)")
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise FcheckError(f"$EDITOR cannot be parsed ({exc}); {path} was written") from None
    try:
        done = subprocess.run([*argv, str(path)], check=False)
    except OSError as exc:
        raise FcheckError(
            f"cannot run the editor '{argv[0]}' ({exc.strerror or exc}); {path} was written"
        ) from None
    if done.returncode != 0:
        raise FcheckError(f"the editor exited with status {done.returncode}; {path} was kept")
