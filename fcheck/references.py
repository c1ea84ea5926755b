"""Numbered references: ``[1]``, ``[2]``, ... in a claim's ``notes`` and ``conclusion``
cite the claim's own evidence items, counted from 1.

One to three digits make a reference; a bracketed year such as the ``[2012]`` of a
neutral citation (``[2012] EWCA Civ 1411``) is not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from fcheck.findings import Position

REFERENCE_RE = re.compile(r"\[([0-9]{1,3})\](?![0-9])")
# The fields whose text may cite evidence items by number.
REFERENCE_FIELDS = ("conclusion", "notes")


@dataclass(frozen=True)
class Reference:
    number: int
    start: int  # offset of "[" in the text
    end: int  # offset after "]"


def references(text: str) -> Iterator[Reference]:
    """Every numbered reference of ``text``, in order."""
    if "[" not in text:
        return
    for match in REFERENCE_RE.finditer(text):
        yield Reference(int(match.group(1)), match.start(), match.end())


def missing_references(text: str, items: int) -> list[tuple[int, Reference]]:
    """The references of ``text`` to evidence items that do not exist, with their index
    among all the references of the text (0-based)."""
    return [(i, ref) for i, ref in enumerate(references(text)) if not 1 <= ref.number <= items]


def locate_in_source(source: str, start: Position, index: int, ref: Reference) -> Position:
    """Where the ``index``-th reference of a scalar that starts at ``start`` is written in
    the YAML ``source``; ``start`` itself if the source spells it otherwise (an escape).

    A reference has no spaces, so folding and quoting leave it as written: the
    ``index``-th reference after the scalar's start is the one.
    """
    lines = source.split("\n")
    line, column = start
    if not 1 <= line <= len(lines):
        return start
    offset = sum(len(text) + 1 for text in lines[: line - 1]) + column - 1
    for i, match in enumerate(REFERENCE_RE.finditer(source, offset)):
        if i == index:
            if int(match.group(1)) != ref.number:
                return start
            at = match.start()
            row = source.count("\n", 0, at) + 1
            return (row, at - (source.rfind("\n", 0, at) + 1) + 1)
    return start
