"""The generated parts of the documentation, and the command that rewrites them.

A Markdown file holds a generated region between two comments::

    <!-- NAME:start -->
    ...generated, do not edit...
    <!-- NAME:end -->

where NAME is one of ``REGIONS`` below: the format tables come from ``fcheck.model``,
the rule tables from the rule registries, the command table and the CLI reference from
the Typer app itself. ``python -m fcheck.docgen`` rewrites every region of the files in
``DOC_FILES``; ``--check`` only says which are out of date (exit 1), as the test suite
does. Nothing in the ``fcheck`` command imports this module.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from fcheck.atomic import write_atomic
from fcheck.model import ARTICLE_SPEC, CLAIM_SPEC, RATINGS, STATUSES, Field, Kind

ROOT = Path(__file__).resolve().parent.parent
# The files that may hold generated regions, relative to the repository.
DOC_FILES = ("README.md", "CONTRIBUTING.md", "docs/*.md", "bench/README.md")
CLI_PAGE = "docs/cli.md"
_REGION = re.compile(r"<!-- ([a-z-]+):start -->\n(.*?)<!-- \1:end -->", re.DOTALL)


# Markdown helpers ---------------------------------------------------------------------
def _cell(text: str) -> str:
    """Text for a table cell: one line, no table or HTML breakage, no emphasis."""
    text = " ".join(text.split())
    for char in "\\*<|":
        text = text.replace(char, "\\" + char)
    return text


def _code(text: str) -> str:
    """Code in a table cell (GitHub splits cells at ``|`` even inside code)."""
    return "`" + text.replace("|", "\\|") + "`"


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# The format -------------------------------------------------------------------------
_KINDS = {
    Kind.TEXT: "text",
    Kind.STRING: "text (may be empty)",
    Kind.SLUG: "slug (lowercase letters, digits, single hyphens)",
    Kind.DATE: "date (YYYY-MM-DD)",
    Kind.PARTIAL_DATE: "date (YYYY-MM-DD, YYYY-MM or YYYY)",
    Kind.URL: "http(s) URL",
    Kind.LANGUAGE: "BCP 47 language tag",
    Kind.CHOICE: "one of a list",
    Kind.STRINGS: "list of texts",
    Kind.MAPPING: "mapping",
    Kind.MAPPINGS: "list of mappings",
}


def _kind(spec: Field) -> str:
    kind = _KINDS.get(spec.kind, spec.kind.value)
    if spec.choices:
        kind = "one of " + ", ".join(f"`{choice}`" for choice in spec.choices)
        if spec.choices == tuple(RATINGS):
            kind += " (the default rating labels; `fcheck.toml` may configure others)"
    return kind


def _fields_table(fields: tuple[Field, ...], nested: dict[str, str]) -> str:
    rows = []
    for spec in fields:
        meaning = _cell(spec.description)
        if spec.name in nested:
            meaning += f" See [{nested[spec.name]}](#{_anchor(nested[spec.name])})."
        rows.append((f"`{spec.name}`", "yes" if spec.required else "", _kind(spec), meaning))
    return _table(("Key", "Required", "Type", "Meaning"), rows)


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.lower())
    return text.replace(" ", "-")


def _vocabularies() -> dict[tuple[str, ...], dict[str, str]]:
    """The model's lists of values with their meanings (statuses, ratings...), by values."""
    import fcheck.model

    found = {}
    for value in vars(fcheck.model).values():
        if (
            isinstance(value, dict)
            and value
            and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
        ):
            found[tuple(value)] = value
    return found


def format_tables() -> str:
    """One table per record and per nested mapping, from ``fcheck.model``; then the
    meanings of the values of each choice, except statuses and ratings (their own)."""
    out: list[str] = []
    done: dict[tuple[Field, ...], str] = {}
    vocabularies = _vocabularies()
    own_section = {tuple(STATUSES), tuple(RATINGS)}
    explained: set[tuple[str, ...]] = set()

    def record(heading: str, fields: tuple[Field, ...]) -> None:
        nested: dict[str, str] = {}
        children = []
        for spec in fields:
            if not spec.fields:
                continue
            what = "each item of " if spec.kind is Kind.MAPPINGS else ""
            child = f"{heading}: {what}{spec.name}"
            nested[spec.name] = done.get(spec.fields, child)
            if spec.fields not in done:
                done[spec.fields] = child
                children.append((child, spec.fields))
        out.append(f"### {heading}\n\n{_fields_table(fields, nested)}")
        for spec in fields:
            values = spec.choices
            if values in vocabularies and values not in own_section | explained:
                explained.add(values)
                rows = [(f"`{k}`", _cell(v)) for k, v in vocabularies[values].items()]
                out.append(f"Values of `{spec.name}`:\n\n{_table(('Value', 'Meaning'), rows)}")
        for child, child_fields in children:
            record(child, child_fields)

    record("article.yaml", ARTICLE_SPEC.fields)
    record("claim files", CLAIM_SPEC.fields)
    return "\n".join(out)


def statuses_table() -> str:
    return _table(("Status", "Meaning"), [(f"`{k}`", _cell(v)) for k, v in STATUSES.items()])


def ratings_table() -> str:
    return _table(("Rating", "Meaning"), [(f"`{k}`", _cell(v)) for k, v in RATINGS.items()])


# Rules ------------------------------------------------------------------------------
def rules_table() -> str:
    """What ``fcheck rules --format markdown`` prints."""
    return _run_cli(["rules", "--format", "markdown"])


def candidates_table() -> str:
    from fcheck.candidate_rules import rules_markdown

    return rules_markdown()


