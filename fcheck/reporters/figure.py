"""The summary figure of the HTML report: claims by status and by rating, as inline SVG.

Colours are presentation attributes, not ``style`` attributes, so the page's
Content-Security-Policy needs no ``'unsafe-inline'``; every bar is labelled with its
name and count in text.
"""

from __future__ import annotations

from collections.abc import Mapping

from fcheck.reporters.annotate import h
from fcheck.reporters.present import FALLBACK_COLOR, STATUS_LOOKS, color_hex
from fcheck.summary import Summary

STATUS_COLORS = {name: look.color for name, look in STATUS_LOOKS.items()}
FALLBACK = FALLBACK_COLOR


def summary_svg(
    summary: Summary,
    rating_colors: dict[str, str],
    status_titles: Mapping[str, str] | None = None,
    rating_titles: Mapping[str, str] | None = None,
) -> str:
    """The bars; each is labelled by its status or rating name, or by its title where
    the titles are given ("Court-established", "Not rated", for readers)."""
    statuses, ratings = status_titles or {}, rating_titles or {}
    rows: list[tuple[str, str, int, str]] = []  # (group, label, count, colour)
    for status, count in summary.by_status.items():
        colour = STATUS_COLORS.get(status, FALLBACK)
        rows.append(("Claims by status", statuses.get(status, status), count, colour))
    for rating, count in summary.by_rating.items():
        colour = color_hex(rating_colors.get(rating, ""))
        rows.append(("Claims by rating", ratings.get(rating, rating), count, colour))
    top = max([row[2] for row in rows] + [1])
    label_w, bar_w, row_h = 170, 330, 26
    parts: list[str] = []
    y = 0
    group = ""
    for name, label, count, colour in rows:
        if name != group:
            group = name
            y += 8 if y else 0
            parts.append(
                f'<text x="0" y="{y + 16}" font-weight="700" font-size="14">{h(name)}</text>'
            )
            y += 24
        width = round(bar_w * count / top) if count else 0
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" font-size="13">'
            f"{h(label)}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{max(width, 1)}" height="16" rx="3" '
            f'fill="{h(colour)}"/>'
            f'<text x="{label_w + max(width, 1) + 6}" y="{y + 15}" font-size="13">{count}</text>'
        )
        y += row_h
    total_w = label_w + bar_w + 40
    desc = "; ".join(f"{label}: {count}" for _, label, count, _ in rows)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {total_w} {y}" '
        f'width="{total_w}" height="{y}" role="img" aria-labelledby="fig-title fig-desc" '
        'font-family="system-ui, sans-serif" fill="#222">'
        f'<title id="fig-title">Claims by status and by rating</title>'
        f'<desc id="fig-desc">{h(desc)}</desc>' + "".join(parts) + "</svg>"
    )
