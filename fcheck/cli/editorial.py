"""Editorial commands: status (where each fact-check stands) and links."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fcheck.cli.options import ArticleFilter, ClaimsDir, NoCache, format_option, with_filters
from fcheck.cli.run import exit_for, load, report_broken
from fcheck.reporters import get_reporter
from fcheck.reporters.workflow import LINKS_FORMATS, STATUS_FORMATS

if TYPE_CHECKING:
    from fcheck.filters import ClaimFilter


def status(
    claims: ClaimsDir = Path("claims"),
    article: ArticleFilter = None,
    fmt: Annotated[str, format_option(STATUS_FORMATS)] = "text",
    no_cache: NoCache = False,
) -> None:
    """Where each fact-check stands: review state, dates, checkers and editors, and
    what blocks its publication (the publishing gate's findings).

    Example: fcheck status --article bridge-costs
    """
    from fcheck.gate import collection_status

    collection = load(claims, no_cache=no_cache, progress=STATUS_FORMATS.human(fmt))
    rows = collection_status(collection)
    if article:
        rows = [r for r in rows if r.slug in article]
    get_reporter(STATUS_FORMATS, fmt)(rows, sys.stdout, collection.config)
    report_broken(collection)
    exit_for(collection)


@with_filters
def links(
    claims: ClaimsDir = Path("claims"),
    claim_filter: ClaimFilter | None = None,
    fmt: Annotated[
        str | None,
        format_option(
            LINKS_FORMATS,
            "Output format [default: text; github when GITHUB_ACTIONS=true]",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    archive: Annotated[
        bool,
        typer.Option(
            "--archive",
            help="Write an archive_url (and accessed date) into each evidence item without "
            "one, from the archive's closest snapshot ([links] archive_api in fcheck.toml).",
        ),
    ] = False,
    save: Annotated[
        bool,
        typer.Option(
            "--save",
            help="With --archive: ask the archive for a new snapshot where it has none "
            "([links] save_api).",
        ),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Ask every server again (results are otherwise reused for an hour) and "
            "re-read every claim file.",
        ),
    ] = False,
) -> None:
    """Check that the source and evidence URLs of the claims still work.

    Dead links (404, 410) are errors; permanent moves and other failures are
    warnings. Exit status: 1 when a link is dead (or, with --strict, on any finding).
    See docs/links.md for the endpoints used and how to change them.
    """
    import datetime

    from fcheck.cache import cache_home
    from fcheck.findings import Severity
    from fcheck.links.run import run_links
    from fcheck.reporters.progress import load_progress

    assert claim_filter is not None
    if save and not archive:
        raise typer.BadParameter("only applies with --archive", param_hint="'--save'")
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    bars = LINKS_FORMATS.human(fmt)
    collection = load(claims, no_cache=no_cache, progress=bars)
    selected = claim_filter.apply(collection.claims)
    with (
        load_progress(bars, label="checking links") as progress,
        load_progress(bars, label="asking the archive") as archive_progress,
    ):
        run = run_links(
            selected,
            collection.config.links,
            None if no_cache else cache_home(),
            archive=archive,
            save=save,
            today=datetime.date.today().isoformat(),
            progress=progress,
            archive_progress=archive_progress,
        )
    get_reporter(LINKS_FORMATS, fmt)(run.findings, run.summary, sys.stdout)
    report_broken(collection)
    failing = [f for f in run.findings if strict or f.severity is Severity.ERROR]
    raise typer.Exit(1 if failing or not collection.ok else 0)
