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
from fcheck.cache import KEY_FILE, cache_home
from fcheck.cli import app
from fcheck.collection import Collection, load_collection
from fcheck.validate import CROSS_FILE_FIELDS, Records

from .conftest import CLAIM_YAML, INVALID, REPO, VALID, make_collection
from .hostile.corpus import CASES, Case, build, unreadable_is_readable


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
    assert [dict(c.located()) for c in a.claims] == [dict(c.located()) for c in b.claims]
    assert a.articles == b.articles
    assert a.files_checked == b.files_checked


def same_summaries(a: Collection, b: Collection) -> None:
    """``b`` was loaded with Records.SUMMARY: the same, but records cut to the cross-file fields."""
    assert a.findings == b.findings
    assert a.files_checked == b.files_checked
    assert [(c.id, c.article, c.path, dict(c.located())) for c in a.claims] == [
        (c.id, c.article, c.path, dict(c.located())) for c in b.claims
    ]
    for full, cut in zip(a.claims, b.claims, strict=True):
        assert set(cut.data) <= set(CROSS_FILE_FIELDS)  # validate keeps no more
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
    same_summaries(plain, load_collection(root, cache=True, records=Records.SUMMARY))
    same(plain, load_collection(root, jobs=2))
    same_summaries(plain, load_collection(root, jobs=1, records=Records.SUMMARY))
    same_summaries(plain, load_collection(root, jobs=2, records=Records.SUMMARY))


@pytest.mark.usefixtures("many_workers")
def test_generated_corpus_equal_every_way(tmp_path: Path) -> None:
    root = generate(120, tmp_path, per_article=25)
    age(root)
    plain = load_collection(root, jobs=1)
    assert plain.findings == [] and len(plain.claims) == 120
    same(plain, load_collection(root, cache=True, jobs=2))
    same_summaries(plain, load_collection(root, cache=True, records=Records.SUMMARY))
    warm = load_collection(root, cache=True)
    same(plain, warm)
    # Positions are not kept: the first lookup finds them in the file.
    first = warm.claims[0]
    lines = Path(first.path).read_text(encoding="utf-8").splitlines()
    quote_line = next(i for i, line in enumerate(lines, 1) if line.startswith("quote:"))
    assert first.position("quote") == (quote_line, 8)
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
    for shard in cache_home().rglob("[0-9][0-9]*.json"):  # the shards
        content = json.loads(shard.read_text())
        for entry in content["entries"].values():
            entry["f"] = [[1, 1, "no-such-rule", "error", "x"]]
            entry["s"] = None
        shard.write_text(json.dumps(content))
    same(plain, load_collection(root, cache=True))


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["list"],
        ["show", "ok"],
        ["report"],
        ["export", "jsonl"],
        ["stats"],
    ],
)
def test_no_cache_writes_nothing(tmp_path: Path, command: list[str]) -> None:
    root = make_collection(tmp_path)
    result = CliRunner().invoke(app, [*command, "--claims", str(root), "--no-cache"])
    assert result.exit_code == 0, result.stdout
    assert not list(cache_home().rglob("*.json"))
    if command[0] != "show":  # (show reads one claim: no workers)
        result = CliRunner().invoke(app, [*command, "--claims", str(root), "--jobs", "0"])
        assert result.exit_code == 2 and "--jobs" in result.stderr
    result = CliRunner().invoke(app, ["validate", "--claims", str(root), "--jobs", "1"])
    assert result.exit_code == 0
    assert list(cache_home().rglob("*.json"))


def test_cache_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_home() == tmp_path / "fcheck"
    monkeypatch.setenv("FCHECK_CACHE_DIR", str(tmp_path / "own"))
    assert cache_home() == tmp_path / "own"


