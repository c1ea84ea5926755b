"""Headless Chromium for the browser tests (the HTML report, the site).

Skipped, not failed, when no Chromium is installed (`.ci/run` installs Debian's
`chromium`); set FCHECK_CHROMIUM to use another binary. The ``browser`` fixture
(tests/conftest.py) launches one per test module.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

FLAGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    wanted = os.environ.get("FCHECK_CHROMIUM")
    if wanted:
        return wanted
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def launch() -> Iterator[Any]:
    """A headless Chromium through Playwright, closed at the end (or the test skipped)."""
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield instance
        instance.close()
