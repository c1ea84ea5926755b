"""A rule-based sentence splitter for article texts (no model, no network).

Rules, in order:

- A blank line always ends a sentence, so headlines, datelines and captions without
  a final full stop stand alone. A single line break is just a space.
- Otherwise a sentence ends at ``.``, ``!``, ``?`` or ``…`` (optionally followed by
  closing quotes or brackets) when whitespace follows and the next word starts with
  a capital letter, a digit or an opening quote or bracket.
- A full stop does not end a sentence after a known abbreviation (``Mr.``, ``Dr.``,
  ``Sen.``, ``Jan.``, ``e.g.``, ...), a single capital initial (``J. Smith``) or a
  dotted acronym (``U.S.``, ``U.N.``). Decimals (``3.5``) never split because no
  space follows the point.

Sentences never include the whitespace between them, so joining their
whitespace-normalised texts with single spaces gives the whitespace-normalised
article (the form quotes are matched in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "st",
        "jr",
        "sr",
        "rev",
        "hon",
        "pres",
        "inc",
        "ltd",
        "co",
        "corp",
        "llc",
        "plc",
        "dept",
        "univ",
        "assn",
        "bros",
        "no",
        "nos",
        "vol",
        "vols",
        "pp",
        "fig",
        "approx",
        "est",
        "ca",
        "cf",
        "vs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
    ]
)
# (?<!...): a run of end marks is matched from its first mark only, so that a long
# run not followed by whitespace is tried once, not once per mark.
_END = re.compile(r"(?<![.!?…])[.!?…]+[\"'\u201d\u2019»)\]]*(?=\s)")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_NEXT_STARTS = re.compile(r"\s+([\"'\u201c\u2018«(\[]*)(\S)")
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the original text
    end: int

    @property
    def normalized(self) -> str:
        return " ".join(self.text.split())


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``text[dot]`` ends an abbreviation, an initial or an
    acronym: the word before it is read back to the previous whitespace only (the
    stretches read for successive full stops never overlap, so a paragraph is read
    once however long it is)."""
    start = dot
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    if start == dot:
        return False
    word = text[start:dot].lstrip("\"'\u201c\u2018«([")
    if _ACRONYM.match(word):
        return True
    if len(word) == 1 and word.isupper():
        return True
    return word.casefold() in ABBREVIATIONS


def _split_paragraph(text: str, offset: int) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        following = _NEXT_STARTS.match(text, end)
        if following is None:
            continue
        first = following.group(2)
        if not (first.isupper() or first.isdigit() or following.group(1)):
            continue
        if (
            text[match.start()] == "."
            and match.group().rstrip("\"'\u201d\u2019»)]") == "."
            and _is_abbreviation(text, match.start())
        ):
            continue
        out.append(Sentence(text[start:end], offset + start, offset + end))
        start = following.start(1)
    tail = text[start:].rstrip()
    if tail:
        out.append(Sentence(tail, offset + start, offset + start + len(tail)))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their offsets, in order."""
    out: list[Sentence] = []
    position = 0
    for paragraph in [*_BLANK_LINE.finditer(text), None]:
        stop = paragraph.start() if paragraph is not None else len(text)
        chunk = text[position:stop]
        lead = len(chunk) - len(chunk.lstrip())
        out.extend(_split_paragraph(chunk[lead:].rstrip(), position + lead))
        if paragraph is not None:
            position = paragraph.end()
    return [s for s in out if s.text.strip()]
