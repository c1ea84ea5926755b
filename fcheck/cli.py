"""The command-line interface: thin adapters from options to core calls to reporters.

Nothing here decides what is valid or how things are counted; that is the core's
job (``fcheck.validate``, ``fcheck.filters``, ``fcheck.summary``). Heavy modules are
imported inside the commands so that ``fcheck --help`` starts fast.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from fcheck import __version__
from fcheck.errors import ClaimNotFoundError, FcheckError
from fcheck.model import RATINGS, STATUSES
from fcheck.reporters import (
    FINDINGS_FORMATS,
    LIST_FORMATS,
    REPORT_FORMATS,
    SHOW_FORMATS,
    get_reporter,
)
from fcheck.reporters.workflow import CANDIDATES_FORMATS, HISTORY_FORMATS, STATS_FORMATS

BUG_HINT = "this is a bug in fcheck; please report it with the command you ran"

# The exit status when the reader of stdout went away (`fcheck list | head -1`): what a
# shell reports for a program ended by SIGPIPE (128 + 13), with nothing on stderr.
PIPE_CLOSED = 141


def _drop_stdout() -> None:
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


def _error(message: str) -> None:
    from fcheck.safe import clean_inline

    sys.stderr.write(f"fcheck: error: {clean_inline(message)}\n")


class FcheckGroup(TyperGroup):
    """Turns known failures into one stderr line and exit 1, in one place."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FcheckError as exc:
            _error(str(exc))
            raise typer.Exit(1) from None
        except (TyperException, typer.Exit, typer.Abort):
            raise  # usage errors and exits keep their own messages and codes
        except Exception as exc:  # the one place unexpected errors are caught
            if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
                # stdout was closed by its reader: normal in a pipe, not an error
                _drop_stdout()
                raise typer.Exit(PIPE_CLOSED) from None
            if ctx.params.get("debug"):
                raise
            detail = str(exc)
            if len(detail) > 200:  # it may quote a whole value from a file
                detail = detail[:199] + "…"
            _error(
                f"internal error ({type(exc).__name__}: {detail}); {BUG_HINT} "
                "(rerun with --debug to see the traceback)"
            )
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=FcheckGroup,
    name="fcheck",
    help="Check, list and report fact-check claims kept as YAML files in git.",
    epilog="Exit status: 0 success; 1 findings or a known failure; 2 usage error; "
    "141 when the reader of the output went away early (as in `fcheck list | head`), "
    "with nothing on stderr.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of internal errors.")
    ] = False,
) -> None:
    """Check, list and report fact-check claims kept as YAML files in git.

    Each claim is one YAML file under claims/<article>/. Run `fcheck validate` in CI,
    `fcheck list` to browse and `fcheck report` to publish.
    """


# Shared options ----------------------------------------------------------------------
ClaimsDir = Annotated[
    Path,
    typer.Option(
        "--claims",
        envvar="FCHECK_CLAIMS",
        exists=True,
        file_okay=False,
        dir_okay=True,
        metavar="DIR",
        help="The claims directory (one folder per article).",
        show_default=True,
        # before --rating, whose labels come from this collection's fcheck.toml, even
        # when --rating is given first
        is_eager=True,
    ),
]
StatusFilter = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer needs Optional on 3.10
    typer.Option(
        "--status",
        "-s",
        callback=lambda values: _check_choices(values, STATUSES, "--status"),
        metavar="STATUS",
        help="Only claims with this status (repeatable): " + ", ".join(STATUSES) + ".",
    ),
]
RatingFilter = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--rating",
        "-r",
        callback=lambda ctx, values: _check_ratings(ctx, values),
        metavar="RATING",
        help="Only claims with this rating (repeatable): "
        + ", ".join(RATINGS)
        + " (or the labels configured in fcheck.toml).",
    ),
]
TagFilter = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--tag", "-t", metavar="TAG", help="Only claims with this tag (repeatable)."),
]
EntityFilter = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--entity", "-e", metavar="NAME", help="Only claims naming this entity (repeatable)."
    ),
]
SourceFilter = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--source", metavar="TEXT", help="Only claims whose source name or 'via' contains this."
    ),
]
ArticleFilter = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--article", "-a", metavar="SLUG", help="Only claims of this article slug (repeatable)."
    ),
]
SearchFilter = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--search",
        "-q",
        metavar="TEXT",
        help="Case-insensitive text search in claim, quote and notes.",
    ),
]
OutputFile = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        dir_okay=False,
        metavar="FILE",
        help="Write to this file instead of stdout.",
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Overwrite the --output file if it exists.")]
Jobs = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Worker processes for parsing (default: one per core for large collections; "
        "1: no workers).",
        show_default=False,
    ),
]
NoCache = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Re-read every file instead of reusing unchanged files' results "
        "(cache in $FCHECK_CACHE_DIR or ~/.cache/fcheck).",
    ),
]


