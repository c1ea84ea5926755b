"""What every command shares: the error line, the root group, closed pipes."""

from __future__ import annotations

import errno
import re
import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import TyperException

from fcheck.cli.pipe import PIPE_CLOSED, drop_stdout
from fcheck.errors import FcheckError

BUG_HINT = "this is a bug in fcheck; please report it with the command you ran"


def error(message: str) -> None:
    """One line on stderr; the message may quote a file's data, so controls are escaped."""
    from fcheck.safe import clean_inline

    sys.stderr.write(f"fcheck: error: {clean_inline(message)}\n")


# Typer's help shows Python types (`FILES <list[Path]>`, `ID <str>`) and ranges as
# `[x>=1]`: internal names a user has no use for (the metavar and the help say it).
_ARGUMENT_TYPE = re.compile(r" <[^<>]*>$")
_RANGE = re.compile(r"(?:; )?x>=\d+|\[x>=\d+\]")


def _help_records(command: Any, ctx: Any, kind: str) -> list[tuple[str, str]]:
    records = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None or param.param_type_name != kind:
            continue
        records.append(plain_record(*record))
    return records


def plain_record(name: str, text: str) -> tuple[str, str]:
    """A parameter's help record without Python types or ranges (for --help and the
    generated CLI reference alike)."""
    return _ARGUMENT_TYPE.sub("", name), _RANGE.sub("", text).replace("[]", "").rstrip()


def format_params(command: Any, ctx: Any, formatter: Any) -> None:
    """The Arguments and Options sections of a command's help, in plain words."""
    for title, kind in (("Arguments", "argument"), ("Options", "option")):
        records = _help_records(command, ctx, kind)
        if records:
            with formatter.section(title):
                formatter.write_dl(records)


class FcheckCommand(TyperCommand):
    """A command whose help names no Python types."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        format_params(self, ctx, formatter)


class FcheckGroup(TyperGroup):
    """Turns known failures into one stderr line and exit 1, in one place."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        format_params(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FcheckError as exc:
            error(str(exc))
            raise typer.Exit(1) from None
        except (TyperException, typer.Exit, typer.Abort):
            raise  # usage errors and exits keep their own messages and codes
        except Exception as exc:  # the one place unexpected errors are caught
            if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
                # stdout was closed by its reader: normal in a pipe, not an error
                drop_stdout()
                raise typer.Exit(PIPE_CLOSED) from None
            if ctx.params.get("debug"):
                raise
            detail = str(exc)
            if len(detail) > 200:  # it may quote a whole value from a file
                detail = detail[:199] + "…"
            error(
                f"internal error ({type(exc).__name__}: {detail}); {BUG_HINT} "
                "(rerun with --debug to see the traceback)"
            )
            raise typer.Exit(1) from None


def run(app: typer.Typer) -> None:
    """Run ``app`` as the ``fcheck`` program, ending quietly on a closed pipe."""
    code: Any = 0
    try:
        app(prog_name="fcheck")
    except SystemExit as exc:
        code = exc.code
    try:
        # output still buffered when the command ended goes out now; if the reader has
        # gone by then, that too is a closed pipe and not an error
        sys.stdout.flush()
    except BrokenPipeError:
        drop_stdout()
        code = PIPE_CLOSED
    sys.exit(code)
