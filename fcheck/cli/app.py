"""The ``fcheck`` program: the root command and the list of its commands.

A new command is a function in the module of its group (reading, publishing,
workflow, or a module of its own) registered below; the order here is the order of
``fcheck --help``.
"""

from __future__ import annotations

from typing import Annotated

import typer

from fcheck.cli import editorial, publishing, reading, workflow
from fcheck.cli.base import FcheckGroup, run
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


# Reading
app.command()(reading.validate)
app.command("list")(reading.list_claims)
app.command()(reading.show)
app.command()(reading.report)
app.command()(reading.rules)
# Publishing
app.command()(publishing.export)
app.command()(publishing.site)
app.command()(reading.schema)
# Workflow
app.command()(workflow.init)
app.command("add-article")(workflow.add_article)
app.command()(workflow.candidates)
app.command()(workflow.new)
app.command()(workflow.history)
app.command()(workflow.stats)
# Editorial
app.command()(editorial.status)
app.command()(editorial.links)


def main() -> None:
    run(app)
