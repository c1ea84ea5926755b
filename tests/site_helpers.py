"""Reading a built site back: its pages' links, ids, scripts and JSON-LD."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from posixpath import dirname, join, normpath
from typing import Any
from urllib.parse import unquote, urlsplit

from fcheck.safe import has_unsafe

# Tags the site's templates use; data must never add one.
SITE_TAGS = {
    "html", "head", "meta", "title", "link", "style", "script", "body", "a", "header", "nav",
    "ul", "ol", "li", "main", "footer", "p", "h1", "h2", "h3", "section", "article", "div",
    "span", "strong", "em", "blockquote", "br", "details", "summary", "dl", "dt", "dd",
    "label", "input", "noscript", "aside", "code", "table", "caption", "thead", "tbody",
    "tr", "th", "td", "svg", "rect", "text", "desc", "h4",
}  # fmt: skip


@dataclass
class Page:
    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    scripts: list[tuple[dict[str, str | None], str]] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    def attr(self, tag: str, name: str) -> list[str]:
        return [a[name] or "" for t, a in self.tags if t == tag and name in a]

    @property
    def csp(self) -> str:
        metas = [
            a.get("content") or ""
            for t, a in self.tags
            if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
        ]
        assert len(metas) == 1, "one Content-Security-Policy"
        return metas[0]

    def json_ld(self) -> list[Any]:
        return [json.loads(b) for a, b in self.scripts if a.get("type") == "application/ld+json"]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in: str | None = None
        self._attrs: dict[str, str | None] = {}
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.page.tags.append((tag, attributes))
        if attributes.get("id"):
            self.page.ids.append(attributes["id"] or "")
        if tag in ("script", "style"):
            self._in, self._attrs, self._buffer = tag, attributes, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            body = "".join(self._buffer)
            if tag == "script":
                self.page.scripts.append((self._attrs, body))
            else:
                self.page.styles.append(body)
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buffer.append(data)
        else:
            self.page.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.page.comments.append(data)


def parse(html: str) -> Page:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def resolve(page_path: str, href: str) -> tuple[str, str]:
    """The site path and fragment a relative link of ``page_path`` points at (a browser
    looks for the fragment as it is, then percent-decoded; the site's ids are encoded)."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc, href
    target = page_path
    if parts.path:
        target = normpath(join(dirname(page_path), unquote(parts.path)))
    return target, parts.fragment


def assert_site_page(path: str, html: str, search_script: str | None = None) -> Page:
    """A page of the site is inert: only the templates' tags, no event handlers, links
    http(s) or relative, a strict CSP pinning exactly its inline style and script, and
    data blocks that parse (so data cannot end them early)."""
    page = parse(html)
    csp = page.csp
    assert "default-src 'none'" in csp and "base-uri 'none'" in csp, csp
    assert page.styles and all(sha256(s) in csp for s in page.styles), "style not pinned"
    for tag, attrs in page.tags:
        assert tag in SITE_TAGS, f"{path}: unexpected tag <{tag}> from data"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{path}: event handler {name}={value!r}"
            assert name != "style", f"{path}: style attribute"
            if name in ("href", "src", "action", "formaction"):
                text = (value or "").strip().lower()
                assert not re.match(r"^[a-z][a-z0-9+.-]*:", text) or text.startswith(
                    ("http://", "https://")
                ), f"{path}: {name}={value!r}"
    assert not page.comments, page.comments
    for attrs, body in page.scripts:
        if attrs.get("type") in ("application/ld+json", "application/json"):
            json.loads(body)
        else:
            assert not attrs.get("src"), attrs
            assert search_script is not None and body == search_script, f"{path}: a script"
            assert sha256(body) in csp
    if not any(a.get("type") is None for a, _ in page.scripts):
        assert "script-src 'none'" in csp
    assert not has_unsafe(html), f"{path}: raw control character"
    for line in html.splitlines():
        assert not line.lstrip().startswith("::"), f"workflow command: {line!r}"
    return page