def _check_choices(values: Any, allowed: Any, option: str) -> Any:
    """Reject a value outside ``allowed`` as a usage error (exit 2) listing the choices."""
    given = [values] if isinstance(values, str) else list(values or [])
    for value in given:
        if value not in allowed:
            raise typer.BadParameter(
                f"'{value}' is not one of: {', '.join(allowed)}", param_hint=f"'{option}'"
            )
    return values


def _check_ratings(ctx: Any, values: Any) -> Any:
    """Ratings are checked against the collection's own vocabulary (fcheck.toml)."""
    if not values:
        return values
    from fcheck.config import load_config

    claims = ctx.params.get("claims") or Path(os.environ.get("FCHECK_CLAIMS", "claims"))
    return _check_choices(values, load_config(Path(claims)).rating_names, "--rating")


def _format_option(formats: dict[str, str], default: str | None, help_text: str) -> Any:
    return typer.Option(
        "--format",
        "-f",
        callback=lambda value: _check_choices(value, formats, "--format"),
        metavar="[" + "|".join(formats) + "]",
        help=help_text,
        show_default=default is not None,
    )


# Helpers -----------------------------------------------------------------------------
def _load(
    claims_dir: Path,
    jobs: int | None = None,
    no_cache: bool = False,
    progress: bool = True,
    summaries: bool = False,
) -> Any:
    from fcheck.reporters.progress import load_progress
    from fcheck.validate import load_collection

    with load_progress(progress) as update:
        return load_collection(
            claims_dir, jobs=jobs, cache=not no_cache, progress=update, summaries=summaries
        )


def _report_broken(collection: Any) -> None:
    """list/show/report still show the good records but say what is broken, on stderr."""
    if not collection.findings:
        return
    from fcheck.findings import Severity

    report = get_reporter(FINDINGS_FORMATS, "text")
    report(collection.findings, collection.files_checked, sys.stderr, summary=False)
    broken = len({f.path for f in collection.findings if f.severity is Severity.ERROR})
    if broken:
        _error(f"{broken} file(s) with errors were skipped; run `fcheck validate` for details")


def _exit_for(collection: Any) -> NoReturn:
    raise typer.Exit(0 if collection.ok else 1)


def _filter(
    status: list[str] | None,
    rating: list[str] | None,
    tag: list[str] | None,
    entity: list[str] | None,
    source: list[str] | None,
    article: list[str] | None,
    search: str | None,
) -> Any:
    from fcheck.filters import ClaimFilter

    return ClaimFilter(
        statuses=tuple(status or ()),
        ratings=tuple(rating or ()),
        tags=tuple(tag or ()),
        entities=tuple(entity or ()),
        sources=tuple(source or ()),
        articles=tuple(article or ()),
        search=search,
    )


def _emit(render: Any, output: Path | None, force: bool) -> None:
    """Write a reporter's output to stdout, or atomically to --output."""
    if output is None:
        render(sys.stdout)
        return
    from fcheck.atomic import write_atomic

    buffer = io.StringIO()
    render(buffer)
    write_atomic(output, buffer.getvalue(), overwrite=force)
    sys.stderr.write(f"wrote {output}\n")


