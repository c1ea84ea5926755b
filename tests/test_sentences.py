"""The sentence splitter: linear in the length of a paragraph, and splitting exactly as
the earlier (quadratic) algorithm did."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from fcheck import sentences
from fcheck.cli import app
from fcheck.sentences import Sentence, split_sentences

from .conftest import REPO

# The earlier algorithm, kept as the reference: the same rules, but each candidate full
# stop copied the whole paragraph before it to find the word it ends.
_OLD_END = re.compile(r"[.!?…]+[\"'\u201d\u2019»)\]]*(?=\s)")
_OLD_LAST_WORD = re.compile(r"(\S+)\.$")


def _old_is_abbreviation(before: str) -> bool:
    match = _OLD_LAST_WORD.search(before)
    if match is None:
        return False
    word = match.group(1).lstrip("\"'\u201c\u2018«([")
    if sentences._ACRONYM.match(word):
        return True
    if len(word) == 1 and word.isupper():
        return True
    return word.casefold() in sentences.ABBREVIATIONS


def _old_split_paragraph(text: str, offset: int) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for match in _OLD_END.finditer(text):
        end = match.end()
        following = sentences._NEXT_STARTS.match(text, end)
        if following is None:
            continue
        first = following.group(2)
        if not (first.isupper() or first.isdigit() or following.group(1)):
            continue
        if (
            text[match.start()] == "."
            and match.group().rstrip("\"'\u201d\u2019»)]") == "."
            and (_old_is_abbreviation(text[: match.start() + 1]))
        ):
            continue
        out.append(Sentence(text[start:end], offset + start, offset + end))
        start = following.start(1)
    tail = text[start:].rstrip()
    if tail:
        out.append(Sentence(tail, offset + start, offset + start + len(tail)))
    return out


def old_split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    position = 0
    for paragraph in [*sentences._BLANK_LINE.finditer(text), None]:
        stop = paragraph.start() if paragraph is not None else len(text)
        chunk = text[position:stop]
        lead = len(chunk) - len(chunk.lstrip())
        out.extend(_old_split_paragraph(chunk[lead:].rstrip(), position + lead))
        if paragraph is not None:
            position = paragraph.end()
    return [s for s in out if s.text.strip()]


TEXTS = sorted({*REPO.glob("claims/*/*.txt"), *REPO.glob("tests/fixtures/**/*.txt")})


@pytest.mark.parametrize("path", TEXTS, ids=[str(p.relative_to(REPO)) for p in TEXTS])
def test_same_sentences_as_before_on_every_article_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    assert split_sentences(text) == old_split_sentences(text)


# Words and marks that exercise every rule: abbreviations, initials, acronyms, runs of
# end marks, closing and opening quotes, brackets, digits, line breaks and blank lines.
_PIECES = st.sampled_from(
    [
        "Mr.", "Dr.", "Sen.", "e.g.", "U.S.", "U.N.", "J.", "a.", "A.", "no.", "3.5",
        "word", "Word", "The", "it", "1999", "...", "!", "?", "?!", "…", ".", ". ",
        '"', "'", "\u201c", "\u201d", "\u2019", "«", "»", "(", ")", "[", "]",
        " ", "  ", "\n", "\n\n", "\n \n", "\t", "\u00a0", "\u2003", "x.y.", "(U.S.)",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_same_sentences_as_before_on_generated_texts(text: str) -> None:
    assert split_sentences(text) == old_split_sentences(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_same_sentences_as_before_on_any_text(text: str) -> None:
    assert split_sentences(text) == old_split_sentences(text)


def _one_paragraph(size: int) -> str:
    unit = (
        "Sen. J. Smith said the U.S. bridge cost 3.5 million dollars... "
        "Critics (e.g. Dr. Jones) disagreed! Was it worth it? “Yes.” Mr. Brown "
    )
    return (unit * (size // len(unit) + 1))[:size] + "."


@pytest.mark.slow
def test_a_one_megabyte_paragraph_is_split_in_seconds() -> None:
    text = _one_paragraph(1024 * 1024)
    started = time.perf_counter()
    found = split_sentences(text)
    elapsed = time.perf_counter() - started
    assert len(found) > 10_000
    # the quadratic splitter took minutes on a fifth of this
    assert elapsed < 20, elapsed


@pytest.mark.slow
def test_a_long_run_of_end_marks_is_split_in_seconds() -> None:
    text = "Start " + "." * 300_000 + "x " + "!?" * 100_000 + "y. End."
    started = time.perf_counter()
    assert split_sentences(text)[-1].text == "End."
    assert time.perf_counter() - started < 20


@pytest.mark.slow
def test_candidates_on_a_one_megabyte_paragraph(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "claims" / "long"
    folder.mkdir(parents=True)
    (folder / "article.yaml").write_text("title: Long\npublisher: P\ntext: article.txt\n")
    (folder / "article.txt").write_text(_one_paragraph(1024 * 1024), encoding="utf-8")
    started = time.perf_counter()
    result = runner.invoke(
        app, ["candidates", "long", "--claims", str(tmp_path / "claims"), "--format", "json"]
    )
    elapsed = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert '"sentences"' in result.stdout
    assert elapsed < 60, elapsed
