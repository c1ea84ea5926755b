"""The closest-passage hint: a piece of the article that starts and ends on whole words."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

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
