"""The README's workflow, end to end, in a temporary folder and a git repository."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .workflow_helpers import STORY, fill, git, invoke, tree


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_from_an_article_to_a_reviewed_collection(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    desk = tmp_path / "desk"

    def step(*args: str, code: int = 0) -> str:
        result = invoke(runner, *args)
        assert result.exit_code == code, (args, result.stdout, result.stderr)
        return result.stdout if code == 0 else result.stdout + result.stderr

    def refused(*args: str, message: str) -> None:
        before = tree(tmp_path)
        error = step(*args, code=1)
        assert message in error
        assert len(error.splitlines()) == 1
        assert tree(tmp_path) == before

    # 1. init, in the folder the team will keep in git
    assert "Next steps" in step("init", str(desk))
    refused("init", str(desk), message="already exists")
    monkeypatch.chdir(desk)  # from here on, the default --claims ./claims
    git(desk, "init", "-q")

    # 2. add the article
    step(
        "add-article", "bridge", "--text", str(story), "--title", "Bridge costs soar",
        "--publisher", "Example Gazette", "--url", "https://example.org/bridge",
        "--published", "2024-06-01", "--language", "en",
    )  # fmt: skip
    refused(
        "add-article", "bridge", "--text", str(story), "--title", "Again",
        "--publisher", "Example Gazette", message="already exists",
    )  # fmt: skip

    # 3. what is worth checking
    todo = json.loads(step("candidates", "bridge", "--uncovered", "--format", "json"))
    assert todo["summary"]["covered"] == 0
    assert todo["summary"]["uncovered_candidates"] == 4
    refused("candidates", "brigde", message="did you mean 'bridge'?")

    # 4. a claim per check-worthy sentence
    step(
        "new", "bridge", "--quote", "the bridge cost 42 million euros",
        "--claim", "The bridge cost 42 million euros.", "--status", "alleged",
    )  # fmt: skip
    step(
        "new", "bridge", "--quote", "Mr. J. Smith, the U.S. contractor, was convicted in 2023",
        "--claim", "The contractor J. Smith was convicted in 2023.",
        "--status", "court-established", "--id", "contractor-convicted",
    )  # fmt: skip
    step(
        "new", "bridge", "--quote", "the contract may have been suspiciously generous",
        "--claim", "The bridge contract was overly generous.", "--status", "speculative",
        "--source", "Critics",
    )  # fmt: skip
    refused("new", "bridge", "--quote", "the bridge cost 24 million", message="closest passage")
    refused("new", "nope", "--quote", "the bridge", message="no article 'nope'")
    refused(
        "new", "bridge", "--quote", "the bridge", "--id", "contractor-convicted",
        message="already used by",
    )  # fmt: skip

    # 5. validate catches the unfinished claims; the checker fills them in
    assert "empty-value" in step("validate", code=1)
    folder = desk / "claims" / "bridge"
    fill(folder / "bridge-cost-42-million-euros.yaml")
    fill(folder / "bridge-contract-overly-generous.yaml", notes="No evidence is offered.")
    court = folder / "contractor-convicted.yaml"
    fill(court, notes="The court's judgment.")
    court.write_text(
        court.read_text()
        + "evidence:\n  - title: Judgment 1/2023\n    url: https://example.org/judgment\n"
    )
    assert "no problems found" in step("validate")
    covered = json.loads(step("candidates", "bridge", "--format", "json"))
    assert covered["summary"]["uncovered_candidates"] == 1  # Zoë Brännström built it.

    # 6. the report and the figures
    report = step("report", "--format", "markdown")
    assert "contractor-convicted" in report
    assert json.loads(step("stats", "--format", "json"))["total"] == 3

    # 7. history, once committed
    refused("history", "contractor-convicted", message="has no commits yet")
    git(desk, "add", ".")
    git(desk, "commit", "-q", "-m", "Check the bridge article")
    history = json.loads(step("history", "contractor-convicted", "--format", "json"))
    assert [v["subject"] for v in history["versions"]] == ["Check the bridge article"]
    assert history["versions"][0]["status"]["to"] == "court-established"
