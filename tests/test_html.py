"""The HTML and Markdown reports, and hostile claim text in every publishing format."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from fcheck.cli import app
from fcheck.collection import load_collection
from fcheck.export.claimreview import claimreview_document, export_claimreview
from fcheck.export.tabular import claims_to_csv
from fcheck.model import Article, Claim
from fcheck.reporters.annotate import annotate, locate
from fcheck.reporters.html import report_html
from fcheck.reporters.report import report_markdown
from fcheck.safe import escape_controls
from fcheck.textmatch import normalize_space
from fcheck.textspan import NormalizedText

from .conftest import REPO, VALID

V = ["--claims", str(VALID)]
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "script", "body", "main", "header", "section",
    "svg", "desc", "text", "rect", "ul", "ol", "li", "strong", "details", "summary", "span",
    "nav", "h1", "h2", "h3", "h4", "p", "div", "a", "code", "blockquote", "br", "aside",
    "footer",
}  # fmt: skip


class Page(HTMLParser):
    """What a browser's parser would build: tags, attributes, script bodies, text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        else:
            self.text.append(data)

    def all(self, tag: str, cls: str | None = None) -> list[dict[str, str | None]]:
        return [
            a
            for t, a in self.tags
            if t == tag and (cls is None or cls in (a.get("class") or "").split())
        ]


def render(claims: list[Claim], articles: dict[str, Article]) -> str:
    out = io.StringIO()
    report_html(claims, out, None, articles=articles)
    return out.getvalue()


# The page ---------------------------------------------------------------------------
def test_every_claim_is_highlighted_once(runner: CliRunner) -> None:
    result = runner.invoke(app, ["report", *V, "--format", "html", "--view", "analyst"])
    assert result.exit_code == 0
    page = Page(result.stdout)
    collection = load_collection(VALID)
    ids = sorted(c.id for c in collection.claims)
    markers = page.all("a", "tag")
    assert sorted(str(a["id"]).removeprefix("q-") for a in markers) == ids
    highlighted = {a["data-claim"] for a in page.all("a", "hl")}
    assert sorted(highlighted) == ids
    # every highlight and marker opens its claim's card, and every card links back
    cards = {a["id"] for a in page.all("aside", "pop")}
    assert {a["href"] for a in markers} == {f"#{c}" for c in cards}
    assert {f"#{a['id']}" for a in markers} <= {a["href"] for a in page.all("a")}
    # one section per article, and the status in text next to each highlight
    assert len(page.all("section", "article")) == 2
    assert all(
        a.get("title", "").split(":")[0] in ("alleged", "speculative", "court-established")
        for a in markers
    )  # type: ignore[union-attr]


def test_status_filter_highlights_only_those(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["report", *V, "--format", "html", "--status", "speculative", "--view", "analyst"]
    )
    page = Page(result.stdout)
    assert [a["id"] for a in page.all("a", "tag")] == ["q-contractor-ties"]
    assert {a["data-claim"] for a in page.all("a", "hl")} == {"contractor-ties"}
    assert len(page.all("section", "article")) == 1


def test_csp_is_strict_and_matches_the_stylesheet() -> None:
    collection = load_collection(VALID)
    html = render(collection.claims, collection.articles)
    page = Page(html)
    (csp,) = [a["content"] for a in page.all("meta") if a.get("http-equiv")]
    assert csp is not None
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert not [a for _, a in page.tags if "style" in a]  # no inline style attributes
    assert not page.all("img") and not page.all("link")


def test_json_ld_embedded_equals_export() -> None:
    collection = load_collection(VALID)
    page = Page(render(collection.claims, collection.articles))
    (script,) = page.scripts
    assert [a["type"] for a in page.all("script")] == ["application/ld+json"]
    assert json.loads(script) == claimreview_document(collection.claims, collection.articles)


def test_unlocated_quote_and_missing_text_still_list_the_claim() -> None:
    collection = load_collection(VALID)
    claims = [c for c in collection.claims if c.article == "harbour-bridge-2024"]
    article = collection.articles["harbour-bridge-2024"]
    textless = Article(article.slug, article.folder, article.path, article.data, None)
    page = Page(render(claims, {article.slug: textless}))
    assert page.all("a", "hl") == []
    assert len(page.all("li")) >= len(claims)
    assert "The article text is not available." in "".join(page.text)


def test_overlapping_quotes_each_get_a_marker() -> None:
    text = "The mayor said the bridge cost 42 million euros last year."
    outer = _claim("outer", "the bridge cost 42 million euros", "alleged")
    inner = _claim("inner", "42 million", "court-established")
    same = _claim("same", "42 million", "speculative")
    spans, missing = locate(text, [outer, inner, same])
    assert missing == []
    page = Page(annotate(text, spans))
    assert sorted(a["id"] for a in page.all("a", "tag")) == ["q-inner", "q-outer", "q-same"]
    assert "".join(page.text).replace("\u00a0", " ").startswith("The mayor said the bridge")
    assert {a["data-claim"] for a in page.all("a", "hl")} == {"outer", "inner"}


