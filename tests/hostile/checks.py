"""Reusable checks that an output cannot carry anything from the data but text.

Each takes rendered output and raises AssertionError with the offending part; use
them on every new output format (HTML pages, Markdown, CSV, terminal text).
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

from fcheck.safe import has_unsafe

# Tags the HTML report template itself writes; data may add none.
HTML_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table", "tr",
    "th", "td", "article", "code", "span", "blockquote", "ul", "li", "a", "script",
    # the annotated-article page: layout, claim cards and the inline SVG figure
    "main", "header", "footer", "section", "aside", "div", "details", "summary", "h4", "ol",
    "br", "strong", "nav", "svg", "desc", "rect", "text",
    # the reader's view: count tables and the definitions of ratings and statuses
    "caption", "thead", "tbody", "dl", "dt", "dd", "h5",
}  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.comments: list[str] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_pi(self, data: str) -> None:
        self.comments.append(data)


def parse_html(page: str) -> _Collector:
    parser = _Collector()
    parser.feed(page)
    parser.close()
    return parser


def assert_safe_html(page: str) -> str:
    """Only template tags, no event handlers, http(s) links only, a strict CSP, and
    scripts only as JSON-LD that parses (so data cannot close them early).

    Returns the page's visible text, for checking that data shows up literally.
    """
    parsed = parse_html(page)
    csp = [
        a
        for t, a in parsed.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp and "default-src 'none'" in (csp[0].get("content") or ""), "no strict CSP"
    for tag, attrs in parsed.tags:
        assert tag in HTML_TAGS, f"unexpected tag <{tag}> from data"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name}={value!r}"
            if name in ("href", "src", "action", "formaction"):
                assert (value or "").lower().startswith(("http://", "https://", "#")), value
            assert name != "style" or tag != "a", "style attribute on a link"
    assert not parsed.comments, parsed.comments
    for attrs, body in parsed.scripts:
        assert attrs.get("type") == "application/ld+json", f"script {attrs}"
        json.loads(body)  # a </script> in data would cut it short and fail here
    assert not has_unsafe(page), "raw control character in HTML"
    for line in page.splitlines():
        assert not line.lstrip().startswith("::"), f"workflow command: {line!r}"
    return "".join(parsed.text)


def assert_inert_markdown(text: str, allowed_links: set[str] | None = None) -> list[object]:
    """No raw HTML or images, and no links but ``allowed_links`` (default: http(s) ones).

    Returns markdown-it's tokens for further checks.
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    for token in tokens:
        assert token.type not in ("html_block", "fence", "code_block"), token
        for child in token.children or []:
            assert child.type not in ("html_inline", "image"), child
            if child.type == "link_open":
                href = str(child.attrs.get("href"))
                if allowed_links is None:  # evidence links, which are validated
                    assert href.startswith(("http://", "https://")), href
                else:
                    assert href in allowed_links, href
    assert not has_unsafe(text), "raw control character in Markdown"
    return tokens


def assert_inert_csv(text: str) -> list[list[str]]:
    """No cell a spreadsheet would run as a formula (spreadsheets skip leading blanks),
    and, as CSV is printed to CI logs too, no line a log would run as a command."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for row in rows:
        for cell in row:
            assert not cell.lstrip().startswith(FORMULA_START), f"formula cell {cell!r}"
            assert not cell.startswith(FORMULA_START), f"formula cell {cell!r}"
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), f"workflow command: {line!r}"
    return rows


def assert_safe_terminal(text: str) -> None:
    """No control characters, and no line a GitHub Actions log would run as a command."""
    assert not has_unsafe(text), f"raw control character: {text!r}"
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), f"workflow command: {line!r}"


def assert_json_ld_embeddable(text: str) -> None:
    """JSON-LD that can be pasted into ``<script type="application/ld+json">`` as is:
    no data can close the element or switch the parser into a comment or a script."""
    lowered = text.lower()
    for opener in ("</script", "<!--", "<script"):
        assert opener not in lowered, f"{opener} in JSON-LD would escape its <script>"
    page = (
        '<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        f'<script type="application/ld+json">{text}</script></head><body></body></html>'
    )
    assert_safe_html(page)
