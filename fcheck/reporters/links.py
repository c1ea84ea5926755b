"""``fcheck links`` output: the findings in the formats of ``validate``, with a
summary of what was checked (and archived)."""

from __future__ import annotations

from typing import Any, TextIO

from fcheck.findings import Finding
from fcheck.reporters.findings import envelope, outcome, report_github, report_text
from fcheck.reporters.words import counted


def _archived_lines(summary: dict[str, Any]) -> list[str]:
    from fcheck.safe import clean_inline

    return [
        clean_inline(
            f"{a['path']}: evidence[{a['index'] + 1}] archive_url: {a['archive_url']}"
            + (" (new snapshot)" if a["saved"] else "")
        )
        for a in summary.get("archived", [])
    ]


def links_text(findings: list[Finding], summary: dict[str, Any], stream: TextIO) -> None:
    from rich.text import Text

    from fcheck.reporters.console import make_console

    report_text(findings, summary["files"], stream, summary=False)
    console = make_console(stream)
    for line in _archived_lines(summary):
        console.print(Text(line), soft_wrap=True)
    checked = f"{counted(summary['links'], 'link')} ({counted(summary['urls'], 'URL')}"
    cached = summary["from_cache"]
    checked += f", {cached} from the cache)" if cached else ")"
    if "archived" in summary:
        checked += "; archive_url written for " + counted(len(summary["archived"]), "evidence item")
    console.print(outcome(findings, checked, passed="; ", failed=": "))


def links_json(findings: list[Finding], summary: dict[str, Any], stream: TextIO) -> None:
    from fcheck.safe import dumps_json

    data = envelope(findings, summary["files"])
    data["links"] = {k: v for k, v in summary.items() if k != "files"}
    stream.write(dumps_json(data) + "\n")


def links_github(findings: list[Finding], summary: dict[str, Any], stream: TextIO) -> None:
    report_github(findings, summary["files"], stream)
