"""Reporters for ``fcheck rules``: the validation rules with their documentation."""

from __future__ import annotations

import json
from typing import TextIO

from fcheck.rules import RULES, rules_markdown


def rules_text(stream: TextIO) -> None:
    for r in RULES.values():
        stream.write(f"{r.id} ({r.severity.value}): {r.title}\n    {r.doc}\n")


def rules_markdown_table(stream: TextIO) -> None:
    stream.write(rules_markdown())


def rules_json(stream: TextIO) -> None:
    rows = [
        {"id": r.id, "title": r.title, "severity": r.severity.value, "doc": r.doc}
        for r in RULES.values()
    ]
    json.dump(rows, stream, indent=2)
    stream.write("\n")
