"""A closed pipe (``fcheck list | head -1``): the exit status, and stdout let go.

Apart from :mod:`fcheck.cli.base` so that ``fcheck --version`` can use it without
importing Typer.
"""

from __future__ import annotations

import os
import sys

# The exit status when the reader of stdout went away (`fcheck list | head -1`): what a
# shell reports for a program ended by SIGPIPE (128 + 13), with nothing on stderr.
PIPE_CLOSED = 141


def drop_stdout() -> None:
    """Point stdout at the null device, so that the flush at exit cannot fail again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test runner's buffer): nothing will flush to a pipe
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
