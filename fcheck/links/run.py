"""The whole of ``fcheck links``: check the links of some claims, then archive them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fcheck.editorial_settings import LinkSettings
from fcheck.findings import Finding, sort_key
from fcheck.links.check import check_links, collect_links
from fcheck.model import Claim

Progress = Callable[[int, int], None]


@dataclass
class LinkRun:
    findings: list[Finding] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)


def run_links(
    claims: list[Claim],
    settings: LinkSettings,
    cache_folder: Path | None,
    *,
    archive: bool = False,
    save: bool = False,
    today: str = "",
    progress: Progress | None = None,
    archive_progress: Progress | None = None,
) -> LinkRun:
    """Check every source and evidence URL of ``claims``; with ``archive``, write an
    archive_url (dated ``today``) into each evidence item that has none."""
    checked = check_links(collect_links(claims), settings, cache_folder, progress)
    run = LinkRun(
        findings=list(checked.findings),
        summary={
            "files": len(claims),
            "links": checked.links,
            "urls": checked.urls,
            "from_cache": checked.from_cache,
        },
    )
    if archive:
        from fcheck.links.archive import archive_links

        archived = archive_links(claims, settings, today, save, archive_progress)
        run.findings.extend(archived.findings)
        run.findings.sort(key=sort_key)
        run.summary["archived"] = [
            {
                "path": a.path,
                "index": a.index,
                "url": a.url,
                "archive_url": a.archive_url,
                "saved": a.saved,
            }
            for a in archived.written
        ]
    return run
