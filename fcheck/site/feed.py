"""The Atom feed of the fact-checks (RFC 4287), newest first.

Links are absolute when the site's ``base_url`` is configured and relative to the feed
otherwise (Atom allows IRI references; readers resolve them against the feed's own
address). Ids are the pages' addresses, or stable ``urn:uuid`` names derived from the
article slugs when the site has no address. Dates come from the records, never from
the clock, so building the same collection twice gives the same feed.
"""

from __future__ import annotations

import io
import re
import uuid
import xml.etree.ElementTree as ET

from fcheck.reporters.words import counted
from fcheck.safe import escape_controls
from fcheck.site import paths
from fcheck.site.layout import Site
from fcheck.site.records import FactCheck

ATOM = "http://www.w3.org/2005/Atom"
_EPOCH = "1970-01-01"
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# What XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def atom_date(date: str | None) -> str:
    """A (possibly partial) ISO date as an Atom date-time at midnight UTC; anything
    that is not a date counts as unknown (the epoch)."""
    text = (date or "").strip()
    if not _DATE.match(text):
        text = _EPOCH
    if len(text) == 4:
        text += "-01-01"
    elif len(text) == 7:
        text += "-01"
    return text + "T00:00:00Z"


def _xml_text(value: object) -> str:
    # Control characters are shown as escapes, as in every output of untrusted text.
    text = " ".join(escape_controls(str(value)).split())
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _id(site: Site, path: str) -> str:
    if site.base_url:
        return f"{site.base_url.rstrip('/')}/{path}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"fcheck-site:{site.title}:{path}").urn


def _href(site: Site, path: str) -> str:
    return f"{site.base_url.rstrip('/')}/{path}" if site.base_url else path


def atom_feed(site: Site, checks: list[FactCheck]) -> bytes:
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", _id(site, ""))
    sub(feed, "title", _xml_text(site.title))
    updated = max((atom_date(c.updated) for c in checks), default=atom_date(None))
    sub(feed, "updated", updated)
    author = sub(feed, "author")
    sub(author, "name", _xml_text(site.config.organization or site.title))
    if site.config.organization_url:
        sub(author, "uri", site.config.organization_url)
    sub(feed, "link", rel="self", href=_href(site, paths.FEED), type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=_href(site, paths.INDEX), type="text/html")
    sub(feed, "generator", "fcheck")
    for check in checks:
        entry = sub(feed, "entry")
        path = paths.article_path(check.slug)
        sub(entry, "id", _id(site, path))
        sub(entry, "title", _xml_text(check.title))
        sub(entry, "updated", atom_date(check.updated))
        if check.published and _DATE.match(check.published):
            sub(entry, "published", atom_date(check.published))
        sub(entry, "link", rel="alternate", href=_href(site, path), type="text/html")
        parts = []
        if check.piece.verdict is not None:
            parts.append(f"Our verdict: {check.piece.verdict.title}.")
        if check.piece.summary:
            parts.append(check.piece.summary)
        parts.append(f"{counted(len(check.claims), 'claim')} checked.")
        sub(entry, "summary", _xml_text(" ".join(parts)), type="text")
    out = io.BytesIO()
    ET.ElementTree(feed).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue() + b"\n"
