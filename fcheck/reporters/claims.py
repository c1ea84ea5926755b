"""Reporters for ``fcheck list`` and ``fcheck show``."""

from __future__ import annotations

from typing import Any, TextIO

from fcheck.config import Config
from fcheck.model import Claim
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


def list_table(claims: list[Claim], stream: TextIO, config: Config | None = None) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from fcheck.reporters.console import data_text, make_console, rating_text, status_text

    console = make_console(stream)
    if not claims:
        console.print(Text("No claims match.", style="dim"))
        return
    # The claim takes the room that is left; ids fold rather than squeeze it.
    table = Table(
        box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False, expand=True
    )
    table.add_column("ID", overflow="fold", max_width=40, min_width=12, ratio=2)
    table.add_column("Status", no_wrap=True)
    table.add_column("Rating", no_wrap=True)
    table.add_column("Source", overflow="fold", max_width=20, ratio=1)
    table.add_column("Claim", overflow="fold", ratio=4)
    for claim in claims:
        source = claim.data.get("source") or {}
        table.add_row(
            data_text(claim.id, "cyan", inline=True),
            status_text(claim.status),
            rating_text(claim.rating, config),
            data_text(source.get("name"), inline=True),
            data_text(claim.data.get("claim"), inline=True),
        )
    console.print(table)
    console.print(Text(f"{len(claims)} claim{'s' * (len(claims) != 1)}", style="dim"))


def show_json(claim: Claim, stream: TextIO, config: Config | None = None) -> None:
    stream.write(dumps_json(claim.to_dict()) + "\n")


def show_yaml(claim: Claim, stream: TextIO, config: Config | None = None) -> None:
    stream.write(dumps_yaml(claim.to_dict()))


def evidence_lines(item: dict[str, Any]) -> tuple[str, str]:
    """A title line ('Title — Publisher, 2024-07-16') and the URL line."""
    meta = ", ".join(str(item[k]) for k in ("publisher", "date") if item.get(k))
    title = str(item.get("title", ""))
    return (f"{title} — {meta}" if meta else title), str(item.get("url") or "")


def show_text(claim: Claim, stream: TextIO, config: Config | None = None) -> None:
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    from fcheck.reporters.console import data_text, make_console, rating_text, status_text

    console = make_console(stream)
    data = claim.data
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

    section("Claim", data_text(data.get("claim")))
    section("Quote", data_text(f"“{data.get('quote', '')}”", "italic"))
    source = data.get("source") or {}
    who = Text.assemble(data_text(source.get("name"), "bold", inline=True))
    if source.get("via"):
        who.append_text(Text.assemble(" via ", data_text(source["via"], inline=True)))
    if source.get("url"):
        who.append_text(Text.assemble("\n", data_text(source["url"], "blue", inline=True)))
    section("Source", who)
    section("Notes", data_text(str(data.get("notes", "")).rstrip()))
    evidence = data.get("evidence") or []
    if evidence:
        body = Text()
        for i, item in enumerate(evidence, 1):
            title, url = evidence_lines(item)
            body.append_text(Text.assemble(f"{i}. ", data_text(title, inline=True)))
            if url:
                body.append_text(Text.assemble("\n   ", data_text(url, "blue", inline=True)))
            if item.get("archive_url"):
                body.append_text(
                    Text.assemble("\n   archive: ", data_text(item["archive_url"], "blue", True))
                )
            if i < len(evidence):
                body.append("\n")
        section("Evidence", body)
    extra = [
        (label, ", ".join(map(str, data[key])) if isinstance(data[key], list) else str(data[key]))
        for label, key in (("Tags", "tags"), ("Entities", "entities"), ("Checked", "checked"))
        if data.get(key)
    ]
    if extra:
        body = Text()
        for i, (label, value) in enumerate(extra):
            body.append_text(Text.assemble((f"{label}: ", "bold"), data_text(value, inline=True)))
            if i < len(extra) - 1:
                body.append("\n")
        section("Index", body)
