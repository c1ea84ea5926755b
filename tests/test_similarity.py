"""The near-duplicate warning: word-set similarity with an exact prefix-filter index."""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fcheck import similarity
from fcheck.cache import cache_home
from fcheck.collection import load_collection
from fcheck.findings import Severity
from fcheck.model import Claim
from fcheck.similarity import THRESHOLD, jaccard, similar_pairs, words
from fcheck.validate import Records

from .conftest import CLAIM_YAML, make_collection


def test_words_ignore_case_accents_and_punctuation() -> None:
    assert words("Zoë's BRIDGE, cost: 42!") == words("zoe s bridge cost 42")


def _words_of_whole_text(text: str) -> frozenset[str]:
    """The definition :func:`words` folds token by token: the whole text at once."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return frozenset(re.findall(r"\w+", plain))


# Accented letters in both forms, combining marks alone and after spaces, characters
# whose decomposition holds a space (U+00A8) or a fraction slash (U+00BD), and spaces
# of other kinds.
_TRICKY = (
    "aeAZ09_ \t\n.,'éÉñøßİıﬁ\u0301\u0308\u00a8\u00bd\u00a0\u2007\u3000\u03a9\u03c3\u03c2\u4e2d"
)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=40) | st.text(max_size=40))
def test_words_equal_folding_the_whole_text(text: str) -> None:
    assert words(text) == _words_of_whole_text(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sets(st.sampled_from("abcdefghij"), max_size=8).map(frozenset),
        max_size=12,
    ),
    st.sampled_from([0.5, 0.6, 0.8, 0.9, 1.0]),
)
def test_index_finds_exactly_the_pairs_over_the_threshold(
    texts: list[frozenset[str]], threshold: float
) -> None:
    # the brute-force answer over all pairs; the index must neither miss nor invent one
    expected = {
        (i, j)
        for i, j in itertools.combinations(range(len(texts)), 2)
        if texts[i] and texts[j] and jaccard(texts[i], texts[j]) >= threshold
    }
    found = {(i, j) for i, j, _ in similar_pairs(texts, threshold)}
    assert found == expected


def _claim(claim_id: str, claim: str, quote: str = "the bridge cost 42 million euros") -> str:
    return (
        CLAIM_YAML.format(id=claim_id)
        .replace("claim: The bridge cost 42 million euros.", f"claim: {claim}")
        .replace("quote: the bridge cost 42 million euros", f"quote: {quote}")
    )


def test_a_similar_pair_is_one_warning_naming_the_other(tmp_path: Path) -> None:
    root = make_collection(
        tmp_path,
        {
            "a.yaml": _claim("a", "The bridge cost 42 million euros."),
            "b.yaml": _claim("b", "The bridge cost 42 million euros overall."),
            "c.yaml": _claim("c", "Critics suspect favouritism.", "Critics suspect favouritism."),
        },
    )
    collection = load_collection(root)
    warned = sorted((Path(f.path).name, f.rule, f.severity) for f in collection.findings)
    assert warned == [("a.yaml", "near-duplicate", Severity.WARNING)]
    assert "b.yaml" in collection.findings[0].message
    assert len(collection.claims) == 3  # a warning keeps the claims


def test_shared_quote_with_different_claims_is_not_a_duplicate(tmp_path: Path) -> None:
    root = make_collection(
        tmp_path,
        {
            "a.yaml": _claim("a", "The bridge cost 42 million euros."),
            "b.yaml": _claim("b", "The mayor commented on the price of a public project."),
        },
    )
    assert load_collection(root).findings == []


def test_claims_of_different_articles_are_not_compared(tmp_path: Path) -> None:
    root = make_collection(tmp_path, {"a.yaml": _claim("a", "The bridge cost 42 million euros.")})
    other = root / "other"
    other.mkdir()
    for name in ("article.yaml", "article.txt"):
        (other / name).write_bytes((root / "news" / name).read_bytes())
    (other / "b.yaml").write_text(_claim("b", "The bridge cost 42 million euros."))
    assert load_collection(root).findings == []


def test_threshold_is_documented_in_the_rule() -> None:
    from fcheck.rules import RULES

    assert f"{THRESHOLD:.0%}" in RULES["near-duplicate"].doc


def test_warnings_fail_validate_only_when_strict() -> None:
    from typer.testing import CliRunner

    from fcheck.cli import app

    from .conftest import INVALID

    root = str(INVALID / "near-duplicate")
    runner = CliRunner()
    plain = runner.invoke(app, ["validate", "--claims", root])
    assert plain.exit_code == 0
    assert "near-duplicate (warning)" in plain.stdout
    assert runner.invoke(app, ["validate", "--claims", root, "--strict"]).exit_code == 1


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the article groups compared in this process, in order."""
    sizes: list[int] = []
    real = similarity._pairs

    def counting(group: list[Claim], threshold: float) -> list[similarity.Pair]:
        sizes.append(len(group))
        return real(group, threshold)

    monkeypatch.setattr(similarity, "_pairs", counting)
    return sizes


def test_pairs_of_unchanged_articles_come_from_the_cache(
    tmp_path: Path, compared: list[int]
) -> None:
    root = make_collection(
        tmp_path,
        {
            "a.yaml": _claim("a", "The bridge cost 42 million euros."),
            "b.yaml": _claim("b", "The bridge cost 42 million euros overall."),
            "c.yaml": _claim("c", "Critics suspect favouritism.", "Critics suspect favouritism."),
        },
    )
    first = load_collection(root, cache=True)
    assert [f.rule for f in first.findings] == ["near-duplicate"]
    compared.clear()
    assert load_collection(root, cache=True).findings == first.findings
    assert compared == []  # nothing changed: remembered
    assert load_collection(root).findings == first.findings
    assert compared == [3]  # without the cache: compared

    (root / "news" / "b.yaml").write_text(
        _claim("b", "The mayor commented on the price."), encoding="utf-8"
    )
    assert load_collection(root, cache=True).findings == []
    assert compared == [3, 3]  # a claim changed: compared again


