"""``fcheck links``: every source and evidence URL of the given claims, checked once.

Unique URLs are asked concurrently (``[links] workers``), within the per-host limits
of :class:`~fcheck.links.limits.HostLimits`; results younger than ``[links] max_age``
come from the cache. Each occurrence of a failing URL is one finding at the URL's
line and column in its claim file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

from fcheck.editorial_settings import LinkSettings
from fcheck.findings import Finding, PathKey, sort_key
from fcheck.links.limits import HostLimits
from fcheck.links.probe import Outcome, probe
from fcheck.links.store import LinkStore
from fcheck.model import Claim
from fcheck.rules import LINK_DEAD, LINK_ERROR, LINK_MOVED, RULES

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Link:
    """One URL in one claim file."""

    url: str
    claim: Claim
    key: PathKey  # ("evidence", 0, "url"), ("source", "url") ...

    @property
    def field_name(self) -> str:
        out = ""
        for part in self.key:
            out += f"[{part + 1}]" if isinstance(part, int) else ("." if out else "") + part
        return out

    def finding(self, rule: str, message: str) -> Finding:
        line, column = self.claim.position(*self.key) or (None, None)
        return Finding(self.claim.path, line, column, rule, RULES[rule].severity, message)


@dataclass
class LinkReport:
    findings: list[Finding] = field(default_factory=list)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    links: int = 0  # occurrences
    from_cache: int = 0  # unique URLs answered from the cache

    @property
    def urls(self) -> int:
        return len(self.outcomes)


def collect_links(claims: Iterable[Claim]) -> list[Link]:
    """The source URL and the evidence URLs and archive URLs of each claim."""
    out: list[Link] = []
    for claim in claims:
        source = claim.data.get("source")
        if isinstance(source, dict) and isinstance(source.get("url"), str):
            out.append(Link(source["url"], claim, ("source", "url")))
        evidence = claim.data.get("evidence")
        for index, item in enumerate(evidence if isinstance(evidence, list) else ()):
            if not isinstance(item, dict):
                continue
            for name in ("url", "archive_url"):
                if isinstance(item.get(name), str):
                    out.append(Link(item[name], claim, ("evidence", index, name)))
    return out


def check_links(
    links: list[Link],
    settings: LinkSettings,
    cache_folder: Path | None,
    progress: Progress | None = None,
) -> LinkReport:
    """Ask each unique URL (or the cache) and report the failing occurrences."""
    report = LinkReport(links=len(links))
    store = LinkStore(cache_folder, settings.max_age)
    todo: list[str] = []
    for url in dict.fromkeys(link.url for link in links):
        cached = store.get(url)
        if cached is not None:
            report.outcomes[url] = cached[0]
            report.from_cache += 1
        else:
            todo.append(url)
    total = len(report.outcomes) + len(todo)
    if progress is not None:
        progress(len(report.outcomes), total)
    limits = HostLimits(settings.per_host, settings.rate)
    if todo:
        with ThreadPoolExecutor(max_workers=min(settings.workers, len(todo))) as pool:
            futures = [pool.submit(probe, url, settings, limits.slot) for url in todo]
            for future in as_completed(futures):
                outcome = future.result()
                report.outcomes[outcome.url] = outcome
                store.put(outcome)
                if progress is not None:
                    progress(len(report.outcomes), total)
    store.save()
    for link in links:
        found = judge(link, report.outcomes[link.url])
        if found is not None:
            report.findings.append(found)
    report.findings.sort(key=sort_key)
    return report


def _status(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


def judge(link: Link, outcome: Outcome) -> Finding | None:
    """The finding for one occurrence of a URL, or None when the link works."""
    where = f"{link.field_name} {link.url}"
    if outcome.error is not None:
        return link.finding(LINK_ERROR, f"{where}: {outcome.error}")
    assert outcome.status is not None
    via = ""
    if outcome.hops:
        via = f" (after redirects to {outcome.final_url})"
    if outcome.dead:
        return link.finding(
            LINK_DEAD,
            f"{where} is dead: {_status(outcome.status)}{via}; replace it or add an "
            "archive_url (fcheck links --archive)",
        )
    if not outcome.ok:
        return link.finding(LINK_ERROR, f"{where} answers {_status(outcome.status)}{via}")
    moved = outcome.moved_to
    if moved is not None:
        code = outcome.hops[0].status
        return link.finding(
            LINK_MOVED,
            f"{where} has moved permanently ({_status(code)}) to {moved}; update the link",
        )
    return None
