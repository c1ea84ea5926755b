"""Workflow commands: init, add-article, candidates, new, history, stats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fcheck.cli.options import (
    ClaimsDir,
    Jobs,
    NoCache,
    check_ratings,
    choice_option,
    format_option,
    with_filters,
)
from fcheck.cli.run import load, render_selection
from fcheck.errors import FcheckError
from fcheck.output import CANDIDATES_FORMATS, HISTORY_FORMATS, STATS_FORMATS
from fcheck.precommit import hook_text
from fcheck.vocabulary import STATUSES

if TYPE_CHECKING:
    from fcheck.filters import ClaimFilter


def init(
    directory: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="Where to create the collection."),
    ] = Path("."),
) -> None:
    from fcheck.reporters.scaffold import init_text
    from fcheck.scaffold import init_collection

    init_text(init_collection(directory), sys.stdout)


# The help shows the hook `fcheck init` writes, for an existing .pre-commit-config.yaml.
init.__doc__ = (
    "Create a collection: claims/, a commented fcheck.toml and a pre-commit hook.\n\n"
    "Refuses a folder that already has claims/ or fcheck.toml. An existing\n"
    ".pre-commit-config.yaml is kept; add this hook to it:\n\n\b\n" + hook_text("  ")
)


def add_article(
    slug: Annotated[str, typer.Argument(metavar="SLUG", help="The article's folder name.")],
    text: Annotated[
        str,
        typer.Option("--text", metavar="FILE|-", help="The article text (UTF-8), or - for stdin."),
    ],
    title: Annotated[str, typer.Option("--title", metavar="TEXT", help="The headline.")],
    publisher: Annotated[
        str, typer.Option("--publisher", metavar="NAME", help="Who published the article.")
    ],
    url: Annotated[
        str | None, typer.Option("--url", metavar="URL", help="Where the article was published.")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", metavar="DATE", help="YYYY-MM-DD, YYYY-MM or YYYY."),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option("--language", metavar="TAG", help="BCP 47 tag, such as en or pt-BR."),
    ] = None,
    claims: ClaimsDir = Path("claims"),
) -> None:
    """Add an article: claims/SLUG/article.yaml and the text, stored byte for byte.

    Example: fcheck add-article bridge-costs --text story.txt --title "Bridge costs"
    --publisher "Example Gazette" --published 2024-06-01 --language en
    """
    from fcheck.reporters.scaffold import add_article_text
    from fcheck.scaffold import add_article as create
    from fcheck.scaffold import article_record

    if text == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            raw = Path(text).read_bytes()
        except OSError as exc:
            raise FcheckError(f"cannot read --text {text}: {exc.strerror or exc}") from None
    record = article_record(title, publisher, url, published, language)
    add_article_text(create(claims, slug, record, raw), slug, sys.stdout)


def candidates(
    article: Annotated[str, typer.Argument(metavar="ARTICLE", help="The article slug.")],
    claims: ClaimsDir = Path("claims"),
    uncovered: Annotated[
        bool, typer.Option("--uncovered", help="Only candidates no claim covers yet.")
    ] = False,
    fmt: Annotated[str, format_option(CANDIDATES_FORMATS)] = "text",
) -> None:
    """The article's sentences worth checking, and which claims already cover them.

    A sentence is a candidate when a rule finds a reason in it (numbers, dates, money,
    names, attribution, legal words, superlatives, hedges); it is covered when a
    claim's quote overlaps it.
    """
    from fcheck.articles import load_article
    from fcheck.candidates import article_quotes, find_candidates

    found = load_article(claims, article)
    assert found.text is not None
    result = find_candidates(
        article, found.text, str(found.folder / found.data["text"]), article_quotes(found.folder)
    )
    CANDIDATES_FORMATS.load(fmt)(result, sys.stdout, uncovered)


def new(
    article: Annotated[str, typer.Argument(metavar="ARTICLE", help="The article slug.")],
    quote: Annotated[
        str,
        typer.Option("--quote", metavar="TEXT", help="The passage, verbatim from the article."),
    ],
    claim: Annotated[
        str | None, typer.Option("--claim", metavar="TEXT", help="The claim restated neutrally.")
    ] = None,
    status: Annotated[
        str | None,
        choice_option(
            "--status",
            choices=STATUSES,
            metavar="STATUS",
            help="The evidence status: " + ", ".join(STATUSES) + ".",
        ),
    ] = None,
    rating: Annotated[
        str | None,
        typer.Option(
            "--rating",
            metavar="RATING",
            help="The rating (the labels configured in fcheck.toml).",
        ),
    ] = None,
    claim_id: Annotated[
        str | None,
        typer.Option("--id", metavar="ID", help="The claim id [default: from claim or quote]."),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", metavar="NAME", help="Who makes the claim [default: publisher]."),
    ] = None,
    via: Annotated[
        str | None,
        typer.Option("--via", metavar="NAME", help="Whom the source attributes the claim to."),
    ] = None,
    edit: Annotated[bool, typer.Option("--edit", help="Open the new file in $EDITOR.")] = False,
    claims: ClaimsDir = Path("claims"),
) -> None:
    """Write a new claim file from a template, anchored on a quote of the article.

    The quote must occur in the article text; the id is derived from the claim (or
    quote) unless --id is given; an existing file is never overwritten.
    """
    from fcheck.config import load_config
    from fcheck.newclaim import create_claim
    from fcheck.reporters.scaffold import new_text

    check_ratings(claims, rating)
    result = create_claim(
        claims,
        article,
        quote,
        claim=claim,
        status=status,
        rating=rating,
        claim_id=claim_id,
        source=source,
        via=via,
        config=load_config(claims),
    )
    new_text(result, sys.stdout)
    if edit:
        from fcheck.collection import select_findings
        from fcheck.editor import edit as open_editor

        open_editor(result.path)
        left = select_findings(load(claims), [result.path])
        if left:
            from fcheck.reporters.findings import report_text

            report_text(left, 1, sys.stderr, summary=False)
            sys.stderr.write("Still to do: fix the findings above, then `fcheck validate`.\n")


def history(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The claim id.")],
    claims: ClaimsDir = Path("claims"),
    fmt: Annotated[str, format_option(HISTORY_FORMATS)] = "text",
) -> None:
    """The claim's history from git: each commit with date, author and what changed.

    Shows changes of status and rating and the evidence added or removed, oldest first.
    """
    from fcheck.config import load_config
    from fcheck.history import claim_history

    result = claim_history(claims, claim_id)
    HISTORY_FORMATS.load(fmt)(result, sys.stdout, load_config(claims))


@with_filters
def stats(
    claims: ClaimsDir = Path("claims"),
    claim_filter: ClaimFilter = ...,  # type: ignore[assignment]  # the filter options
    oldest: Annotated[
        int, typer.Option("--oldest", min=0, metavar="N", help="How many oldest reviews to list.")
    ] = 10,
    fmt: Annotated[str, format_option(STATS_FORMATS)] = "text",
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """Transparency figures: claims by status, rating, source and article; evidence
    per claim; claims without a primary source; the oldest reviews."""
    from fcheck.stats import compute_stats

    reporter = STATS_FORMATS.load(fmt)

    def render(selected: list[Any], collection: Any) -> None:
        result = compute_stats(selected, collection.articles, collection.config, oldest=oldest)
        reporter(result, sys.stdout, collection.config)

    render_selection(
        claims,
        claim_filter,
        render,
        jobs=jobs,
        no_cache=no_cache,
        progress=STATS_FORMATS.human(fmt),
    )
