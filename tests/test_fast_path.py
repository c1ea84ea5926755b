"""The fast path for valid records agrees with the full field check on every input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fcheck.validate as validate
from fcheck.loader import decode, parse_yaml
from fcheck.model import ARTICLE_SPEC, CLAIM_SPEC, Field

from .conftest import FIXTURES, REPO


def full_check_is_clean(data: Any, spec: Field, monkeypatch: pytest.MonkeyPatch) -> bool:
    parsed = parse_yaml("x: 1\n", "x")  # positions are irrelevant to whether it is clean
    with monkeypatch.context() as m:
        m.setattr(validate, "is_clean", lambda data, spec: False)
        return validate.check_fields(data, spec, parsed, "x") == []


def yaml_files() -> list[Path]:
    found = sorted(FIXTURES.rglob("*.y*ml")) + sorted((REPO / "claims").rglob("*.yaml"))
    return [p for p in found if p.is_file()]


def test_fast_path_agrees_on_every_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = {True: 0, False: 0}
    for path in yaml_files():
        text, _ = decode(path.read_bytes(), str(path))
        if text is None:
            continue
        parsed = parse_yaml(text, str(path))
        if not parsed.ok:
            continue
        spec = ARTICLE_SPEC if path.name == "article.yaml" else CLAIM_SPEC
        clean = validate.is_clean(parsed.data, spec)
        assert clean == full_check_is_clean(parsed.data, spec, monkeypatch), path
        seen[clean] += 1
    assert seen[True] > 50 and seen[False] >= 10


VALID_CLAIM: dict[str, Any] = {
    "id": "a-b",
    "claim": "C.",
    "quote": "Q",
    "source": {"name": "N", "url": "https://x.org"},
    "status": "alleged",
    "rating": "accurate",
    "notes": "n",
    "evidence": [{"title": "T", "url": "https://e.org/1", "date": "2024-02"}],
    "tags": ["t"],
    "entities": ["E"],
    "checked": "2024-01-31",
}
odd = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(
        ["", " ", "\t\u00a0", "x", "2024-02-30", "2024", "ftp://x", "https://", "A-B", "no"]
    ),
    st.lists(st.sampled_from(["", "x", 1]), max_size=2),
    st.dictionaries(st.sampled_from(["name", "title", "url", "stauts"]), st.just("x"), max_size=2),
)
paths = st.sampled_from(
    [(k,) for k in [*VALID_CLAIM, "extra"]]
    + [("source", "name"), ("source", "via"), ("evidence", 0, "title"), ("evidence", 0, "date")]
)


@given(st.lists(st.tuples(paths, odd), min_size=1, max_size=3))
def test_fast_path_agrees_on_broken_records(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    import copy

    data = copy.deepcopy(VALID_CLAIM)
    for path, value in changes:
        target: Any = data
        for part in path[:-1]:
            if (isinstance(target, dict) and part in target) or (
                isinstance(target, list) and isinstance(part, int) and part < len(target)
            ):
                target = target[part]
            else:
                target = None
            if not isinstance(target, (dict, list)):
                break
        else:
            last = path[-1]
            if isinstance(target, dict) or (
                isinstance(target, list) and isinstance(last, int) and last < len(target)
            ):
                target[last] = value
    mp = pytest.MonkeyPatch()
    try:
        assert validate.is_clean(data, CLAIM_SPEC) == full_check_is_clean(data, CLAIM_SPEC, mp)
    finally:
        mp.undo()
