"""The rules that mark a sentence as worth checking (``fcheck candidates``).

Each rule returns what it matched, so the user sees why a sentence was marked. A
``hedge`` hints that a claim drawn from the sentence may be ``speculative``. Rules
only: no model and no network. The documentation's rule list is generated from this registry
(``python -m fcheck.candidates``) and a test keeps the two in sync.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Matcher = Callable[[str], list[str]]


@dataclass(frozen=True)
class CandidateRule:
    id: str
    title: str
    doc: str
    match: Matcher
    speculative: bool = False  # a hint that the claim may be speculative


CANDIDATE_RULES: dict[str, CandidateRule] = {}


def _words(alternatives: str) -> re.Pattern[str]:
    """Whole words or phrases, case-insensitively: ``"said|says|according to"``."""
    return re.compile(r"\b(?:" + alternatives + r")\b", re.IGNORECASE)


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
    """
    of the for and de del da do dos van von der al bin la le y
    """.split()  # noqa: SIM905
)
# Capitalised only because they open the sentence.
_OPENERS = frozenset(
    """
    the a an in on at by for from with and but or as after before since when while
    during meanwhile although however this that these those his her its their our my
    he she it they we there here then so yet if
    """.split()  # noqa: SIM905
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
        "stated, claims, claimed, announced, reported, reports, wrote, confirmed, denied, "
        "notes, noted, quoted.",
        _regex(
            _words(
                r"according to|said|says|told|stated|claim(?:s|ed)|announced|reported|"
                r"reports|wrote|confirmed|denied|notes|noted|quoted"
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
                r"convict(?:ed|ion|ions)?|charged?|charges|sentenc(?:ed|e)|"
                r"indict(?:ed|ment)|guilty|acquit(?:ted|tal)|verdicts?|courts?|"
                r"judges?|jury|trials?|tried|prosecut(?:ors?|ed|ion)|lawsuits?|sued|"
                r"fined|arrest(?:ed)?|detain(?:ed)?|detention|prison|"
                r"imprison(?:ed|ment)|bribery|extortion|fraud|corruption|"
                r"embezzl(?:ed|ement)|money laundering|investigat(?:ion|ions|ed|ing)|"
                r"searche[sd]"
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
                r"first|only|last|largest|biggest|highest|lowest|greatest|smallest|"
                r"oldest|youngest|richest|most|least|best|worst|record|unprecedented|"
                r"never before|all-time"
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
    """The documentation's list of candidate rules."""
    lines = ["| Reason | What marks a sentence |", "| --- | --- |"]
    for rule in CANDIDATE_RULES.values():
        doc = rule.doc.replace("|", "\\|")
        lines.append(f"| `{rule.id}` | **{rule.title}.** {doc} |")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Reason:
    rule: str
    matches: tuple[str, ...]


def reasons(sentence: str) -> list[Reason]:
    out = []
    for rule in CANDIDATE_RULES.values():
        found = rule.match(sentence)
        if found:
            out.append(Reason(rule.id, tuple(found)))
    return out
