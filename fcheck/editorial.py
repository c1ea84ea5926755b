"""What ``fcheck validate`` adds for editors: the publishing gate and, with a
revision, the corrections check (one call for the command)."""

from __future__ import annotations

from fcheck.collection import Collection
from fcheck.findings import Finding, sort_key


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
