from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium for one test module (skips without one). Not for the whole
    session: Playwright's event loop would stay open under later asyncio tests."""
    from .chromium import launch

    yield from launch()


@pytest.fixture(autouse=True)
def _plain_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Tests must not depend on the CI they run in or on the user's settings.
    monkeypatch.setenv("FCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("fcheck-cache")))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("FCHECK_CLAIMS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


ARTICLE_YAML = "title: Bridge costs\npublisher: Example Gazette\ntext: article.txt\n"
ARTICLE_TEXT = "The mayor said the bridge cost 42 million euros.\nCritics suspect favouritism.\n"
CLAIM_YAML = """id: {id}
claim: The bridge cost 42 million euros.
quote: the bridge cost 42 million euros
source:
  name: The mayor
status: alleged
rating: accurate
notes: The budget shows the same figure.
"""


def make_collection(root: Path, claims: dict[str, str | bytes] | None = None) -> Path:
    """A one-article collection under root/claims with the given claim files."""
    folder = root / "claims" / "news"
    folder.mkdir(parents=True)
    (folder / "article.yaml").write_text(ARTICLE_YAML)
    (folder / "article.txt").write_text(ARTICLE_TEXT)
    for name, content in (
        claims if claims is not None else {"ok.yaml": CLAIM_YAML.format(id="ok")}
    ).items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root / "claims"
