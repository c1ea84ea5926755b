"""Corrections kept honest by git: `fcheck validate --since REV`, and `history`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fcheck.cli import app

from .editorial_helpers import ARTICLE, commit_all, git, published_collection

CORRECTION = """corrections:
  - date: 2024-07-01
    change: Rating changed from unsupported to misleading.
    reason: A council memo surfaced.
"""


def _validate(runner: CliRunner, claims: Path, *args: str) -> tuple[int, list[dict], str]:
    result = runner.invoke(app, ["validate", "--claims", str(claims), "-f", "json", *args])
    findings = json.loads(result.stdout)["findings"] if result.stdout.strip() else []
    return result.exit_code, findings, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    published_collection(tmp_path)
    commit_all(tmp_path, "publish the bridge fact-check")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_a_changed_rating_without_correction_fails_on_its_line(
    repo: Path, runner: CliRunner
) -> None:
    favours = repo / "claims" / "bridge" / "favours.yaml"
    _edit(favours, "rating: unsupported", "rating: misleading")
    commit_all(repo, "re-rate")
    code, findings, _ = _validate(runner, repo / "claims", "--since", "HEAD~1")
    assert code == 1
    [found] = findings
    assert (Path(found["path"]).name, found["line"], found["column"], found["rule"]) == (
        "favours.yaml",
        7,
        9,
        "correction-missing",
    )
    assert "unsupported → misleading" in found["message"]
    # without --since nothing is compared
    assert _validate(runner, repo / "claims")[0] == 0


def test_the_same_change_with_a_correction_passes(repo: Path, runner: CliRunner) -> None:
    favours = repo / "claims" / "bridge" / "favours.yaml"
    _edit(favours, "rating: unsupported", "rating: misleading")
    favours.write_text(favours.read_text() + CORRECTION)
    # uncommitted changes count too: the working tree is compared with REV
    code, findings, _ = _validate(runner, repo / "claims", "--since", "HEAD")
    assert (code, findings) == (0, [])


@pytest.mark.parametrize(
    ("stem", "old", "new", "line"),
    [
        ("cost", "status: court-established", "status: alleged", 6),
        ("cost", "conclusion: The audit court found the same cost.", "conclusion: Revised.", 9),
        ("article", "verdict: misleading", "verdict: accurate", 4),
    ],
)
def test_status_conclusion_and_verdict_changes_need_corrections(
    repo: Path, runner: CliRunner, stem: str, old: str, new: str, line: int
) -> None:
    path = repo / "claims" / "bridge" / f"{stem}.yaml"
    _edit(path, old, new)
    code, findings, _ = _validate(runner, repo / "claims", "--since", "HEAD")
    assert code == 1
    assert [(f["rule"], f["line"]) for f in findings if f["rule"] == "correction-missing"] == [
        ("correction-missing", line)
    ]


def test_a_removed_conclusion_needs_one_an_added_one_does_not(
    repo: Path, runner: CliRunner
) -> None:
    favours = repo / "claims" / "bridge" / "favours.yaml"
    _edit(favours, "conclusion: Nothing on record supports it.\n", "")
    code, findings, _ = _validate(runner, repo / "claims", "--since", "HEAD", "--publish")
    assert ("correction-missing", 1) in [(f["rule"], f["line"]) for f in findings]
    commit_all(repo, "conclusion dropped")
    favours.write_text(favours.read_text() + "conclusion: Nothing supports it.\n")
    code, findings, _ = _validate(runner, repo / "claims", "--since", "HEAD")
    assert (code, findings) == (0, [])


def test_an_old_correction_does_not_cover_a_new_change(repo: Path, runner: CliRunner) -> None:
    favours = repo / "claims" / "bridge" / "favours.yaml"
    favours.write_text(favours.read_text() + CORRECTION)
    commit_all(repo, "an earlier correction")
    _edit(favours, "rating: unsupported", "rating: misleading")
    code, findings, _ = _validate(runner, repo / "claims", "--since", "HEAD")
    assert code == 1 and findings[0]["rule"] == "correction-missing"


def test_changes_before_publication_are_not_corrections(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    published_collection(tmp_path, article=ARTICLE.replace("state: published", "state: ready"))
    commit_all(tmp_path, "ready")
    _edit(tmp_path / "claims" / "bridge" / "article.yaml", "state: ready", "state: published")
    _edit(tmp_path / "claims" / "bridge" / "favours.yaml", "unsupported", "misleading")
    # a new claim file, absent at REV, is new work too
    new = (tmp_path / "claims" / "bridge" / "favours.yaml").read_text()
    (tmp_path / "claims" / "bridge" / "extra.yaml").write_text(
        new.replace("id: favours", "id: extra").replace("a favour", "an extra favour")
    )
    code, findings, _ = _validate(runner, tmp_path / "claims", "--since", "HEAD")
    assert code == 0, findings


def test_outside_a_repository_it_cannot_check(tmp_path: Path, runner: CliRunner) -> None:
    claims = published_collection(tmp_path)
    code, _, err = _validate(runner, claims, "--since", "HEAD")
    assert code == 2
    assert "cannot check corrections" in err and "not in a git repository" in err
    assert _validate(runner, claims)[0] == 0  # only --since needs git


def test_an_unknown_revision_is_a_usage_error(repo: Path, runner: CliRunner) -> None:
    code, _, err = _validate(runner, repo / "claims", "--since", "origin/main")
    assert code == 2
    assert "unknown revision 'origin/main'" in err and "fetch-depth: 0" in err


def test_history_marks_published_versions(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    published_collection(tmp_path, article=ARTICLE.replace("state: published", "state: draft"))
    commit_all(tmp_path, "draft")
    _edit(tmp_path / "claims" / "bridge" / "article.yaml", "state: draft", "state: published")
    _edit(tmp_path / "claims" / "bridge" / "favours.yaml", "No record", "Still no record")
    commit_all(tmp_path, "publish")
    result = runner.invoke(app, ["history", "favours", "--claims", "claims", "-f", "json"])
    assert result.exit_code == 0, result.output
    versions = json.loads(result.stdout)["versions"]
    assert [v["published"] for v in versions] == [False, True]
    text = runner.invoke(app, ["history", "favours", "--claims", "claims"]).stdout
    assert text.count("[published]") == 1
    assert git(tmp_path, "log", "--format=%s").splitlines() == ["publish", "draft"]
