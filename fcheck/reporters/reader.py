"""The reader's view of a report, as Markdown and as text: the fact-check itself.

Each article leads with its headline, the verdict (label and definition), the summary
and the claims to lead with; then every claim in the article's order with the quoted
words, the rating, the conclusion and its sources; the checker's notes follow in a
"How we checked" part; the counts come last, as context. The analyst's view (claims
grouped by status) is :mod:`fcheck.reporters.report`.
"""

from __future__ import annotations

from typing import TextIO

from fcheck.config import Config
from fcheck.model import STATUSES, Article, Claim
from fcheck.output import report_reporter
from fcheck.reporters.present import (
    ClaimView,
    Piece,
    byline,
    counted_rating,
    page_title,
    pieces,
    rating_look,
    status_look,
)
from fcheck.reporters.prose import paragraphs
from fcheck.reporters.report import (
    md_escape,
    md_evidence,
    md_link,
    md_rating_rows,
    md_text,
    md_url,
)
from fcheck.safe import escape_controls
from fcheck.summary import summarize


# Markdown ------------------------------------------------------------------------------
def _md_segments(claim: ClaimView, text: str) -> str:
    """Inline text with its [n] references as links to the cited source."""
    out: list[str] = []
    for segment in claim.segments(" ".join(escape_controls(text).split())):
        if segment.ref is None:
            out.append(md_text(segment.text))
            continue
        item = claim.evidence[segment.ref - 1]
        label = f"\\[{segment.ref}\\]"
        out.append(f"[{label}](<{md_url(item.url)}>)" if item.url else label)
    return "".join(out)


def _md_paragraphs(claim: ClaimView, text: str) -> list[str]:
    return ["\\\n".join(_md_segments(claim, line) for line in lines) for lines in paragraphs(text)]


def _md_claim(claim: ClaimView, number: int, level: str, config: Config) -> list[str]:
    # No HTML at all (no anchors, no <details>): a Markdown report holds no markup that
    # data could take part in, and renders the same on every Markdown viewer.
    rating = rating_look(claim.rating, config)
    status = status_look(claim.status)
    out = [f"{level} {number}. {md_escape(claim.claim)}"]
    out += ["", f"> “{md_escape(claim.quote)}”", ""]
    verdict = f"**{md_escape(rating.title)}**"
    if rating.definition:
        verdict += f" — {md_escape(rating.definition)}"
    out.append(f"Our rating: {verdict}")
    if claim.conclusion:
        out += ["", *_md_paragraphs(claim, claim.conclusion)]
    out += ["", f"Said by: {md_link(claim.source.line, claim.source.url)}"]
    if claim.evidence:
        out += ["", "Sources:", "", *map(md_evidence, claim.evidence)]
    for correction in claim.corrections:
        out += [
            "",
            f"**Correction, {md_escape(correction.date)}:** {md_escape(correction.change)} "
            f"{md_escape(correction.reason)}",
        ]
    out += [
        "",
        f"**How we checked.** Evidence: **{md_escape(status.title)}**. {md_escape(status.plain)}",
        "",
    ]
    for paragraph in _md_paragraphs(claim, claim.notes):
        out += [paragraph, ""]
    facts = [f"Claim id: `{claim.id.replace('`', '')}`"]
    if claim.checked:
        facts.append(f"checked {md_escape(claim.checked)}")
    if claim.reviewer:
        facts.append(f"signed off by {md_escape(claim.reviewer)}")
    out.append("; ".join(facts) + ".")
    return out


