"""What the site reads from the records: a fact-check is an article with its claims.

The fields of a published fact-check (verdict, summary, lead, review, corrections)
are optional, so every accessor here has a fallback for collections without them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fcheck.model import Article, Claim
from fcheck.reporters.annotate import Span, locate
from fcheck.safe import escape_controls


def one_line(value: object) -> str:
    """Text on one line, its control characters shown as escapes (before splitting on
    white space, which would otherwise swallow some of them)."""
    return " ".join(escape_controls(str(value if value is not None else "")).split())


def _text(value: Any) -> str | None:
    return one_line(value) or None


@dataclass
class FactCheck:
    """One article and its claims, as the site shows them."""

    slug: str
    article: Article | None
    claims: list[Claim]
    spans: list[Span] = field(default_factory=list)
    unlocated: list[Claim] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any]:
        return self.article.data if self.article is not None else {}

    @property
    def title(self) -> str:
        return _text(self.data.get("title")) or self.slug

    @property
    def verdict(self) -> str | None:
        return _text(self.data.get("verdict"))

    @property
    def summary(self) -> str | None:
        value = self.data.get("summary")
        return None if value is None else str(value).strip() or None

    @property
    def review(self) -> dict[str, Any]:
        value = self.data.get("review")
        return value if isinstance(value, dict) else {}

    @property
    def published(self) -> str | None:
        """When the fact-check was first published (``review.published``), if known."""
        return _text(self.review.get("published"))

    @property
    def updated(self) -> str | None:
        """When it last changed: ``review.updated``, else its publication, else the
        latest date a claim was checked."""
        return _text(self.review.get("updated")) or self.published or self.last_checked

    @property
    def dates(self) -> list[tuple[str, str]]:
        """The dates a reader is shown: ("Published", d), ("Updated", d) or ("Last checked", d)."""
        if self.published:
            out = [("Published", self.published)]
            if self.updated and self.updated != self.published:
                out.append(("Updated", self.updated))
            return out
        return [("Last checked", self.last_checked)] if self.last_checked else []

    @property
    def last_checked(self) -> str | None:
        dates = [str(c.data["checked"]) for c in self.claims if c.data.get("checked")]
        return max(dates) if dates else None

    @property
    def ordered(self) -> list[Claim]:
        """The claims in the order the article makes them; unlocated quotes last."""
        return [s.claim for s in self.spans] + sorted(self.unlocated, key=lambda c: c.id)

    @property
    def lead(self) -> list[Claim]:
        ids = self.data.get("lead")
        if not isinstance(ids, list):
            return []
        by_id = {c.id: c for c in self.claims}
        return [by_id[str(i)] for i in ids if str(i) in by_id]

    def corrections(self) -> list[tuple[dict[str, Any], Claim | None]]:
        """Every correction of the article and of its claims, newest first."""
        out: list[tuple[dict[str, Any], Claim | None]] = [
            (c, None) for c in _mappings(self.data.get("corrections"))
        ]
        for claim in self.claims:
            out.extend((c, claim) for c in _mappings(claim.data.get("corrections")))
        out.sort(key=lambda pair: str(pair[0].get("date", "")), reverse=True)
        return out


def _mappings(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def fact_checks(claims: list[Claim], articles: dict[str, Article]) -> list[FactCheck]:
    """Every article of the collection with its claims, newest fact-check first."""
    grouped: dict[str, list[Claim]] = {slug: [] for slug in articles}
    for claim in claims:
        grouped.setdefault(claim.article, []).append(claim)
    out = []
    for slug, group in grouped.items():
        article = articles.get(slug)
        check = FactCheck(slug, article, sorted(group, key=lambda c: c.id))
        if article is not None and article.text is not None:
            check.spans, check.unlocated = locate(article.text, check.claims)
        else:
            check.unlocated = list(check.claims)
        out.append(check)
    out.sort(key=lambda f: f.title.casefold())
    out.sort(key=lambda f: f.published or f.updated or "", reverse=True)
    return out
