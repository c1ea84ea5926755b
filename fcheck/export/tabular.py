"""Claims as rows: the CSV shared by ``list --format csv`` and ``export csv``."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

from fcheck import model
from fcheck.model import Claim

# Documented in docs/reading.md; the order is part of the format. A claim field of the
# model that holds a value or a list of strings and is not among them gets a column of
# its own after these (see csv_columns), so a new field needs no change here.
CSV_COLUMNS = (
    "id",
    "article",
    "status",
    "rating",
    "source",
    "via",
    "claim",
    "quote",
    "notes",
    "evidence_urls",
    "tags",
    "entities",
    "checked",
    "path",
    "conclusion",
    "reviewer",
)
LIST_SEPARATOR = " | "
# The fields the columns above already hold (source and via from `source`, the URLs of
# `evidence`); corrections, a list of records, have no cell.
_PLACED = frozenset({*CSV_COLUMNS, "source", "evidence"})


def _extra_fields() -> list[str]:
    return [
        f.name
        for f in model.CLAIM_SPEC.fields
        if f.name not in _PLACED and f.kind not in (model.Kind.MAPPING, model.Kind.MAPPINGS)
    ]


def csv_columns() -> tuple[str, ...]:
    """:data:`CSV_COLUMNS`, then a column for each further field of the model."""
    return CSV_COLUMNS + tuple(_extra_fields())


# OWASP's list, plus the full-width forms some spreadsheet locales read as the same.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


# A line of a multi-line cell that a CI log would run as a workflow command.
_COMMAND_LINE = re.compile(r"^([^\S\n]*)::", re.MULTILINE)


def neutralize(cell: str) -> str:
    """Stop spreadsheets from running a cell as a formula (CSV injection).

    A leading apostrophe is what spreadsheet applications themselves use to mark a
    cell as text, and it is visible, so the reader sees the data was altered.
    Spreadsheets skip leading blanks (spaces, no-break spaces) before a formula, so
    a formula after them counts too.
    """
    if cell.startswith(_FORMULA_START) or cell.lstrip().startswith(_FORMULA_START):
        return "'" + cell
    return cell


def defuse_lines(cell: str) -> str:
    """CSV is printed to CI logs too (``list --format csv``, ``export csv`` to stdout),
    where a line starting with ``::`` is a workflow command: its second colon is
    written as ``\\x3a``, as in terminal output. ``::`` elsewhere in a line is kept."""
    return _COMMAND_LINE.sub(r"\1:\\x3a", cell)


def _cell(value: object) -> str:
    # Controls are escaped as in every other output: a spreadsheet cell is no place
    # for an escape sequence or a bidi override either.
    from fcheck.safe import escape_controls

    return neutralize(defuse_lines(escape_controls(str(value))))


def claim_row(claim: Claim) -> dict[str, str]:
    data = claim.data
    source = data.get("source") or {}
    evidence = data.get("evidence") or []
    row: dict[str, Any] = {
        "id": claim.id,
        "article": claim.article,
        "status": claim.status,
        "rating": claim.rating or "",
        "source": source.get("name", ""),
        "via": source.get("via") or "",
        "claim": data.get("claim", ""),
        "quote": data.get("quote", ""),
        "notes": data.get("notes", ""),
        "evidence_urls": LIST_SEPARATOR.join(e["url"] for e in evidence if e.get("url")),
        "tags": LIST_SEPARATOR.join(data.get("tags") or []),
        "entities": LIST_SEPARATOR.join(data.get("entities") or []),
        "checked": data.get("checked") or "",
        "path": claim.path,
        "conclusion": data.get("conclusion") or "",
        "reviewer": data.get("reviewer") or "",
    }
    for name in _extra_fields():
        value = data.get(name)
        row[name] = LIST_SEPARATOR.join(map(str, value)) if isinstance(value, list) else value or ""
    return {k: _cell(v) for k, v in row.items()}


def claims_to_csv(claims: Iterable[Claim]) -> str:
    """UTF-8 CSV text; callers add a byte-order mark where a spreadsheet needs one."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(), lineterminator="\r\n")
    writer.writeheader()
    for claim in claims:
        writer.writerow(claim_row(claim))
    return buffer.getvalue()


BOM = "\ufeff"


def export_csv(claims: Iterable[Claim]) -> str:
    """``fcheck export csv``: the same CSV, prefixed with a UTF-8 byte-order mark.

    Excel reads a CSV file without a BOM in the system's legacy code page, which
    garbles names such as "Zoë" or "Gonçalves"; with the BOM it reads UTF-8.
    ``list --format csv`` stays BOM-free for scripts.
    """
    return BOM + claims_to_csv(claims)
