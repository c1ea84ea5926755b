"""The safe YAML loader: positions, hostile input, and nothing ever executed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fcheck import loader
from fcheck.loader import decode, parse_yaml


def rules_of(text: str) -> list[str]:
    return [f.rule for f in parse_yaml(text, "x.yaml").findings]


def test_positions_of_values_and_keys() -> None:
    parsed = parse_yaml("id: a\nsource:\n  name: B\nevidence:\n  - title: T\n", "x.yaml")
    assert parsed.data == {"id": "a", "source": {"name": "B"}, "evidence": [{"title": "T"}]}
    assert parsed.positions[("source", "name")] == (3, 9)
    assert parsed.positions[("evidence", 0, "title")] == (5, 12)
    assert parsed.key_positions[("source",)] == (2, 1)


FIXTURES = Path(__file__).parent / "fixtures"
CLAIMS = FIXTURES.parent.parent / "claims"


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(FIXTURES.rglob("*.yaml")) + sorted(CLAIMS.rglob("*.yaml")) if p.is_file()],
    ids=lambda p: str(p.relative_to(FIXTURES.parent.parent)),
)
def test_fast_build_equals_the_full_build(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Usual files are built without positions (found on first use); the result must be
    what the full, position-recording build gives, findings included."""
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    fast = parse_yaml(text, "x.yaml")
    fast_positions = (dict(fast.positions), dict(fast.key_positions))

    def unusual(node: object, depth: int) -> object:
        raise loader._Unusual

    monkeypatch.setattr(loader, "_plain", unusual)
    full = parse_yaml(text, "x.yaml")
    assert (fast.data, fast.findings) == (full.data, full.findings)
    assert fast_positions == (full.positions, full.key_positions)


def test_dates_stay_as_written() -> None:
    assert parse_yaml("d: 2024-07-16\nm: 2024-07\n", "x").data == {
        "d": "2024-07-16",
        "m": "2024-07",
    }


def test_plain_scalars_keep_their_types() -> None:
    data = parse_yaml("a: 1\nb: 1.5\nc: yes\nd: ~\ne: text\n", "x").data
    assert data == {"a": 1, "b": 1.5, "c": True, "d": None, "e": "text"}


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    assert rules_of("\n".join(lines)) == ["yaml-anchor"]


@pytest.mark.parametrize(
    "text",
    [
        "!!python/object/apply:os.system ['echo pwned']\n",
        "a: !!python/name:os.system\n",
        "a: !custom x\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x}\n",
    ],
)
def test_tags_are_refused_and_never_run(text: str) -> None:
    assert rules_of(text) == ["yaml-tag"]


@pytest.mark.parametrize("depth", [100, 20_000, 200_000])
def test_deep_nesting_never_crashes(depth: int) -> None:
    assert rules_of("[" * depth + "]" * depth) == ["yaml-nesting"]
    assert rules_of("- " * depth + "x") == ["yaml-nesting"]


def test_merge_keys_are_refused() -> None:
    assert "yaml-tag" in rules_of("<<: {a: 1}\n")


def test_bom_and_crlf_are_accepted() -> None:
    text, problem = decode(b"\xef\xbb\xbfid: a\r\nclaim: b\r\n", "x")
    assert problem is None and text is not None
    assert parse_yaml(text, "x").data == {"id": "a", "claim": "b"}


def test_non_utf8_points_at_the_byte() -> None:
    text, problem = decode(b"id: a\nclaim: caf\xe9\n", "x")
    assert text is None and problem is not None
    assert (problem.rule, problem.line, problem.column) == ("file-encoding", 2, 11)


@pytest.mark.parametrize(
    ("text", "rule", "line"),
    [
        ("a: 'open\n", "yaml-syntax", 2),
        ("a:\n\t- b\n", "yaml-syntax", 2),
        ("a: b\n  c: d\n", "yaml-syntax", 2),
        ("a: \x00\n", "yaml-syntax", 1),
        ("", "file-empty", None),
        ("# only a comment\n", "file-empty", None),
        ("a: 1\n---\nb: 2\n", "yaml-multiple-documents", 3),
        ("a: 1\na: 2\n", "yaml-duplicate-key", 2),
    ],
)
def test_broken_yaml_is_a_positioned_finding(text: str, rule: str, line: int | None) -> None:
    findings = parse_yaml(text, "x.yaml").findings
    assert [(f.rule, f.line) for f in findings] == [(rule, line)]


def test_tab_message_says_what_to_do() -> None:
    (finding,) = parse_yaml("a:\n\t- b\n", "x").findings
    assert "spaces" in finding.message


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_yaml_line_breaks_an_editor_does_not_show_keep_positions(char: str) -> None:
    """Lines are counted as an editor counts them, and the error names the character."""
    text = f"id: a\n# note{char}# more\nnotes: x\nstatus: [\n"
    findings = parse_yaml(text, "x.yaml").findings
    assert [(f.rule, f.line) for f in findings] == [("yaml-syntax", 5)]
    assert f"line 2 holds U+{ord(char):04X}" in findings[0].message
    clean = parse_yaml(f"id: a\n# note{char}# more\nnotes: x\n", "x.yaml")
    assert clean.ok and clean.positions[("notes",)] == (3, 8)
    broken = parse_yaml(f"id: a\nnotes: one{char}two\n", "x.yaml").findings
    assert "line 2 holds" in broken[0].message
    assert broken[0].message.endswith("; fix the YAML syntax")


def test_libyaml_s_own_depth_limit_is_reported_where_the_pure_scan_stops() -> None:
    """libyaml 0.2.6 (PyYAML 6.0.4's wheels) raises "maximum nesting depth" from a
    scanner that reads ahead of the events, at a column of its own; the finding must
    name the place the pure-Python scan names, whatever the build."""
    import yaml

    from fcheck import loader

    text = "id: x\nnotes: " + "[" * 2000 + "\n"
    pure = loader._scan_events(text, "deep.yaml", yaml.SafeLoader)
    assert pure is not None and pure.rule == "yaml-nesting"
    ahead = yaml.Mark("deep.yaml", 0, 1, 1006, None, None)
    error = yaml.MarkedYAMLError(
        "while parsing a flow node", ahead, "maximum nesting depth reached", ahead
    )
    found = loader._yaml_error(error, text, "deep.yaml")
    assert (found.rule, found.line, found.column) == (pure.rule, pure.line, pure.column)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" \t\n%#!{}[]?|>-+09:ab,", max_size=60))
def test_the_cheap_divergence_check_equals_the_pattern(text: str) -> None:
    from fcheck import loader

    assert loader._divergent(text) == (loader._DIVERGENT.search(text) is not None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("a é\n\r\x85\u2028\u2029\u00e9\U0001f600"), max_size=40))
def test_the_cheap_odd_break_check_equals_the_pattern(text: str) -> None:
    from fcheck import loader

    assert loader._odd_breaks(text) == (loader._ODD_BREAKS.search(text) is not None)
