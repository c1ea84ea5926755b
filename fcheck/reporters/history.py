"""Reporters for ``fcheck history``."""

from __future__ import annotations

from typing import TextIO

from fcheck.config import Config
from fcheck.history import History


def history_json(history: History, stream: TextIO, config: Config | None = None) -> None:
    from fcheck.safe import dumps_json

    stream.write(dumps_json(history.to_dict()) + "\n")


def history_text(history: History, stream: TextIO, config: Config | None = None) -> None:
    from rich.text import Text

    from fcheck.reporters.console import data_text, make_console, rating_text, status_text

    console = make_console(stream)
    console.print(
        Text.assemble(
            data_text(history.claim_id, "bold cyan", inline=True),
            "  ",
            data_text(history.path, "dim", inline=True),
        )
    )
    for version in history.versions:
        console.print()
        console.print(
            Text.assemble(
                (version.commit[:10], "yellow"),
                "  ",
                data_text(version.date[:16].replace("T", " "), inline=True),
                "  ",
                data_text(f"{version.author} <{version.email}>", "bold", inline=True),
                ("  [published]" if version.published else "", "bold green"),
            )
        )
        console.print(Text.assemble("  ", data_text(version.subject, "italic", inline=True)))
        if version.status is not None:
            old, new = version.status
            line = Text("  status: ")
            if old is not None:
                line.append_text(status_text(str(old)))
                line.append(" → ")
            line.append_text(status_text(str(new)))
            console.print(line)
        if version.rating is not None:
            old, new = version.rating
            line = Text("  rating: ")
            if old is not None or new is None:
                line.append_text(rating_text(old, config))
                line.append(" → ")
            line.append_text(rating_text(new, config))
            console.print(line)
        for url in version.evidence_added:
            console.print(Text.assemble(("  + evidence ", "green"), data_text(url, inline=True)))
        for url in version.evidence_removed:
            console.print(Text.assemble(("  - evidence ", "red"), data_text(url, inline=True)))
        if version.changes:
            console.print(
                Text.assemble(
                    ("  changed: ", "dim"), data_text(", ".join(version.changes), inline=True)
                )
            )
    if history.uncommitted:
        console.print()
        console.print(Text("The file has uncommitted changes.", style="yellow"))