# Commands ----------------------------------------------------------------------------
@app.command()
def validate(
    files: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            exists=True,
            dir_okay=False,
            metavar="FILES",
            help="Only report on these files (default: all).",
        ),
    ] = None,
    claims: ClaimsDir = Path("claims"),
    fmt: Annotated[
        Optional[str],  # noqa: UP045
        _format_option(
            FINDINGS_FORMATS, None, "Output format [default: text; github when GITHUB_ACTIONS=true]"
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """Check every claim and article file; print findings and a summary.

    Exit status: 0 when clean, 1 when there are findings, 2 on usage errors.
    """
    from fcheck.findings import Severity
    from fcheck.validate import select_findings

    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    collection = _load(claims, jobs, no_cache, progress=fmt == "text", summaries=True)
    findings = collection.findings
    checked = collection.files_checked
    if files:
        findings = select_findings(collection, files)
        checked = len(files)
    get_reporter(FINDINGS_FORMATS, fmt)(findings, checked, sys.stdout)
    failing = [f for f in findings if strict or f.severity is Severity.ERROR]
    raise typer.Exit(1 if failing else 0)


@app.command("list")
def list_claims(
    claims: ClaimsDir = Path("claims"),
    status: StatusFilter = None,
    rating: RatingFilter = None,
    tag: TagFilter = None,
    entity: EntityFilter = None,
    source: SourceFilter = None,
    article: ArticleFilter = None,
    search: SearchFilter = None,
    fmt: Annotated[str, _format_option(LIST_FORMATS, "table", "Output format.")] = "table",
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """List claims, optionally filtered, as a table or as data.

    Example: fcheck list --status alleged --entity "Karim Massimov" --format ids
    """
    collection = _load(claims, jobs, no_cache, progress=fmt == "table")
    selected = _filter(status, rating, tag, entity, source, article, search).apply(
        collection.claims
    )
    get_reporter(LIST_FORMATS, fmt)(selected, sys.stdout, collection.config)
    _report_broken(collection)
    _exit_for(collection)


@app.command()
def show(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The claim id.")],
    claims: ClaimsDir = Path("claims"),
    fmt: Annotated[str, _format_option(SHOW_FORMATS, "text", "Output format.")] = "text",
    no_cache: NoCache = False,
) -> None:
    """Show one claim in full: quote, claim, source, status, rating, notes, evidence."""
    collection = _load(claims, no_cache=no_cache, progress=fmt == "text")
    claim = collection.claim(claim_id)
    if claim is None:
        _report_broken(collection)
        raise ClaimNotFoundError(_not_found_message(collection, claim_id, claims))
    get_reporter(SHOW_FORMATS, fmt)(claim, sys.stdout, collection.config)
    _report_broken(collection)
    _exit_for(collection)


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
    return f"no claim with id '{claim_id}' in {claims}{hint}"


@app.command()
def report(
    claims: ClaimsDir = Path("claims"),
    status: StatusFilter = None,
    rating: RatingFilter = None,
    tag: TagFilter = None,
    entity: EntityFilter = None,
    source: SourceFilter = None,
    article: ArticleFilter = None,
    search: SearchFilter = None,
    fmt: Annotated[str, _format_option(REPORT_FORMATS, "text", "Output format.")] = "text",
    output: OutputFile = None,
    force: Force = False,
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """Summarise claims (counts by status, rating and article), then each claim by status.

    Example: fcheck report --status alleged --format markdown --output alleged.md
    """
    collection = _load(claims, jobs, no_cache, progress=fmt != "json" or output is not None)
    selected = _filter(status, rating, tag, entity, source, article, search).apply(
        collection.claims
    )
    reporter = get_reporter(REPORT_FORMATS, fmt)
    _emit(
        lambda stream: reporter(selected, stream, collection.config, articles=collection.articles),
        output,
        force,
    )
    _report_broken(collection)
    _exit_for(collection)


@app.command()
def rules(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="[text|markdown|json]",
            callback=lambda v: _check_choices(v, ("text", "markdown", "json"), "--format"),
            help="Output format.",
        ),
    ] = "text",
) -> None:
    """List the validation rules with their documentation."""
    import json

    from fcheck.rules import RULES, rules_markdown

    if fmt == "markdown":
        sys.stdout.write(rules_markdown())
    elif fmt == "json":
        rows = [
            {"id": r.id, "title": r.title, "severity": r.severity.value, "doc": r.doc}
            for r in RULES.values()
        ]
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for r in RULES.values():
            sys.stdout.write(f"{r.id} ({r.severity.value}): {r.title}\n    {r.doc}\n")


# Publishing: export and schema ----------------------------------------------------
EXPORT_FORMATS = ("claimreview", "csv", "sqlite", "jsonl")
SCHEMA_KINDS = ("claim", "article")


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Argument(
            metavar="FORMAT",
            callback=lambda value: _check_choices(value, EXPORT_FORMATS, "FORMAT"),
            help="One of: " + ", ".join(EXPORT_FORMATS) + ".",
        ),
    ],
    claims: ClaimsDir = Path("claims"),
    status: StatusFilter = None,
    rating: RatingFilter = None,
    tag: TagFilter = None,
    entity: EntityFilter = None,
    source: SourceFilter = None,
    article: ArticleFilter = None,
    search: SearchFilter = None,
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
    if check and fmt != "claimreview":
        raise typer.BadParameter("only applies to the claimreview format", param_hint="'--check'")
    if check and output is not None:
        raise typer.BadParameter("--check prints findings, not a file", param_hint="'--output'")
    if fmt == "sqlite" and output is None:
        raise typer.BadParameter(
            "a database cannot go to stdout; give the file to write", param_hint="'--output'"
        )
    collection = _load(claims, jobs, no_cache)
    selected = _filter(status, rating, tag, entity, source, article, search).apply(
        collection.claims
    )
    if check:
        from fcheck.export.claimreview import check_claimreview
        from fcheck.findings import has_errors

        findings = check_claimreview(selected, collection.articles, collection.config, claims)
        get_reporter(FINDINGS_FORMATS, "text")(findings, len(selected), sys.stdout)
        _report_broken(collection)
        raise typer.Exit(1 if has_errors(findings) or not collection.ok else 0)
    if fmt == "sqlite":
        from functools import partial

        from fcheck.atomic import write_atomic_with
        from fcheck.export.sqlite import write_sqlite

        assert output is not None
        write_atomic_with(
            output, partial(write_sqlite, selected, collection.articles), overwrite=force
        )
        sys.stderr.write(f"wrote {output}\n")
    else:
        text = _export_text(fmt, selected, collection)
        _emit(lambda stream: stream.write(text), output, force)
    _report_broken(collection)
    _exit_for(collection)


@app.command()
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

    collection = _load(claims, jobs, no_cache)
    if not collection.ok:
        _report_broken(collection)
        raise FcheckError(f"{output} was not written: fix the errors above first (fcheck validate)")
    files = build_site(collection.claims, collection.articles, collection.config)
    write_site(files, output, force=force, protect=(claims,))
    pages = sum(1 for name in files if name.endswith(".html"))
    sys.stderr.write(f"wrote {output} ({pages} pages)\n")


def _export_text(fmt: str, selected: list[Any], collection: Any) -> str:
    if fmt == "claimreview":
        from fcheck.export.claimreview import export_claimreview

        return export_claimreview(selected, collection.articles, collection.config)
    if fmt == "csv":
        from fcheck.export.tabular import export_csv

        return export_csv(selected)
    from fcheck.export.jsonl import export_jsonl

    return export_jsonl(selected)


@app.command()
def schema(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="[claim|article]",
            callback=lambda value: _check_choices(value, SCHEMA_KINDS, "KIND"),
            help="Which file the schema describes.",
        ),
    ] = "claim",
    claims: Annotated[
        Optional[Path],  # noqa: UP045
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
    _emit(lambda stream: stream.write(text), output, force)


# Workflow: init, add-article, candidates, new, history, stats ------------------------
def _workflow_format(formats: dict[str, str]) -> Any:
    return _format_option(formats, "text", "Output format.")


@app.command()
def init(
    directory: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="Where to create the collection."),
    ] = Path("."),
) -> None:
    """Create a collection: claims/, a commented fcheck.toml and a pre-commit hook.

    Refuses a folder that already has claims/ or fcheck.toml. An existing
    .pre-commit-config.yaml is kept; add this hook to it:

    \b
      - repo: local
        hooks:
          - id: fcheck-validate
            name: fcheck validate
            entry: fcheck validate
            language: system
            files: ^claims/
            pass_filenames: false
    """
    from fcheck.reporters.scaffold import init_text
    from fcheck.scaffold import init_collection

    init_text(init_collection(directory), sys.stdout)