# Quote location -------------------------------------------------------------------
@given(
    words=st.lists(st.text(alphabet="abcé<&", min_size=1, max_size=6), min_size=1, max_size=30),
    seps=st.lists(st.sampled_from([" ", "  ", "\n", "\u00a0", "\t \n"]), min_size=30, max_size=30),
    data=st.data(),
)
def test_locate_maps_normalized_match_to_original(
    words: list[str], seps: list[str], data: st.DataObject
) -> None:
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i, len(words) - 1))
    quote = " ".join(words[i : j + 1])
    span = NormalizedText.of(text).locate(quote)
    assert span is not None
    start, end = span
    assert normalize_space(text[start:end]) == normalize_space(quote)
    assert not text[start].isspace() and not text[end - 1].isspace()


# Hostile claim text ---------------------------------------------------------------
PIECES = [
    *"ab <>&\"'`*_[]()#|!-=+@:$^~\\/\n\t\r",
    *("</script>", "<!--", "]]>", "javascript:", "\u2028", "\x1b[31m", "\u202e", "{{", "&lt;"),
]
HOSTILE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map("".join)


def _claim(claim_id: str, quote: str, status: str = "alleged", **extra: Any) -> Claim:
    data: dict[str, Any] = {
        "id": claim_id,
        "claim": extra.pop("claim", "A claim."),
        "quote": quote,
        "source": {"name": extra.pop("source", "Someone")},
        "status": status,
        "notes": extra.pop("notes", "Notes."),
        **extra,
    }
    return Claim(data=data, article="news", path=f"claims/news/{claim_id}.yaml")


def _hostile_collection(text: str) -> tuple[list[Claim], dict[str, Article]]:
    quote = "x" + text + "y"
    claim = _claim(
        "hostile",
        quote,
        claim=text,
        notes=text + "\n\n- " + text,
        source=text,
        evidence=[{"title": text, "url": "https://example.org/" + text.replace(" ", "")}],
        tags=[text],
        rating="accurate",  # (an unrated claim is not exported as a ClaimReview)
    )
    article = Article(
        "news", Path("claims/news"), "claims/news/article.yaml",
        {"title": text, "publisher": text, "text": "article.txt", "url": "javascript:alert(1)"},
        "Intro " + quote + " outro.",
    )  # fmt: skip
    return [claim], {"news": article}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE)
def test_hostile_text_cannot_inject_html(text: str) -> None:
    assume(text.strip())
    claims, articles = _hostile_collection(text)
    page = Page(render(claims, articles))
    assert {t for t, _ in page.tags} <= ALLOWED_TAGS
    assert not [k for _, a in page.tags for k in a if k.startswith("on")]
    assert len(page.all("script")) == 1
    (script,) = page.scripts
    assert json.loads(script) == claimreview_document(claims, articles)
    hrefs = [str(a.get("href")) for a in page.all("a")]
    assert all(h.startswith(("#", "http://", "https://")) for h in hrefs)
    assert len(page.all("a", "tag")) == 1  # the quote is still found and highlighted
    shown = "".join(page.text)
    assert " ".join(escape_controls(text).split()) in " ".join(shown.split())


MD = MarkdownIt("commonmark", {"html": True}).enable("table")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE)
def test_hostile_text_cannot_inject_markdown(text: str) -> None:
    assume(text.strip())
    claims, articles = _hostile_collection(text)
    out = io.StringIO()
    report_markdown(claims, out, None, articles=articles)
    html = MD.render(out.getvalue())
    page = Page(html)
    tags = {t for t, _ in page.tags}
    assert tags <= {
        "h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "blockquote",
        "strong", "code", "a", "ol", "ul", "li", "br",
    }  # fmt: skip
    hrefs = [str(a["href"]) for a in page.all("a")]
    assert len(hrefs) == 1 and hrefs[0].startswith("https://example.org/")
    assert [t for t, _ in page.tags].count("h3") == 1
    assert " ".join(escape_controls(text).split()) in " ".join("".join(page.text).split())


@settings(max_examples=100)
@given(HOSTILE)
def test_hostile_text_in_json_ld_and_csv(text: str) -> None:
    from fcheck.export.tabular import defuse_lines

    claims, articles = _hostile_collection(text)
    document = json.loads(export_claimreview(claims, articles))
    assert document["@graph"][0]["claimReviewed"] == " ".join(text.split())
    (row,) = list(csv.DictReader(io.StringIO(claims_to_csv(claims), newline="")))
    # CSV cells show control characters as escapes, and a line starting with `::` (a
    # CI workflow command) with its second colon escaped
    shown = defuse_lines(escape_controls(text))
    assert row["claim"] in (shown, "'" + shown)
    for cell in row.values():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_bundled_report_has_every_claim_highlighted(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["report", "--claims", str(REPO / "claims"), "-f", "html", "--view", "analyst"]
    )
    assert result.exit_code == 0
    page = Page(result.stdout)
    total = len(load_collection(REPO / "claims").claims)
    assert len(page.all("a", "tag")) == total
