"""bench/run.py still runs end to end (on a tiny corpus; timings are not checked)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.slow


def test_bench_runs_and_prints_its_table(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--size",
            "30",
            "--repeat",
            "1",
            "--quick",
            "--corpus",
            str(tmp_path / "corpus"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "30 claims" in out.splitlines()[0]
    assert "WARNING" not in out  # every fcheck command exited 0 on the clean corpus
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in out.splitlines()
        if line.startswith("| ") and not line.startswith(("| **", "| Measurement", "| ---"))
    ]
    measured = [row[0] for row in rows]
    for expected in (
        "validate cold, 1 process / CSafeLoader load",
        "validate warm (nothing changed) / reading every file",
        "validate, one file changed / warm",
        "list --format json (warm cache) / CSafeLoader load",
        "report --format json (warm cache) / CSafeLoader load",
        "fcheck list (bundled claims) / bare Typer + rich app",
    ):
        assert any(m.startswith(expected) for m in measured), out
    for row in rows:
        assert re.fullmatch(r"\d+(\.\d+)?x", row[1]), row
        assert row[3] in ("", "yes", "**no**"), row
    # medians and ratios only: no bare seconds in the results
    assert not re.search(r"\d\s?(s|ms|sec)\b", out)
    # the generated corpus is clean and stays outside the repository
    assert (tmp_path / "corpus" / "claims").is_dir()


def test_the_near_duplicate_share_bench_runs_both_paths(tmp_path: Path) -> None:
    """bench/near_duplicate_share.py compares the two near-duplicate code paths; it
    asserts they find the same, and must not rot when modules move."""
    corpus = tmp_path / "corpus"
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "generate.py"), "450", str(corpus)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "near_duplicate_share.py"),
            str(corpus / "claims"),
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r"= \d+\.\d\dx$", result.stdout.strip()), result.stdout


def test_compare_puts_two_tables_side_by_side() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("compare", REPO / "bench" / "compare.py")
    assert spec is not None and spec.loader is not None
    compare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compare)
    before = "\n".join(
        [
            "| Measurement | Ratio | Target | Met |",
            "| --- | ---: | --- | --- |",
            "| **Validation** | | | |",
            "| cold | 1.10x | ≤ 1.2x | yes |",
            "| gone | 2.00x |  |  |",
        ]
    )
    after = before.replace("1.10x", "1.30x").replace(
        "| gone | 2.00x |  |  |", "| new | 0.90x | > 1x | **no** |"
    )
    table = compare.compare(before, after).splitlines()
    assert "| **Validation** | | | | |" in table
    assert "| cold | 1.10x | 1.30x | ≤ 1.2x | yes |" in table
    assert "| new | — | 0.90x | > 1x | **no** |" in table
    assert "| gone | 2.00x | — |  | |" in table
