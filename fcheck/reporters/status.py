"""``fcheck status``: where each fact-check stands and what blocks it."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from fcheck.config import Config
from fcheck.gate import ArticleStatus
from fcheck.reporters.findings import finding_line
from fcheck.reporters.words import counted

SHOWN = 10  # blocking findings listed per article in text
STATE_STYLES = {"draft": "dim", "ready": "bold yellow", "published": "bold green"}


def status_json(rows: list[ArticleStatus], stream: TextIO, config: Config | None = None) -> None:
    from fcheck.safe import dumps_json

    gate = (config or Config()).gate
    document = {
        "version": 1,
        "gate": {
            "two_person": gate.two_person,
            "blocking": list(gate.blocking),
            "require_archive": gate.require_archive,
        },
        "articles": [r.to_dict() for r in rows],
    }
    stream.write(dumps_json(document) + "\n")


def status_text(rows: list[ArticleStatus], stream: TextIO, config: Config | None = None) -> None:
    from rich.text import Text

    from fcheck.reporters.console import data_text, make_console

    console = make_console(stream)
    gate = (config or Config()).gate
    if not rows:
        console.print(Text("No articles."))
    for number, row in enumerate(rows):
        if number:
            console.print()
        dates = []
        if row.published:
            dates.append(f"published {row.published}")
        if row.updated:
            dates.append(f"updated {row.updated}")
        console.print(
            Text.assemble(
                data_text(row.slug, "bold cyan", inline=True),
                "  ",
                (row.state, STATE_STYLES.get(row.state, "")),
                ("  " + ", ".join(dates) if dates else "", "dim"),
            )
        )
        console.print(Text.assemble("  ", data_text(row.title, "italic", inline=True)))
        people = Text("  checked by: ")
        people.append_text(data_text(", ".join(row.checkers) or "-", inline=True))
        people.append("; approved by: ")
        people.append_text(data_text(", ".join(row.editors) or "-", inline=True))
        console.print(people)
        console.print(
            Text(
                f"  claims: {row.claims} ({row.rated} rated, {row.concluded} with a "
                f"conclusion); corrections: {row.corrections}"
            )
        )
        if row.errors:
            console.print(
                Text(
                    f"  {counted(row.errors, 'validation error')}; run `fcheck validate`",
                    style="bold red",
                )
            )
        if row.ready_to_publish:
            done = "passes the publishing gate" if row.state == "published" else "ready to publish"
            console.print(Text(f"  ✓ {done}", style="green"))
            continue
        if row.blockers:
            label = "blocks it" if row.state == "published" else "blocks publishing"
            console.print(Text(f"  what {label}:", style="bold red"))
            by_rule = Counter(f.rule for f in row.blockers)
            console.print(
                Text("    " + ", ".join(f"{rule} ({n})" for rule, n in sorted(by_rule.items())))
            )
            for f in row.blockers[:SHOWN]:
                console.print(Text("    " + finding_line(f)), soft_wrap=True)
            if len(row.blockers) > SHOWN:
                console.print(
                    Text(
                        f"    … and {len(row.blockers) - SHOWN} more "
                        "(`fcheck status --format json` lists them all)",
                        style="dim",
                    )
                )
    if not gate.two_person:
        console.print()
        console.print(
            Text("Two-person rule off ([gate] two_person = false): no second approver required.")
        )
