"""Check-worthy sentences of an article and which of them the claims already cover.

``fcheck candidates`` splits the article text into sentences (:mod:`fcheck.sentences`)
and runs the rules of :data:`CANDIDATE_RULES` on each. A sentence with at least one
reason is a candidate; a ``hedge`` hints that a claim drawn from it may be
``speculative``. Rules only: no model and no network. The README's rule list is
generated from the registry (``python -m fcheck.candidates``) and a test keeps the two
in sync.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fcheck.loader import MAX_YAML_BYTES, decode, is_ignored_name, parse_yaml, read_bytes
from fcheck.model import ARTICLE_FILE, CLAIM_SUFFIXES
from fcheck.sentences import split_sentences
from fcheck.textmatch import normalize_space

Matcher = Callable[[str], list[str]]


@dataclass(frozen=True)
class CandidateRule:
    id: str
    title: str
    doc: str
    match: Matcher
    speculative: bool = False  # a hint that the claim may be speculative


CANDIDATE_RULES: dict[str, CandidateRule] = {}


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def _regex(pattern: re.Pattern[str]) -> Matcher:
    def match(sentence: str) -> list[str]:
        return list(dict.fromkeys(m.group().strip() for m in pattern.finditer(sentence)))

    return match


def _register(rule: CandidateRule) -> None:
    CANDIDATE_RULES[rule.id] = rule


_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_CURRENCY_WORDS = (
    "dollars?|euros?|pounds?|francs?|yen|yuan|rubles?|roubles?|rupees?|tenge|reais|real|"
    "pesos?|USD|EUR|GBP|CHF|JPY|CNY|RUB|KZT"
)
_register(
    CandidateRule(
        "number",
        "Numbers",
        "Digits (16, 2,500, 3.5) and number words (two to twelve, twenty to ninety, "
        "hundred, thousand, million, billion, trillion, dozen, twice, half, percent).",
        _regex(
            re.compile(
                r"\b\d+(?:[.,]\d+)*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|"
                r"twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|"
                r"thousands?|millions?|billions?|trillions?|dozens?|twice|half|percent)\b",
                re.IGNORECASE,
            )
        ),
    )
)
_register(
    CandidateRule(
        "date",
        "Dates",
        "Month names (July, Jan.), weekdays, years from 1800 to 2099, and ISO dates "
        '(2024-07-16). "May" counts only before a number or after one (May 5, 5 May), '
        "since it is usually the verb.",
        _regex(
            re.compile(
                r"\b\d{4}-\d{2}-\d{2}\b|\b(?:18|19|20)\d{2}\b|"
                rf"\b(?:{_MONTHS.replace('|may', '')}|"
                r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.|"
                r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
                r"\bMay(?=\s+\d)|(?<=\d\s)May\b",
                re.IGNORECASE,
            )
        ),
    )
)
_register(
    CandidateRule(
        "money",
        "Money",
        "A currency sign before a number ($100,000, €42m, £5), a number followed by a "
        "currency name or code (42 million euros, 500 USD), or words such as "
        "multimillion-dollar, budget, paid, bribe.",
        _regex(
            re.compile(
                r"[$€£¥₹₽₸]\s?\d[\d,.]*(?:\s?(?:million|billion|thousand|[mbk])\b)?|"
                r"\b\d[\d,.]*\s*(?:million|billion|thousand|m|bn|k)?\s*(?:"
                + _CURRENCY_WORDS
                + r")\b|\bmulti-?(?:million|billion)(?:-\w+)?\b|"
                r"\b(?:budget|paid|payments?|bribes?|bribery|funds?|fee|fees|salary)\b",
                re.IGNORECASE,
            )
        ),
    )
)


_CONNECTORS = frozenset(
    [
        "of",
        "the",
        "for",
        "and",
        "de",
        "del",
        "da",
        "do",
        "dos",
        "van",
        "von",
        "der",
        "al",
        "bin",
        "la",
        "le",
        "y",
    ]
)
# Capitalised only because they open the sentence.
_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "but",
        "or",
        "as",
        "after",
        "before",
        "since",
        "when",
        "while",
        "during",
        "meanwhile",
        "although",
        "however",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "he",
        "she",
        "it",
        "they",
        "we",
        "there",
        "here",
        "then",
        "so",
        "yet",
        "if",
    ]
)
_TOKEN = re.compile(r"[^\W\d_][\w\u2019'-]*")


def _joined(sentence: str, prev: re.Match[str], nxt: re.Match[str]) -> bool:
    """Whether two tokens belong to one name: a space between, or an initial's dot."""
    gap = sentence[prev.end() : nxt.start()]
    if not gap.strip():
        return True
    initial = len(prev.group()) == 1 and prev.group().isupper()
    return initial and gap.strip() == "."


