"""Reporters for ``fcheck rules``: every rule fcheck can report, with its documentation."""

from __future__ import annotations

import json
from typing import TextIO

from fcheck.checks.catalogue import all_rules


def rules_text(stream: TextIO) -> None:
    for r in all_rules():
        stream.write(f"{r.id} ({r.severity.value}): {r.title}\n    {r.doc}\n")


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
