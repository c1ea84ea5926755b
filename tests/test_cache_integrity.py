"""The cache never changes a result (issue 16, item 6): damaged, forged or stale
entries are misses, whatever byte is wrong."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fcheck.cache import cache_home, content_hash, stat_key
from fcheck.collection import load_collection
from fcheck.validate import Records

from .conftest import CLAIM_YAML, make_collection
from .test_cache_parallel import age, same, same_summaries

SIMILAR = CLAIM_YAML.format(id="b").replace(
    "claim: The bridge cost 42 million euros.", "claim: The bridge cost 42 million euros overall."
)


def _collection(tmp_path: Path) -> Path:
    root = make_collection(
        tmp_path,
        {
            "a.yaml": CLAIM_YAML.format(id="a"),
            "b.yaml": SIMILAR,  # with a: a near-duplicate warning (the memo)
            "broken.yaml": CLAIM_YAML.format(id="broken").replace("alleged", "rumoured"),
        },
    )
    age(root)
    return root


def _cache_files() -> list[Path]:
    return sorted(p for p in cache_home().rglob("*.json") if p.name != "collection.json")


@pytest.mark.slow
def test_every_byte_of_every_cache_file_corrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each byte of each shard (index, records, near-duplicate memo), changed in turn:
    the result is always what reading the files gives."""
    from fcheck import cache

    root = _collection(tmp_path)
    plain = load_collection(root)
    assert {f.rule for f in plain.findings} == {"invalid-choice", "near-duplicate"}
    load_collection(root, cache=True)
    files = _cache_files()
    assert {p.name.split(".")[1] for p in files} == {"json", "data"}  # index, records, memo
    assert any(p.name == "near-duplicates.json" for p in files)
    originals = {p: p.read_bytes() for p in files}
    # what a miss would write back is not needed (and costs an fsync per run)
    monkeypatch.setattr(cache, "_write_entries", lambda *args: True)
    for path, raw in originals.items():
        for position in range(len(raw)):
            damaged = bytearray(raw)
            damaged[position] ^= 0x01 if position % 2 else 0x40
            path.write_bytes(bytes(damaged))
            same(plain, load_collection(root, cache=True))
            if position % 7 == 0:
                same_summaries(plain, load_collection(root, cache=True, records=Records.SUMMARY))
        path.write_bytes(raw)


def test_a_hand_made_entry_is_not_trusted(tmp_path: Path) -> None:
    """The attack of issue 16: an index entry with the content hash of a broken file
    and no findings, in a shard of the right outline."""
    root = _collection(tmp_path)
    plain = load_collection(root)
    load_collection(root, cache=True)
    broken = root / "news" / "broken.yaml"
    for shard in _cache_files():
        content = json.loads(shard.read_bytes())
        entries = content["entries"]
        if str(broken) in entries:
            entries[str(broken)] = {
                "k": list(stat_key(broken) or ()),
                "h": content_hash(broken.read_bytes()),
                "f": [],
                "s": {"id": "broken", "claim": "x", "quote": "x", "status": "rumoured"},
            }
            shard.write_text(json.dumps(content), encoding="utf-8")
            break
    else:
        pytest.fail("no shard holds broken.yaml")
    same(plain, load_collection(root, cache=True))
    same_summaries(plain, load_collection(root, cache=True, records=Records.SUMMARY))


def test_a_same_size_edit_with_the_mtime_set_back_is_seen(tmp_path: Path) -> None:
    """An in-place edit that keeps the size, its modification time restored (as some
    tools do): the status-change time differs, so the file is read again."""
    root = _collection(tmp_path)
    load_collection(root, cache=True)
    path = root / "news" / "a.yaml"
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    with open(path, "r+", encoding="utf-8") as handle:  # in place: the same inode
        handle.write(text.replace("status: alleged", "status: xlleged"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    same(load_collection(root), load_collection(root, cache=True))
    assert any(
        f.rule == "invalid-choice" and f.path == str(path)
        for f in load_collection(root, cache=True).findings
    )


def test_the_key_is_private_and_a_lost_key_only_costs_a_miss(tmp_path: Path) -> None:
    from fcheck import cache

    root = _collection(tmp_path)
    plain = load_collection(root)
    load_collection(root, cache=True)
    key = cache_home() / cache.KEY_FILE
    assert key.stat().st_mode & 0o077 == 0
    key.write_bytes(os.urandom(32))  # another key: nothing written before verifies
    cache._SECRETS.clear()
    same(plain, load_collection(root, cache=True))
    same(plain, load_collection(root, cache=True))
