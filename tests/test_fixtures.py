"""Every rule has a failing fixture, and the valid collection is clean."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fcheck.checks.catalogue import all_rules, rule_ids
from fcheck.collection import load_collection
from fcheck.findings import Severity
from fcheck.loader import MAX_YAML_BYTES

from .conftest import CLAIM_YAML, INVALID, VALID, make_collection

# Rules whose cases cannot live in git (symlinks to outside, huge files) are built
# at test time below.
RUNTIME_CASES = {"symlink-outside", "file-too-large"}
# The publishing gate and the corrections check run in `fcheck validate` on top of
# the loaded collection (and need a git history): tested in test_gate.py and
# test_corrections.py.
RUNTIME_CASES |= {r for r in rule_ids() if r.startswith(("gate-", "correction-"))}
# `fcheck links` asks the network: its rules are tested in test_links.py.
RUNTIME_CASES |= rule_ids() - rule_ids(validated=True)
FIXTURE_CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def test_every_rule_has_a_case() -> None:
    assert set(FIXTURE_CASES) | RUNTIME_CASES == rule_ids()


def test_valid_collection_is_clean() -> None:
    collection = load_collection(VALID)
    assert collection.findings == []
    assert sorted(c.id for c in collection.claims) == [
        "bridge-reopened",
        "contractor-ties",
        "crlf-bom",
        "mayor-best-run",
        "orcamento-cresceu",
        "repair-cost",
    ]
    # editor leftovers and hidden files are not read at all
    assert collection.files_checked == 8


@pytest.mark.parametrize("rule", FIXTURE_CASES)
def test_invalid_fixture_reports_its_rule(rule: str) -> None:
    root = INVALID / rule
    collection = load_collection(root)
    found = [f for f in collection.findings if f.rule == rule]
    expected = (root / "expected.txt").read_text().split()
    assert expected, "expected.txt lists at least one location"
    for location in expected:
        rel, _, position = location.partition(":")
        matches = [f for f in found if Path(f.path) == root / rel]
        assert matches, f"no {rule} finding for {rel}: {collection.findings}"
        if position:
            got = f"{matches[0].line}:{matches[0].column}"
            assert got.startswith(position), f"{rule} at {got}, expected {position}"
    if next(r for r in all_rules() if r.id == rule).severity is Severity.WARNING:
        return  # a warning does not keep a claim from loading
    # the other, good claims are still loaded
    assert all(
        Path(c.path).stem != Path(e.split(":")[0]).stem for c in collection.claims for e in expected
    )


def test_too_large_file(tmp_path: Path) -> None:
    big = CLAIM_YAML.format(id="big") + "tags: [" + "x, " * (MAX_YAML_BYTES // 3) + "x]\n"
    root = make_collection(tmp_path, {"big.yaml": big, "ok.yaml": CLAIM_YAML.format(id="ok")})
    collection = load_collection(root)
    assert [f.rule for f in collection.findings] == ["file-too-large"]
    assert [c.id for c in collection.claims] == ["ok"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_outside_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(CLAIM_YAML.format(id="secret"))
    root = make_collection(tmp_path)
    (root / "news" / "secret.yaml").symlink_to(secret)
    collection = load_collection(root)
    assert [(f.rule, Path(f.path).name) for f in collection.findings] == [
        ("symlink-outside", "secret.yaml")
    ]
    assert [c.id for c in collection.claims] == ["ok"]


def test_symlink_inside_is_followed(tmp_path: Path) -> None:
    root = make_collection(tmp_path)
    (root / "news" / "alias.yaml").symlink_to(root / "news" / "ok.yaml")
    collection = load_collection(root)
    # followed and read: the copy's id no longer matches its file name
    assert [f.rule for f in collection.findings] == ["id-mismatch"]


def test_symlink_loop_is_a_finding(tmp_path: Path) -> None:
    root = make_collection(tmp_path)
    loop = root / "news" / "loop.yaml"
    loop.symlink_to(loop)
    collection = load_collection(root)
    assert [f.rule for f in collection.findings] == ["file-unreadable"]
    assert "loop" in collection.findings[0].message


def test_findings_per_file_are_capped(tmp_path: Path) -> None:
    from fcheck.validate import MAX_FINDINGS_PER_FILE

    many = CLAIM_YAML.format(id="many") + "tags: [" + ", ".join(["1"] * 500) + "]\n"
    root = make_collection(tmp_path, {"many.yaml": many, "ok.yaml": CLAIM_YAML.format(id="ok")})
    findings = load_collection(root).findings
    assert len(findings) == MAX_FINDINGS_PER_FILE + 1
    assert {f.rule for f in findings} == {"wrong-type"}
    assert findings[-1].message.startswith("400 more problems from here on are not listed")
    assert findings[-1].line == 9