def test_the_platform_cache_folder_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Neither variable set: the platform's own cache folder (issue 15), which on
    macOS and Windows is not ~/.cache."""
    import platformdirs

    monkeypatch.delenv("FCHECK_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache_home() == Path(platformdirs.user_cache_dir("fcheck", appauthor=False))
    mac = tmp_path / "Library" / "Caches" / "fcheck"
    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda *a, **k: str(mac))
    assert cache_home() == mac
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    assert cache_home() == mac


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


def _shards(kind: str) -> list[Path]:
    """The index shards (``NN.json``) or the record shards (``NN.data.json``)."""
    every = sorted(cache_home().rglob("[0-9][0-9]*.json"))  # not near-duplicates.json
    return [p for p in every if p.name.endswith(".data.json") == (kind == "data")]


def _rewrite(shard: Path, change: Any) -> None:
    content = json.loads(shard.read_text(encoding="utf-8"))
    for entry in content["entries"].values():
        change(entry)
    shard.write_text(json.dumps(content), encoding="utf-8")


# Damage that leaves a shard valid JSON of the right outline, as a bit flip, a
# half-written file from another tool or an edit by hand can: each entry's record
# or summary no longer is what a clean claim file gives.
RECORD_DAMAGE: dict[str, Any] = {
    "empty-record": lambda e: e.update(d={}),
    "record-not-a-claim": lambda e: e.update(d={"id": 5, "quote": ["x"], "status": None}),
    "record-wrong-types": lambda e: e["d"].update(evidence="zz", source=5, tags=7),
    "record-bad-status": lambda e: e["d"].update(status="rumoured"),
    "record-other-claim": lambda e: e["d"].update(quote="not in the article text"),
}
SUMMARY_DAMAGE: dict[str, Any] = {
    "summary-wrong-types": lambda e: e["s"] and e["s"].update(claim=5, status=["x"]),
    "summary-other-id": lambda e: e["s"] and e["s"].update(id="someone-else"),
}


@pytest.mark.parametrize("damage", [*RECORD_DAMAGE, *SUMMARY_DAMAGE])
def test_a_well_formed_but_wrong_shard_is_not_trusted(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """Every command gives what it gives without a cache, and the next run has a sound cache."""
    root = make_collection(
        tmp_path, {"a.yaml": CLAIM_YAML.format(id="a"), "b.yaml": CLAIM_YAML.format(id="b")}
    )
    age(root)
    commands = [["list", "--format", "json"], ["report", "--format", "json"], ["validate"]]
    commands += [["export", "jsonl"], ["stats", "--format", "json"]]
    plain = [runner.invoke(app, [*c, "--claims", str(root), "--no-cache"]) for c in commands]
    load_collection(root, cache=True)  # fills the cache
    kind = "data" if damage in RECORD_DAMAGE else "index"
    changes = {**RECORD_DAMAGE, **SUMMARY_DAMAGE}
    for shard in _shards(kind):
        _rewrite(shard, changes[damage])
    for command, expected in zip(commands, plain, strict=True):
        got = runner.invoke(app, [*command, "--claims", str(root)])
        assert "internal error" not in got.stderr, (command, got.stderr)
        assert (got.exit_code, got.stdout) == (expected.exit_code, expected.stdout), command
    # the damaged entries were replaced: the cache now answers, and answers right
    same(load_collection(root), load_collection(root, cache=True))
    for shard in _shards("data"):
        for entry in json.loads(shard.read_text(encoding="utf-8"))["entries"].values():
            assert entry["d"]["id"] in ("a", "b") and entry["d"]["status"] == "alleged"


@pytest.mark.parametrize("kind", ["index", "data"])
@pytest.mark.parametrize("cut", [1, 2, 3])
def test_a_truncated_shard_is_rebuilt(tmp_path: Path, kind: str, cut: int) -> None:
    """A shard cut short (a full disk, a crash of an older writer) is a miss, then rewritten."""
    root = make_collection(tmp_path)
    age(root)
    plain = load_collection(root)
    load_collection(root, cache=True)
    shards = _shards(kind)
    assert shards
    for shard in shards:
        raw = shard.read_bytes()
        shard.write_bytes(raw[: len(raw) * cut // 4])
    same(plain, load_collection(root, cache=True))
    for shard in shards:  # rewritten whole
        content = json.loads(shard.read_bytes())
        assert content["entries"], shard
    same(plain, load_collection(root, cache=True))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_corpus_cached_equals_uncached(case: Case, tmp_path: Path) -> None:
    """Every corpus case: cold, warm, and after every shard turned to garbage, the cache
    gives exactly what reading the files gives (summaries and full records)."""
    root, target = build(case, tmp_path)
    if case.name == "unreadable" and unreadable_is_readable(target):
        pytest.skip("chmod 000 does not stop this user (root) from reading")
    plain = load_collection(root)
    same(plain, load_collection(root, cache=True))  # cold: fills the cache
    same(plain, load_collection(root, cache=True))  # warm
    same_summaries(plain, load_collection(root, cache=True, records=Records.SUMMARY))
    shards = list(cache_home().rglob("*.json"))
    assert shards or not plain.claims
    for shard in shards:
        shard.write_bytes(b'{"format": 2, "entries": ' + os.urandom(64))
    same(plain, load_collection(root, cache=True))
    same(plain, load_collection(root, cache=True))


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the chunks of files parsed in this process, in order."""
    sizes: list[int] = []
    real = fcheck.parallel.check_chunk

    def counting(tasks: list[Any], *args: Any, **kwargs: Any) -> Any:
        sizes.append(len(tasks))
        return real(tasks, *args, **kwargs)

    monkeypatch.setattr(fcheck.parallel, "check_chunk", counting)
    return sizes


