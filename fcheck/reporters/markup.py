"""HTML pieces every page writes alike (the analyst's report, the reader's report and the
static site): links, the JSON-LD block, an evidence item's line and the status colours.

Untrusted text goes through :func:`h`; only http(s) URLs become links.
"""

from __future__ import annotations

from typing import Any

from fcheck.reporters.annotate import h
from fcheck.reporters.present import STATUS_LOOKS, EvidenceView
from fcheck.safe import dumps_json, http_url, script_safe_json


def safe_href(url: object) -> str | None:
    """An escaped http(s) link target, or None for any other scheme."""
    text = str(url or "").strip()
    return h(text) if http_url(text) is not None else None


def link(text: str, url: object, *, escaped: bool = False) -> str:
    """An outbound link (http(s) only; anything else is shown as text). ``escaped``:
    ``text`` is HTML already."""
    label = text if escaped else h(text)
    href = safe_href(url)
    if href is None:
        return label
    return f'<a href="{href}" rel="noopener noreferrer nofollow">{label}</a>'


def json_ld_block(document: Any) -> str:
    """A JSON-LD ``<script>`` whose content cannot close the element or open a comment."""
    text = script_safe_json(dumps_json(document, indent=None, compact=True))
    return f'<script type="application/ld+json">\n{text}\n</script>'


def evidence_html(item: EvidenceView, *, kind: bool) -> str:
    """An evidence item as one line: its linked title, what it is (the kind of
    document, when ``kind``), publisher and date, and its archived copy."""
    parts = [link(item.title, item.url)]
    details = item.details(kind)
    if details:
        parts.append(" — " + h(details))
    if item.archive_url:
        parts.append(f" ({link('archived copy', item.archive_url)})")
    return "".join(parts)


def status_vars(names: dict[str, str]) -> str:
    """CSS custom properties holding the status colours of the presenter:
    ``--<var>:<colour>;--<var>-bg:<background>;`` for each status -> var name given."""
    return "".join(
        f"--{var}:{STATUS_LOOKS[status].color};--{var}-bg:{STATUS_LOOKS[status].background};"
        for status, var in names.items()
    )
