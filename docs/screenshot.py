"""Regenerate docs/report-screenshot.png: the bundled collection's HTML report in
headless Chromium, scrolled to the article text with one claim's card open.

    python docs/screenshot.py [CLAIM-ID]

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
OUT = ROOT / "docs" / "report-screenshot.png"


def main() -> None:
    claim_id = sys.argv[1] if len(sys.argv) > 1 else "menendez-guilty-on-16-counts"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("no chromium on PATH; apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "report.html"
        subprocess.run(
            [sys.executable, "-m", "fcheck", "report", "--claims", str(ROOT / "claims"),
             "--format", "html", "--output", str(page_file)],
            check=True,
        )  # fmt: skip
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{page_file.as_uri()}#c-{claim_id}")
            page.evaluate(
                "window.scrollTo(0, document.querySelector('.text').getBoundingClientRect().top"
                " + window.scrollY - 150)"
            )
            page.screenshot(path=str(OUT))
            browser.close()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
