"""The site in a real browser (headless Chromium through Playwright, from file://).

Every page of a site built from a fixture collection, and from the hostile corpus's
attacks, is loaded at phone widths: no console error, no request outside the folder,
no horizontal scrolling, every link and anchor resolving, no serious or critical
axe-core finding, and the search finding claims by a word of their text. Skipped where
Chromium or Playwright is missing (see tests/chromium.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import CliRunner

from fcheck.cli import app
from fcheck.collection import load_collection
from fcheck.site import paths

from .conftest import VALID, make_collection
from .hostile.corpus import HOSTILE_TEXT, _hostile_config, _hostile_text
from .site_helpers import parse

pytestmark = pytest.mark.slow
WIDTHS = (320, 390)


def _site(claims: Path, out: Path) -> Path:
    result = CliRunner().invoke(app, ["site", "--claims", str(claims), "--output", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(VALID, tmp_path_factory.mktemp("site") / "public")


def _pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


class Visit:
    """A page opened in a fresh context, with everything that went wrong on the way."""

    def __init__(self, browser: Any, root: Path, page_path: Path, width: int, **opts: Any):
        self.context = browser.new_context(viewport={"width": width, "height": 800}, **opts)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        prefix = root.resolve().as_uri() + "/"
        page = self.page
        page.on("pageerror", lambda exc: self.problems.append(f"script error: {exc}"))
        page.on(
            "console",
            lambda msg: (
                self.problems.append(f"console {msg.type}: {msg.text}")
                if msg.type in ("error", "warning")
                else None
            ),
        )
        page.on(
            "request",
            lambda req: (
                None
                if req.url.startswith(prefix)
                else self.problems.append(f"request outside the site: {req.url}")
            ),
        )
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(page_path.resolve().as_uri())

    def close(self) -> None:
        self.context.close()


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        cache[path] = set(parse(path.read_text(encoding="utf-8")).ids)
    return cache[path]


def _check_links(visit: Visit, root: Path, cache: dict[Path, set[str]]) -> None:
    hrefs = visit.page.eval_on_selector_all("a[href], link[href]", "els => els.map(e => e.href)")
    base = root.resolve()
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme in ("http", "https"):
            continue
        assert parts.scheme == "file", href
        target = Path(unquote(parts.path))
        assert target.is_file(), f"{href} points at no file"
        assert base in target.parents, f"{href} leaves the site"
        if parts.fragment:
            ids = _ids(target, cache)
            assert parts.fragment in ids or unquote(parts.fragment) in ids, f"no anchor: {href}"


def test_every_page_loads_cleanly_at_phone_widths(browser: Any, fixture_site: Path) -> None:
    cache: dict[Path, set[str]] = {}
    pages = _pages(fixture_site)
    assert len(pages) >= 5
    for path in pages:
        for width in WIDTHS:
            visit = Visit(browser, fixture_site, path, width)
            page = visit.page
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 0, f"{path.name} scrolls sideways by {overflow}px at {width}px"
            # the stylesheet applies (a CSP hash mismatch would leave the page unstyled)
            width_rule = page.eval_on_selector("main .wrap", "e => getComputedStyle(e).maxWidth")
            assert width_rule != "none"
            if width == WIDTHS[0]:
                _check_links(visit, fixture_site, cache)
            assert visit.problems == [], (path.name, visit.problems)
            visit.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_no_serious_accessibility_violation(browser: Any, fixture_site: Path, width: int) -> None:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    axe = axe_module.Axe()
    for path in _pages(fixture_site):
        visit = Visit(browser, fixture_site, path, width)
        results = axe.run(visit.page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], (path.name, width, serious)
        visit.close()


def test_search_finds_claims_by_a_word(browser: Any, fixture_site: Path) -> None:
    claims = load_collection(VALID).claims
    visit = Visit(browser, fixture_site, fixture_site / paths.SEARCH, 390)
    page = visit.page
    items = page.locator("#all-claims > li")
    assert items.count() == len(claims)
    assert page.locator("#q").is_visible()
    for claim in claims:
        words = sorted(claim.data["claim"].split(), key=len)
        word = words[-1].strip(".,;:'\"()")
        page.fill("#q", word)
        visible = page.eval_on_selector_all(
            "#all-claims > li:not([hidden]) a", "els => els.map(a => a.getAttribute('href'))"
        )
        href = f"{paths.article_path(claim.article)}#{paths.claim_anchor(claim.id)}"
        assert href in visible, (word, visible)
        matching = [c for c in claims if word.casefold() in c.data["claim"].casefold()]
        assert len(visible) < len(claims) or len(matching) == len(claims)
        assert page.inner_text("#count").startswith(f"{len(visible)} of {len(claims)}")
    page.fill("#q", "zzzz-no-such-word")
    assert page.locator("#all-claims > li:not([hidden])").count() == 0
    assert visit.problems == []
    visit.close()
    # a link to the search with ?q= searches at once; accents are ignored
    target = claims[0]
    word = max(target.data["claim"].split(), key=len).strip(".,;:'\"()")
    visit = Visit(browser, fixture_site, fixture_site / paths.SEARCH, 390)
    visit.page.goto((fixture_site / paths.SEARCH).resolve().as_uri() + "?q=" + word.upper())
    shown = visit.page.locator("#all-claims > li:not([hidden])").count()
    assert 0 < shown <= len(claims)
    assert visit.problems == []
    visit.close()


def test_pages_read_well_without_scripts(browser: Any, fixture_site: Path) -> None:
    claims = load_collection(VALID).claims
    visit = Visit(
        browser, fixture_site, fixture_site / paths.SEARCH, 390, java_script_enabled=False
    )
    page = visit.page
    assert not page.locator("#q").is_visible()  # no search box that cannot work
    assert page.locator("#all-claims > li:visible").count() == len(claims)
    assert "Searching needs JavaScript" in page.inner_text("main")
    visit.close()


def test_hostile_text_is_inert_in_the_browser(browser: Any, tmp_path: Path) -> None:
    root = make_collection(tmp_path)
    folder = root / "news"
    _hostile_text(folder, tmp_path)
    _hostile_config(folder, tmp_path)
    out = _site(root, tmp_path / "public")
    cache: dict[Path, set[str]] = {}
    for path in _pages(out):
        visit = Visit(browser, out, path, 390)
        page = visit.page
        assert visit.dialogs == []
        # only the templates' own scripts: JSON-LD, the search index and its script
        scripts = page.eval_on_selector_all("script", "els => els.map(e => e.type || 'classic')")
        assert scripts.count("classic") <= 1 and set(scripts) <= {
            "classic",
            "application/ld+json",
            "application/json",
        }, scripts
        assert page.locator("img, iframe, object, embed, form").count() == 0
        assert page.evaluate("() => typeof window.alert") == "function"
        _check_links(visit, out, cache)
        if path.name != paths.SEARCH:
            assert "<script>alert(1)</script>" in page.inner_text("body") or path.name in (
                paths.INDEX,
                paths.METHODOLOGY,
            )
        assert visit.problems == [], (path.name, visit.problems)
        visit.close()
    article = (out / paths.article_path("news")).read_text()
    assert HOSTILE_TEXT.split("\n")[0][:20] not in article or "&lt;script&gt;" in article
