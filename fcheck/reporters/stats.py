"""Reporters for ``fcheck stats``."""

from __future__ import annotations

from typing import TextIO

from fcheck.config import Config
from fcheck.reporters.words import counted
from fcheck.stats import Stats


def stats_json(stats: Stats, stream: TextIO, config: Config | None = None) -> None:
    from fcheck.safe import dumps_json

    stream.write(dumps_json(stats.to_dict()) + "\n")


def stats_text(stats: Stats, stream: TextIO, config: Config | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    from fcheck.model import STATUSES
    from fcheck.reporters.console import data_text, make_console, rating_text, status_text

    console = make_console(stream)

    def table(title: str, *columns: str) -> Table:
        t = Table(title=title, title_justify="left", header_style="bold")
        for i, column in enumerate(columns):
            t.add_column(column, justify="right" if i else "left")
        return t

    console.print(Text(counted(stats.total, "claim"), style="bold"))
    t = table("By status", "Status", "Claims")
    for status, count in stats.by_status.items():
        t.add_row(status_text(status), str(count))
    console.print(t)
    if not stats.total:
        return
    t = table("By rating", "Rating", "Claims")
    for rating, count in stats.by_rating.items():
        t.add_row(rating_text(rating, config), str(count))
    console.print(t)
    t = table("By source", "Source", "Claims")
    for source, count in stats.by_source.items():
        t.add_row(data_text(source, inline=True), str(count))
    console.print(t)
    t = table("By article", "Article", "Claims", *STATUSES)
    for slug, row in stats.by_article.items():
        t.add_row(data_text(slug, inline=True), *(str(row[k]) for k in ("total", *STATUSES)))
    console.print(t)
    ev = stats.evidence
    if ev["distribution"]:
        spread = ", ".join(f"{counted(int(n), 'item')}: {c}" for n, c in ev["distribution"].items())
        console.print(
            Text(
                f"Evidence items per claim: min {ev['min']}, median {ev['median']}, "
                f"max {ev['max']} ({spread})"
            )
        )
    console.print(
        Text(f"Claims without a primary source: {len(stats.without_primary_source)}", "bold")
    )
    for missing in stats.without_primary_source:
        console.print(
            Text.assemble(
                "  ",
                data_text(missing["id"], "cyan", inline=True),
                " (",
                status_text(missing["status"]),
                f"): {missing['reason']}",
            )
        )
    console.print(Text(f"Claims never checked: {len(stats.never_checked)}", "bold"))
    for claim_id in stats.never_checked:
        console.print(Text.assemble("  ", data_text(claim_id, "cyan", inline=True)))
    if stats.oldest_checked:
        t = table("Oldest reviews (checked)", "Claim", "Checked", "Days ago")
        for stale in stats.oldest_checked:
            t.add_row(
                data_text(stale["id"], "cyan", inline=True),
                str(stale["checked"]),
                str(stale["days_ago"]),
            )
        console.print(t)
