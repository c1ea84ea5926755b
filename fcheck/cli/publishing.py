"""Publishing commands: export, site."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fcheck.cli.options import (
    ClaimsDir,
    Force,
    Jobs,
    NoCache,
    OutputFile,
    choice_argument,
    with_filters,
)
from fcheck.cli.run import emit, load, render_selection, report_broken, writes_file
from fcheck.errors import FcheckError
from fcheck.output import EXPORT_FORMATS, FINDINGS_FORMATS

if TYPE_CHECKING:
    from fcheck.filters import ClaimFilter


@with_filters
def export(
    fmt: Annotated[
        str,
        choice_argument(
            "FORMAT", EXPORT_FORMATS, "FORMAT", help="One of: " + ", ".join(EXPORT_FORMATS) + "."
        ),
    ],
    claims: ClaimsDir = Path("claims"),
    claim_filter: ClaimFilter = ...,  # type: ignore[assignment]  # the filter options
    output: OutputFile = None,
    force: Force = False,
    jobs: Jobs = None,
    no_cache: NoCache = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="claimreview only: lint the JSON-LD against Google's required and "
            "recommended properties instead of printing it; exit 1 on errors.",
        ),
    ] = False,
) -> None:
    """Export claims for publishing: ClaimReview JSON-LD, CSV, SQLite or JSON Lines.

    Example: fcheck export sqlite --output claims.db
    """
    exporter = EXPORT_FORMATS[fmt]
    if check and fmt != "claimreview":
        raise typer.BadParameter("only applies to the claimreview format", param_hint="'--check'")
    if check and output is not None:
        raise typer.BadParameter("--check prints findings, not a file", param_hint="'--output'")
    if exporter.needs_path and output is None:
        raise typer.BadParameter(
            "a database cannot go to stdout; give the file to write", param_hint="'--output'"
        )
    if exporter.needs_path and not writes_file(output):
        raise typer.BadParameter(
            f"{fmt} builds a database file, which cannot be written to stdout (-); "
            "give the file to write",
            param_hint="'--output'",
        )

    def render(selected: list[Any], collection: Any) -> bool:
        if check:
            from fcheck.export.claimreview import check_claimreview
            from fcheck.findings import has_errors

            findings = check_claimreview(selected, collection.articles, collection.config, claims)
            FINDINGS_FORMATS.load("text")(findings, len(selected), sys.stdout)
            if has_errors(findings):
                sys.stderr.write(
                    "fcheck: the ClaimReviews lack properties that Google requires; "
                    "see the errors above\n"
                )
            return has_errors(findings)
        export = EXPORT_FORMATS.load(fmt)
        if exporter.needs_path:
            from functools import partial

            from fcheck.atomic import write_atomic_with

            assert output is not None
            build = partial(export, selected, collection.articles, collection.config)
            write_atomic_with(output, build, overwrite=force)
            sys.stderr.write(f"wrote {output}\n")
        else:
            if fmt == "claimreview":
                _warn_unrated(selected)
            text = export(selected, collection.articles, collection.config)
            emit(lambda stream: stream.write(text or ""), output, force)
        return False

    render_selection(
        claims,
        claim_filter,
        render,
        jobs=jobs,
        no_cache=no_cache,
        progress=exporter.human or writes_file(output),
    )


def site(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="The folder to write the site to (made, or replaced if fcheck made it).",
        ),
    ],
    claims: ClaimsDir = Path("claims"),
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace --output even if it is a folder fcheck did not write."
        ),
    ] = False,
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """Build a static website of the collection: the fact-checks, sources, search, feed.

    The folder works as it is on any static host and from file://. Nothing is written
    if a claim or article file has errors. Example: fcheck site --output site/
    """
    from fcheck.site.build import build_site
    from fcheck.site.write import write_site

    if not writes_file(output):
        raise typer.BadParameter(
            "a site is a folder and cannot be written to stdout; give the folder to write",
            param_hint="'--output'",
        )
    collection = load(claims, jobs, no_cache)
    if not collection.ok:
        report_broken(collection)
        raise FcheckError(f"{output} was not written: fix the errors above first (fcheck validate)")
    files = build_site(collection.claims, collection.articles, collection.config)
    write_site(files, output, force=force, protect=(claims,))
    pages = sum(1 for name in files if name.endswith(".html"))
    sys.stderr.write(f"wrote {output} ({pages} pages)\n")


def _warn_unrated(selected: list[Any]) -> None:
    """ClaimReview leaves unrated claims out: say which, on stderr."""
    from fcheck.export.claimreview import unrated
    from fcheck.safe import clean_inline

    left_out = unrated(selected)
    if left_out:
        many = len(left_out) != 1
        ids = ", ".join(clean_inline(c.id) for c in left_out[:10])
        more = f" and {len(left_out) - 10} more" if len(left_out) > 10 else ""
        sys.stderr.write(
            f"fcheck: {len(left_out)} claim{'s' * many} {'have' if many else 'has'} no "
            f"rating and {'are' if many else 'is'} not exported as a review: {ids}{more}\n"
        )
