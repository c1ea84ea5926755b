"""Counts read right: "1 claim", "2 claims", in every output a reader or editor sees."""

from __future__ import annotations

import re

import pytest

import fcheck
from fcheck.collection import load_collection
from fcheck.reporters.words import counted
from fcheck.site.build import build_site

from .conftest import VALID

# A number followed by a plural noun that should be singular after "1", or "(s)".
_WRONG = re.compile(
    r"\b1 (claims|sources|documents|quotes|fact-checks|articles|items|errors|links)\b"
    r"|[a-z]\(s\)[ .,;:]"
)


def test_counted() -> None:
    assert counted(0, "claim") == "0 claims"
    assert counted(1, "claim") == "1 claim"
    assert counted(2, "fact-check") == "2 fact-checks"
    assert counted(1, "evidence item") == "1 evidence item"
    assert counted(3, "person", "people") == "3 people"


@pytest.fixture(scope="module")
def one_claim() -> tuple[fcheck.Collection, list[fcheck.Claim]]:
    collection = load_collection(VALID)
    assert collection.ok
    claims = [c for c in collection.claims if c.article == "harbour-bridge-2024"][:1]
    assert len(claims) == 1
    return collection, claims


@pytest.mark.parametrize("view", ["reader", "analyst"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_one_claim_report_says_one_claim(
    one_claim: tuple[fcheck.Collection, list[fcheck.Claim]], view: str, fmt: str
) -> None:
    collection, claims = one_claim
    out = fcheck.render_report(claims, fmt, view=view, collection=collection)
    assert _WRONG.search(out) is None, _WRONG.search(out)
    if view == "reader" and fmt == "html":
        # the contents link of a one-claim fact-check
        assert ">The claim</a></li>" in out and "All 1 claims" not in out
    if view == "analyst" and fmt != "html":
        assert "1 claim" in out


def test_a_one_claim_site_says_one_claim(
    one_claim: tuple[fcheck.Collection, list[fcheck.Claim]],
) -> None:
    collection, claims = one_claim
    files = build_site(claims, collection.articles, collection.config)
    pages = {name: data.decode("utf-8") for name, data in files.items()}
    for name, text in pages.items():
        assert _WRONG.search(text) is None, (name, _WRONG.search(text))
    assert "1 claim checked: " in pages["index.html"]
    assert "2 fact-checks, newest first." in pages["index.html"]
    # one fact-check has no order to speak of
    one = build_site(
        claims,
        {"harbour-bridge-2024": collection.articles["harbour-bridge-2024"]},
        collection.config,
    )
    assert '<p class="meta">1 fact-check.</p>' in one["index.html"].decode("utf-8")
    assert ">The claim</a></li>" in pages["fact-checks/harbour-bridge-2024.html"]
    # the search script counts in words too ("1 claim", "1 of 1 claim matches")
    assert "items.length===1?' claim':' claims'" in pages["search.html"]


def test_many_claims_keep_their_plural() -> None:
    collection = load_collection(VALID)
    out = fcheck.render_report(
        collection.claims, "html", view="reader", collection=collection, config=None
    )
    assert "All 4 claims" in out
