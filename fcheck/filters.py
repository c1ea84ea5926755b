"""Selecting claims: the filters shared by list, report and export."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from fcheck.model import Claim


@dataclass(frozen=True)
class ClaimFilter:
    """Values within one filter are alternatives (OR); different filters all apply (AND).

    Tags, entities, sources and search terms match case-insensitively; ``sources``
    matches part of the source's name or of whom it is attributed to (``via``);
    ``entities`` match whole words of an entity's name (``Massimov`` and ``karim
    massimov`` match "Karim Massimov"; ``Mass`` does not).
    """

    statuses: tuple[str, ...] = ()
    ratings: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    search: str | None = None

    def matches(self, claim: Claim) -> bool:
        if self.statuses and claim.status not in self.statuses:
            return False
        if self.ratings and claim.rating not in self.ratings:
            return False
        if self.articles and claim.article not in self.articles:
            return False
        if self.tags and not _any_equal(self.tags, claim.tags):
            return False
        if self.entities and not _any_named(self.entities, claim.entities):
            return False
        if self.sources:
            source = claim.source
            said = f"{source.name}\n{source.via or ''}".casefold()
            if not any(s.casefold() in said for s in self.sources):
                return False
        if self.search:
            haystack = "\n".join((claim.claim, claim.quote, claim.notes))
            if (
                " ".join(self.search.split()).casefold()
                not in " ".join(haystack.split()).casefold()
            ):
                return False
        return True

    def apply(self, claims: Iterable[Claim]) -> list[Claim]:
        return [c for c in claims if self.matches(c)]


def _any_equal(wanted: tuple[str, ...], values: Iterable[str]) -> bool:
    have = {v.casefold() for v in values}
    return any(w.casefold() in have for w in wanted)


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.casefold()))


def _any_named(wanted: tuple[str, ...], names: Iterable[str]) -> bool:
    """Whether a wanted name is, word for word, all or part of one of ``names``."""
    have = [_words(str(name)) for name in names]
    for want in map(_words, wanted):
        if not want:
            continue
        n = len(want)
        if any(words[i : i + n] == want for words in have for i in range(len(words) - n + 1)):
            return True
    return False
