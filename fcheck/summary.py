"""Counts for reports: claims by status, by rating and per article."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from fcheck.model import RATINGS, STATUSES, Claim


@dataclass
class Summary:
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_rating: dict[str, int] = field(default_factory=dict)
    by_article: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "by_status": self.by_status,
            "by_rating": self.by_rating,
            "by_article": self.by_article,
        }


def summarize(claims: list[Claim], ratings: Iterable[str] = RATINGS) -> Summary:
    """Counts in a stable order: statuses as in the format, ratings as configured."""
    statuses = Counter(c.status for c in claims)
    rated = Counter(c.rating or "unrated" for c in claims)
    by_article: dict[str, dict[str, int]] = {}
    for claim in claims:
        counts = by_article.setdefault(claim.article, dict.fromkeys(STATUSES, 0))
        counts[claim.status] += 1
    rating_order = [*ratings, "unrated"]
    return Summary(
        total=len(claims),
        by_status={s: statuses.get(s, 0) for s in STATUSES},
        by_rating={r: rated[r] for r in rating_order if rated.get(r)},
        by_article=dict(sorted(by_article.items())),
    )


def group_by_status(claims: list[Claim]) -> dict[str, list[Claim]]:
    groups: dict[str, list[Claim]] = {s: [] for s in STATUSES}
    for claim in claims:
        groups.setdefault(claim.status, []).append(claim)
    return {s: g for s, g in groups.items() if g}
