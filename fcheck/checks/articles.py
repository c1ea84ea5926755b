"""The rules over one article and its claim files: each declared beside its check."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from fcheck.findings import Finding
from fcheck.loader import finding
from fcheck.model import Article
from fcheck.positions import FilePositions
from fcheck.rules import Stage, declare

LEAD_CLAIM_UNKNOWN = declare(
    "lead-claim-unknown",
    "A lead claim is not a claim of the article",
    """`lead` in `article.yaml` lists the ids of the claims a report leads with; each
    must be the id of a claim file in the same article folder. Fix the id or remove
    it from the list.""",
    Stage.COLLECTION,
)


def check_lead(article: Article, claim_files: Sequence[str]) -> list[Finding]:
    """Rule lead-claim-unknown: every id of ``lead`` is a claim file of the article.

    Claim ids equal their file names (rule id-mismatch), so the files decide, and a
    lead claim with a problem of its own is reported for that problem only.
    """
    lead = article.data.get("lead")
    if not lead:
        return []
    ids = {Path(name).stem for name in claim_files}
    positions = None
    out: list[Finding] = []
    for i, claim_id in enumerate(lead):
        if claim_id in ids:
            continue
        if positions is None:
            positions = FilePositions(article.path)
        near = difflib.get_close_matches(claim_id, sorted(ids), n=1, cutoff=0.6)
        hint = f"did you mean '{near[0]}'?" if near else "list ids of claim files in this folder"
        out.append(
            finding(
                article.path,
                positions.get(("lead", i)),
                LEAD_CLAIM_UNKNOWN.id,
                f"lead[{i}] '{claim_id}' is not a claim of the article '{article.slug}'; {hint}",
            )
        )
    return out
