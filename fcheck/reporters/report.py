"""The report: a summary, then the claims grouped by status (text, Markdown, JSON)."""

from __future__ import annotations

import re
from typing import Any, TextIO

from fcheck.config import Config
from fcheck.model import STATUSES, Article, Claim
from fcheck.output import report_reporter
from fcheck.reporters.present import STATUS_LOOKS, EvidenceView, claim_view
from fcheck.reporters.words import counted
from fcheck.safe import http_url
from fcheck.summary import Summary, group_by_status, summarize

STATUS_TITLES = {name: look.title for name, look in STATUS_LOOKS.items()}
REPORT_VERSION = 1


def report_data(claims: list[Claim], config: Config | None = None) -> dict[str, Any]:
    """What ``report --format json`` prints: the summary and the claim objects."""
    config = config or Config()
    return {
        "version": REPORT_VERSION,
        "summary": summarize(claims, config.rating_names).to_dict(),
        "claims": [c.to_dict() for c in claims],
    }


@report_reporter
def report_json(
    claims: list[Claim], stream: TextIO, config: Config, articles: dict[str, Article]
) -> None:
    """``report_data`` as JSON, written claim by claim rather than built first."""
    from fcheck.reporters.jsonstream import dumps, write_array

    head = {"version": REPORT_VERSION, "summary": summarize(claims, config.rating_names).to_dict()}
    stream.write(dumps(head)[:-2] + ',\n  "claims": ')
    write_array((c.to_dict() for c in claims), stream, "  ")
    stream.write("\n}\n")


# Text ----------------------------------------------------------------------------
def summary_tables(summary: Summary, config: Config) -> list[Any]:
    from rich.table import Table
    from rich.text import Text

    from fcheck.reporters.console import data_text, rating_text, status_text

    by_status = Table(title="Claims by status", title_justify="left", header_style="bold")
    by_status.add_column("Status")
    by_status.add_column("Claims", justify="right")
    for status, count in summary.by_status.items():
        by_status.add_row(status_text(status), str(count))
    by_rating = Table(title="Claims by rating", title_justify="left", header_style="bold")
    by_rating.add_column("Rating")
    by_rating.add_column("Claims", justify="right")
    for rating, count in summary.by_rating.items():
        by_rating.add_row(rating_text(rating, config), str(count))
    by_article = Table(title="Claims by article", title_justify="left", header_style="bold")
    by_article.add_column("Article")
    for status in STATUSES:
        by_article.add_column(status, justify="right")
    for slug, counts in summary.by_article.items():
        by_article.add_row(data_text(slug, inline=True), *(str(counts[s]) for s in STATUSES))
    return [Text(counted(summary.total, "claim"), style="bold"), by_status, by_rating, by_article]


@report_reporter
def report_text(
    claims: list[Claim], stream: TextIO, config: Config, articles: dict[str, Article]
) -> None:
    from rich.rule import Rule
    from rich.text import Text

    from fcheck.reporters.console import (
        data_text,
        evidence_text,
        make_console,
        rating_text,
        status_text,
    )

    console = make_console(stream)
    for part in summary_tables(summarize(claims, config.rating_names), config):
        console.print(part)
    for status, group in group_by_status(claims).items():
        console.print()
        console.print(Rule(Text(f"{STATUS_TITLES.get(status, status)} ({len(group)})", "bold")))
        for claim in group:
            view = claim_view(claim)
            console.print()
            console.print(
                Text.assemble(
                    data_text(view.id, "bold cyan", inline=True),
                    "  ",
                    status_text(status),
                    "  ",
                    rating_text(view.rating, config),
                )
            )
            console.print(data_text(view.claim, "bold"))
            console.print(data_text(f"“{view.quote}”", "italic"))
            who = data_text(f"Source: {view.source.name}", inline=True)
            if view.source.via:
                who.append_text(data_text(f" via {view.source.via}", inline=True))
            console.print(who)
            console.print(data_text(view.notes.rstrip()))
            for item in view.evidence:
                console.print(evidence_text(item, "  • "))


# Markdown --------------------------------------------------------------------------
# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping
# all that carry meaning keeps data from opening tags, links, lists, headings, tables,
# emoji codes (:name:) or GitHub @mentions.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&:\"'=$^@])")


def md_escape(text: object, inline: bool = True) -> str:
    """Untrusted text as literal Markdown (no HTML, links or structure)."""
    from fcheck.safe import escape_controls

    value = _MD_SPECIAL.sub(r"\\\1", escape_controls(str(text)))
    if inline:
        return " ".join(value.split())
    # Keep the line breaks of notes as hard breaks within one paragraph.
    return "  \n".join(
        " ".join(line.split()) for line in value.strip().splitlines() if line.strip()
    )


def md_text(text: str) -> str:
    """One line of untrusted text as literal Markdown, its spaces kept as they are
    (for pieces of a line, such as the text between two references)."""
    from fcheck.safe import escape_controls

    return _MD_SPECIAL.sub(r"\\\1", escape_controls(text)).replace("\n", " ")