# The command line -------------------------------------------------------------------
# Typer 0.29 vendors click (``typer._click``), so commands are handled by duck typing.
Command = Any
Context = Any


def _root() -> tuple[Context, Command]:
    import typer

    from fcheck.cli import app

    command = typer.main.get_command(app)
    return _context(command, "fcheck", None), command


def _context(command: Command, name: str, parent: Context | None) -> Context:
    return command.context_class(command, info_name=name, parent=parent, **command.context_settings)


def _run_cli(args: list[str]) -> str:
    from typer.testing import CliRunner

    from fcheck.cli import app

    result = CliRunner().invoke(app, args, prog_name="fcheck")
    if result.exit_code != 0:
        raise RuntimeError(f"fcheck {' '.join(args)} failed: {result.output}")
    return result.stdout


def commands(
    ctx: Context | None = None, command: Command = None
) -> Iterator[tuple[Context, Command]]:
    """Every visible command under the root, depth first, in the order of --help."""
    if ctx is None:
        ctx, command = _root()
    if hasattr(command, "list_commands"):  # a group
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or sub.hidden:
                continue
            sub_ctx = _context(sub, name, ctx)
            yield sub_ctx, sub
            yield from commands(sub_ctx, sub)


def _usage(ctx: Context, command: Command) -> str:
    return f"{ctx.command_path} {' '.join(command.collect_usage_pieces(ctx))}"


def _summary(command: Command) -> str:
    return str(command.get_short_help_str(limit=10_000))


def _help_text(command: Command) -> str:
    text = command.help or ""
    lines = [line for line in text.splitlines() if line.strip() != "\b"]
    return "\n".join(line.strip() for line in lines).strip()


def _params(ctx: Context, command: Command) -> list[tuple[str, str]]:
    rows = []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        from fcheck.cli.base import plain_record

        record = param.get_help_record(ctx)
        if record is None:  # an argument: click has no help record for it
            record = (param.make_metavar(), getattr(param, "help", None) or "")
        names, help_text = plain_record(*record)
        rows.append((_code(names), _cell(help_text)))
    return rows


def commands_table() -> str:
    """The README's table: each command, its arguments and its one-line summary."""
    rows = []
    for ctx, command in commands():
        pieces = [
            re.sub(r"\{([\w-]+)\}", r"\1", piece)  # "{ID}" (a required argument) as "ID"
            for piece in command.collect_usage_pieces(ctx)
            if piece != "[OPTIONS]"
        ]
        usage = " ".join([ctx.command_path, *pieces])
        link = f"{CLI_PAGE}#{_anchor(ctx.command_path)}"
        rows.append((f"[{_code(usage)}]({link})", _cell(_summary(command))))
    return _table(("Command", "What it does"), rows)


def cli_reference() -> str:
    """Every command with its usage, help and options, as ``--help`` shows them."""
    root_ctx, root = _root()
    out = [
        "## fcheck\n",
        f"```\n{_usage(root_ctx, root)}\n```\n",
        _help_text(root) + "\n",
    ]
    if root.epilog:
        out.append(" ".join(root.epilog.split()) + "\n")
    out.append(_table(("Option", "Description"), _params(root_ctx, root)))
    for ctx, command in commands(root_ctx, root):
        out += [f"## {ctx.command_path}\n", f"```\n{_usage(ctx, command)}\n```\n"]
        text = _help_text(command)
        if text:
            out.append(text + "\n")
        if command.epilog:
            out.append(" ".join(command.epilog.split()) + "\n")
        params = _params(ctx, command)
        if params:
            out.append(_table(("Argument or option", "Description"), params))
    return "\n".join(out)


REGIONS: dict[str, Callable[[], str]] = {
    "format": format_tables,
    "statuses": statuses_table,
    "ratings": ratings_table,
    "rules": rules_table,
    "candidates": candidates_table,
    "commands": commands_table,
    "cli": cli_reference,
}


# Rewriting --------------------------------------------------------------------------
def doc_files(root: Path = ROOT) -> list[Path]:
    found: list[Path] = []
    for pattern in DOC_FILES:
        found += sorted(p for p in root.glob(pattern) if p.is_file())
    return found


def regenerate(text: str, cache: dict[str, str] | None = None) -> str:
    """The text with every generated region brought up to date."""
    cache = {} if cache is None else cache

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in REGIONS:  # another tool's region (bench/run.py writes "results")
            return match.group(0)
        if name not in cache:
            cache[name] = REGIONS[name]()
        return f"<!-- {name}:start -->\n{cache[name]}<!-- {name}:end -->"

    return _REGION.sub(fill, text)


def stale_files(root: Path = ROOT, write: bool = False) -> list[Path]:
    """The documentation files whose generated regions are out of date (rewritten if write)."""
    cache: dict[str, str] = {}
    stale = []
    for path in doc_files(root):
        text = path.read_text(encoding="utf-8")
        new = regenerate(text, cache)
        if new != text:
            stale.append(path)
            if write:
                write_atomic(path, new, overwrite=True)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m fcheck.docgen", description=__doc__.split("\n")[0] if __doc__ else None
    )
    parser.add_argument("--check", action="store_true", help="only list out-of-date files")
    parser.add_argument("--commands", action="store_true", help="print the command names")
    args = parser.parse_args(argv)
    if args.commands:
        for ctx, _ in commands():
            if ctx.parent is not None and ctx.parent.parent is None:
                print(ctx.info_name)
        return 0
    stale = stale_files(write=not args.check)
    for path in stale:
        verb = "out of date" if args.check else "rewritten"
        print(f"{path.relative_to(ROOT)}: {verb}", file=sys.stderr)
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
