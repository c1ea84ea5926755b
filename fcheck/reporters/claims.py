"""Reporters for ``fcheck list`` and ``fcheck show``."""

from __future__ import annotations

import re
from typing import TextIO

from fcheck.config import Config
from fcheck.model import Claim, Evidence
from fcheck.reporters.present import other_fields
from fcheck.reporters.words import counted
from fcheck.safe import dumps_json
from fcheck.yamlout import dumps_yaml


def list_json(claims: list[Claim], stream: TextIO, config: Config | None = None) -> None:
    from fcheck.reporters.jsonstream import write_array

    write_array((c.to_dict() for c in claims), stream)
    stream.write("\n")


def list_yaml(claims: list[Claim], stream: TextIO, config: Config | None = None) -> None:
    stream.write(dumps_yaml([c.to_dict() for c in claims]))


def list_csv(claims: list[Claim], stream: TextIO, config: Config | None = None) -> None:
    from fcheck.export.tabular import claims_to_csv

    stream.write(claims_to_csv(claims))


def list_ids(claims: list[Claim], stream: TextIO, config: Config | None = None) -> None:
    from fcheck.safe import clean_inline

    for claim in claims:
        stream.write(clean_inline(claim.id) + "\n")


# The list table: ids are never cut (they are what `show` takes) and the claim gets
# the room; the secondary columns give way on narrow terminals, source first, then
# rating; where even the id and status leave too little room, each claim is stacked
# under its id line instead.
_GAP = 2  # the spaces between two columns
_MIN_CLAIM = 34  # narrower than this, a claim reads a few words a line
_SOURCE_WIDTH = 24  # longer source names end in an ellipsis


def list_table(claims: list[Claim], stream: TextIO, config: Config | None = None) -> None:
    from rich import box
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from fcheck.reporters.console import data_text, make_console, rating_text, status_text

    console = make_console(stream)
    if not claims:
        console.print(Text("No claims match.", style="dim"))
        return
    rows = []
    for claim in claims:
        rows.append(
            (
                data_text(claim.id, "cyan", inline=True),
                status_text(claim.status),
                rating_text(claim.rating, config),
                data_text(claim.source.name, inline=True),
                data_text(claim.claim, inline=True),
            )
        )
    headers = ("ID", "Status", "Rating", "Source")
    widths = [max(len(h), *(row[n].cell_len for row in rows)) for n, h in enumerate(headers)]
    widths[3] = min(widths[3], _SOURCE_WIDTH)
    for shown in ((0, 1, 2, 3), (0, 1, 2), (0, 1)):
        if sum(widths[n] for n in shown) + _GAP * len(shown) + _MIN_CLAIM <= console.width:
            break
    else:  # stacked: the id line whole, the claim wrapped under it
        for claim_id, status, rating, _, text in rows:
            console.print(Text.assemble(claim_id, "  ", status, "  ", rating), overflow="fold")
            console.print(Padding(text, (0, 0, 0, 4), expand=False))
        console.print(Text(counted(len(claims), "claim"), style="dim"))
        return
    table = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        show_edge=False,
        expand=True,
        padding=(0, _GAP - 1, 0, 0),  # and the one-space column divider
    )
    for n in shown:
        table.add_column(
            headers[n], width=widths[n], no_wrap=True, overflow="ellipsis" if n == 3 else "fold"
        )
    table.add_column("Claim", overflow="fold", ratio=1, min_width=_MIN_CLAIM)
    for row in rows:
        table.add_row(*(row[n] for n in shown), row[4])
    console.print(table)
    console.print(Text(counted(len(claims), "claim"), style="dim"))


def show_json(claim: Claim, stream: TextIO, config: Config | None = None) -> None:
    stream.write(dumps_json(claim.to_dict()) + "\n")


def show_yaml(claim: Claim, stream: TextIO, config: Config | None = None) -> None:
    stream.write(dumps_yaml(claim.to_dict()))


def evidence_lines(item: Evidence) -> tuple[str, str]:
    """A title line ('Title — Publisher, 2024-07-16') and the URL line."""
    meta = ", ".join(v for v in (item.publisher, item.date) if v)
    return (f"{item.title} — {meta}" if meta else item.title), item.url or ""


