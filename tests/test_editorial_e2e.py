"""Issue 14's "done means", as one newsroom's day: a re-rating in a pull request, its
correction, the site, a self-approved fact-check, the links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fcheck.cli import app

from .editorial_helpers import ARTICLE, commit_all, published_collection

CORRECTION = """corrections:
  - date: 2024-07-01
    change: Rated misleading, no longer unsupported.
    reason: A council memo supports part of the claim.
"""


def _findings(runner: CliRunner, *args: str) -> tuple[int, list[tuple[str, int, int, str]]]:
    result = runner.invoke(app, [*args, "-f", "json"])
    data = json.loads(result.stdout)
    return result.exit_code, [
        (Path(f["path"]).name, f["line"], f["column"], f["rule"]) for f in data["findings"]
    ]


def test_a_re_rating_needs_its_correction_and_the_site_shows_it(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    published_collection(tmp_path)
    commit_all(tmp_path, "publish")
    favours = tmp_path / "claims" / "bridge" / "favours.yaml"
    favours.write_text(favours.read_text().replace("unsupported", "misleading"))
    code, found = _findings(runner, "validate", "--claims", "claims", "--since", "HEAD")
    assert (code, found) == (1, [("favours.yaml", 7, 9, "correction-missing")])

    favours.write_text(favours.read_text() + CORRECTION)
    assert _findings(runner, "validate", "--claims", "claims", "--since", "HEAD") == (0, [])
    result = runner.invoke(app, ["site", "--claims", "claims", "--output", "public"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "public" / "fact-checks" / "bridge.html").read_text()
    assert "Rated misleading, no longer unsupported." in page
    assert "A council memo supports part of the claim." in page


def test_an_article_approved_only_by_its_checker_fails_the_gate(
    tmp_path: Path, runner: CliRunner
) -> None:
    claims = published_collection(
        tmp_path, article=ARTICLE.replace("    - Ben Okoro", "    - Ana Lima")
    )
    code, found = _findings(runner, "validate", "--claims", str(claims))
    assert (code, found) == (1, [("article.yaml", 10, 5, "gate-two-person")])
