"""fcheck stats: the figures, computed on a known collection."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from fcheck.collection import load_collection
from fcheck.stats import compute_stats, missing_primary_source

from .conftest import CLAIM_YAML, VALID, make_collection
from .workflow_helpers import invoke


def test_stats_of_the_valid_fixture() -> None:
    collection = load_collection(VALID)
    stats = compute_stats(
        collection.claims, collection.articles, collection.config, today=dt.date(2024, 4, 1)
    )
    claims = collection.claims
    assert stats.total == len(claims)
    assert sum(stats.by_status.values()) == len(claims)
    assert sum(stats.by_rating.values()) == len(claims)
    assert sum(stats.by_source.values()) == len(claims)
    counts = sorted(len(c.data.get("evidence") or []) for c in claims)
    assert stats.evidence["min"] == counts[0]
    assert stats.evidence["max"] == counts[-1]
    assert sum(stats.evidence["distribution"].values()) == len(claims)
    checked = sorted(str(c.data["checked"]) for c in claims if c.data.get("checked"))
    assert [row["checked"] for row in stats.oldest_checked] == checked[:10]
    first = stats.oldest_checked[0]
    assert first["days_ago"] == (dt.date(2024, 4, 1) - dt.date.fromisoformat(checked[0])).days
    assert stats.never_checked == sorted(c.id for c in claims if not c.data.get("checked"))


def test_primary_source_definition(tmp_path: Path) -> None:
    base = CLAIM_YAML.format(id="x")
    own = "source:\n  name: The mayor\n  url: https://example.org/news/bridge\n"
    root = make_collection(
        tmp_path,
        {
            "none.yaml": base.replace("id: x", "id: none"),
            "nourl.yaml": base.replace("id: x", "id: nourl") + "evidence:\n  - title: A call\n",
            "self.yaml": base.replace("id: x", "id: self").replace(
                "source:\n  name: The mayor\n", own
            )
            + "evidence:\n  - title: The article\n    url: http://www.example.org/news/bridge/#top\n",
            "good.yaml": base.replace("id: x", "id: good")
            + "evidence:\n  - title: Audit\n    url: https://audit.example.org/1\n",
        },
    )
    collection = load_collection(root)
    reasons = {
        c.id: missing_primary_source(c, collection.articles[c.article]) for c in collection.claims
    }
    assert reasons == {
        "good": None,
        "none": "no evidence",
        "nourl": "no evidence with a url",
        "self": "evidence only links to the article or the source itself",
    }


def test_stats_cli(runner: CliRunner) -> None:
    result = invoke(runner, "stats", "--claims", str(VALID), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["total"] == 6
    assert set(data) >= {"by_status", "by_rating", "by_source", "by_article", "never_checked"}
    filtered = json.loads(
        invoke(
            runner, "stats", "--claims", str(VALID), "-f", "json", "--status", "speculative"
        ).stdout
    )
    assert filtered["total"] == 1
    text = invoke(runner, "stats", "--claims", str(VALID))
    assert "Claims without a primary source" in text.stdout
    assert "Oldest reviews" in text.stdout


def test_stats_follows_the_configured_ratings(runner: CliRunner, tmp_path: Path) -> None:
    root = make_collection(tmp_path, {"ok.yaml": CLAIM_YAML.format(id="ok").replace(
        "rating: accurate", "rating: correct")})  # fmt: skip
    (tmp_path / "fcheck.toml").write_text(
        '[ratings.correct]\ndefinition = "Right."\n[ratings.wrong]\ndefinition = "Wrong."\n'
    )
    data = json.loads(invoke(runner, "stats", "--claims", str(root), "-f", "json").stdout)
    assert data["by_rating"] == {"correct": 1}
