"""Near-duplicate claims: two claims of one article with nearly the same text.

Texts are compared as sets of words (case, accents and punctuation ignored) by their
Jaccard similarity: the size of the intersection over the size of the union. A pair
is reported when the similarity is at least :data:`THRESHOLD` for the claim texts, or
for the quotes when the claim texts also share half their words. Only claims of the
same article are compared: the same claim made by two articles is two legitimate
records.

To stay near-linear on large collections, candidate pairs come from prefix filtering
(Chaudhuri et al. 2006; Bayardo et al. 2007): with the words of every text ordered
rarest first, two sets with Jaccard ≥ t must share at least one word among the first
``len - ceil(t * len) + 1`` words of each. Only texts sharing such a prefix word are
compared, which finds exactly the pairs over the threshold without comparing all pairs.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fcheck.checks.registry import CrossFileResult, cross_file_rule
from fcheck.findings import Finding, Severity
from fcheck.loader import finding
from fcheck.model import Article, Claim
from fcheck.rules import Stage, declare

NEAR_DUPLICATE = declare(
    "near-duplicate",
    "Two claims of one article are nearly the same",
    """Two claims of the same article share at least 80% of the words of their
    `claim` texts, or 80% of the words of their `quote` and half of those of their
    `claim` texts (Jaccard similarity of the word sets; case, accents and punctuation
    ignored). One passage often makes several claims, so a shared quote alone is not
    reported. Usually one claim was recorded twice: merge them, or make the difference
    clear in the wording. A warning: `validate` fails on it only with
    `--strict`.""",
    Stage.CROSS_FILE,
    Severity.WARNING,
)
THRESHOLD = 0.8
QUOTE_CLAIM_THRESHOLD = 0.5
_WORD_RE = re.compile(r"\w+")


class _StripMarks(dict[int, int | None]):
    """A ``str.translate`` table dropping combining marks, filled as characters appear.

    Looking characters up in C (a dict hit) instead of testing each one in Python keeps
    warm validation of a large collection from spending its time here.
    """

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_STRIP_MARKS = _StripMarks()


def words(text: str) -> frozenset[str]:
    """The set of words of ``text``: casefolded, accents removed, punctuation ignored."""
    folded = text.casefold()
    if folded.isascii():
        return frozenset(_WORD_RE.findall(folded))
    # Folding whole texts costs a dictionary lookup per character; folding each
    # whitespace-separated token once and remembering it costs one per token. Both
    # give the same words: decomposition and mark removal act on each character (and
    # marks are never reordered across whitespace), and whitespace is never part of
    # a word.
    found: list[str] = []
    memo = _TOKEN_WORDS
    for token in folded.split():
        hit = memo.get(token)
        if hit is None:
            if len(memo) >= _TOKEN_MEMO_SIZE:
                memo.clear()
            plain = unicodedata.normalize("NFKD", token).translate(_STRIP_MARKS)
            hit = memo[token] = tuple(_WORD_RE.findall(plain))
        found.extend(hit)
    return frozenset(found)


_TOKEN_WORDS: dict[str, tuple[str, ...]] = {}
_TOKEN_MEMO_SIZE = 200_000


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    shared = len(a & b)  # the union's size follows; building it would cost a second set
    return shared / (len(a) + len(b) - shared)


class Budget:
    """How many more pairs may be compared (the work of one article is bounded: n
    near-identical claims would otherwise cost n² comparisons)."""

    def __init__(self, pairs: int) -> None:
        self.left = pairs
        self.exhausted = False


def similar_pairs(
    texts: list[frozenset[str]], threshold: float = THRESHOLD, budget: Budget | None = None
) -> Iterable[tuple[int, int, float]]:
    """Every pair ``(i, j, similarity)`` with ``i < j`` and Jaccard ≥ ``threshold``.

    With a ``budget``, at most ``budget.left`` pairs are compared; when it runs out
    the search stops and ``budget.exhausted`` is set (the pairs found so far stand).
    """
    frequency: Counter[str] = Counter()
    for text in texts:
        frequency.update(text)
    # One global order, rarest first, as integer ranks so that sorting is cheap. Any
    # order that is the same for every text will do (ties keep first-seen order).
    by_rarity = sorted(frequency, key=frequency.__getitem__)
    rank = dict(zip(by_rarity, range(len(by_rarity)), strict=True))
    index: dict[int, list[int]] = {}
    # Texts are indexed by a shorter prefix than they probe with (Xiao et al. 2008,
    # PPJoin): for |y| <= |x| and Jaccard >= t, y's first |y| - ceil(2t/(1+t)|y|) + 1
    # words already share one with x's probing prefix.
    index_share = 2 * threshold / (1 + threshold)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for i in order:  # shortest first, so the length filter only has to look one way
        text = texts[i]
        if not text:
            continue
        ranked = sorted(map(rank.__getitem__, text))
        size = len(ranked)
        # the epsilon keeps float error (0.8 * 15 = 12.000000000000002) from
        # shortening a prefix and losing a pair
        seen: set[int] = set()
        for word in ranked[: size - math.ceil(threshold * size - 1e-9) + 1]:
            for j in index.get(word, ()):
                if j in seen:
                    continue
                seen.add(j)
                if budget is not None:
                    if budget.left <= 0:
                        budget.exhausted = True
                        return
                    budget.left -= 1
                # j is no longer than i; Jaccard ≤ |j| / |i| bounds the pair
                if len(texts[j]) < threshold * size:
                    continue
                score = jaccard(text, texts[j])
                if score >= threshold:
                    yield (min(i, j), max(i, j), score)
        for word in ranked[: size - math.ceil(index_share * size - 1e-9) + 1]:
            index.setdefault(word, []).append(i)


Pair = tuple[int, int, str, float]  # indexes in the article's claims, field, similarity

# Pairs examined per article (each a few microseconds): an article of 300 claims that
# all resemble each other is compared in full, and n near-identical claims cost at
# most this much, whatever n is.
MAX_PAIRS_EXAMINED = 50_000
# Members named in one finding; the rest are counted.
MAX_NAMED = 8

# A similar pair found elsewhere (in a worker process): both claims' paths, the field
# and the similarity.
PathPair = tuple[str, str, str, float]
# What a worker found for one article: its similar pairs, and whether the comparison
# stopped at MAX_PAIRS_EXAMINED.
Found = tuple[list[PathPair], bool]


def path_pairs(group: list[Claim], threshold: float = THRESHOLD) -> Found:
    """The similar pairs of one article's claims, by path (for :func:`near_duplicates`'s
    ``known``), and whether the comparison was cut short."""
    pairs, capped = _pairs(group, threshold)
    return [(group[i].path, group[j].path, name, score) for i, j, name, score in pairs], capped


def near_duplicates(
    claims: list[Claim],
    threshold: float = THRESHOLD,
    memo: dict[str, Any] | None = None,
    known: Mapping[str, Found] | None = None,
) -> list[Finding]:
    """One ``near-duplicate`` warning per group of similar claims of an article.

    A pair is similar when its claim texts reach ``threshold``, or when its quotes do
    and its claim texts reach :data:`QUOTE_CLAIM_THRESHOLD`: one passage often makes
    several claims, so a shared quote alone is no sign of a duplicate. Similar pairs
    that share a claim form one group (a cluster); its warning is on the group's first
    claim (by path) and names the others (at most :data:`MAX_NAMED`, then how many
    more), so that n copies of one claim give one warning, not n².

    At most :data:`MAX_PAIRS_EXAMINED` pairs are examined per article; an article
    that needs more gets a warning saying the comparison stopped.

    ``memo`` (from the cache) maps a hash of an article's claim paths, texts and
    quotes to its pairs: an article whose claims did not change is not compared
    again. It is updated in place and afterwards holds only this run's articles.

    ``known`` gives, by article, what :func:`path_pairs` found among a superset of
    that article's claims in this run (worker processes compare the articles they
    parse). Whether two claims are similar depends on those two alone, so the pairs
    of the claims left are the known pairs whose claims are both left.
    """
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article].append(claim)
    out: list[Finding] = []
    used: dict[str, Any] = {}
    for group in by_article.values():
        if len(group) < 2:
            continue
        found = known.get(group[0].article) if known is not None else None
        capped = False
        if found is not None:
            where = {claim.path: i for i, claim in enumerate(group)}
            pairs = sorted(
                (where[a], where[b], name, score)
                for a, b, name, score in found[0]
                if a in where and b in where
            )
            capped = found[1]
            if memo is not None and not capped:
                used[_group_key(group, threshold)] = [list(pair) for pair in pairs]
        elif memo is None:
            pairs, capped = _pairs(group, threshold)
        else:
            key = _group_key(group, threshold)
            remembered = _valid_pairs(memo.get(key), group, threshold)
            if remembered is None:
                pairs, capped = _pairs(group, threshold)
            else:
                pairs = remembered
            if not capped:  # a cut-short comparison is cheap to redo and not remembered
                used[key] = [list(pair) for pair in pairs]
        out.extend(_cluster_findings(group, pairs))
        if capped:
            first = min(group, key=lambda c: c.path)
            out.append(
                finding(
                    first.path,
                    first.position("claim"),
                    NEAR_DUPLICATE.id,
                    f"the {len(group):,} claims of article '{first.article}' were compared "
                    f"for near-duplicates only until {MAX_PAIRS_EXAMINED:,} pairs had been "
                    "examined, so some may not be reported; merge the claims that repeat "
                    "each other",
                )
            )
    if memo is not None:
        memo.clear()
        memo.update(used)
    return out


@cross_file_rule(NEAR_DUPLICATE)
def near_duplicate_claims(
    claims: Sequence[Claim],
    articles: Mapping[str, Article],
    *,
    memo: dict[str, Any] | None = None,
    known: Mapping[str, Found] | None = None,
) -> CrossFileResult:
    """``near-duplicate`` warnings as a cross-file rule (see :func:`near_duplicates`,
    whose ``memo`` and ``known`` only save time: the findings are the same without
    them)."""
    return CrossFileResult(near_duplicates(list(claims), memo=memo, known=known))


def _cluster_findings(group: list[Claim], pairs: list[Pair]) -> list[Finding]:
    """One finding per connected group of similar pairs."""
    if not pairs:
        return []
    parent = list(range(len(group)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _name, _score in pairs:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    clusters: dict[int, list[Pair]] = defaultdict(list)
    for pair in pairs:
        clusters[root(pair[0])].append(pair)
    out: list[Finding] = []
    for cluster in clusters.values():
        members = sorted({i for i, j, _n, _s in cluster} | {j for i, j, _n, _s in cluster})
        members.sort(key=lambda i: group[i].path)
        first = group[members[0]]
        others = [group[i].path for i in members[1:]]
        name = "claim" if any(p[2] == "claim" for p in cluster) else "quote"
        if len(members) == 2:
            score = cluster[0][3]
            message = (
                f"{name} is nearly the same as the {name} of {others[0]} "
                f"({score:.0%} of words shared); merge the two claims or make the "
                "difference clear"
            )
        else:
            named = ", ".join(others[:MAX_NAMED])
            more = len(others) - MAX_NAMED
            if more > 0:
                named += f" and {more:,} more"
            lowest = min(p[3] for p in cluster)
            message = (
                f"{len(members):,} claims are near-duplicates of each other: this one and "
                f"{named} (each pair that links them shares at least {lowest:.0%} of "
                "words); merge them or make the differences clear"
            )
        out.append(finding(first.path, first.position(name), NEAR_DUPLICATE.id, message))
    return out


def _pairs(group: list[Claim], threshold: float) -> tuple[list[Pair], bool]:
    budget = Budget(MAX_PAIRS_EXAMINED)
    claim_words = [words(str(c.data.get("claim", ""))) for c in group]
    pairs: dict[tuple[int, int], tuple[str, float]] = {}
    for i, j, score in similar_pairs(claim_words, threshold, budget):
        pairs[(i, j)] = ("claim", score)
    quote_words = [words(str(c.data.get("quote", ""))) for c in group]
    if not budget.exhausted:
        for i, j, score in similar_pairs(quote_words, threshold, budget):
            if (i, j) in pairs:
                continue
            if jaccard(claim_words[i], claim_words[j]) >= QUOTE_CLAIM_THRESHOLD:
                pairs[(i, j)] = ("quote", score)
    found = [(i, j, name, score) for (i, j), (name, score) in sorted(pairs.items())]
    return found, budget.exhausted


def _group_key(group: list[Claim], threshold: float) -> str:
    # JSON keeps the parts apart unambiguously, and encodes in C in one call.
    parts = [threshold, *((c.path, c.data.get("claim"), c.data.get("quote")) for c in group)]
    encoded = json.dumps(parts, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(encoded, digest_size=16).hexdigest()


def _valid_pairs(value: Any, group: list[Claim], threshold: float) -> list[Pair] | None:
    """Remembered pairs, if they are of the shape :func:`_pairs` gives and each one is
    similar as remembered (checking the few pairs found is cheap; a memo edited to
    add a warning is ignored)."""
    if not isinstance(value, list):
        return None
    pairs: list[Pair] = []
    for item in value:
        if not (
            isinstance(item, list)
            and len(item) == 4
            and type(item[0]) is int
            and type(item[1]) is int
            and 0 <= item[0] < item[1] < len(group)
            and item[2] in ("claim", "quote")
            and type(item[3]) is float
            and item[3] >= threshold
        ):
            return None
        i, j, name, score = item
        if jaccard(_words_of(group[i], name), _words_of(group[j], name)) != score:
            return None
        pairs.append((i, j, name, score))
    return pairs


def _words_of(claim: Claim, name: str) -> frozenset[str]:
    return words(str(claim.data.get(name, "")))
