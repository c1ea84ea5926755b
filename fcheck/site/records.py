"""What the site shows of each fact-check: the reader's presenter's view of the article
(:class:`fcheck.reporters.present.Piece`), plus what only the site needs: the claims as
loaded (for the ClaimReview JSON-LD, in the collection's order) and where their quotes
are in the article text (for the annotated text)."""

from __future__ import annotations

from dataclasses import dataclass, field

from fcheck.config import Config
from fcheck.model import Article, Claim
from fcheck.reporters.annotate import Span, locate
from fcheck.reporters.present import ClaimView, CorrectionView, Piece, article_piece
from fcheck.safe import escape_controls


def one_line(value: object) -> str:
    """Text on one line, its control characters shown as escapes (before splitting on
    white space, which would otherwise swallow some of them)."""
    return " ".join(escape_controls(str(value if value is not None else "")).split())


@dataclass
class FactCheck:
    """One article's fact-check, as the site shows it."""

    piece: Piece
    article: Article | None
    claims: list[Claim]  # as loaded, in the collection's order
    spans: list[Span] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.piece.slug

    @property
    def title(self) -> str:
        return one_line(self.piece.headline) or self.slug

    @property
    def views(self) -> tuple[ClaimView, ...]:
        """The claims in the order the article makes them."""
        return self.piece.claims

    @property
    def last_checked(self) -> str | None:
        dates = [c.checked for c in self.views if c.checked]
        return max(dates) if dates else None

    @property
    def published(self) -> str | None:
        """When the fact-check was first published (``review.published``), if known."""
        return self.piece.review.published

    @property
    def updated(self) -> str | None:
        """When it last changed: ``review.updated``, else its publication, else the
        latest date a claim was checked."""
        return self.piece.review.updated or self.published or self.last_checked

    @property
    def dates(self) -> list[tuple[str, str]]:
        """The dates a reader is shown: ("Published", d), ("Updated", d) or ("Last checked", d)."""
        if self.published:
            out = [("Published", self.published)]
            if self.updated and self.updated != self.published:
                out.append(("Updated", self.updated))
            return out
        return [("Last checked", self.last_checked)] if self.last_checked else []

    def corrections(self) -> list[tuple[CorrectionView, ClaimView | None]]:
        """The article's corrections and its claims', newest first."""
        return self.piece.all_corrections


def fact_checks(
    claims: list[Claim], articles: dict[str, Article], config: Config
) -> list[FactCheck]:
    """Every article of the collection with its claims, newest fact-check first."""
    grouped: dict[str, list[Claim]] = {slug: [] for slug in articles}
    for claim in claims:
        grouped.setdefault(claim.article, []).append(claim)
    out = []
    for slug, group in grouped.items():
        article = articles.get(slug)
        check = FactCheck(article_piece(slug, article, group, config), article, group)
        if article is not None and article.text is not None:
            # markers carry the number the claim has in the list of claims
            numbers = {c.id: n for n, c in enumerate(check.piece.claims, 1)}
            check.spans = [
                Span(s.claim, s.start, s.end, numbers.get(s.claim.id, s.number))
                for s in locate(article.text, group)[0]
            ]
        out.append(check)
    out.sort(key=lambda f: f.title.casefold())
    out.sort(key=lambda f: f.published or f.updated or "", reverse=True)
    return out
