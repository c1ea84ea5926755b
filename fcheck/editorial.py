"""What ``fcheck validate`` adds for editors: the publishing gate and, with a
revision, the corrections check (one call for the command)."""

from __future__ import annotations

import re
from pathlib import Path

from fcheck.collection import Collection
from fcheck.findings import Finding, sort_key

# What a published article.yaml says, before it is parsed (see needs_full_records).
_SAYS_PUBLISHED = re.compile(rb"state\s*:\s*[\"']?published")


def needs_full_records(claims_dir: Path, publish: bool = False) -> bool:
    """Whether the gate and the corrections check will read whole claim records: with
    ``publish``, or when some article.yaml says ``review.state: published``.

    Read before the collection is loaded, so that ``validate`` loads whole records
    (from the cache when unchanged) instead of summaries it would have to re-parse.
    """
    if publish:
        return True
    from fcheck.gate import PUBLISHED
    from fcheck.loader import (
        MAX_YAML_BYTES,
        Confined,
        decode,
        is_ignored_name,
        parse_yaml,
        read_bytes,
        safe_entry,
    )
    from fcheck.model import ARTICLE_FILE

    try:
        folders = [p for p in claims_dir.iterdir() if not is_ignored_name(p.name)]
    except OSError:
        return False
    confined = Confined()
    for folder in folders:
        path = folder / ARTICLE_FILE
        if not path.is_file() or safe_entry(path, claims_dir, str(path)) is not None:
            continue
        raw, _problem = read_bytes(path, str(path), MAX_YAML_BYTES, confined=confined)
        if raw is None or not _SAYS_PUBLISHED.search(raw):
            # (only a guess that saves parsing every article.yaml twice: a state
            # spelled with YAML escapes is missed here, and the gate then re-reads
            # the records it needs, with the same findings)
            continue
        text, _problem = decode(raw, str(path))
        if text is None:
            continue
        parsed = parse_yaml(text, str(path))
        review = parsed.data.get("review") if isinstance(parsed.data, dict) else None
        if isinstance(review, dict) and review.get("state") == PUBLISHED:
            return True
    return False


def editorial_findings(
    collection: Collection, *, publish: bool = False, since: str | None = None
) -> list[Finding]:
    """The gate's findings (published articles; all with ``publish``) and, with
    ``since``, the published values changed since that revision without a correction.

    Raises :class:`fcheck.corrections.CannotCompare` when ``since`` cannot be used.
    """
    from fcheck.gate import check_gate

    out = check_gate(collection, publish)
    if since is not None:
        from fcheck.corrections import check_corrections

        out.extend(check_corrections(collection, since))
    out.sort(key=sort_key)
    return out