def md_notes(text: object) -> str:
    """Notes as Markdown paragraphs: soft-wrapped lines joined, list lines kept apart."""
    from fcheck.reporters.prose import paragraphs

    return "\n\n".join("\\\n".join(md_escape(line) for line in lines) for lines in paragraphs(text))


def md_url(url: str) -> str:
    """A link destination that cannot break out of ``(<...>)``, with spaces and control,
    bidi and line-separator characters percent-encoded (never raw in the output)."""
    from urllib.parse import quote

    from fcheck.safe import has_unsafe

    return "".join(
        quote(c, safe="")
        if c in " <>()\\\n\r\t\"'" or ord(c) < 32 or c.isspace() or has_unsafe(c)
        else c
        for c in url
    )


def md_link(title: str, url: str | None) -> str:
    """``title`` linking to ``url`` if it is an http(s) URL, else as text."""
    href = http_url(url)
    if href:
        return f"[{md_escape(title)}](<{md_url(href)}>)"
    return md_escape(title)


def md_evidence(item: EvidenceView) -> str:
    """An evidence item as a numbered Markdown list line: linked title — publisher,
    date (archived copy)."""
    line = f"{item.number}. {md_link(item.title, item.url)}"
    meta = ", ".join(md_escape(v) for v in (item.publisher, item.date) if v)
    if meta:
        line += f" — {meta}"
    if item.archive_url:
        line += f" ([archived copy](<{md_url(item.archive_url)}>))"
    return line


def md_rating_rows(summary: Summary, config: Config) -> list[str]:
    """The claims by rating as a Markdown table (rating, meaning, count)."""
    definitions = config.rating_definitions()
    out = ["| Rating | Meaning | Claims |", "| --- | --- | ---: |"]
    for rating, n in summary.by_rating.items():
        meaning = md_escape(definitions.get(rating, "No rating given."))
        out.append(f"| {rating} | {meaning} | {n} |")
    return out


@report_reporter
def report_markdown(
    claims: list[Claim], stream: TextIO, config: Config, articles: dict[str, Article]
) -> None:
    summary = summarize(claims, config.rating_names)
    count = len(summary.by_article)
    out: list[str] = ["# Fact-check report", ""]
    out.append(f"{counted(summary.total, 'claim')} in {counted(count, 'article')}.")
    out += ["", "## Summary", "", "| Status | Meaning | Claims |", "| --- | --- | ---: |"]
    for status, n in summary.by_status.items():
        out.append(f"| {status} | {md_escape(STATUSES[status])} | {n} |")
    out += ["", *md_rating_rows(summary, config)]
    out += [
        "",
        "| Article | Headline | " + " | ".join(STATUSES) + " |",
        "| --- | --- |" + " ---: |" * len(STATUSES),
    ]
    for slug, counts in summary.by_article.items():
        data = articles[slug].data if slug in articles else {}
        headline = md_link(str(data.get("title") or ""), data.get("url"))
        out.append(
            f"| {md_escape(slug)} | {headline} | "
            + " | ".join(str(counts[s]) for s in STATUSES)
            + " |"
        )
    out += _md_at_a_glance(claims, config)
    for status, group in group_by_status(claims).items():
        out += ["", f"## {STATUS_TITLES.get(status, status)} ({len(group)})"]
        for claim in group:
            out += ["", *_md_claim(claim, status)]
    stream.write("\n".join(out) + "\n")


def _md_at_a_glance(claims: list[Claim], config: Config) -> list[str]:
    """One line per claim, grouped by rating: what holds up and what does not."""
    by_rating: dict[str, list[Claim]] = {name: [] for name in config.rating_names}
    for claim in claims:
        by_rating.setdefault(claim.rating or "unrated", []).append(claim)
    out = ["", "## At a glance"]
    definitions = config.rating_definitions()
    for rating, group in by_rating.items():
        if not group:
            continue
        meaning = definitions.get(rating, "No rating given.")
        out += ["", f"**{md_escape(rating)}** ({len(group)}): {md_escape(meaning)}", ""]
        out += [
            f"- {md_escape(c.data.get('claim', ''))} ({c.status}; `{c.id.replace('`', '')}`)"
            for c in group
        ]
    return out


def _md_claim(claim: Claim, status: str) -> list[str]:
    view = claim_view(claim)
    who = md_link(view.source.name, view.source.url)
    if view.source.via:
        who += f" via {md_escape(view.source.via)}"
    out = [f"### {md_escape(view.claim)}", ""]
    out += [f"> {md_escape(view.quote)}", ""]
    out.append(
        f"**Status:** {status} · **Rating:** {md_escape(view.rating or 'unrated')} · "
        f"**Source:** {who} · **Id:** `{view.id.replace('`', '')}` · "
        f"**Article:** {md_escape(view.article)}"
    )
    out += ["", md_notes(view.notes)]
    if view.evidence:
        out += ["", "**Evidence:**", ""]
        out += [md_evidence(item) for item in view.evidence]
    return out
