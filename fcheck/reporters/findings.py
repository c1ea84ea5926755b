"""Reporting findings: text for people, JSON for programs, GitHub annotations for CI."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from fcheck.findings import Finding, Severity
from fcheck.reporters.words import counted

if TYPE_CHECKING:
    from rich.text import Text

JSON_VERSION = 1


def counts(findings: list[Finding]) -> dict[str, int]:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    return {"errors": errors, "warnings": len(findings) - errors}


def envelope(findings: list[Finding], files_checked: int) -> dict[str, Any]:
    """The stable JSON envelope of ``validate --format json``."""
    tally = counts(findings)
    return {
        "version": JSON_VERSION,
        "ok": tally["errors"] == 0,
        "files_checked": files_checked,
        "summary": tally,
        "findings": [f.to_dict() for f in findings],
    }


def finding_line(f: Finding) -> str:
    from fcheck.safe import clean_inline

    severity = "" if f.severity is Severity.ERROR else " (warning)"
    return clean_inline(f"{f.location}: {f.rule}{severity} {f.message}")


def report_text(
    findings: list[Finding], files_checked: int, stream: TextIO, summary: bool = True
) -> None:
    from rich.text import Text

    from fcheck.reporters.console import make_console

    console = make_console(stream)
    for f in findings:
        line = Text(finding_line(f))
        line.stylize("bold red" if f.severity is Severity.ERROR else "yellow", 0, len(f.location))
        console.print(line, soft_wrap=True)
    if not summary:
        return
    console.print(outcome(findings, counted(files_checked, "file") + " checked"))


def outcome(
    findings: list[Finding], checked: str, passed: str = ", ", failed: str = " in "
) -> Text:
    """The last line of a check: ``✓ <checked><passed>no problems found`` in green, or
    ``✗ 2 errors, 1 warning<failed><checked>`` in red (yellow for warnings only)."""
    from rich.text import Text

    if not findings:
        return Text(f"✓ {checked}{passed}no problems found", style="green")
    tally = counts(findings)
    parts = [counted(tally["errors"], "error")]
    if tally["warnings"]:
        parts.append(counted(tally["warnings"], "warning"))
    style = "bold red" if tally["errors"] else "yellow"
    return Text(f"✗ {', '.join(parts)}{failed}{checked}", style=style)


def report_json(findings: list[Finding], files_checked: int, stream: TextIO) -> None:
    from fcheck.safe import dumps_json

    stream.write(dumps_json(envelope(findings, files_checked)) + "\n")


def _gh_escape(value: str, prop: bool = False) -> str:
    # The workflow-command escapes GitHub documents; properties also escape : and ,.
    # Controls are made visible first, so no newline can end the command early and
    # no escape sequence reaches the log viewer. In a property every ':' is escaped,
    # so '::' needs no defusing there (which would garble a file name holding it);
    # in the message, after the command's own '::', a '::' starts nothing.
    from fcheck.safe import escape_controls_inline

    value = escape_controls_inline(value)
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def report_github(findings: list[Finding], files_checked: int, stream: TextIO) -> None:
    for f in findings:
        level = "error" if f.severity is Severity.ERROR else "warning"
        props = [f"file={_gh_escape(f.path, True)}"]
        if f.line is not None:
            props.append(f"line={f.line}")
        if f.column is not None:
            props.append(f"col={f.column}")
        props.append(f"title={_gh_escape(f.rule, True)}")
        stream.write(f"::{level} {','.join(props)}::{_gh_escape(f.message)}\n")
    tally = counts(findings)
    stream.write(
        f"{files_checked} files checked: {tally['errors']} errors, {tally['warnings']} warnings\n"
    )