@pytest.mark.parametrize("root", [VALID, REPO / "claims"], ids=["valid", "bundled"])
def test_sound_records_are_reused(root: Path, parsed: list[int]) -> None:
    """The checks above must not turn into misses for good entries: a warm full load of
    clean collections parses no file."""
    load_collection(root, cache=True)
    parsed.clear()
    warm = load_collection(root, cache=True, jobs=1)
    assert warm.claims and sum(parsed) == 0


def test_released_shards_still_take_changes_and_removals(tmp_path: Path, parsed: list[int]) -> None:
    """Shards are let go once looked up; a changed file stored afterwards, and a removed
    file's entry, must still end up right on disk."""
    root = generate(200, tmp_path, per_article=50)
    age(root)
    plain = load_collection(root, jobs=1)
    load_collection(root, cache=True)  # fills every shard
    files = sorted(root.glob("*/c*.yaml"))
    changed, removed = files[10], files[120]
    changed.write_bytes(changed.read_bytes() + b"# edited\n")
    removed.unlink()
    expected = load_collection(root, jobs=1)
    assert len(expected.claims) == len(plain.claims) - 1
    same(expected, load_collection(root, cache=True))  # sees both, rewrites two shards
    parsed.clear()
    same(expected, load_collection(root, cache=True, jobs=1))
    assert sum(parsed) == 0  # the changed file was stored: nothing parsed again
    stored = "".join(p.read_text(encoding="utf-8") for p in cache_home().rglob("*.json"))
    assert json.dumps(str(removed))[1:-1] not in stored  # the removed file's entry is gone
    assert json.dumps(str(changed))[1:-1] in stored


