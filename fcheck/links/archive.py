"""``fcheck links --archive``: an archived copy for each evidence item without one.

For each evidence item with a ``url`` and no ``archive_url``, the availability API
(``[links] archive_api``, by default the Wayback Machine's
``https://archive.org/wayback/available?url=...``) is asked for its closest
snapshot; its documented answer is
``{"archived_snapshots": {"closest": {"available": true, "url": ..., "timestamp":
..., "status": "200"}}}``, or ``{"archived_snapshots": {}}`` when there is none.
With ``save``, a URL without a snapshot is sent to the save endpoint
(``[links] save_api`` + the URL, by default Save Page Now), whose answer names the
new snapshot in a redirect or in ``Content-Location``. The snapshots found are
written into the claim files as ``archive_url`` (and ``accessed``, when the item has
none) by :mod:`fcheck.links.insert`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.client import HTTPException
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from fcheck.atomic import WriteError
from fcheck.editorial_settings import LinkSettings
from fcheck.findings import Finding, sort_key
from fcheck.links.check import Link
from fcheck.links.insert import InsertError, write_evidence_keys
from fcheck.links.limits import HostLimits
from fcheck.links.probe import REDIRECTS, Response, Slot, describe_error, request
from fcheck.model import Claim
from fcheck.rules import ARCHIVE_ERROR, ARCHIVE_MISSING
from fcheck.safe import http_url

API_BODY = 64 * 1024  # bytes of an API answer read, at most
_SNAPSHOT_PATH = re.compile(r"/web/\d{4,14}[a-z_]*/")

Progress = Callable[[int, int], None]


@dataclass
class Archived:
    """An archive_url written into a claim file."""

    path: str
    index: int  # of the evidence item, 0-based
    url: str
    archive_url: str
    saved: bool  # a new snapshot was requested


@dataclass
class ArchiveReport:
    written: list[Archived] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    asked: int = 0  # evidence items without archive_url


@dataclass
class _Answer:
    link: Link
    snapshot: str | None = None
    error: str | None = None
    saved: bool = False


def _get(url: str, settings: LinkSettings, slot: Slot, limit: int) -> Response:
    """GET following up to five redirects (an API moved to https, say)."""
    for _ in range(6):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url}")
        with slot(parts.hostname.lower()):
            response = request(url, "GET", settings, limit)
        if response.status in REDIRECTS and response.location:
            target = urljoin(url, response.location)
            if _SNAPSHOT_PATH.search(urlsplit(target).path):
                return response  # a save endpoint pointing at its new snapshot
            url = target
            continue
        return response
    raise ValueError("too many redirects")


def _https_wayback(url: str) -> str:
    # The Wayback Machine answers with http:// snapshot URLs; it serves them on https.
    if url.startswith("http://web.archive.org/"):
        return "https://" + url[len("http://") :]
    return url


def available(url: str, settings: LinkSettings, slot: Slot) -> tuple[str | None, str | None]:
    """(the closest working snapshot of ``url``, or None; an error message, or None)."""
    api = settings.archive_api
    target = f"{api}{'&' if '?' in api else '?'}url={quote(url, safe='')}"
    try:
        response = _get(target, settings, slot, API_BODY)
    except (OSError, HTTPException, ValueError) as exc:
        return None, f"the availability API failed: {describe_error(exc)}"
    if response.status != 200:
        return None, f"the availability API answered {response.status}"
    try:
        answer = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, "the availability API did not answer JSON"
    snapshots = answer.get("archived_snapshots") if isinstance(answer, dict) else None
    if not isinstance(snapshots, dict):
        return None, "the availability API answered JSON without archived_snapshots"
    closest = snapshots.get("closest")
    if not isinstance(closest, dict) or closest.get("available") is not True:
        return None, None
    status = str(closest.get("status", "200"))
    snapshot = http_url(closest.get("url"))
    if not status.startswith("2") or snapshot is None:
        return None, None  # a snapshot of an error page is no copy of the document
    return _https_wayback(snapshot), None


def save(url: str, settings: LinkSettings, slot: Slot) -> tuple[str | None, str | None]:
    """Ask the save endpoint for a new snapshot: (its URL or None, error or None)."""
    endpoint = settings.save_api
    try:
        response = _get(endpoint + url, settings, slot, API_BODY)
    except (OSError, HTTPException, ValueError) as exc:
        return None, f"the save endpoint failed: {describe_error(exc)}"
    for candidate in (response.location, response.content_location):
        if candidate and _SNAPSHOT_PATH.search(urlsplit(urljoin(endpoint, candidate)).path):
            found = http_url(urljoin(endpoint, candidate))
            if found is not None:
                return _https_wayback(found), None
    return None, f"the save endpoint answered {response.status} without naming a snapshot"


def _ask(link: Link, settings: LinkSettings, slot: Slot, want_save: bool) -> _Answer:
    snapshot, error = available(link.url, settings, slot)
    if snapshot is not None or error is not None or not want_save:
        return _Answer(link, snapshot, error)
    snapshot, error = save(link.url, settings, slot)
    return _Answer(link, snapshot, error, saved=snapshot is not None)


def unarchived(claims: Iterable[Claim]) -> list[Link]:
    """The evidence items with a url and no archive_url, as links to their url."""
    out = []
    for claim in claims:
        evidence = claim.data.get("evidence")
        for index, item in enumerate(evidence if isinstance(evidence, list) else ()):
            if (
                isinstance(item, dict)
                and isinstance(item.get("url"), str)
                and not item.get("archive_url")
            ):
                out.append(Link(item["url"], claim, ("evidence", index, "url")))
    return out


def archive_links(
    claims: Iterable[Claim],
    settings: LinkSettings,
    today: str,
    want_save: bool = False,
    progress: Progress | None = None,
) -> ArchiveReport:
    """Find (or make) snapshots and write them into the claim files."""
    links = unarchived(claims)
    report = ArchiveReport(asked=len(links))
    limits = HostLimits(settings.per_host, settings.rate)
    answers: list[_Answer] = []
    if links:
        with ThreadPoolExecutor(max_workers=min(settings.workers, len(links))) as pool:
            futures = [pool.submit(_ask, link, settings, limits.slot, want_save) for link in links]
            for done, future in enumerate(futures, 1):
                answers.append(future.result())
                if progress is not None:
                    progress(done, len(links))
    by_file: dict[str, list[_Answer]] = {}
    for answer in answers:
        link = answer.link
        if answer.error is not None:
            report.findings.append(link.finding(ARCHIVE_ERROR, f"{link.url}: {answer.error}"))
        elif answer.snapshot is None:
            hint = "" if want_save else "; --save asks the archive to make one"
            report.findings.append(
                link.finding(ARCHIVE_MISSING, f"no archived copy of {link.url}{hint}")
            )
        else:
            by_file.setdefault(link.claim.path, []).append(answer)
    for path, found in by_file.items():
        additions = {
            int(a.link.key[1]): {"archive_url": a.snapshot or "", "accessed": today} for a in found
        }
        try:
            write_evidence_keys(Path(path), additions, path)
        except (InsertError, WriteError) as exc:
            report.findings.append(found[0].link.finding(ARCHIVE_ERROR, str(exc)))
            continue
        report.written.extend(
            Archived(path, int(a.link.key[1]), a.link.url, a.snapshot or "", a.saved) for a in found
        )
    report.findings.sort(key=sort_key)
    return report
