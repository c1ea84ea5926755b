"""Counts in words, the same in every output: ``1 claim``, ``2 claims``."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``"1 claim"``, ``"2 claims"``: a count with its noun in the right number
    (``plural`` where adding an "s" is wrong)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
