"""``fcheck stats``: the transparency figures of a collection.

A claim *lacks a primary source* when none of its evidence items has a ``url`` other
than the article's own page or the page of the claim's source (compared without
scheme, ``www.``, trailing slash or fragment): a reader cannot follow anything beyond
the claim itself. Speculative claims are counted too, since even an insinuation can
be checked against what is on the record.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from fcheck.config import Config
from fcheck.model import STATUSES, Article, Claim


def _page(url: str) -> str:
    page = url.strip().split("#", 1)[0].lower()
    page = page.split("://", 1)[-1]
    page = page.removeprefix("www.")
    return page.rstrip("/")


def missing_primary_source(claim: Claim, article: Article | None) -> str | None:
    """Why ``claim`` lacks a primary source, or None when it has one."""
    evidence = claim.evidence
    if not evidence:
        return "no evidence"
    urls = [e.url for e in evidence if e.url]
    if not urls:
        return "no evidence with a url"
    pages = [claim.source.url]
    if article is not None:
        pages.append(article.url)
    own = {_page(u) for u in pages if u}
    if all(_page(u) in own for u in urls):
        return "evidence only links to the article or the source itself"
    return None


@dataclass
class Stats:
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_rating: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    by_article: dict[str, dict[str, int]] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)
    without_primary_source: list[dict[str, str]] = field(default_factory=list)
    never_checked: list[str] = field(default_factory=list)
    oldest_checked: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "total": self.total,
            "by_status": self.by_status,
            "by_rating": self.by_rating,
            "by_source": self.by_source,
            "by_article": self.by_article,
            "evidence_per_claim": self.evidence,
            "without_primary_source": self.without_primary_source,
            "never_checked": self.never_checked,
            "oldest_checked": self.oldest_checked,
        }


def compute_stats(
    claims: list[Claim],
    articles: dict[str, Article],
    config: Config | None = None,
    today: dt.date | None = None,
    oldest: int = 10,
) -> Stats:
    config = config or Config()
    today = today or dt.date.today()
    statuses = Counter(c.status for c in claims)
    ratings = Counter(c.rating or "unrated" for c in claims)
    sources = Counter(c.source.name for c in claims)
    by_article: dict[str, dict[str, int]] = {}
    for claim in claims:
        row = by_article.setdefault(claim.article, {"total": 0, **dict.fromkeys(STATUSES, 0)})
        row["total"] += 1
        row[claim.status] += 1
    counts = [len(c.evidence) for c in claims]
    evidence: dict[str, Any] = {"min": None, "median": None, "max": None, "distribution": {}}
    if counts:
        evidence = {
            "min": min(counts),
            "median": statistics.median(counts),
            "max": max(counts),
            "distribution": {str(k): v for k, v in sorted(Counter(counts).items())},
        }
    missing = []
    for claim in claims:
        reason = missing_primary_source(claim, articles.get(claim.article))
        if reason is not None:
            missing.append({"id": claim.id, "status": claim.status, "reason": reason})
    checked = sorted((c.checked, c.id) for c in claims if c.checked is not None)
    stale = []
    for date, claim_id in checked[:oldest]:
        age = (today - dt.date.fromisoformat(date)).days
        stale.append({"id": claim_id, "checked": date, "days_ago": age})
    return Stats(
        total=len(claims),
        by_status={s: statuses.get(s, 0) for s in STATUSES},
        by_rating={r: ratings[r] for r in [*config.rating_names, "unrated"] if ratings.get(r)},
        by_source=dict(sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_article=dict(sorted(by_article.items())),
        evidence=evidence,
        without_primary_source=missing,
        never_checked=sorted(c.id for c in claims if c.checked is None),
        oldest_checked=stale,
    )
