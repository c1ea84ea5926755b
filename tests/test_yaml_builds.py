"""The verdict on a file does not depend on how PyYAML was built (issue 16, item 8).

libyaml (PyYAML's C extension) and the pure-Python parser disagree on some inputs;
fcheck refuses or routes those so that both give the same findings and data. Every
case is parsed twice in this process: as usual (libyaml where available) and as on a
PyYAML without libyaml (what FCHECK_PURE_YAML=1 does for a whole run).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fcheck import loader
from fcheck.collection import load_collection
from fcheck.loader import parse_yaml

from .hostile.corpus import CASES, CASES_DIR, Case, build

SUITE = Path(__file__).parent / "data" / "yaml-test-suite"
INPUTS = sorted(SUITE.glob("*.yaml"))

needs_libyaml = pytest.mark.skipif(
    not hasattr(yaml, "CSafeLoader") or loader.PURE_YAML,
    reason="compares libyaml with the pure parser: needs libyaml, and not FCHECK_PURE_YAML",
)


@pytest.fixture
def pure(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process parses as a PyYAML without libyaml would."""
    monkeypatch.setattr(loader, "_Reader", loader._PureReader)


def _verdict(text: str) -> tuple[object, object]:
    parsed = parse_yaml(text, "x.yaml")
    # (the wording of a syntax error is each parser's own; the verdict is what matters)
    findings = [(f.rule, f.line, f.column) for f in parsed.findings]
    return findings, parsed.data


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    usual = _verdict(text)
    with monkeypatch.context() as patch:
        patch.setattr(loader, "_Reader", loader._PureReader)
        pure = _verdict(text)
    return usual, pure


@needs_libyaml
@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_the_yaml_test_suite_gets_one_verdict(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_bytes().decode("utf-8-sig")
    usual, pure = _both(text, monkeypatch)
    assert usual == pure


@needs_libyaml
@pytest.mark.parametrize("path", sorted(CASES_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_static_hostile_cases_get_one_verdict(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    usual, pure = _both(text, monkeypatch)
    assert usual == pure


@needs_libyaml
@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_hostile_case_loads_the_same(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = build(case, tmp_path)
    usual = load_collection(root)
    with monkeypatch.context() as patch:
        patch.setattr(loader, "_Reader", loader._PureReader)
        pure = load_collection(root)

    def verdicts(findings: list) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
        return [(f.path, f.rule, f.line, f.column, f.severity) for f in findings]

    assert verdicts(usual.findings) == verdicts(pure.findings)
    assert [(c.path, c.data) for c in usual.claims] == [(c.path, c.data) for c in pure.claims]


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        # the tab is not indentation: "indent with spaces" was the wrong advice
        ("id: a\nstatus:\talleged\n", 2, 8, "replace the tab with a space"),
        ("id: a\nstatus: alleged\t\n", 2, 16, "replace the tab with a space"),
        ("id: a\nsource:\n\tname: x\n", 3, 1, "indent with spaces, not tabs"),
        ("id: a\nnotes: |\n  one\n \ttwo\n", 4, 2, "indent with spaces, not tabs"),
        ("%YAML 1.1\n---\nid: a\n", 1, 1, "YAML directive"),
    ],
)
def test_tabs_and_directives_are_refused_by_both(
    text: str, line: int, column: int, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for use_pure in (False, True):
        with monkeypatch.context() as patch:
            if use_pure:
                patch.setattr(loader, "_Reader", loader._PureReader)
            findings = parse_yaml(text, "x.yaml").findings
        assert [(f.rule, f.line, f.column) for f in findings] == [("yaml-syntax", line, column)]
        assert words in findings[0].message


def test_tabs_inside_quotes_and_block_text_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    text = 'id: a\nquote: "a\\tb"\nnotes: |\n  col1\tcol2\n'
    usual, pure = _both(text, monkeypatch)
    assert usual == pure == ([], {"id": "a", "quote": "a\tb", "notes": "col1\tcol2\n"})


def test_fcheck_pure_yaml_forces_the_pure_parser(tmp_path: Path) -> None:
    code = "from fcheck import loader; print(loader.uses_libyaml(), loader._Reader.__mro__[1])"
    env = {**os.environ, "FCHECK_PURE_YAML": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.startswith("False") and "yaml.loader.SafeLoader" in out
