"""The rules across claim files: each declared beside its check, and the order they
run in (:data:`CROSS_FILE_RULES`).

They run after every file has been checked on its own, over the claims that loaded.
Each returns findings and the claims it rejects, which the rules after it then do not
see. They read only the claims and the articles, so they run the same whether the
claims were just parsed or came from the cache. A rule may read only the fields of
``claim.data`` in :data:`CROSS_FILE_FIELDS` (plus ``claim.id``,
``.article``, ``.path`` and ``.position()``): ``validate`` takes just these from the
cache. A new rule needing another field adds it there (and bumps
``fcheck.cache.CACHE_FORMAT``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from fcheck.checks.registry import CrossFileResult, CrossFileRule, cross_file_rule
from fcheck.findings import Finding
from fcheck.loader import finding
from fcheck.model import Article, Claim
from fcheck.rules import Stage, declare
from fcheck.similarity import near_duplicate_claims
from fcheck.textmatch import closest_passage, normalize_space

# The fields of ``claim.data`` the cross-file rules read (see above).
CROSS_FILE_FIELDS = ("id", "claim", "quote", "status")

DUPLICATE_ID = declare(
    "duplicate-id",
    "Two claims share an id",
    """Claim ids are unique across the whole collection, not just within an article.
    The message names the other file.""",
    Stage.CROSS_FILE,
)


@cross_file_rule(DUPLICATE_ID)
def duplicate_ids(claims: Sequence[Claim], articles: Mapping[str, Article]) -> CrossFileResult:
    """``duplicate-id`` on every claim whose id another claim has."""
    seen: dict[str, Claim] = {}
    broken: set[str] = set()
    out: list[Finding] = []
    for claim in claims:
        first = seen.setdefault(claim.id, claim)
        if first is claim:
            continue
        for this, other in ((claim, first), (first, claim)):
            if this.path in broken:
                continue
            out.append(
                finding(
                    this.path,
                    this.position("id"),
                    DUPLICATE_ID.id,
                    f"id '{this.id}' is also used by {other.path}; give one of them a new id",
                )
            )
            broken.add(this.path)
    return CrossFileResult(out, frozenset(broken))


QUOTE_NOT_FOUND = declare(
    "quote-not-found",
    "The quote does not occur in the article text",
    """The `quote` must be copied verbatim from the article text. Differences in
    whitespace (spaces, line breaks, no-break spaces) are ignored; nothing else is.
    The message shows the closest passage of the article.""",
    Stage.CROSS_FILE,
)


@cross_file_rule(QUOTE_NOT_FOUND)
def quotes_in_text(claims: Sequence[Claim], articles: Mapping[str, Article]) -> CrossFileResult:
    """``quote-not-found`` on every claim whose quote is not in its article's text."""
    # Claims come article by article: one normalized text at a time is enough, and
    # all of them at once would double the memory the article texts take.
    normalized: tuple[str, str] = ("", "")
    bad: set[str] = set()
    out: list[Finding] = []
    for claim in claims:
        article = articles.get(claim.article)
        if article is None or article.text is None:
            continue
        quote = claim.data["quote"]
        # A quote that occurs as it stands also occurs once both are normalized (its
        # inner words are whole words of the text, its ends parts of words: see
        # tests/test_textmatch.py); most do, and need neither normalized.
        if quote in article.text:
            continue
        if normalized[0] != claim.article:
            normalized = (claim.article, normalize_space(article.text))
        text = normalized[1]
        quote = normalize_space(quote)
        if quote in text:
            continue
        text_name = article.data["text"]
        near = closest_passage(text, quote)
        hint = f'; closest passage: "{near}"' if near else ""
        out.append(
            finding(
                claim.path,
                claim.position("quote"),
                QUOTE_NOT_FOUND.id,
                f"quote does not occur in {text_name}; copy it verbatim from the article{hint}",
            )
        )
        bad.add(claim.path)
    return CrossFileResult(out, frozenset(bad))


# The order the cross-file rules run in (near-duplicate, in fcheck.similarity, last:
# it compares only the claims the others kept).
CROSS_FILE_RULES: tuple[CrossFileRule, ...] = (duplicate_ids, quotes_in_text, near_duplicate_claims)

# A cross-file rule, or one with some of its options given (functools.partial)
CrossFileCall = Callable[[Sequence[Claim], Mapping[str, Article]], CrossFileResult]


def check_across_files(
    claims: Sequence[Claim],
    articles: Mapping[str, Article],
    cross_rules: Sequence[CrossFileCall] = CROSS_FILE_RULES,
) -> tuple[list[Finding], list[Claim]]:
    """Run ``cross_rules`` in order: their findings, and the claims none rejected."""
    findings: list[Finding] = []
    kept = list(claims)
    for rule in cross_rules:
        result = rule(kept, articles)
        findings.extend(result.findings)
        if result.rejected:
            kept = [c for c in kept if c.path not in result.rejected]
    return findings, kept
