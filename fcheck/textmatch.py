"""Whitespace-insensitive quote matching, and the nearest passage when it fails."""

from __future__ import annotations

import difflib

# difflib's longest-match search costs about len(text) x len(quote) steps, which an
# article of megabytes and a long quote (or a hostile "aaaa...") turn into minutes.
# Above this product a cheaper search anchors on short pieces of the quote instead.
_EXACT_BUDGET = 500_000
_MAX_QUOTE = 2_000  # characters of the quote used to look for an anchor
_PIECE = 12
_PIECES = 40
_WORD_REACH = 40  # how far a cut word is followed to its end


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
    head = quote[:_MAX_QUOTE]
    if len(text) * len(head) <= _EXACT_BUDGET:
        matcher = difflib.SequenceMatcher(None, text, head, autojunk=False)
        found = matcher.find_longest_match(0, len(text), 0, len(head))
        size, a, b = found.size, found.a, found.b
    else:
        size, a, b = _anchor(text, head)
    if size < min(8, len(quote)):
        return ""
    start = max(0, a - b)
    start, end = _whole_words(text, start, min(len(text), start + len(quote)))
    passage = text[start:end]
    if len(passage) > width:
        cut = passage.rfind(" ", 0, width - 1)
        passage = passage[: cut if cut > 0 else width - 1].rstrip() + "…"
    return passage


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``text[start:end]`` to begin and end on word boundaries.

    A word cut at either edge is taken whole if it ends within ``_WORD_REACH``
    characters (a run of text with no space is cut where it was), then the spaces at
    the edges are dropped.
    """
    if 0 < start < len(text) and not text[start - 1].isspace() and not text[start].isspace():
        space = text.rfind(" ", max(0, start - _WORD_REACH), start)
        if space >= 0 or start <= _WORD_REACH:
            start = space + 1
    if 0 < end < len(text) and not text[end - 1].isspace() and not text[end].isspace():
        space = text.find(" ", end, end + _WORD_REACH)
        if space >= 0:
            end = space
        elif len(text) - end <= _WORD_REACH:
            end = len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _anchor(text: str, quote: str) -> tuple[int, int, int]:
    """(size, position in text, position in quote) of a long common block.

    Looks up evenly spaced pieces of the quote with str.find (linear, in C) and
    extends each hit as far as text and quote agree; keeps the longest.
    """
    piece = min(_PIECE, len(quote))
    step = max(1, (len(quote) - piece) // _PIECES)
    best = (0, 0, 0)
    for b in range(0, len(quote) - piece + 1, step):
        a = text.find(quote[b : b + piece])
        if a < 0:
            continue
        size = piece
        limit = min(len(text) - a, len(quote) - b)
        while size < limit and text[a + size] == quote[b + size]:
            size += 1
        if size > best[0]:
            best = (size, a, b)
    return best
