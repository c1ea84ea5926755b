"""The closest-passage hint: a piece of the article that starts and ends on whole words."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fcheck.checks.cross_file import quotes_in_text
from fcheck.model import Article, Claim
from fcheck.textmatch import closest_passage, normalize_space

TEXT = "The new tunnel bill tops 310 million euros, the council said on Monday."


def test_a_quote_cut_inside_a_word_gets_the_whole_word() -> None:
    assert closest_passage(TEXT, "unnel bill tops 310 million") == "tunnel bill tops 310 million"


def test_a_quote_ending_mid_word_gets_the_whole_word() -> None:
    assert (
        closest_passage(TEXT, "new tunnel bill tops 310 mill") == "new tunnel bill tops 310 million"
    )


def test_a_long_passage_is_cut_after_a_whole_word() -> None:
    text = " ".join(f"word{i}" for i in range(100))
    passage = closest_passage(text, text[3:400])
    assert passage.endswith("…")
    body = passage.removesuffix("…")
    assert len(passage) <= 100
    assert re.fullmatch(r"word\d+( word\d+)*", body), body


def test_a_text_without_spaces_is_still_cut_to_the_width() -> None:
    text = "x" * 500
    passage = closest_passage(text, "x" * 300)
    assert len(passage) == 100


WORDS = st.lists(st.text(alphabet="abcdefgh", min_size=1, max_size=9), min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.integers(min_value=0, max_value=400), st.integers(min_value=8, max_value=200))
def test_the_passage_starts_and_ends_on_word_boundaries(
    words: list[str], at: int, size: int
) -> None:
    text = normalize_space(" ".join(words))
    quote = text[at : at + size]
    passage = closest_passage(text, quote).removesuffix("…")
    if not passage:
        return
    bounded = [
        i
        for i in range(len(text) - len(passage) + 1)
        if text.startswith(passage, i)
        and (i == 0 or text[i - 1] == " ")
        and (i + len(passage) == len(text) or text[i + len(passage)] == " ")
    ]
    assert bounded, (text, quote, passage)


# Letters and every kind of whitespace str.split() knows (the quote check's shortcut
# relies on it: see fcheck/checks/cross_file.py).
SPACED = st.text(alphabet="ab. \t\n\r\x0b\x0c\x1c\x85\xa0\u1680\u2000\u2028\u3000", max_size=60)


@settings(max_examples=500, deadline=None)
@given(SPACED, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_a_piece_of_a_text_is_a_piece_of_it_normalized(text: str, start: int, end: int) -> None:
    piece = text[start:end]
    assert normalize_space(piece) in normalize_space(text)


@settings(max_examples=300, deadline=None)
@given(SPACED, SPACED)
def test_the_quote_rule_finds_what_normalized_containment_finds(text: str, quote: str) -> None:
    claim = Claim({"id": "c", "quote": quote, "claim": "c"}, "a", "claims/a/c.yaml")
    article = Article("a", Path("claims/a"), "claims/a/article.yaml", {"text": "a.txt"}, text)
    found = not quotes_in_text([claim], {"a": article}).findings
    assert found == (normalize_space(quote) in normalize_space(text))
