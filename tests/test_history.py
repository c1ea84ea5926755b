"""fcheck history: a temporary git repository, renames, and the errors outside git."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import VALID
from .workflow_helpers import git, invoke, tree

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    shutil.copytree(VALID, tmp_path / "claims")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "Add the bridge claims")
    path = tmp_path / "claims" / "harbour-bridge-2024" / "repair-cost.yml"
    text = path.read_text()
    text = text.replace("status: court-established", "status: alleged")
    text = text.replace("rating: misleading", "rating: inaccurate")
    text = text.replace(
        "evidence:\n",
        "evidence:\n  - title: Council minutes\n    url: https://example.org/minutes\n",
    )
    path.write_text(text)
    git(tmp_path, "commit", "-q", "-am", "Downgrade repair-cost: the judgment was appealed")
    git(tmp_path, "mv", str(path), str(path.with_suffix(".yaml")))
    git(tmp_path, "commit", "-q", "-m", "Rename to .yaml")
    return tmp_path


def test_history_json(runner: CliRunner, repo: Path) -> None:
    result = invoke(
        runner, "history", "repair-cost", "--claims", str(repo / "claims"), "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    first, second, third = data["versions"]
    assert first["changes"] == ["created"]
    assert first["status"] == {"from": None, "to": "court-established"}
    assert first["author"] == "Ana Checker"
    assert second["subject"].startswith("Downgrade repair-cost")
    assert second["status"] == {"from": "court-established", "to": "alleged"}
    assert second["rating"] == {"from": "misleading", "to": "inaccurate"}
    assert second["evidence_added"] == ["https://example.org/minutes"]
    assert second["evidence_removed"] == []
    assert third["changes"] == ["renamed from claims/harbour-bridge-2024/repair-cost.yml"]
    assert third["status"] is None
    assert data["uncommitted_changes"] is False


def test_history_text(runner: CliRunner, repo: Path) -> None:
    result = invoke(runner, "history", "repair-cost", "--claims", str(repo / "claims"))
    assert result.exit_code == 0
    out = result.stdout
    assert "court-established → alleged" in out
    assert "misleading → inaccurate" in out
    assert "+ evidence https://example.org/minutes" in out
    assert "Ana Checker <ana@example.org>" in out
    assert out.index("Add the bridge claims") < out.index("Rename to .yaml")


def test_history_unknown_id(runner: CliRunner, repo: Path) -> None:
    result = invoke(runner, "history", "repair-costs", "--claims", str(repo / "claims"))
    assert result.exit_code == 1
    assert "no claim file for id 'repair-costs'" in result.stderr


def test_history_outside_git(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copytree(VALID, tmp_path / "claims")
    before = tree(tmp_path)
    result = invoke(runner, "history", "repair-cost", "--claims", str(tmp_path / "claims"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "is not in a git repository" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert tree(tmp_path) == before


def test_history_without_git(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-bin-here"))
    result = invoke(runner, "history", "repair-cost", "--claims", str(repo / "claims"))
    assert result.exit_code == 1
    assert "git is not installed" in result.stderr


def test_history_survives_a_broken_version(runner: CliRunner, repo: Path) -> None:
    path = repo / "claims" / "harbour-bridge-2024" / "repair-cost.yaml"
    good = path.read_text()
    path.write_text("id: [unclosed\n")
    git(repo, "commit", "-q", "-am", "Break it")
    path.write_text(good.replace("status: alleged", "status: speculative"))
    git(repo, "commit", "-q", "-am", "Fix it")
    result = invoke(
        runner, "history", "repair-cost", "--claims", str(repo / "claims"), "-f", "json"
    )
    assert result.exit_code == 0, result.stderr
    broken, fixed = json.loads(result.stdout)["versions"][-2:]
    assert broken["parsed"] is False
    assert broken["changes"] == ["the file could not be parsed in this version"]
    # compared with the last version that could be read
    assert fixed["status"] == {"from": "alleged", "to": "speculative"}


def test_history_notes_uncommitted_changes(runner: CliRunner, repo: Path) -> None:
    path = repo / "claims" / "harbour-bridge-2024" / "repair-cost.yaml"
    path.write_text(path.read_text() + "# edited\n")
    result = invoke(runner, "history", "repair-cost", "--claims", str(repo / "claims"))
    assert "uncommitted changes" in result.stdout
