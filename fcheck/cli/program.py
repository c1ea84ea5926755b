"""The ``fcheck`` program: the root command and the list of its commands.

A new command is a function in the module of its group (reading, publishing,
workflow, or a module of its own) with a line in :data:`COMMANDS` below: its name and
a summary short enough to show whole in ``fcheck --help`` at 80 columns. The order
there is the order of ``fcheck --help``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from fcheck.cli import editorial, publishing, reading, workflow
from fcheck.cli.base import FcheckCommand, FcheckGroup, run
from fcheck.version import __version__

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


# name, function, the summary `fcheck --help` shows (whole at 80 columns)
COMMANDS: list[tuple[str, Callable[..., Any], str]] = [
    # Reading
    ("validate", reading.validate, "Check every claim and article file; print the findings."),
    ("list", reading.list_claims, "List claims, optionally filtered, as a table or as data."),
    ("show", reading.show, "Show one claim in full, with its notes and evidence."),
    ("report", reading.report, "The fact-check: verdict, summary, then each claim."),
    ("rules", reading.rules, "List every rule fcheck can report, with its documentation."),
    # Publishing
    ("export", publishing.export, "Export claims: ClaimReview, CSV, SQLite or JSON Lines."),
    ("site", publishing.site, "Build a static website of the collection."),
    ("schema", reading.schema, "Print the JSON Schema of claim files or of article.yaml."),
    # Workflow
    ("init", workflow.init, "Create a collection: claims/, fcheck.toml, a pre-commit hook."),
    ("add-article", workflow.add_article, "Add an article: its article.yaml and its text."),
    ("candidates", workflow.candidates, "The article's sentences worth checking."),
    ("new", workflow.new, "Write a new claim file, anchored on a quote of the article."),
    ("history", workflow.history, "A claim's history from git, commit by commit."),
    ("stats", workflow.stats, "Transparency figures: claims by status, rating and source."),
    # Editorial
    ("status", editorial.status, "Where each fact-check stands, and what blocks publishing."),
    ("links", editorial.links, "Check that the source and evidence URLs still work."),
]
for _name, _function, _summary in COMMANDS:
    app.command(_name, cls=FcheckCommand, short_help=_summary)(_function)


def main() -> None:
    run(app)
