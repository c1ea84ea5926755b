"""The cache and the worker processes change how fast a collection loads, never what it says."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import fcheck.parallel
from fcheck.cache import cache_home
from fcheck.cli import app
from fcheck.validate import CROSS_FILE_FIELDS, Collection, load_collection

from .conftest import CLAIM_YAML, INVALID, REPO, VALID, make_collection


def _load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


generate = _load_generator()

CORPORA = [VALID, REPO / "claims", *sorted(p for p in INVALID.iterdir() if p.is_dir())]


def same(a: Collection, b: Collection) -> None:
    assert a.findings == b.findings
    assert a.claims == b.claims
    assert [dict(c.positions) for c in a.claims] == [dict(c.positions) for c in b.claims]
    assert a.articles == b.articles
    assert a.files_checked == b.files_checked


def same_summaries(a: Collection, b: Collection) -> None:
    """``b`` was loaded with summaries=True: the same, but records cut to the cross-file fields."""
    assert a.findings == b.findings
    assert a.files_checked == b.files_checked
    assert [(c.id, c.article, c.path, dict(c.positions)) for c in a.claims] == [
        (c.id, c.article, c.path, dict(c.positions)) for c in b.claims
    ]
    for full, cut in zip(a.claims, b.claims, strict=True):
        assert {k: v for k, v in full.data.items() if k in CROSS_FILE_FIELDS} == {
            k: v for k, v in cut.data.items() if k in CROSS_FILE_FIELDS
        }


def age(root: Path, seconds: int = 60) -> None:
    """Date every file back, as files that were not just edited are."""
    past = os.stat(root).st_mtime - seconds
    for path in root.rglob("*"):
        os.utime(path, (past, past))


@pytest.fixture
def many_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    # Small corpora would otherwise stay in one process.
    monkeypatch.setattr(fcheck.parallel, "_CHUNK", 1)


@pytest.mark.parametrize("root", CORPORA, ids=lambda p: p.name)
@pytest.mark.usefixtures("many_workers")
def test_cached_and_parallel_equal_plain(root: Path) -> None:
    plain = load_collection(root, jobs=1)
    same(plain, load_collection(root, cache=True, jobs=1))  # fills the cache
    same(plain, load_collection(root, cache=True, jobs=1))  # reads it
    same_summaries(plain, load_collection(root, cache=True, summaries=True))
    same(plain, load_collection(root, jobs=2))


@pytest.mark.usefixtures("many_workers")
def test_generated_corpus_equal_every_way(tmp_path: Path) -> None:
    root = generate(120, tmp_path, per_article=25)
    age(root)
    plain = load_collection(root, jobs=1)
    assert plain.findings == [] and len(plain.claims) == 120
    same(plain, load_collection(root, cache=True, jobs=2))
    same_summaries(plain, load_collection(root, cache=True, summaries=True))
    warm = load_collection(root, cache=True)
    same(plain, warm)
    assert isinstance(warm.claims[0].positions._packed, str)  # type: ignore[attr-defined]  # JSON: from the cache
    same(plain, load_collection(root, jobs=2))


def test_changed_file_and_article_text_are_seen(tmp_path: Path) -> None:
    root = make_collection(tmp_path, {"a.yaml": CLAIM_YAML.format(id="a")})
    age(root)
    assert load_collection(root, cache=True).ok
    claim = root / "news" / "a.yaml"
    claim.write_text(CLAIM_YAML.format(id="a").replace("status: alleged", "status: rumoured"))
    assert [f.rule for f in load_collection(root, cache=True).findings] == ["invalid-choice"]
    claim.write_text(CLAIM_YAML.format(id="a"))
    assert load_collection(root, cache=True).ok
    # quotes are checked against the article text on every run, cached or not
    (root / "news" / "article.txt").write_text("Something else entirely.\n")
    assert [f.rule for f in load_collection(root, cache=True).findings] == ["quote-not-found"]


def test_same_stat_different_content_is_not_trusted(tmp_path: Path) -> None:
    root = make_collection(tmp_path, {"a.yaml": CLAIM_YAML.format(id="a")})
    claim = root / "news" / "a.yaml"
    load_collection(root, cache=True)
    before = claim.stat()
    # an edit of the same size within the timestamp's resolution
    claim.write_text(CLAIM_YAML.format(id="a").replace("alleged", "allegeD"))
    os.utime(claim, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert [f.rule for f in load_collection(root, cache=True).findings] == ["invalid-choice"]


@pytest.mark.parametrize(
    "damage", [b"", b"{not json", b"[]", b'{"format": 1, "token": "x", "entries": {}}', b"\xff"]
)
def test_corrupt_cache_is_ignored(tmp_path: Path, damage: bytes) -> None:
    root = make_collection(tmp_path)
    age(root)
    plain = load_collection(root)
    load_collection(root, cache=True)
    shards = list(cache_home().rglob("*.json"))
    assert shards
    for shard in shards:
        shard.write_bytes(damage)
    same(plain, load_collection(root, cache=True))


def test_tampered_entry_is_ignored(tmp_path: Path) -> None:
    root = make_collection(tmp_path)
    age(root)
    plain = load_collection(root)
    load_collection(root, cache=True)
    for shard in cache_home().rglob("*.json"):
        content = json.loads(shard.read_text())
        for entry in content["entries"].values():
            entry["f"] = [[1, 1, "no-such-rule", "error", "x"]]
            entry["s"] = None
        shard.write_text(json.dumps(content))
    same(plain, load_collection(root, cache=True))


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    root = make_collection(tmp_path)
    result = CliRunner().invoke(app, ["validate", "--claims", str(root), "--no-cache"])
    assert result.exit_code == 0, result.stdout
    assert not list(cache_home().rglob("*.json"))
    result = CliRunner().invoke(app, ["validate", "--claims", str(root), "--jobs", "1"])
    assert result.exit_code == 0
    assert list(cache_home().rglob("*.json"))


def test_cache_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_home() == tmp_path / "fcheck"
    monkeypatch.setenv("FCHECK_CACHE_DIR", str(tmp_path / "own"))
    assert cache_home() == tmp_path / "own"


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    root = make_collection(tmp_path)
    result = CliRunner().invoke(app, ["validate", "--claims", str(root), "--jobs", "0"])
    assert result.exit_code == 2
    assert "--jobs" in result.stderr


def test_edited_fcheck_code_does_not_reuse_results(monkeypatch: pytest.MonkeyPatch) -> None:
    import fcheck.cache
    from fcheck.config import Config

    before = fcheck.cache.collection_token(VALID, Config())
    monkeypatch.setattr(fcheck.cache, "code_fingerprint", lambda: "edited")
    assert fcheck.cache.collection_token(VALID, Config()) != before
