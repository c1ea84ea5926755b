"""Check-worthy sentences of an article and which of them the claims already cover.

``fcheck candidates`` splits the article text into sentences (:mod:`fcheck.sentences`)
and gives each the reasons found by the rules of :mod:`fcheck.candidate_rules`. A
sentence is covered when the quote of one of the article's claims overlaps it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fcheck.candidate_rules import CANDIDATE_RULES, Reason, reasons
from fcheck.loader import read_yaml
from fcheck.sentences import split_sentences
from fcheck.textmatch import normalize_space


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


def article_quotes(folder: Path) -> list[tuple[str, str]]:
    """``(id, quote)`` of every claim file of the article whose quote can be read.

    Claims still being written (notes empty, say) count as covering their sentence,
    so a file is read here even when it does not validate yet.
    """
    from fcheck.collection import claim_files_in

    out: list[tuple[str, str]] = []
    for shown in claim_files_in(folder, folder.parent).paths:
        entry = Path(shown)
        data = read_yaml(entry, str(entry)).data
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
    starts = [a for a, _b in spans]
    covered: list[list[str]] = [[] for _ in sentences]
    for claim_id, quote in quotes:
        needle = normalize_space(quote)
        if not needle:
            continue
        start = normalized.find(needle)
        while start != -1:
            end = start + len(needle)
            # the sentences the occurrence overlaps: from the last one starting at or
            # before it to the last one starting before its end
            first = max(0, bisect.bisect_right(starts, start) - 1)
            for i in range(first, bisect.bisect_left(starts, end)):
                a, b = spans[i]
                if a < end and start < b and claim_id not in covered[i]:
                    covered[i].append(claim_id)
            start = normalized.find(needle, start + 1)
    out = []
    line, counted = 1, 0  # lines are counted once through the text, not per sentence
    for i, sentence in enumerate(sentences):
        line += text.count("\n", counted, sentence.start)
        counted = sentence.start
        out.append(
            CandidateSentence(
                index=i + 1,
                line=line,
                text=sentence.normalized,
                reasons=reasons(sentence.normalized),
                covered_by=covered[i],
            )
        )
    return Candidates(slug, text_path, out)