@pytest.mark.parametrize("where", ["a-file", "failing-rename"])
def test_a_cache_that_cannot_be_written_changes_nothing(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """FCHECK_CACHE_DIR is a file, or every rename into it fails: same output, exit 0,
    no temporary file left in the cache folder."""
    import fcheck.atomic

    root = make_collection(tmp_path)
    args = ["list", "--format", "json", "--claims", str(root)]
    plain = runner.invoke(app, [*args, "--no-cache"])
    if where == "a-file":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x")
        monkeypatch.setenv("FCHECK_CACHE_DIR", str(blocker))
    else:
        home = cache_home()
        real = os.replace

        def refuse(src: Any, dst: Any) -> None:
            if Path(dst).is_relative_to(home):
                raise OSError(28, "No space left on device")
            real(src, dst)

        monkeypatch.setattr(fcheck.atomic.os, "replace", refuse)
    for _ in range(2):
        result = runner.invoke(app, args)
        assert (result.exit_code, result.stdout, result.stderr) == (0, plain.stdout, "")
    if where == "failing-rename":
        # nothing but the cache's key (made with link(), not rename)
        assert not [p for p in cache_home().rglob("*") if p.is_file() and p.name != KEY_FILE]
    else:
        assert (tmp_path / "not-a-folder").read_text() == "x"


def test_article_chunks_keep_articles_whole_unless_huge() -> None:
    from fcheck.parallel import _article_chunks

    tasks = [(f"a{i}", "a") for i in range(3)] + [(f"b{i}", "b") for i in range(10)]
    tasks += [("c0", "c"), ("d0", "d")]
    chunks, wholes = _article_chunks(tasks, 2, complete={"a", "b", "c"})
    assert [t for chunk in chunks for t in chunk] == tasks  # every task once, in order
    for chunk, whole in zip(chunks, wholes, strict=True):
        for slug in whole:  # an article said to be whole is all in that chunk
            assert [t for t in chunk if t[1] == slug] == [t for t in tasks if t[1] == slug]
    # b (over four chunks' worth) is split, d's other files are cached (not complete)
    assert set().union(*wholes) == {"a", "c"}
    assert max(len(chunk) for chunk in chunks) <= 3


def test_an_upgrade_removes_the_old_cache_of_the_same_collection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcheck.cache

    root = make_collection(tmp_path / "one")
    other = make_collection(tmp_path / "two")
    load_collection(root, cache=True)
    load_collection(other, cache=True)
    old = sorted(p.parent.name for p in cache_home().glob("*/collection.json"))
    assert len(old) == 2
    # Not fcheck's: a folder of another name, and one of fcheck's shape without a marker.
    (cache_home() / "notes").mkdir()
    (cache_home() / ("f" * 32)).mkdir()
    monkeypatch.setattr(fcheck.cache, "code_fingerprint", lambda: "a newer fcheck")
    assert load_collection(root, cache=True).ok
    now = sorted(p.name for p in cache_home().iterdir() if p.name != KEY_FILE)
    mine = [p.parent.name for p in cache_home().glob("*/collection.json")]
    assert len(now) == 4 and len(mine) == 2  # one.old went, one.new came
    assert "notes" in now and "f" * 32 in now
    kept = [name for name in old if name in now]
    assert len(kept) == 1  # the other collection's cache is untouched
    marker = json.loads((cache_home() / kept[0] / "collection.json").read_text())
    assert marker["root"] == str(other.resolve())


def _check_noting_the_collector(*args: Any) -> Any:
    """fcheck.parallel.check_articles, also saying whether the worker collects garbage."""
    import gc

    checked, found = _real_check_articles(*args)
    return checked, {
        **found,
        "collector": ([("on" if gc.isenabled() else "off", "", "", 0.0)], False),
    }


_real_check_articles = fcheck.parallel.check_articles


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.usefixtures("many_workers")
def test_the_collector_pauses_while_loading_and_not_in_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    import gc

    root = make_collection(
        tmp_path, {f"c{i}.yaml": CLAIM_YAML.format(id=f"c{i}") for i in range(30)}
    )
    seen: list[bool] = []
    known: dict[str, Any] = {}
    monkeypatch.setattr(fcheck.parallel, "check_articles", _check_noting_the_collector)
    real_finish = fcheck.parallel.Checking.finish

    def finish(self: fcheck.parallel.Checking) -> Any:
        seen.append(gc.isenabled())
        results, pairs = real_finish(self)
        known.update(pairs)
        return results, pairs

    monkeypatch.setattr(fcheck.parallel.Checking, "finish", finish)
    assert gc.isenabled()
    load_collection(root, jobs=jobs)
    assert seen == [False]  # paused in this process while loading
    assert gc.isenabled()  # and on again after
    if jobs > 1:
        assert known["collector"][0][0][0] == "on"  # never off in a worker
    gc.disable()
    try:
        load_collection(root, jobs=1)
        assert not gc.isenabled()  # left off where the caller turned it off
    finally:
        gc.enable()
