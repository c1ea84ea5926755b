"""The steps every reading command takes: load -> filter -> render -> exit status."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import typer

from fcheck.cli.base import error

if TYPE_CHECKING:
    from fcheck.filters import ClaimFilter
    from fcheck.model import Claim


def load(
    claims_dir: Path,
    jobs: int | None = None,
    no_cache: bool = False,
    progress: bool = True,
    records: Any = None,
) -> Any:
    """The collection, with a progress bar on a terminal for long loads; ``records``
    is a :class:`fcheck.validate.Records` (default: whole records)."""
    import fcheck
    from fcheck.reporters.progress import load_progress

    with load_progress(progress) as update:
        return fcheck.load_collection(
            claims_dir, jobs=jobs, cache=not no_cache, progress=update, records=records
        )


def report_broken(collection: Any) -> None:
    """list/show/report still show the good records but say what is broken, on stderr."""
    if not collection.findings:
        return
    from fcheck.findings import Severity
    from fcheck.reporters.findings import report_text

    report_text(collection.findings, collection.files_checked, sys.stderr, summary=False)
    broken = len({f.path for f in collection.findings if f.severity is Severity.ERROR})
    if broken:
        error(f"{broken} file(s) with errors were skipped; run `fcheck validate` for details")


def exit_for(collection: Any) -> NoReturn:
    raise typer.Exit(0 if collection.ok else 1)


STDOUT = Path("-")


def writes_file(output: Path | None) -> bool:
    """Whether --output names a file (not given, or ``-``: stdout)."""
    return output is not None and output != STDOUT


def emit(render: Callable[[TextIO], Any], output: Path | None, force: bool) -> None:
    """Write a reporter's output to stdout (no --output, or ``-``), or atomically to
    the --output file, refusing to replace an existing one without --force."""
    if not writes_file(output):
        render(sys.stdout)
        return
    assert output is not None
    from fcheck.atomic import write_atomic

    buffer = io.StringIO()
    render(buffer)
    write_atomic(output, buffer.getvalue(), overwrite=force)
    sys.stderr.write(f"wrote {output}\n")


def render_selection(
    claims_dir: Path,
    claim_filter: ClaimFilter,
    render: Callable[[list[Claim], Any], bool | None],
    *,
    jobs: int | None = None,
    no_cache: bool = False,
    progress: bool = True,
) -> NoReturn:
    """Load the collection, select claims, ``render(selected, collection)``, exit.

    The exit status is 1 when some file of the collection is broken (those are named
    on stderr) or when ``render`` returns True (it found problems), else 0.
    """
    collection = load(claims_dir, jobs, no_cache, progress=progress)
    failed = render(claim_filter.apply(collection.claims), collection)
    report_broken(collection)
    raise typer.Exit(1 if failed or not collection.ok else 0)