def _names(sentence: str) -> list[str]:
    tokens = list(_TOKEN.finditer(sentence))
    if tokens and tokens[0].group().casefold() in _OPENERS:
        tokens = tokens[1:]
        first_index = -1  # the opener was the first word; what follows is not
    else:
        first_index = 0
    found: list[str] = []
    i = 0
    while i < len(tokens):
        word = tokens[i].group()
        if not word[0].isupper():
            i += 1
            continue
        if i == first_index and not (
            len(tokens) > 1
            and tokens[1].group()[0].isupper()
            and _joined(sentence, tokens[0], tokens[1])
        ):
            i += 1  # capitalised only because it opens the sentence
            continue
        j = i  # extend over capitalised words, allowing lowercase connectors inside
        k = i + 1
        while k < len(tokens) and _joined(sentence, tokens[k - 1], tokens[k]):
            nxt = tokens[k].group()
            if nxt[0].isupper():
                j = k
                k += 1
            elif nxt.casefold() in _CONNECTORS and k + 1 < len(tokens):
                k += 1
            else:
                break
        run = sentence[tokens[i].start() : tokens[j].end()]
        capitals = sum(1 for t in tokens[i : j + 1] if t.group()[0].isupper())
        acronym = len(word) >= 2 and word.isupper()
        if capitals >= 2 or acronym or (i != first_index and word != "I"):
            found.append(run)
        i = j + 1
    return list(dict.fromkeys(found))


_register(
    CandidateRule(
        "name",
        "Named people and bodies",
        "Two or more capitalised words in a row, allowing of/the/de/van/al... between "
        "them (Robert Menendez, Senate Foreign Relations Committee); an acronym of two "
        "or more capitals (UN, OSCE); or a capitalised word that does not start the "
        "sentence (Kazakhstan). A sentence's first word alone does not count.",
        _names,
    )
)
_register(
    CandidateRule(
        "attribution",
        "Attribution",
        "Words that attribute a statement to someone: according to, said, says, told, "
        "stated, claimed, announced, reported, reports, wrote, confirmed, denied, noted, "
        "quoted.",
        _regex(
            _words(
                r"according to",
                r"said",
                r"says",
                r"told",
                r"stated",
                r"claim(?:s|ed)",
                r"announced",
                r"reported",
                r"reports",
                r"wrote",
                r"confirmed",
                r"denied",
                r"notes",
                r"noted",
                r"quoted",
            )
        ),
    )
)
_register(
    CandidateRule(
        "legal",
        "Legal words",
        "Words of courts and investigations: convicted, charged, sentenced, indicted, "
        "guilty, acquitted, verdict, court, judge, jury, trial, tried, prosecutors, "
        "lawsuit, sued, fined, arrested, detained, prison, bribery, extortion, fraud, "
        "corruption, embezzlement, money laundering, investigation, searches.",
        _regex(
            _words(
                r"convict(?:ed|ion|ions)?",
                r"charged?",
                r"charges",
                r"sentenc(?:ed|e)",
                r"indict(?:ed|ment)",
                r"guilty",
                r"acquit(?:ted|tal)",
                r"verdicts?",
                r"courts?",
                r"judges?",
                r"jury",
                r"trials?",
                r"tried",
                r"prosecut(?:ors?|ed|ion)",
                r"lawsuits?",
                r"sued",
                r"fined",
                r"arrest(?:ed)?",
                r"detain(?:ed)?",
                r"detention",
                r"prison",
                r"imprison(?:ed|ment)",
                r"bribery",
                r"extortion",
                r"fraud",
                r"corruption",
                r"embezzl(?:ed|ement)",
                r"money laundering",
                r"investigat(?:ion|ions|ed|ing)",
                r"searche[sd]",
            )
        ),
    )
)
_register(
    CandidateRule(
        "superlative",
        "Superlatives and firsts",
        "first, only, last, largest, biggest, highest, lowest, greatest, smallest, "
        "oldest, youngest, richest, most, least, best, worst, record, unprecedented, "
        "never before, all-time.",
        _regex(
            _words(
                r"first",
                r"only",
                r"last",
                r"largest",
                r"biggest",
                r"highest",
                r"lowest",
                r"greatest",
                r"smallest",
                r"oldest",
                r"youngest",
                r"richest",
                r"most",
                r"least",
                r"best",
                r"worst",
                r"record",
                r"unprecedented",
                r"never before",
                r"all-time",
            )
        ),
    )
)
_register(
    CandidateRule(
        "hedge",
        "Hedges (hint: speculative)",
        "may, might, could, would have, perhaps, possibly, probably, likely, apparently, "
        "allegedly, reportedly, supposedly, suspiciously, seems, appears to, suggests, "
        "rumoured, it is believed, is said to. A claim drawn from such a sentence is often "
        "an insinuation: consider the status speculative.",
        _regex(
            re.compile(
                r"\b(?:might|could|would have|perhaps|possibly|probably|likely|"
                r"apparently|allegedly|reportedly|supposedly|suspiciously|seem(?:s|ed|ingly)?|"
                r"appears? to|suggests?|rumou?red|it is believed|is said to)\b|"
                r"(?<!\d\s)\bmay\b(?!\s+\d)",
                re.IGNORECASE,
            )
        ),
        speculative=True,
    )
)