def _md_piece(piece: Piece, level: int, config: Config) -> list[str]:
    h1, h2, h3 = "#" * level, "#" * (level + 1), "#" * (level + 2)
    out = [f"{h1} {md_escape(piece.headline)}", ""]
    about = "A fact-check of " + md_link("the article", piece.url)
    details = [md_escape(v) for v in (piece.publisher, piece.published) if v]
    if details:
        about += " by " + ", ".join(details)
    out += [about + ".", ""]
    if piece.verdict is not None:
        verdict = f"**Our verdict: {md_escape(piece.verdict.title)}.**"
        if piece.verdict.definition:
            verdict += f" {md_escape(piece.verdict.definition)}"
        out += [f"> {verdict}", ""]
    credits = byline(piece.review)
    if credits:
        out += [" · ".join(f"{k} {md_escape(v)}" for k, v in credits), ""]
    for correction, claim in piece.all_corrections:
        where = f" (claim {_claim_number(piece, claim)})" if claim else ""
        out += [
            f"**Correction, {md_escape(correction.date)}{where}:** "
            f"{md_escape(correction.change)} {md_escape(correction.reason)}",
            "",
        ]
    if piece.summary:
        out += [f"{h2} What we found", "", md_escape(piece.summary, inline=False), ""]
    if piece.lead:
        out += [f"{h2} The claims that matter most", ""]
        for claim in piece.lead:
            rating = rating_look(claim.rating, config)
            line = (
                f"- **{md_escape(rating.title)}:** {md_escape(claim.claim)} "
                f"(claim {_claim_number(piece, claim)})"
            )
            if claim.conclusion:
                line += " " + _md_segments(claim, claim.conclusion)
            out.append(line)
        out.append("")
    count = len(piece.claims)
    out += [f"{h2} Every claim, in the article's order ({count})", ""]
    for number, claim in enumerate(piece.claims, 1):
        out += [*_md_claim(claim, number, h3, config), ""]
    return out


def _claim_number(piece: Piece, claim: ClaimView | None) -> int:
    return next((i for i, c in enumerate(piece.claims, 1) if c is claim), 0)


def _md_counts(claims: list[Claim], config: Config, level: str) -> list[str]:
    summary = summarize(claims, config.rating_names)
    out = [f"{level} The claims in numbers", "", *md_rating_rows(summary, config)]
    out += ["", "| Evidence status | Meaning | Claims |", "| --- | --- | ---: |"]
    for status, n in summary.by_status.items():
        out.append(f"| {status} | {md_escape(status_look(status).plain)} | {n} |")
    return out


def _md_about(config: Config, level: str) -> list[str]:
    out = [f"{level} About this fact-check", ""]
    if config.site.methodology or config.site.methodology_url:
        text = md_escape(config.site.methodology or "How we check claims.", inline=False)
        if config.site.methodology_url:
            text += f" ([Our methodology](<{md_url(config.site.methodology_url)}>))"
        out += [f"**Methodology.** {text}", ""]
    if config.site.corrections_policy or config.site.corrections_policy_url:
        text = md_escape(config.site.corrections_policy or "How we correct mistakes.", False)
        if config.site.corrections_policy_url:
            text += f" ([Corrections policy](<{md_url(config.site.corrections_policy_url)}>))"
        out += [f"**Corrections.** {text}", ""]
    out += [
        "Each claim has a rating (how the article's wording compares with the record) "
        "and an evidence status (what support the claim has in the record, not whether "
        "it is true):",
        "",
    ]
    out += [f"- **{md_escape(s.title)}**: {md_escape(s.plain)}" for s in map(status_look, STATUSES)]
    if config.organization:
        out += ["", f"Published by {md_link(config.organization, config.organization_url)}."]
    return out


@report_reporter
def reader_markdown(
    claims: list[Claim], stream: TextIO, config: Config, articles: dict[str, Article]
) -> None:
    """``fcheck report --format markdown``: the fact-check, then the counts."""
    found = pieces(claims, articles, config)
    out: list[str] = []
    if len(found) == 1:
        out += _md_piece(found[0], 1, config)
        level = "##"
    else:
        out += [f"# {md_escape(page_title(found, config))}", ""]
        if not found:
            out += ["No claims match.", ""]
        for piece in found:
            out += _md_piece(piece, 2, config)
        level = "##"
    if claims:
        out += [*_md_counts(claims, config, level), ""]
    out += _md_about(config, level)
    stream.write("\n".join(out).rstrip("\n") + "\n")