@app.command("add-article")
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
        Optional[str],  # noqa: UP045
        typer.Option("--url", metavar="URL", help="Where the article was published."),
    ] = None,
    published: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--published", metavar="DATE", help="YYYY-MM-DD, YYYY-MM or YYYY."),
    ] = None,
    language: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--language", metavar="TAG", help="BCP 47 tag, such as en or pt-BR."),
    ] = None,
    claims: ClaimsDir = Path("claims"),
) -> None:
    """Add an article: claims/SLUG/article.yaml and the text, stored byte for byte.

    Example: fcheck add-article bridge-costs --text story.txt --title "Bridge costs"
    --publisher "Example Gazette" --published 2024-06-01 --language en
    """
    from fcheck.safe import clean_inline
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
    folder = create(claims, slug, record, raw)
    sys.stdout.write(f"Created {clean_inline(str(folder))}/ (article.yaml, article.txt)\n")
    sys.stdout.write(f"Next: fcheck candidates {clean_inline(slug)}\n")


@app.command()
def candidates(
    article: Annotated[str, typer.Argument(metavar="ARTICLE", help="The article slug.")],
    claims: ClaimsDir = Path("claims"),
    uncovered: Annotated[
        bool, typer.Option("--uncovered", help="Only candidates no claim covers yet.")
    ] = False,
    fmt: Annotated[str, _workflow_format(CANDIDATES_FORMATS)] = "text",
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
    get_reporter(CANDIDATES_FORMATS, fmt)(result, sys.stdout, uncovered)


@app.command()
def new(
    article: Annotated[str, typer.Argument(metavar="ARTICLE", help="The article slug.")],
    quote: Annotated[
        str,
        typer.Option("--quote", metavar="TEXT", help="The passage, verbatim from the article."),
    ],
    claim: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--claim", metavar="TEXT", help="The claim restated neutrally."),
    ] = None,
    status: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--status",
            metavar="STATUS",
            callback=lambda v: _check_choices(v, STATUSES, "--status"),
            help="The evidence status: " + ", ".join(STATUSES) + ".",
        ),
    ] = None,
    rating: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--rating",
            metavar="RATING",
            callback=lambda ctx, v: _check_ratings(ctx, v),
            help="The rating (the labels configured in fcheck.toml).",
        ),
    ] = None,
    claim_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--id", metavar="ID", help="The claim id [default: from claim or quote]."),
    ] = None,
    source: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--source", metavar="NAME", help="Who makes the claim [default: publisher]."),
    ] = None,
    via: Annotated[
        Optional[str],  # noqa: UP045
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
        from fcheck.editor import edit as open_editor
        from fcheck.validate import select_findings

        open_editor(result.path)
        left = select_findings(_load(claims), [result.path])
        if left:
            get_reporter(FINDINGS_FORMATS, "text")(left, 1, sys.stderr, summary=False)
            sys.stderr.write("Still to do: fix the findings above, then `fcheck validate`.\n")


@app.command()
def history(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The claim id.")],
    claims: ClaimsDir = Path("claims"),
    fmt: Annotated[str, _workflow_format(HISTORY_FORMATS)] = "text",
) -> None:
    """The claim's history from git: each commit with date, author and what changed.

    Shows changes of status and rating and the evidence added or removed, oldest first.
    """
    from fcheck.config import load_config
    from fcheck.history import claim_history

    result = claim_history(claims, claim_id)
    get_reporter(HISTORY_FORMATS, fmt)(result, sys.stdout, load_config(claims))


@app.command()
def stats(
    claims: ClaimsDir = Path("claims"),
    status: StatusFilter = None,
    rating: RatingFilter = None,
    tag: TagFilter = None,
    entity: EntityFilter = None,
    source: SourceFilter = None,
    article: ArticleFilter = None,
    search: SearchFilter = None,
    oldest: Annotated[
        int, typer.Option("--oldest", min=0, metavar="N", help="How many oldest reviews to list.")
    ] = 10,
    fmt: Annotated[str, _workflow_format(STATS_FORMATS)] = "text",
    jobs: Jobs = None,
    no_cache: NoCache = False,
) -> None:
    """Transparency figures: claims by status, rating, source and article; evidence
    per claim; claims without a primary source; the oldest reviews."""
    from fcheck.stats import compute_stats

    collection = _load(claims, jobs, no_cache, progress=fmt == "text")
    selected = _filter(status, rating, tag, entity, source, article, search).apply(
        collection.claims
    )
    result = compute_stats(selected, collection.articles, collection.config, oldest=oldest)
    get_reporter(STATS_FORMATS, fmt)(result, sys.stdout, collection.config)
    _report_broken(collection)
    _exit_for(collection)


def main() -> None:
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
        _drop_stdout()
        code = PIPE_CLOSED
    sys.exit(code)
