"""Whitespace-insensitive quote matching, and the nearest passage when it fails."""

from __future__ import annotations

import difflib


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) into one space."""
    return " ".join(text.split())


def closest_passage(text: str, quote: str, width: int = 100) -> str:
    """The passage of ``text`` (both normalized) that best matches ``quote``.

    Anchors on the longest common block, then widens to the quote's length; cheap
    enough to run on every failed quote of a large collection.
    """
    if not text or not quote:
        return ""
    matcher = difflib.SequenceMatcher(None, text, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(text), 0, len(quote))
    if match.size < min(8, len(quote)):
        return ""
    start = max(0, match.a - match.b)
    passage = text[start : start + len(quote)]
    if len(passage) > width:
        passage = passage[: width - 1] + "…"
    return passage
