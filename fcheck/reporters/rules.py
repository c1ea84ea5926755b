"""Reporters for ``fcheck rules``: every rule fcheck can report, with its documentation."""

from __future__ import annotations

import json
import textwrap
from typing import TextIO

from fcheck.checks.catalogue import all_rules


def rules_text(stream: TextIO) -> None:
    """Each rule's id, severity and title, then its documentation wrapped to the width
    the other text output uses (the terminal's; off a terminal, COLUMNS or 120)."""
    from fcheck.reporters.console import make_console

    width = max(40, make_console(stream).width)
    for r in all_rules():
        head = _fill(f"{r.id} ({r.severity.value}): {r.title}", width, "", "  ")
        stream.write(f"{head}\n{_fill(r.doc, width, '    ', '    ')}\n")


def _fill(text: str, width: int, first: str, rest: str) -> str:
    return textwrap.fill(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def rules_markdown_table(stream: TextIO) -> None:
    """The rule table of docs/rules.md."""
    lines = ["| Rule | Severity | What it checks |", "| --- | --- | --- |"]
    for rule in all_rules():
        doc = rule.doc.replace("|", "\\|")
        lines.append(f"| `{rule.id}` | {rule.severity.value} | **{rule.title}.** {doc} |")
    stream.write("\n".join(lines) + "\n")


def rules_json(stream: TextIO) -> None:
    rows = [
        {"id": r.id, "title": r.title, "severity": r.severity.value, "doc": r.doc}
        for r in all_rules()
    ]
    json.dump(rows, stream, indent=2)
    stream.write("\n")
