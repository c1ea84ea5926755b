"""The rules over one claim record: each declared beside its check.

A new rule over a single claim file goes here: declare it, write its check of a
:class:`~fcheck.checks.registry.Record` and register it with ``@record_rule``; the
checks run in the order of this module. Give it a failing fixture in
``tests/fixtures/invalid/<rule-id>/`` and run ``python -m fcheck.docgen``.
"""

from __future__ import annotations

from fcheck.checks.registry import Record, record_rule
from fcheck.findings import Finding, Position
from fcheck.loader import decode, finding
from fcheck.model import is_slug
from fcheck.references import REFERENCE_FIELDS, locate_in_source, missing_references
from fcheck.rules import Stage, declare

ID_MISMATCH = declare(
    "id-mismatch",
    "A claim's id differs from its file name",
    """The file name without `.yaml` or `.yml` is the claim id, so that a claim can
    be found from its id. Rename the file or change the `id`.""",
    Stage.RECORD,
)


@record_rule(ID_MISMATCH)
def id_mismatch(record: Record) -> list[Finding]:
    claim_id = record.data.get("id")
    path = record.path
    if not isinstance(claim_id, str) or claim_id == path.stem or not is_slug(claim_id):
        return []
    return [
        finding(
            record.shown,
            record.parsed.positions.get(("id",)),
            ID_MISMATCH.id,
            f"id '{claim_id}' differs from the file name '{path.name}'; "
            f"rename the file to {claim_id}{path.suffix} or change the id",
        )
    ]


COURT_NEEDS_EVIDENCE = declare(
    "court-needs-evidence",
    "A court-established claim cites no evidence with a URL",
    """A claim marked `court-established` must cite at least one evidence item with
    a `url`, normally the verdict, judgment or a report of it.""",
    Stage.RECORD,
    schema=("if", "then", "contains"),
    record={
        "if": {"properties": {"status": {"const": "court-established"}}, "required": ["status"]},
        "then": {
            "required": ["evidence"],
            "properties": {
                "evidence": {
                    "type": "array",
                    "contains": {
                        "type": "object",
                        "properties": {"url": {"type": "string"}},
                        "required": ["url"],
                    },
                }
            },
        },
    },
)


@record_rule(COURT_NEEDS_EVIDENCE)
def court_needs_evidence(record: Record) -> list[Finding]:
    data = record.data
    if data.get("status") != "court-established":
        return []
    if any(isinstance(e, dict) and e.get("url") for e in data.get("evidence") or []):
        return []
    return [
        finding(
            record.shown,
            record.parsed.positions.get(("status",)),
            COURT_NEEDS_EVIDENCE.id,
            "a court-established claim must cite at least one evidence item with a url "
            "(the verdict or a report of it); add one or change the status",
        )
    ]


EVIDENCE_REF_MISSING = declare(
    "evidence-ref-missing",
    "A numbered reference cites an evidence item that does not exist",
    """In `notes` and `conclusion`, `[1]`, `[2]`, ... cite the claim's own evidence
    items, counted from 1 in the order of its `evidence` list; reports turn them into
    footnote links. A reference to an item the claim does not have (`[3]` with two
    items, or `[0]`) is reported where it is written. Bracketed four-digit numbers,
    such as the year of a neutral citation (`[2012] EWCA Civ 1411`), are not
    references.""",
    Stage.RECORD,
)


@record_rule(EVIDENCE_REF_MISSING)
def evidence_refs(record: Record) -> list[Finding]:
    """``[n]`` in notes and conclusion names an evidence item (when ``evidence`` is
    missing or a list: a wrong type is the field checks' finding)."""
    data = record.data
    evidence = data.get("evidence")
    if evidence is not None and not isinstance(evidence, list):
        return []
    items = len(evidence) if isinstance(evidence, list) else 0
    out: list[Finding] = []
    source: str | None = None
    for name in REFERENCE_FIELDS:
        text = data.get(name)
        if not isinstance(text, str):
            continue
        missing = missing_references(text, items)
        if not missing:
            continue
        start = record.parsed.positions.get((name,))
        if source is None:  # rare: read the file again to point at the reference
            source = decode(record.raw, record.shown)[0] or ""
        for index, ref in missing:
            pos: Position | None = start
            if start is not None and source:
                pos = locate_in_source(source, start, index, ref)
            have = (
                f"the claim has {items} evidence item{'s' if items != 1 else ''}"
                if items
                else "the claim has no evidence items"
            )
            out.append(
                finding(
                    record.shown,
                    pos,
                    EVIDENCE_REF_MISSING.id,
                    f"'{name}' cites [{ref.number}], but {have}; add the item to 'evidence' "
                    "or fix the number",
                )
            )
    return out
