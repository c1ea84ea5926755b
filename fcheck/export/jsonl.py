"""JSON Lines: one claim per line, the same objects as ``list --format json``."""

from __future__ import annotations

from collections.abc import Iterable

from fcheck.model import Claim
from fcheck.safe import dumps_json


def export_jsonl(claims: Iterable[Claim]) -> str:
    lines = []
    for claim in claims:
        # dumps_json escapes NEL, U+2028 and U+2029, which are legal inside JSON
        # strings but split a record for many line readers (str.splitlines among them).
        lines.append(dumps_json(claim.to_dict(), indent=None, compact=True))
    return "".join(line + "\n" for line in lines)
