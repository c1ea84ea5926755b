"""The HTML report in a real browser (headless Chromium through Playwright).

Skipped, not failed, when no Chromium is installed (`.ci/run` installs Debian's
`chromium`); set FCHECK_CHROMIUM to use another binary, and FCHECK_SCREENSHOTS to a
folder to keep the screenshot the test takes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fcheck.cli import app
from fcheck.collection import load_collection

from .conftest import REPO

pytestmark = pytest.mark.slow

CLAIMS = REPO / "claims"


def _report(tmp_path: Path, *args: str) -> Path:
    target = tmp_path / "report.html"
    result = CliRunner().invoke(
        app,
        [
            "report",
            "--claims",
            str(CLAIMS),
            "-f",
            "html",
            "-o",
            str(target),
            "--view",
            "analyst",
            *args,
        ],
    )
    assert result.exit_code == 0, result.stderr
    return target


def _open(browser: Any, path: Path, fragment: str = "") -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console {msg.type}: {msg.text}")
            if msg.type in ("error", "warning")
            else None
        ),
    )
    page.on(
        "request", lambda req: None if req.url.startswith("file:") else problems.append(req.url)
    )
    page.goto(path.as_uri() + fragment)
    return page, problems


def test_report_in_browser(browser: Any, tmp_path: Path) -> None:
    page, problems = _open(browser, _report(tmp_path))
    claims = load_collection(CLAIMS).claims
    markers = page.eval_on_selector_all("a.tag", "els => els.map(e => e.id)")
    assert sorted(markers) == sorted(f"q-{c.id}" for c in claims)
    highlighted = page.eval_on_selector_all(
        "a.hl", "els => [...new Set(els.map(e => e.dataset.claim))]"
    )
    assert sorted(highlighted) == sorted(c.id for c in claims)
    # the stylesheet is applied (a CSP hash mismatch would leave highlights unstyled)
    background = page.eval_on_selector(".hl.s-alleged", "e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.eval_on_selector_all(".pop", "els => els.filter(e => e.offsetParent).length") == 0
    # selecting a highlight shows that claim's card without moving the text
    first = claims[0]
    target = page.locator(f'a.hl[data-claim="{first.id}"]').first
    target.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    target.click()
    card = page.locator(f"#c-{first.id}")
    assert card.is_visible()
    assert first.id in card.inner_text()
    assert first.status in card.inner_text()
    assert page.evaluate("window.scrollY") == before
    # FCHECK_SCREENSHOTS=DIR keeps the screenshot (e.g. as a CI artifact)
    shots = Path(os.environ.get("FCHECK_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "report.png"))
    assert (shots / "report.png").stat().st_size > 10_000
    # in print the pop-up cards are hidden and the list of claims remains
    page.emulate_media(media="print")
    assert not card.is_visible()
    assert page.locator("ol.claims > li").count() == len(claims)
    assert problems == []


def test_filtered_report_in_browser(browser: Any, tmp_path: Path) -> None:
    page, problems = _open(browser, _report(tmp_path, "--status", "speculative"))
    speculative = [c.id for c in load_collection(CLAIMS).claims if c.status == "speculative"]
    statuses = page.eval_on_selector_all("a.hl", "els => [...new Set(els.map(e => e.className))]")
    assert statuses == ["hl s-speculative"] or set(statuses) <= {
        "hl s-speculative",
        "hl s-speculative overlap",
    }
    assert page.locator("a.tag").count() == len(speculative)
    assert problems == []


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize(
    "claims", [CLAIMS, REPO / "tests" / "fixtures" / "valid"], ids=["bundled", "fixture"]
)
def test_reader_view_fits_a_phone(browser: Any, tmp_path: Path, width: int, claims: Path) -> None:
    """The reader's page (the default view) never scrolls sideways, on the analyst's
    page neither; its tap targets are large enough and it loads nothing."""
    for view in ("reader", "analyst"):
        target = tmp_path / f"{view}.html"
        result = CliRunner().invoke(
            app,
            ["report", "--claims", str(claims), "-f", "html", "-o", str(target), "--view", view],
        )
        assert result.exit_code == 0, result.stderr
        page, problems = _open(browser, target)
        page.set_viewport_size({"width": width, "height": 800})
        wide = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert wide <= 0, f"{view} page scrolls sideways by {wide}px at {width}px"
        assert problems == []
        if view == "analyst":
            continue
        small = page.eval_on_selector_all(
            "nav.toc a, summary, a.ref",
            "els => els.filter(e => { const r = e.getBoundingClientRect();"
            " return r.width > 0 && (r.width < 24 || r.height < 24); }).length",
        )
        assert small == 0
        # in print the notes are shown without opening them, and the contents are hidden
        page.emulate_media(media="print")
        assert not page.locator("nav.toc").first.is_visible()
        assert page.locator("details .notes").first.is_visible()
        page.close()


def test_reader_view_has_no_serious_accessibility_violation(browser: Any, tmp_path: Path) -> None:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    axe = axe_module.Axe()
    for claims in (CLAIMS, REPO / "tests" / "fixtures" / "valid"):
        target = tmp_path / f"{claims.name}.html"
        result = CliRunner().invoke(
            app, ["report", "--claims", str(claims), "-f", "html", "-o", str(target)]
        )
        assert result.exit_code == 0, result.stderr
        for width in (390, 1280):
            page, problems = _open(browser, target)
            page.set_viewport_size({"width": width, "height": 900})
            violations = axe.run(page).response["violations"]
            found = [
                f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
                for v in violations
                if v["impact"] in ("serious", "critical", "moderate")
            ]
            assert found == [], (claims.name, width, found)
            assert problems == []
            page.close()
