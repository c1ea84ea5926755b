"""Untrusted multi-line text (notes) as paragraphs, for the Markdown and HTML reports.

Checkers hard-wrap notes in YAML for readable diffs, so single line breaks are
soft: lines are joined, blank lines separate paragraphs, and a line that starts a
list item ("- ", "* ", "• ", "1. ") keeps its own line.
"""

from __future__ import annotations

import re

from fcheck.safe import escape_controls

_ITEM = re.compile(r"^(?:[-*•]\s|\d+[.)]\s)")


def paragraphs(text: object) -> list[list[str]]:
    """Paragraphs, each a list of lines to be separated by hard line breaks."""
    out: list[list[str]] = []
    current: list[str] = []
    # Controls first: str.split() would take \x1c-\x1f for spaces and drop them.
    for raw in escape_controls(str(text)).splitlines():
        line = " ".join(raw.split())
        if not line:
            if current:
                out.append(current)
                current = []
            continue
        if current and not _ITEM.match(line):
            current[-1] += " " + line
        else:
            current.append(line)
    if current:
        out.append(current)
    return out