# Text ------------------------------------------------------------------------------------
@report_reporter
def reader_text(
    claims: list[Claim], stream: TextIO, config: Config, articles: dict[str, Article]
) -> None:
    """``fcheck report`` (text): the fact-check on a terminal, then the counts."""
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    from fcheck.reporters.console import data_text, evidence_text, make_console

    console = make_console(stream)
    found = pieces(claims, articles, config)
    if not found:
        console.print(Text("No claims match.", style="dim"))

    def body(claim: ClaimView, text: str) -> Text:
        return data_text(text.strip())

    for piece in found:
        console.print(data_text(piece.headline, "bold", inline=True))
        meta = [v for v in (piece.publisher, piece.published) if v]
        if meta:
            console.print(data_text("A fact-check of the article by " + ", ".join(meta), "dim"))
        if piece.verdict is not None:
            console.print(
                Text.assemble(
                    ("Our verdict: ", "bold"),
                    data_text(piece.verdict.title, f"bold {piece.verdict.style}", inline=True),
                    ". ",
                    data_text(piece.verdict.definition, inline=True),
                )
            )
        credits = byline(piece.review)
        if credits:
            console.print(data_text(" · ".join(f"{k} {v}" for k, v in credits), "dim", True))
        for correction, claim in piece.all_corrections:
            where = f" (claim {_claim_number(piece, claim)})" if claim else ""
            console.print(
                data_text(
                    f"Correction, {correction.date}{where}: {correction.change} "
                    f"{correction.reason}",
                    "italic",
                )
            )
        if piece.summary:
            console.print()
            console.print(Rule(Text("What we found", "bold"), align="left", style="dim"))
            console.print(data_text(" ".join(piece.summary.split())))
        if piece.lead:
            console.print()
            console.print(Rule(Text("The claims that matter most", "bold"), align="left"))
            for claim in piece.lead:
                look = rating_look(claim.rating, config)
                console.print(
                    Text.assemble(
                        "• ",
                        data_text(look.title, f"bold {look.style}", inline=True),
                        ": ",
                        data_text(claim.claim, inline=True),
                    )
                )
        console.print()
        console.print(
            Rule(Text(f"Every claim, in the article's order ({len(piece.claims)})", "bold"))
        )
        for number, claim in enumerate(piece.claims, 1):
            look = rating_look(claim.rating, config)
            status = status_look(claim.status)
            console.print()
            console.print(
                Text.assemble(
                    (f"{number}. ", "bold"),
                    data_text(claim.claim, "bold", inline=True),
                    "  ",
                    data_text(look.title, f"bold {look.style}", inline=True),
                )
            )
            lines = [data_text(f"“{claim.quote}”", "italic")]
            if claim.conclusion:
                lines.append(body(claim, claim.conclusion))
            lines.append(data_text(f"Said by: {claim.source.line}", inline=True))
            lines += [evidence_text(item, f"[{item.number}] ") for item in claim.evidence]
            for correction in claim.corrections:
                lines.append(
                    data_text(
                        f"Correction, {correction.date}: {correction.change} {correction.reason}",
                        "italic",
                    )
                )
            lines.append(Text("How we checked:", style="bold"))
            lines.append(data_text(f"Evidence: {status.title}. {status.plain}", inline=True))
            lines.append(data_text(claim.notes.rstrip()))
            lines.append(data_text(f"Claim id: {claim.id}", "dim", inline=True))
            for line in lines:
                console.print(Padding(line, (0, 0, 0, 3), expand=False))
        console.print()
    if claims:
        summary = summarize(claims, config.rating_names)
        console.print(Rule(Text(f"The claims in numbers ({summary.total})", "bold"), align="left"))
        rows = (
            (
                "By rating: ",
                {counted_rating(n, config).title: c for n, c in summary.by_rating.items()},
            ),
            (
                "By evidence status: ",
                {status_look(n).title: c for n, c in summary.by_status.items()},
            ),
        )
        for title, counts in rows:
            line = Text(title, style="bold")
            line.append_text(
                data_text(" · ".join(f"{n} {c}" for n, c in counts.items() if c), inline=True)
            )
            console.print(line)


@report_reporter
def reader_json(
    claims: list[Claim], stream: TextIO, config: Config, articles: dict[str, Article]
) -> None:
    """JSON is data, the same in both views."""
    from fcheck.reporters.report import report_json

    report_json(claims, stream, config, articles)
