"""The typed views of claims and articles read the record's data."""

from __future__ import annotations

from pathlib import Path

from fcheck.collection import load_collection
from fcheck.model import Article, Claim, Correction, Evidence, Review, Source
from tests.conftest import VALID


def test_claim_views_read_the_data() -> None:
    claim = Claim(
        {
            "id": "a",
            "claim": "The bridge cost 42 million.",
            "quote": "cost 42 million",
            "source": {"name": "The mayor", "via": "a spokesman", "url": "https://x.test/"},
            "status": "alleged",
            "rating": "accurate",
            "notes": "Budget.",
            "evidence": [
                {"title": "Budget", "url": "https://b.test/", "date": "2024-05"},
                "not a mapping",
                {"title": "Minutes", "kind": "official", "accessed": "2024-06-01"},
            ],
            "tags": ["roads"],
            "entities": ["City council"],
            "checked": "2024-06-02",
            "conclusion": "It did.",
            "reviewer": "Ana",
            "corrections": [{"date": "2024-07-01", "change": "c", "reason": "r"}],
        },
        "news",
        "claims/news/a.yaml",
    )
    assert claim.claim == "The bridge cost 42 million."
    assert claim.quote == "cost 42 million"
    assert claim.notes == "Budget."
    assert claim.source == Source("The mayor", "a spokesman", "https://x.test/")
    assert claim.evidence == (
        Evidence("Budget", url="https://b.test/", date="2024-05"),
        Evidence("Minutes", kind="official", accessed="2024-06-01"),
    )
    assert claim.tags == ("roads",)
    assert claim.entities == ("City council",)
    assert claim.checked == "2024-06-02"
    assert claim.conclusion == "It did."
    assert claim.reviewer == "Ana"
    assert claim.corrections == (Correction("2024-07-01", "c", "r"),)


def test_views_of_missing_values_are_empty() -> None:
    claim = Claim({"id": "a"}, "news", "a.yaml")
    assert claim.source == Source("")
    assert claim.evidence == ()
    assert claim.tags == ()
    assert claim.rating is None
    assert claim.conclusion is None
    assert claim.corrections == ()


def test_article_views() -> None:
    article = Article(
        "news",
        Path("claims/news"),
        "claims/news/article.yaml",
        {
            "title": "T",
            "publisher": "P",
            "published": "2024",
            "text": "article.txt",
            "verdict": "misleading",
            "lead": ["a", "b"],
            "review": {"state": "ready", "checkers": ["Ana"], "published": "2024-01-02"},
        },
    )
    assert (article.title, article.publisher, article.published) == ("T", "P", "2024")
    assert article.text_file == "article.txt"
    assert article.url is None
    assert article.verdict == "misleading"
    assert article.lead == ("a", "b")
    assert article.review == Review("ready", ("Ana",), (), "2024-01-02")
    assert article.corrections == ()


def test_views_agree_with_the_data_of_every_valid_fixture_claim() -> None:
    collection = load_collection(VALID, jobs=1)
    assert collection.claims
    for claim in collection.claims:
        data = claim.data
        assert claim.source.name == data["source"]["name"]
        assert claim.source.via == data["source"].get("via")
        assert [e.title for e in claim.evidence] == [e["title"] for e in data.get("evidence", [])]
        assert [e.url for e in claim.evidence] == [e.get("url") for e in data.get("evidence", [])]
        assert claim.notes == data["notes"]


def test_a_claim_survives_pickling_as_workers_send_it() -> None:
    import pickle

    for claim in load_collection(VALID).claims:
        claim.position("id")  # positions found (and sent) too
        back = pickle.loads(pickle.dumps(claim, pickle.HIGHEST_PROTOCOL))
        assert back == claim
        assert (back.data, back.article, back.path) == (claim.data, claim.article, claim.path)
        assert back.position("id") == claim.position("id")
    bare = Claim({"id": "x"}, "a", "claims/a/x.yaml")
    assert pickle.loads(pickle.dumps(bare)).positions is None