def test_a_memo_that_adds_a_warning_is_ignored(tmp_path: Path) -> None:
    root = make_collection(
        tmp_path,
        {
            "a.yaml": _claim("a", "The bridge cost 42 million euros."),
            "b.yaml": _claim("b", "Critics suspect favouritism.", "Critics suspect favouritism."),
        },
    )
    assert load_collection(root, cache=True).findings == []
    memo_files = list(cache_home().rglob("near-duplicates.json"))
    assert len(memo_files) == 1
    content = json.loads(memo_files[0].read_text())
    for key in content["entries"]:
        content["entries"][key] = [[0, 1, "claim", 0.9]]  # a forged pair
    memo_files[0].write_text(json.dumps(content))
    assert load_collection(root, cache=True).findings == []
    content["entries"] = {key: "garbage" for key in content["entries"]}
    memo_files[0].write_text(json.dumps(content))
    assert load_collection(root, cache=True).findings == []


@pytest.fixture
def workers_compare(monkeypatch: pytest.MonkeyPatch, compared: list[int]) -> list[int]:
    """Small collections go to worker processes; counts comparisons made in this one."""
    import fcheck.parallel

    monkeypatch.setattr(fcheck.parallel, "_CHUNK", 1)
    return compared


def test_workers_compare_the_articles_they_parse(
    tmp_path: Path, workers_compare: list[int]
) -> None:
    root = make_collection(
        tmp_path,
        {
            "a.yaml": _claim("a", "The bridge cost 42 million euros."),
            "b.yaml": _claim("b", "The bridge cost 42 million euros overall."),
            "c.yaml": _claim("c", "Critics suspect favouritism.", "Critics suspect favouritism."),
        },
    )
    in_process = load_collection(root, jobs=1)
    assert workers_compare == [3]
    workers_compare.clear()
    assert load_collection(root, jobs=2).findings == in_process.findings
    assert workers_compare == []  # compared in a worker (forked: not counted here)


def test_pairs_from_workers_leave_out_claims_other_rules_reject(
    tmp_path: Path, workers_compare: list[int]
) -> None:
    """b is similar to a and c, but its quote is not in the article: a pair with b
    would point at a claim that is not loaded, so only a and c are reported."""
    quote = "the bridge cost 42 million euros"
    root = make_collection(
        tmp_path,
        {
            "a.yaml": _claim("a", "The bridge cost 42 million euros.", quote),
            "b.yaml": _claim("b", "The bridge cost 42 million euros.", "not in the text"),
            "c.yaml": _claim("c", "The bridge cost 42 million euros overall.", quote),
            "d.yaml": _claim("d", "Critics suspect favouritism.", "Critics suspect favouritism."),
        },
    )
    in_process = load_collection(root, jobs=1)
    found = [(Path(f.path).name, f.rule) for f in in_process.findings]
    assert found == [("a.yaml", "near-duplicate"), ("b.yaml", "quote-not-found")]
    assert "c.yaml" in in_process.findings[0].message
    assert load_collection(root, jobs=2).findings == in_process.findings
    assert load_collection(root, jobs=2, records=Records.SUMMARY).findings == in_process.findings


def test_near_identical_claims_are_one_warning_per_group(tmp_path: Path) -> None:
    """n copies of one claim gave n(n-1) warnings; now one per group, naming at most
    MAX_NAMED members and counting the rest."""
    claims = {
        f"c{i:03d}.yaml": _claim(f"c{i:03d}", f"The bridge cost 42 million euros, {i}.")
        for i in range(30)
    }
    claims["other.yaml"] = _claim("other", "Critics suspect favouritism.", "Critics suspect")
    claims["x1.yaml"] = _claim(
        "x1", "The mayor resigned in March after the audit.", "Critics suspect"
    )
    claims["x2.yaml"] = _claim(
        "x2", "The mayor resigned in March after the audit.", "Critics suspect"
    )
    root = make_collection(tmp_path, claims)
    found = [f for f in load_collection(root).findings if f.rule == "near-duplicate"]
    assert [Path(f.path).name for f in found] == ["c000.yaml", "x1.yaml"]
    big = found[0].message
    assert big.startswith("30 claims are near-duplicates")
    assert big.count("news/c0") == similarity.MAX_NAMED
    assert f"and {29 - similarity.MAX_NAMED} more" in big
    assert "x2.yaml" in found[1].message


def test_pairs_examined_per_article_are_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(similarity, "MAX_PAIRS_EXAMINED", 100)
    claims = [
        Claim({"claim": "the bridge cost 42 million euros", "quote": "q"}, "news", f"n/{i:03}")
        for i in range(40)
    ]
    found = similarity.near_duplicates(claims)
    assert len(found) == 2, found
    assert "only until 100 pairs had been examined" in found[1].message
    assert similarity.near_duplicates(claims[:14])[0].message.startswith("14 claims")


def test_cluster_findings_are_linear_in_the_claims() -> None:
    """The worst case of issue 16 (1,000 near-identical claims gave 999,000 warnings)."""
    claims = [
        Claim({"claim": "the bridge cost 42 million euros", "quote": "q"}, "a", f"{i:04}")
        for i in range(1000)
    ]
    found = similarity.near_duplicates(claims)
    assert len(found) == 2  # one group, and the cap
    assert len(found[0].message) < 1000
