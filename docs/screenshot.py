"""Regenerate docs/report-screenshot.png (the reader's view of the bundled collection's
HTML report, 1280 px wide) and docs/report-screenshot-phone.png (390 px wide), in
headless Chromium; with ``--view analyst``, docs/analyst-screenshot.png: the annotated
article with one claim's card open.

    python docs/screenshot.py [--view analyst] [CLAIM-ID]

Needs the test extra (Playwright) and a Chromium (`apt-get install chromium`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def main() -> None:
    args = sys.argv[1:]
    view = "reader"
    if args[:1] == ["--view"]:
        view, args = args[1], args[2:]
    claim_id = args[0] if args else "menendez-guilty-on-16-counts"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("no chromium on PATH; apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "report.html"
        subprocess.run(
            [sys.executable, "-m", "fcheck", "report", "--claims", str(ROOT / "claims"),
             "--format", "html", "--view", view, "--output", str(page_file)],
            check=True,
        )  # fmt: skip
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
            )
            if view == "analyst":
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(f"{page_file.as_uri()}#c-{claim_id}")
                page.evaluate(
                    "window.scrollTo(0, document.querySelector('.text')"
                    ".getBoundingClientRect().top + window.scrollY - 150)"
                )
                shots = {"analyst-screenshot.png": page}
            else:
                wide = browser.new_page(viewport={"width": 1280, "height": 1000})
                wide.goto(page_file.as_uri())
                phone = browser.new_page(viewport={"width": 390, "height": 844})
                phone.goto(f"{page_file.as_uri()}#claim-{claim_id}")
                shots = {"report-screenshot.png": wide, "report-screenshot-phone.png": phone}
            for name, page in shots.items():
                page.screenshot(path=str(DOCS / name))
                print(f"wrote {DOCS / name}")
            browser.close()


if __name__ == "__main__":
    main()
