"""Reading commands: validate, list, show, report, rules, schema."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fcheck.cli.base import error
from fcheck.cli.options import (
    ClaimsDir,
    Force,
    Jobs,
    NoCache,
    OutputFile,
    choice_argument,
    choice_option,
    format_option,
    with_filters,
)
from fcheck.cli.run import emit, exit_for, load, render_selection, report_broken, writes_file
from fcheck.errors import ClaimNotFoundError
from fcheck.reporters import (
    FINDINGS_FORMATS,
    LIST_FORMATS,
    REPORT_FORMATS,
    REPORT_VIEWS,
    RULES_FORMATS,
    SHOW_FORMATS,
)

if TYPE_CHECKING:
    from fcheck.filters import ClaimFilter

SCHEMA_KINDS = ("claim", "article")


def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            exists=True,
            dir_okay=False,
            metavar="FILES",
            help="Only report on these files (default: all).",
        ),
    ] = None,
    claims: ClaimsDir = Path("claims"),
    fmt: Annotated[
        str | None,
        format_option(
            FINDINGS_FORMATS,
            "Output format [default: text; github when GITHUB_ACTIONS=true]",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    publish: Annotated[
        bool,
        typer.Option(
            "--publish",
            help="Apply the publishing gate to every article, not only to those whose "
            "review.state is published.",
        ),
    ] = False,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Report published verdicts, ratings, statuses and conclusions changed since "
            "this git revision without a corrections entry (exit 2 without git).",
        ),
    ] = None,
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """Check every claim and article file; print findings and a summary.

    Published articles (review.state: published) must also pass the publishing gate
    (docs/editorial.md). Exit status: 0 when clean, 1 when there are findings, 2 on
    usage errors (and when --since cannot compare, without git).
    """
    from fcheck.collection import select_findings
    from fcheck.corrections import CannotCompare
    from fcheck.editorial import editorial_findings, needs_full_records
    from fcheck.findings import Severity, sort_key
    from fcheck.validate import Records

    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    _inside_collection(files or [], claims)
    progress = FINDINGS_FORMATS.human(fmt)
    # claims served from the cache carry only what cross-file rules read, unless the
    # publishing gate will read whole records
    records = Records.WHOLE if needs_full_records(claims, publish) else Records.SUMMARY
    collection = load(claims, jobs, no_cache, progress=progress, records=records)
    try:
        extra = editorial_findings(collection, publish=publish, since=since)
    except CannotCompare as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    collection.findings = sorted([*collection.findings, *extra], key=sort_key)
    findings = collection.findings
    checked = collection.files_checked
    if files:
        findings = select_findings(collection, files)
        checked = len(files)
    FINDINGS_FORMATS.load(fmt)(findings, checked, sys.stdout)
    failing = [f for f in findings if strict or f.severity is Severity.ERROR]
    raise typer.Exit(1 if failing else 0)


@with_filters
def list_claims(
    claims: ClaimsDir = Path("claims"),
    claim_filter: ClaimFilter = ...,  # type: ignore[assignment]  # the filter options
    fmt: Annotated[str, format_option(LIST_FORMATS)] = "table",
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """List claims, optionally filtered, as a table or as data.

    Example: fcheck list --status alleged --entity "Karim Massimov" --format ids
    """
    reporter = LIST_FORMATS.load(fmt)
    render_selection(
        claims,
        claim_filter,
        lambda selected, collection: reporter(selected, sys.stdout, collection.config),
        jobs=jobs,
        no_cache=no_cache,
        progress=LIST_FORMATS.human(fmt),
    )


def show(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The claim id.")],
    claims: ClaimsDir = Path("claims"),
    fmt: Annotated[str, format_option(SHOW_FORMATS)] = "text",
    no_cache: NoCache = False,
) -> None:
    """Show one claim in full: quote, claim, source, status, rating, notes, evidence."""
    collection = load(claims, no_cache=no_cache, progress=SHOW_FORMATS.human(fmt))
    claim = collection.claim(claim_id)
    if claim is None:
        report_broken(collection)
        raise ClaimNotFoundError(_not_found_message(collection, claim_id, claims))
    SHOW_FORMATS.load(fmt)(claim, sys.stdout, collection.config)
    report_broken(collection)
    exit_for(collection)


def _inside_collection(files: list[Path], claims: Path) -> None:
    """FILES must be files of the collection: anything else is a usage error."""
    root = claims.resolve()
    for path in files:
        if not path.resolve().is_relative_to(root):
            raise typer.BadParameter(
                f"{path} is not inside the collection {claims}; give files under it, "
                "or the --claims folder that holds them",
                param_hint="FILES",
            )


def _not_found_message(collection: Any, claim_id: str, claims: Path) -> str:
    import difflib

    broken = [f.path for f in collection.findings if Path(f.path).stem == claim_id]
    if broken:
        return f"claim '{claim_id}' could not be loaded ({broken[0]} has errors)"
    ids = [c.id for c in collection.claims]
    near = difflib.get_close_matches(claim_id, ids, n=3)
    hint = (
        f"; did you mean {', '.join(near)}?" if near else "; `fcheck list --format ids` lists them"
    )
    where = claims if claims.name not in ("", "..") else claims.resolve()  # not "in ."
    return f"no claim with id '{claim_id}' in {where}{hint}"


@with_filters
def report(
    claims: ClaimsDir = Path("claims"),
    claim_filter: ClaimFilter = ...,  # type: ignore[assignment]  # the filter options
    fmt: Annotated[str, format_option(REPORT_FORMATS)] = "text",
    view: Annotated[
        str,
        choice_option(
            "--view",
            choices=tuple(REPORT_VIEWS),
            metavar="[reader|analyst]",
            help="reader: the fact-check as published (verdict, summary, claims in the "
            "article's order with conclusions and sources); analyst: counts, then the "
            "claims grouped by evidence status.",
        ),
    ] = "reader",
    output: OutputFile = None,
    force: Force = False,
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """The fact-check: verdict, summary and every claim with its rating, conclusion and
    sources (--view analyst: counts by status, rating and article, then claims by status).

    Example: fcheck report --status alleged --format markdown --output alleged.md
    """
    views = REPORT_VIEWS[view]
    reporter = views.load(fmt)

    def render(selected: list[Any], collection: Any) -> None:
        emit(
            lambda stream: reporter(
                selected, stream, collection.config, articles=collection.articles
            ),
            output,
            force,
        )

    render_selection(
        claims,
        claim_filter,
        render,
        jobs=jobs,
        no_cache=no_cache,
        progress=views.human(fmt) or writes_file(output),
    )


def rules(fmt: Annotated[str, format_option(RULES_FORMATS)] = "text") -> None:
    """List every rule fcheck can report, with its documentation."""
    RULES_FORMATS.load(fmt)(sys.stdout)


def schema(
    kind: Annotated[
        str,
        choice_argument(
            "[claim|article]", SCHEMA_KINDS, "KIND", help="Which file the schema describes."
        ),
    ] = "claim",
    claims: Annotated[
        Path | None,
        typer.Option(
            "--claims",
            envvar="FCHECK_CLAIMS",
            exists=True,
            file_okay=False,
            metavar="DIR",
            help="Use the rating vocabulary configured for this claims directory.",
        ),
    ] = None,
    output: OutputFile = None,
    force: Force = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of claim files or of article.yaml.

    Example: fcheck schema > claim.schema.json
    """
    from fcheck.config import Config, load_config
    from fcheck.safe import dumps_json
    from fcheck.schema import article_schema, claim_schema

    config = load_config(claims) if claims is not None else Config()
    make = article_schema if kind == "article" else claim_schema
    document = make(config.rating_names, config.rating_definitions())
    # (rating definitions come from fcheck.toml: bidi and C1 controls as \\u escapes)
    text = dumps_json(document) + "\n"
    emit(lambda stream: stream.write(text), output, force)
