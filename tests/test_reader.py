"""The reader's view of `fcheck report`: the fact-check first, in Markdown, text and HTML."""

from __future__ import annotations

import base64
import hashlib
import io
import re

from hypothesis import HealthCheck, assume, given, settings
from typer.testing import CliRunner

from fcheck.cli import app
from fcheck.collection import load_collection
from fcheck.config import Config, Site
from fcheck.reporters.reader import reader_markdown
from fcheck.reporters.reader_html import reader_html, render_article_page
from fcheck.safe import escape_controls

from .conftest import VALID
from .hostile.checks import assert_inert_markdown, assert_safe_html, parse_html
from .test_html import HOSTILE, _hostile_collection

ARTICLE = ["--claims", str(VALID), "--article", "harbour-bridge-2024"]


def run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_markdown_leads_with_verdict_summary_and_lead(runner: CliRunner) -> None:
    out = run(runner, "report", *ARTICLE, "--format", "markdown")
    assert out.startswith("# Harbour bridge reopens after repairs\n")
    verdict = out.index("**Our verdict: Misleading.**")
    found = out.index("## What we found")
    lead = out.index("## The claims that matter most")
    claims = out.index("## Every claim, in the article's order (4)")
    numbers = out.index("## The claims in numbers")
    assert verdict < found < lead < claims < numbers
    # claims in the order of their quotes in the article text
    headings = re.findall(r"^### (\d)\. (.*)$", out, re.MULTILINE)
    assert [n for n, _ in headings] == ["1", "2", "3", "4"]
    assert headings[1][1].startswith("The bridge repairs cost 42 million euros")
    # [1] is a link to the cited source
    link = "[\\[1\\]](<https://example.org/court/judgment-12-2024>)"
    assert f"a court found {link}; 42 million" in out
    assert "**Correction, 2024\\-06\\-10 (claim 2):**" in out
    assert "Checked by A\\. Checker · Edited by E\\. Editor" in out
    assert "**How we checked.** Evidence: **Court\\-established**." in out
    assert_inert_markdown(out)


def test_analyst_view_is_kept_and_views_are_checked(runner: CliRunner) -> None:
    analyst = run(runner, "report", *ARTICLE, "--format", "markdown", "--view", "analyst")
    assert analyst.startswith("# Fact-check report")
    bad = runner.invoke(app, ["report", *ARTICLE, "--view", "editor"])
    assert bad.exit_code == 2 and "reader, analyst" in bad.stderr
    # JSON is data: the same in both views
    assert run(runner, "report", *ARTICLE, "-f", "json") == run(
        runner, "report", *ARTICLE, "-f", "json", "--view", "analyst"
    )


def test_text_view(runner: CliRunner) -> None:
    out = run(runner, "report", *ARTICLE)
    assert out.startswith("Harbour bridge reopens after repairs\n")
    assert "Our verdict: Misleading. Literally defensible" in out
    assert out.index("What we found") < out.index("1. The Øresund") < out.index("By rating: ")
    assert "a court found [1]; 42 million" in out


def test_html_page(runner: CliRunner) -> None:
    page = run(runner, "report", *ARTICLE, "--format", "html")
    text = assert_safe_html(page)
    parsed = parse_html(page)
    assert "<title>Harbour bridge reopens after repairs</title>" in page
    assert 'Our verdict: <span class="pill r-misleading">Misleading</span>' in page
    # the stylesheet is the one the CSP allows
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in page
    # every in-page link resolves, and footnotes point at the cited source
    ids = {a["id"] for _, a in parsed.tags if a.get("id")}
    hrefs = [a["href"] for t, a in parsed.tags if t == "a" and (a.get("href") or "")[:1] == "#"]
    assert hrefs and all(h[1:] in ids for h in hrefs), [h for h in hrefs if h[1:] not in ids]
    assert '<a class="ref" href="#src-repair-cost-1"' in page
    # notes are in a part the reader opens; the evidence status is explained there
    assert page.count("<summary>How we checked</summary>") == 4
    assert "A court has ruled on this, in a verdict or judgment." in text
    # landmarks and headings for screen readers
    tags = [t for t, _ in parsed.tags]
    assert tags.count("h1") == 1 and "main" in tags and "nav" in tags and "footer" in tags
    # the article's ClaimReview is embedded
    assert '<script type="application/ld+json">' in page


def test_the_headline_is_not_repeated_and_the_figure_speaks_plainly(runner: CliRunner) -> None:
    page = run(runner, "report", *ARTICLE, "--format", "html")
    headline = "Harbour bridge reopens after repairs"
    # the headline stands once (title and h1); the line under it says where it ran
    assert page.count(f"“{headline}”") == 0
    assert re.search(r'A check of <a href="https://[^"]+"[^>]*>the article</a> by ', page)
    markdown = run(runner, "report", *ARTICLE, "--format", "markdown")
    assert "A fact-check of [the article](<https://" in markdown
    assert markdown.count(headline) == 1
    # the figure labels bars as the tables do (titles), while the analyst's keeps names
    figure = page[page.index('<div class="figure">') :]
    assert ">Court-established</text>" in figure and ">Misleading</text>" in figure
    analyst = run(runner, "report", *ARTICLE, "--format", "html", "--view", "analyst")
    assert ">court-established</text>" in analyst and ">Court-established</text>" not in analyst


def test_html_title_and_footer_from_configuration() -> None:
    collection = load_collection(VALID)
    config = Config(
        organization="Desk",
        organization_url="https://desk.example",
        site=Site(
            base_url="https://desk.example/checks/",
            title="Desk Fact Check",
            methodology="We read court records.",
            methodology_url="https://desk.example/methods",
        ),
    )
    out = io.StringIO()
    reader_html(collection.claims, out, config, collection.articles)
    page = out.getvalue()
    assert_safe_html(page)
    assert "<title>Desk Fact Check</title>" in page  # two articles: the site's title
    assert "We read court records." in page and 'href="https://desk.example/methods"' in page
    article = collection.articles["harbour-bridge-2024"]
    single = render_article_page(article, collection.claims, config)
    assert "<title>Harbour bridge reopens after repairs</title>" in single
    assert "Orçamento" not in single  # only that article's claims
    assert_safe_html(single)


def test_reader_markdown_of_nothing() -> None:
    out = io.StringIO()
    reader_markdown([], out, Config(), {})
    assert "No claims match." in out.getvalue()


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE)
def test_hostile_text_is_inert_in_the_readers_view(text: str) -> None:
    assume(text.strip())
    claims, articles = _hostile_collection(text)
    claims[0].data["conclusion"] = text + " [1]"
    articles["news"].data.update(summary=text, lead=["hostile"], verdict="accurate")
    markdown, page = io.StringIO(), io.StringIO()
    reader_markdown(claims, markdown, Config(), articles)
    assert_inert_markdown(markdown.getvalue(), allowed_links=None)
    reader_html(claims, page, Config(), articles)
    shown = assert_safe_html(page.getvalue())
    assert " ".join(escape_controls(text).split()) in " ".join(shown.split())
