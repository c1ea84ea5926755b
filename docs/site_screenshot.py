"""Regenerate docs/site-screenshot.png: the bundled collection's site in headless
Chromium, a fact-check page at desktop width beside the index and the same page at
phone width.

    python docs/site_screenshot.py

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
OUT = ROOT / "docs" / "site-screenshot.png"
ARTICLE = "fact-checks/menendez-kazakhstan.html"

# Three frames side by side: the page at 1280 px shown at 60%, two phones at 390 px.
FRAMES = """<!DOCTYPE html><html><head><style>
body{margin:0;background:#d0d7de;display:flex;gap:24px;padding:24px;align-items:flex-start}
.desk{width:768px;height:600px;overflow:hidden;border:1px solid #8c959f;background:#fff}
.desk iframe{width:1280px;height:1000px;border:0;transform:scale(.6);transform-origin:0 0}
.phone{width:390px;height:600px;overflow:hidden;border:1px solid #8c959f;border-radius:18px;
background:#fff}
.phone iframe{width:390px;height:600px;border:0}
</style></head><body>
<div class="desk"><iframe src="site/{article}"></iframe></div>
<div class="phone"><iframe src="site/index.html"></iframe></div>
<div class="phone"><iframe src="site/{article}#menendez-kazakhstan-lead"></iframe></div>
</body></html>"""


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("no chromium on PATH; apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, "-m", "fcheck", "site", "--claims", str(ROOT / "claims"),
             "--output", str(site)],
            check=True,
        )  # fmt: skip
        frames = Path(tmp) / "frames.html"
        frames.write_text(FRAMES.replace("{article}", ARTICLE), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1644, "height": 650})
            page.goto(frames.as_uri())
            page.wait_for_timeout(500)
            page.screenshot(path=str(OUT))
            browser.close()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
