"""JSON Lines: one claim per line, the same objects as ``list --format json``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from fcheck.model import Claim

_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


def export_jsonl(claims: Iterable[Claim]) -> str:
    lines = []
    for claim in claims:
        line = json.dumps(claim.to_dict(), ensure_ascii=False, separators=(",", ":"))
        # NEL, U+2028 and U+2029 are legal inside JSON strings but many line readers
        # (Python's str.splitlines among them) treat them as line breaks, which would
        # split a record; as escapes they mean the same and stay on one line.
        lines.append(_LINE_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", line))
    return "".join(line + "\n" for line in lines)