def rules_markdown() -> str:
    """The README's list of candidate rules."""
    lines = ["| Reason | What marks a sentence |", "| --- | --- |"]
    for rule in CANDIDATE_RULES.values():
        doc = rule.doc.replace("|", "\\|")
        lines.append(f"| `{rule.id}` | **{rule.title}.** {doc} |")
    return "\n".join(lines) + "\n"


# Coverage --------------------------------------------------------------------------
@dataclass(frozen=True)
class Reason:
    rule: str
    matches: tuple[str, ...]


@dataclass
class CandidateSentence:
    index: int  # 1-based
    line: int
    text: str
    reasons: list[Reason] = field(default_factory=list)
    covered_by: list[str] = field(default_factory=list)

    @property
    def candidate(self) -> bool:
        return bool(self.reasons)

    @property
    def speculative(self) -> bool:
        return any(CANDIDATE_RULES[r.rule].speculative for r in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "line": self.line,
            "text": self.text,
            "candidate": self.candidate,
            "speculative_hint": self.speculative,
            "reasons": [{"rule": r.rule, "matches": list(r.matches)} for r in self.reasons],
            "covered_by": self.covered_by,
        }


@dataclass
class Candidates:
    article: str
    text_path: str
    sentences: list[CandidateSentence]

    def summary(self) -> dict[str, int]:
        candidates = [s for s in self.sentences if s.candidate]
        return {
            "sentences": len(self.sentences),
            "candidates": len(candidates),
            "covered": sum(1 for s in self.sentences if s.covered_by),
            "uncovered_candidates": sum(1 for s in candidates if not s.covered_by),
        }

    def selected(self, uncovered: bool = False) -> list[CandidateSentence]:
        """Candidates and covered sentences; with ``uncovered``, uncovered candidates only."""
        if uncovered:
            return [s for s in self.sentences if s.candidate and not s.covered_by]
        return [s for s in self.sentences if s.candidate or s.covered_by]

    def to_dict(self, uncovered: bool = False) -> dict[str, Any]:
        return {
            "version": 1,
            "article": self.article,
            "text": self.text_path,
            "summary": self.summary(),
            "sentences": [s.to_dict() for s in self.selected(uncovered)],
        }


def reasons(sentence: str) -> list[Reason]:
    out = []
    for rule in CANDIDATE_RULES.values():
        found = rule.match(sentence)
        if found:
            out.append(Reason(rule.id, tuple(found)))
    return out


def article_quotes(folder: Path) -> list[tuple[str, str]]:
    """``(id, quote)`` of every claim file of the article whose quote can be read.

    Claims still being written (notes empty, say) count as covering their sentence,
    so a file is read here even when it does not validate yet.
    """
    out: list[tuple[str, str]] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return out
    for entry in entries:
        name = entry.name
        if is_ignored_name(name) or name == ARTICLE_FILE or not name.endswith(CLAIM_SUFFIXES):
            continue
        raw, problem = read_bytes(entry, str(entry), MAX_YAML_BYTES)
        if raw is None or problem is not None:
            continue
        text, problem = decode(raw, str(entry))
        if text is None:
            continue
        data = parse_yaml(text, str(entry)).data
        if isinstance(data, dict) and isinstance(data.get("quote"), str):
            claim_id = data.get("id") if isinstance(data.get("id"), str) else entry.stem
            out.append((str(claim_id), data["quote"]))
    return out


def find_candidates(
    slug: str, text: str, text_path: str, quotes: list[tuple[str, str]]
) -> Candidates:
    """Split ``text`` into sentences, give each its reasons and the claims covering it."""
    sentences = split_sentences(text)
    # Sentences joined by single spaces are the normalised text (see fcheck.sentences),
    # so a quote's position there maps straight onto sentence spans.
    spans: list[tuple[int, int]] = []
    position = 0
    for sentence in sentences:
        length = len(sentence.normalized)
        spans.append((position, position + length))
        position += length + 1
    normalized = " ".join(s.normalized for s in sentences)
    covered: list[list[str]] = [[] for _ in sentences]
    for claim_id, quote in quotes:
        needle = normalize_space(quote)
        if not needle:
            continue
        start = normalized.find(needle)
        while start != -1:
            end = start + len(needle)
            for i, (a, b) in enumerate(spans):
                if a < end and start < b and claim_id not in covered[i]:
                    covered[i].append(claim_id)
            start = normalized.find(needle, start + 1)
    out = []
    for i, sentence in enumerate(sentences):
        out.append(
            CandidateSentence(
                index=i + 1,
                line=text.count("\n", 0, sentence.start) + 1,
                text=sentence.normalized,
                reasons=reasons(sentence.normalized),
                covered_by=covered[i],
            )
        )
    return Candidates(slug, text_path, out)


if __name__ == "__main__":  # pragma: no cover - regenerates the README's list
    import sys

    sys.stdout.write(rules_markdown())
