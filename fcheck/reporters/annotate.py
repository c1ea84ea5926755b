"""The article text as HTML with every claim's quote highlighted in place.

Quotes may overlap or nest. The text is cut at every quote boundary; each piece is
highlighted in the colour of the innermost (shortest) quote covering it and links to
that claim, and every claim gets one marker at the end of its quote that carries its
number and status in text, so that no claim is hidden behind another.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from html import escape
from urllib.parse import quote as urlquote

from fcheck.model import Claim
from fcheck.reporters.present import STATUS_LOOKS
from fcheck.safe import escape_controls
from fcheck.textspan import NormalizedText

STATUS_SHORT = {name: look.short for name, look in STATUS_LOOKS.items()}
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


@dataclass(frozen=True)
class Span:
    claim: Claim
    start: int
    end: int
    number: int


def h(value: object) -> str:
    """Escape data for HTML text and attribute values (control characters made visible).

    `::` becomes `:&#58;` (the same text in a browser), so that a page printed to a
    CI log cannot issue GitHub Actions workflow commands.
    """
    return escape(escape_controls(str(value)), quote=True).replace("::", ":&#58;")


def frag(prefix: str, claim_id: str) -> str:
    """A fragment id for a claim; ids are slugs, quoted anyway since data is untrusted."""
    return prefix + urlquote(claim_id, safe="")


def locate(text: str, claims: list[Claim]) -> tuple[list[Span], list[Claim]]:
    """The spans of the claims whose quote is found, numbered in reading order, and the rest."""
    normalized = NormalizedText.of(text)
    found: list[tuple[int, int, Claim]] = []
    missing: list[Claim] = []
    for claim in claims:
        where = normalized.locate(claim.quote)
        if where is None:
            missing.append(claim)
        else:
            found.append((where[0], where[1], claim))
    found.sort(key=lambda f: (f[0], -f[1], f[2].id))
    return [Span(c, s, e, i) for i, (s, e, c) in enumerate(found, 1)], missing


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each paragraph: blank-line separated, or one per line if none."""
    breaks = list(_BLANK_LINE.finditer(text))
    if not breaks:
        breaks = list(re.finditer(r"\n\s*", text))
    out: list[tuple[int, int]] = []
    start = 0
    for match in breaks:
        out.append((start, match.start()))
        start = match.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _marker(span: Span, card: str = "c-") -> str:
    claim = span.claim
    status = claim.status
    label = STATUS_SHORT.get(status, status)
    return (
        f'<a class="tag s-{h(status)}" id="{h(frag("q-", claim.id))}" '
        f'href="#{h(frag(card, claim.id))}" title="{h(status)}: {h(claim.claim)}">'
        f"{span.number}\u00a0{h(label)}</a>"
    )


def annotate(text: str, spans: list[Span], card: str = "c-") -> str:
    """The article text as ``<p>`` elements with highlights and markers.

    Highlights and markers link to ``#<card><claim id>``, the claim's card.
    """
    out: list[str] = []
    for p_start, p_end in _paragraphs(text):
        inside = [s for s in spans if s.start < p_end and s.end > p_start]
        cuts = {p_start, p_end}
        for s in inside:
            cuts.update(x for x in (s.start, s.end) if p_start < x < p_end)
        points = sorted(cuts)
        parts: list[str] = []
        for a, b in itertools.pairwise(points):
            piece = h(text[a:b])
            covering = [s for s in inside if s.start <= a and s.end >= b]
            if covering:
                inner = min(covering, key=lambda s: (s.end - s.start, s.number))
                claim = inner.claim
                extra = " overlap" if len(covering) > 1 else ""
                parts.append(
                    f'<a class="hl s-{h(claim.status)}{extra}" '
                    f'href="#{h(frag(card, claim.id))}" data-claim="{h(claim.id)}">{piece}</a>'
                )
            else:
                parts.append(piece)
            parts.extend(_marker(s, card) for s in inside if s.end == b)
        out.append("<p>" + "".join(parts) + "</p>")
    return "\n".join(out)