# The fields `show` gives a line or section of its own; the others (tags, entities,
# checked, reviewer, and any new field that holds a value or a list) are its "Index".
SHOW_PLACED = frozenset(
    {
        "id",
        "status",
        "rating",
        "claim",
        "quote",
        "conclusion",
        "source",
        "notes",
        "evidence",
        "corrections",
    }
)

_LIST_ITEM = re.compile(r"\s*(?:[-*•]|\d{1,3}[.)])\s")


def reflow(text: str) -> str:
    """Notes as paragraphs the terminal can wrap evenly at any width.

    Notes kept in a YAML block (``|``) are often wrapped by hand at the editor's width;
    re-wrapping those lines at another width makes ragged paragraphs. So each hand-
    wrapped paragraph is joined into one line, while the breaks that mean something
    stay: blank lines between paragraphs, list items (``-``, ``*``, ``1.``) and
    indented lines (a quotation, a table).
    """
    paragraphs = re.split(r"\n[ \t]*\n", text.strip("\n"))
    out = []
    for paragraph in paragraphs:
        merged: list[str] = []
        in_item = False
        for line in paragraph.split("\n"):
            item = bool(_LIST_ITEM.match(line))
            indented = line[:1] in (" ", "\t")
            if merged and not item and (not indented or in_item):
                merged[-1] = merged[-1].rstrip() + " " + line.strip()
            else:
                merged.append(line.rstrip())
                in_item = item
        out.append("\n".join(merged))
    return "\n\n".join(out)


def show_text(claim: Claim, stream: TextIO, config: Config | None = None) -> None:
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    from fcheck.reporters.console import data_text, make_console, rating_text, status_text

    console = make_console(stream)
    header = Text.assemble(
        data_text(claim.id, "bold cyan", inline=True),
        "  ",
        status_text(claim.status),
        "  ",
        rating_text(claim.rating, config),
    )
    console.print(header)
    console.print(data_text(f"{claim.article} · {claim.path}", "dim", inline=True))

    def section(title: str, body: Text) -> None:
        console.print(Rule(Text(title, style="bold"), align="left", style="dim"))
        console.print(Padding(body, (0, 0, 0, 2)))

    section("Claim", data_text(claim.claim))
    section("Quote", data_text(f"“{claim.quote}”", "italic"))
    if claim.conclusion:
        section("Conclusion", data_text(reflow(claim.conclusion)))
    source = claim.source
    who = Text.assemble(data_text(source.name, "bold", inline=True))
    if source.via:
        who.append_text(Text.assemble(" via ", data_text(source.via, inline=True)))
    if source.url:
        who.append_text(Text.assemble("\n", data_text(source.url, "blue", inline=True)))
    section("Source", who)
    section("Notes", data_text(reflow(claim.notes)))
    evidence = claim.evidence
    if evidence:
        body = Text()
        for i, item in enumerate(evidence, 1):
            title, url = evidence_lines(item)
            body.append_text(Text.assemble(f"{i}. ", data_text(title, inline=True)))
            if url:
                body.append_text(Text.assemble("\n   ", data_text(url, "blue", inline=True)))
            if item.archive_url:
                body.append_text(
                    Text.assemble("\n   archive: ", data_text(item.archive_url, "blue", True))
                )
            if i < len(evidence):
                body.append("\n")
        section("Evidence", body)
    if claim.corrections:
        body = Text()
        for i, fix in enumerate(claim.corrections):
            body.append_text(
                Text.assemble(
                    data_text(fix.date, "bold", inline=True),
                    ": ",
                    data_text(fix.change, inline=True),
                    " (",
                    data_text(fix.reason, inline=True),
                    ")",
                )
            )
            if i < len(claim.corrections) - 1:
                body.append("\n")
        section("Corrections", body)
    extra = other_fields(claim, SHOW_PLACED)
    if extra:
        body = Text()
        for i, (label, value) in enumerate(extra):
            body.append_text(Text.assemble((f"{label}: ", "bold"), data_text(value, inline=True)))
            if i < len(extra) - 1:
                body.append("\n")
        section("Index", body)
