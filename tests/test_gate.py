"""The publishing gate: `fcheck validate` on published articles (or with --publish)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fcheck.cli import app

from .editorial_helpers import ARTICLE, COST, FAVOURS, published_collection


def _validate(runner: CliRunner, claims: Path, *args: str) -> tuple[int, list[dict]]:
    result = runner.invoke(app, ["validate", "--claims", str(claims), "-f", "json", *args])
    return result.exit_code, json.loads(result.stdout)["findings"]


def _at(findings: list[dict]) -> set[tuple[str, int, int, str]]:
    return {(Path(f["path"]).name, f["line"], f["column"], f["rule"]) for f in findings}


def test_a_complete_published_article_passes(tmp_path: Path, runner: CliRunner) -> None:
    code, findings = _validate(runner, published_collection(tmp_path))
    assert (code, findings) == (0, [])


def test_approved_only_by_its_checker_fails(tmp_path: Path, runner: CliRunner) -> None:
    article = ARTICLE.replace("    - Ben Okoro", "    - ana  lima")
    code, findings = _validate(runner, published_collection(tmp_path, article=article))
    assert code == 1
    assert _at(findings) == {("article.yaml", 10, 5, "gate-two-person")}
    assert "also checked it" in findings[0]["message"]


def test_no_editor_at_all_fails(tmp_path: Path, runner: CliRunner) -> None:
    article = ARTICLE.replace("  editors:\n    - Ben Okoro\n", "")
    code, findings = _validate(runner, published_collection(tmp_path, article=article))
    assert code == 1 and _at(findings) == {("article.yaml", 7, 3, "gate-two-person")}
    assert "no editor approved it" in findings[0]["message"]


def test_two_person_rule_can_be_turned_off(tmp_path: Path, runner: CliRunner) -> None:
    article = ARTICLE.replace("  editors:\n    - Ben Okoro\n", "")
    claims = published_collection(tmp_path, article=article)
    (tmp_path / "fcheck.toml").write_text("[gate]\ntwo_person = false\n")
    assert _validate(runner, claims) == (0, [])
    status = runner.invoke(app, ["status", "--claims", str(claims)])
    assert "Two-person rule off" in status.stdout
    data = json.loads(runner.invoke(app, ["status", "--claims", str(claims), "-f", "json"]).stdout)
    assert data["gate"]["two_person"] is False


def test_a_claim_reviewer_who_checked_it_fails(tmp_path: Path, runner: CliRunner) -> None:
    cost = COST + "reviewer: Ana Lima\n"
    code, findings = _validate(runner, published_collection(tmp_path, cost=cost))
    assert code == 1 and _at(findings) == {("cost.yaml", 14, 11, "gate-two-person")}


def test_claims_need_a_rating_and_a_conclusion(tmp_path: Path, runner: CliRunner) -> None:
    favours = FAVOURS.replace("rating: unsupported\n", "").replace(
        "conclusion: Nothing on record supports it.\n", ""
    )
    code, findings = _validate(runner, published_collection(tmp_path, favours=favours))
    assert code == 1
    assert _at(findings) == {
        ("favours.yaml", 6, 9, "gate-unrated"),
        ("favours.yaml", 7, 8, "gate-no-conclusion"),
    }


def test_the_article_needs_a_verdict_summary_and_date(tmp_path: Path, runner: CliRunner) -> None:
    article = (
        ARTICLE.replace("verdict: misleading\n", "")
        .replace("summary: The cost is right. The contractor link is not shown.\n", "")
        .replace("  published: 2024-06-01\n", "")
    )
    code, findings = _validate(runner, published_collection(tmp_path, article=article))
    assert code == 1
    assert _at(findings) == {
        ("article.yaml", 1, 1, "gate-no-verdict"),
        ("article.yaml", 1, 1, "gate-no-summary"),
        ("article.yaml", 5, 10, "gate-no-date"),
    }


def test_court_established_claims_cite_a_court_record(tmp_path: Path, runner: CliRunner) -> None:
    cost = COST.replace("    kind: court-record\n", "    kind: news\n")
    code, findings = _validate(runner, published_collection(tmp_path, cost=cost))
    assert code == 1 and _at(findings) == {("cost.yaml", 6, 9, "gate-court-record")}


def test_archive_can_be_required(tmp_path: Path, runner: CliRunner) -> None:
    claims = published_collection(tmp_path)
    (tmp_path / "fcheck.toml").write_text("[gate]\nrequire_archive = true\n")
    code, findings = _validate(runner, claims)
    assert code == 1 and _at(findings) == {("cost.yaml", 12, 10, "gate-no-archive")}
    cost = claims / "bridge" / "cost.yaml"
    cost.write_text(
        cost.read_text().replace(
            "    kind:", "    archive_url: https://web.archive.org/web/1/x\n    kind:"
        )
    )
    assert _validate(runner, claims) == (0, [])


def test_warnings_configured_as_blocking_block(tmp_path: Path, runner: CliRunner) -> None:
    twin = FAVOURS.replace("id: favours", "id: favours-again")
    claims = published_collection(tmp_path, **{"favours-again": twin})
    code, findings = _validate(runner, claims)
    assert code == 0 and {f["rule"] for f in findings} == {"near-duplicate"}
    (tmp_path / "fcheck.toml").write_text('[gate]\nblocking = ["near-duplicate"]\n')
    code, findings = _validate(runner, claims)
    assert code == 1

    def where(rule: str) -> list[tuple[str, int, int]]:
        return [(f["path"], f["line"], f["column"]) for f in findings if f["rule"] == rule]

    assert where("gate-blocking-warning") == where("near-duplicate")
    assert len(where("near-duplicate")) == 1  # one warning per group of similar claims


@pytest.mark.parametrize("state", ["draft", "ready"])
def test_unpublished_articles_only_with_publish(
    tmp_path: Path, runner: CliRunner, state: str
) -> None:
    article = ARTICLE.replace("state: published", f"state: {state}").replace(
        "verdict: misleading\n", ""
    )
    claims = published_collection(tmp_path, article=article)
    assert _validate(runner, claims) == (0, [])
    code, findings = _validate(runner, claims, "--publish")
    assert code == 1 and _at(findings) == {("article.yaml", 1, 1, "gate-no-verdict")}
    assert "(--publish)" in findings[0]["message"]


def test_status_says_where_each_article_stands(tmp_path: Path, runner: CliRunner) -> None:
    article = ARTICLE.replace("state: published", "state: ready").replace(
        "  published: 2024-06-01\n", ""
    )
    favours = FAVOURS.replace("conclusion: Nothing on record supports it.\n", "")
    claims = published_collection(tmp_path, article=article, favours=favours)
    result = runner.invoke(app, ["status", "--claims", str(claims)])
    assert result.exit_code == 0
    out = result.stdout
    assert "bridge  ready" in out
    assert "checked by: Ana Lima; approved by: Ben Okoro" in out
    assert "claims: 2 (2 rated, 1 with a conclusion)" in out
    assert "favours.yaml:8:8: gate-no-conclusion" in out
    data = json.loads(runner.invoke(app, ["status", "--claims", str(claims), "-f", "json"]).stdout)
    [row] = data["articles"]
    assert row["state"] == "ready" and row["ready_to_publish"] is False
    assert [b["rule"] for b in row["blockers"]] == ["gate-no-conclusion"]
    complete = published_collection(tmp_path / "ok")
    result = runner.invoke(app, ["status", "--claims", str(complete)])
    assert "published  published 2024-06-01" in result.stdout
    assert "✓ passes the publishing gate" in result.stdout


def test_a_warm_validate_of_a_published_collection_parses_no_claim_again(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcheck.gate
    import fcheck.parallel
    from fcheck.editorial import needs_full_records

    claims = published_collection(tmp_path)
    assert needs_full_records(claims)
    assert _validate(runner, claims) == (0, [])  # cold: fills the cache
    parsed: list[int] = []
    real_chunk = fcheck.parallel.check_chunk
    real_parse = fcheck.gate.parse_yaml

    def chunk(tasks: list, *args: object, **kwargs: object) -> object:
        parsed.append(len(tasks))
        return real_chunk(tasks, *args, **kwargs)

    def parse(*args: object, **kwargs: object) -> object:
        parsed.append(1)
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(fcheck.parallel, "check_chunk", chunk)
    monkeypatch.setattr(fcheck.gate, "parse_yaml", parse)
    favours = (tmp_path / "claims" / "bridge" / "favours.yaml").read_text()
    (tmp_path / "claims" / "bridge" / "favours.yaml").write_text(
        favours.replace("conclusion: Nothing on record supports it.\n", "")
    )
    code, findings = _validate(runner, claims)  # warm: one changed file parsed, once
    assert code == 1 and [f["rule"] for f in findings] == ["gate-no-conclusion"]
    assert sum(parsed) == 1
    draft = published_collection(
        tmp_path / "draft", article=ARTICLE.replace("published\n", "draft\n", 1)
    )
    assert not needs_full_records(draft)
    assert needs_full_records(draft, publish=True)


def test_a_published_state_spelled_with_escapes_is_still_gated(
    tmp_path: Path, runner: CliRunner
) -> None:
    """needs_full_records only looks for the word before parsing (to spare parsing every
    article.yaml twice); a state written with YAML escapes slips past that guess, and
    the gate, reading the records it needs itself, finds the same."""
    from fcheck.editorial import needs_full_records

    favours = FAVOURS.replace("conclusion: Nothing on record supports it.\n", "")
    plain = published_collection(tmp_path / "plain", favours=favours)
    escaped = published_collection(
        tmp_path / "escaped",
        favours=favours,
        article=ARTICLE.replace("state: published", 'state: "publ\\x69shed"', 1),
    )
    assert not needs_full_records(escaped)  # the guess misses it ...
    plain_result, escaped_result = _validate(runner, plain), _validate(runner, escaped)
    assert plain_result[0] == escaped_result[0] == 1
    assert _at(plain_result[1]) == _at(escaped_result[1])  # ... the gate does not
    assert "gate-no-conclusion" in {f["rule"] for f in escaped_result[1]}
