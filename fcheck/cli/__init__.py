"""The command-line interface: thin adapters from options to core calls to reporters.

Nothing here decides what is valid or how things are counted; that is the core's
job (``fcheck.collection``, ``fcheck.filters``, ``fcheck.summary``). Heavy modules are
imported inside the commands so that ``fcheck --help`` starts fast.

- ``base``: the root group (one stderr line per known failure), closed pipes
- ``pipe``: the exit status of a closed pipe, without Typer (for ``--version``)
- ``options``: the options commands share, the filter options once
- ``run``: load -> filter -> render -> exit status
- ``reading``, ``publishing``, ``workflow``: the commands, by group
- ``program``: the ``fcheck`` program (``app``) and the order of its commands
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fcheck.cli.program import app

__all__ = ["app", "main"]


def main() -> None:
    """The ``fcheck`` program (the console script)."""
    if sys.argv[1:] == ["--version"]:
        # What the root command's --version prints (the same bytes: tests/test_cli.py),
        # without importing Typer, rich and every command first.
        from fcheck.cli.pipe import PIPE_CLOSED, drop_stdout
        from fcheck.version import __version__

        try:
            sys.stdout.write(f"fcheck {__version__}\n")
            sys.stdout.flush()
        except BrokenPipeError:
            drop_stdout()
            sys.exit(PIPE_CLOSED)
        return
    from fcheck.cli.program import main as run

    run()


def __getattr__(name: str) -> Any:
    # ``app`` is imported on first use, so that ``fcheck --version`` need not
    if name == "app":
        from fcheck.cli.program import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
