"""schema.org ClaimReview JSON-LD, and a lint against Google's documented properties.

The mapping follows https://schema.org/ClaimReview, https://schema.org/Claim and
https://schema.org/Rating; the lint follows Google's "Fact check (ClaimReview)
structured data" guide,
https://developers.google.com/search/docs/appearance/structured-data/factcheck:

- ClaimReview: ``claimReviewed``, ``reviewRating`` and ``url`` are required;
  ``author``, ``datePublished`` and ``itemReviewed`` are recommended. Google asks to
  keep ``claimReviewed`` under 75 characters "to minimize wrapping when displayed on a
  mobile device", and says a page is eligible for the fact-check rich result only when
  it holds one ClaimReview element.
- Claim (``itemReviewed``): ``appearance``, ``author``, ``datePublished`` and
  ``firstAppearance`` are recommended.
- Rating (``reviewRating``): ``alternateName`` is required; ``ratingValue``,
  ``bestRating``, ``worstRating`` and ``name`` are recommended, but "the textual value
  is currently the only value shown in search results".

fcheck never writes a numeric ``ratingValue``: evidence statuses and rating labels
are categories, not points on a scale, and a made-up number would misstate the
review. The lint therefore does not ask for the numeric properties.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fcheck.config import CONFIG_FILE, Config
from fcheck.findings import Finding, Severity, sort_key
from fcheck.model import STATUSES, Article, Claim
from fcheck.safe import dumps_json, script_safe_json
from fcheck.safe import http_url as _http

CONTEXT = "https://schema.org"
MAX_CLAIM_REVIEWED = 75  # Google's advice for claimReviewed
SUMMARY_LENGTH = 200

# Words that mark a source name as a body rather than a person. The claim format has no
# field saying which it is, so this is a documented guess: a name is an Organization
# when it is the article's publisher, a web domain or contains one of these words, and
# a Person otherwise.
_BODY_WORDS = re.compile(
    r"\b(agency|association|authority|bank|board|bureau|cabinet|campaign|center|centre|"
    r"church|city|club|commission|committee|company|congress|corporation|council|court|"
    r"department|embassy|foundation|fund|gazette|government|group|inc|institute|journal|"
    r"league|ltd|magazine|media|ministry|news|newspaper|office|organi[sz]ation|parliament|"
    r"party|police|post|press|prosecutors?|radio|reuters|senate|service|society|tv|"
    r"times|tribune|union|university)\b",
    re.IGNORECASE,
)
# Stems of such words in other languages the bundled fixtures and users write in.
_BODY_STEMS = re.compile(
    r"\b(ag[eê]ncia|agence|assembl|banco\b|banque\b|comisi[oó]n|comiss[aã]o|congres|"
    r"conse(?:lho|jo|il)\b|fondation|funda[cç][aã]o|fundaci[oó]n|gericht|gobierno|"
    r"gouvernement|governo|institut|jornal|minist[eéèê]r|municipal|parlament|partido|"
    r"peri[oó]dico|pol[ií]cia|prefeitura|regierung|senado|s[ée]nat\b|stiftung|tribunal|"
    r"universi|zeitung)",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"\w\.[A-Za-z]{2,}\b")


def author_type(name: str, publisher: str | None = None) -> str:
    """``Organization`` or ``Person`` for whoever makes a claim."""
    if publisher and name.strip().casefold() == publisher.strip().casefold():
        return "Organization"
    if _DOMAIN.search(name) or _BODY_WORDS.search(name) or _BODY_STEMS.search(name):
        return "Organization"
    return "Person"


def summarize_notes(notes: str, limit: int = SUMMARY_LENGTH) -> str:
    """The first sentence of the notes, cut at a word boundary near ``limit``."""
    text = " ".join(str(notes).split())
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“(])", text)
    first = text[: match.start()] if match else text
    if len(first) <= limit:
        return first
    cut = first[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def review_url(config: Config, claim: Claim) -> str | None:
    if not config.review_url:
        return None
    return config.review_url.format(id=claim.id, article=claim.article)


def _organization(config: Config) -> dict[str, Any] | None:
    if not config.organization:
        return None
    org: dict[str, Any] = {"@type": "Organization", "name": config.organization}
    if config.organization_url:
        org["url"] = config.organization_url
    return org


def _appearance(article: Article | None) -> dict[str, Any] | None:
    if article is None or not _http(article.data.get("url")):
        return None
    data = article.data
    work: dict[str, Any] = {"@type": "CreativeWork", "url": data["url"]}
    if data.get("title"):
        work["headline"] = " ".join(str(data["title"]).split())
    if data.get("published"):
        work["datePublished"] = str(data["published"])
    if data.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": str(data["publisher"])}
    if data.get("language"):
        work["inLanguage"] = str(data["language"])
    return work


def claim_review(claim: Claim, article: Article | None, config: Config) -> dict[str, Any]:
    """One ClaimReview object (without ``@context``) for one claim."""
    data = claim.data
    source = data.get("source") or {}
    publisher = str(article.data.get("publisher", "")) if article else None
    author: dict[str, Any] = {
        "@type": author_type(str(source.get("name", "")), publisher),
        "name": str(source.get("name", "")),
    }
    if _http(source.get("url")):
        author["url"] = str(source["url"])
    item: dict[str, Any] = {"@type": "Claim", "author": author}
    if article is not None and article.data.get("published"):
        item["datePublished"] = str(article.data["published"])
    appearance = _appearance(article)
    if appearance is not None:
        item["appearance"] = appearance
    if _http(source.get("url")):
        # Where the source itself made the claim: the earliest appearance fcheck knows.
        item["firstAppearance"] = {"@type": "CreativeWork", "url": str(source["url"])}
    status = claim.status
    label = claim.rating or status
    explanation = f"Evidence status: {status}. {STATUSES.get(status, '')}".strip()
    summary = summarize_notes(str(data.get("notes", "")))
    if summary:
        explanation += " " + summary
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": " ".join(str(data.get("claim", "")).split()),
        "reviewRating": {
            "@type": "Rating",
            "alternateName": label,
            "ratingExplanation": explanation,
        },
        "itemReviewed": item,
        "reviewBody": " ".join(str(data.get("notes", "")).split()),
    }
    org = _organization(config)
    if org is not None:
        review["author"] = org
    if data.get("checked"):
        review["datePublished"] = str(data["checked"])
    url = review_url(config, claim)
    if url is not None:
        review["url"] = url
    citations = [_citation(e) for e in data.get("evidence") or [] if isinstance(e, dict)]
    if citations:
        review["citation"] = citations
    return review


def _citation(item: dict[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": str(item.get("title", ""))}
    for key, prop in (("url", "url"), ("date", "datePublished"), ("archive_url", "archivedAt")):
        value = item.get(key)
        if value and (key == "date" or _http(value)):
            work[prop] = str(value)
    if item.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": str(item["publisher"])}
    return work


def claimreview_document(
    claims: Iterable[Claim], articles: dict[str, Article], config: Config | None = None
) -> dict[str, Any]:
    """Every claim's ClaimReview in one JSON-LD document: ``@graph`` under one context."""
    config = config or Config()
    graph = [claim_review(c, articles.get(c.article), config) for c in claims]
    return {"@context": CONTEXT, "@graph": graph}


def export_claimreview(
    claims: Iterable[Claim], articles: dict[str, Article], config: Config | None = None
) -> str:
    # JSON-LD is published inside <script type="application/ld+json">: data must not
    # be able to close that element, however the page embeds the file.
    document = claimreview_document(claims, articles, config)
    return script_safe_json(dumps_json(document)) + "\n"


# The lint ------------------------------------------------------------------------
RULE_REQUIRED = "claimreview-required"
RULE_CLAIM_LENGTH = "claimreview-claim-length"
RULE_CONFIG = "claimreview-config"
RULE_RECOMMENDED = "claimreview-recommended"
RULE_SHARED_URL = "claimreview-shared-url"
RULE_DATES = "claimreview-dates"


def _earliest(date: str) -> str:
    """The first day a (possibly partial) ISO date can mean."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def check_claimreview(
    claims: list[Claim],
    articles: dict[str, Article],
    config: Config,
    claims_dir: Path,
) -> list[Finding]:
    """Findings for the ClaimReview export, positioned in the files they come from."""
    out: list[Finding] = []
    config_path = str(config.path or (claims_dir.parent / CONFIG_FILE))

    def add(path: str, pos: tuple[int, int] | None, rule: str, sev: Severity, msg: str) -> None:
        line, column = pos if pos is not None else (None, None)
        out.append(Finding(path, line, column, rule, sev, msg))

    warn, error = Severity.WARNING, Severity.ERROR
    if claims and not config.organization:
        add(
            config_path,
            None,
            RULE_CONFIG,
            warn,
            "no fact-checking organisation is configured, so the reviews have no author "
            '(recommended by Google); add [organization] name = "..." and url = "https://..." '
            f"to {CONFIG_FILE} beside the claims directory",
        )
    elif claims and not config.organization_url:
        add(
            config_path,
            None,
            RULE_CONFIG,
            warn,
            "organization.url is not set; add the "
            "organisation's home page so the review author can be identified",
        )
    if claims and not config.review_url:
        add(
            config_path,
            None,
            RULE_CONFIG,
            warn,
            "no review URL pattern is configured, so the reviews have no url (required by "
            'Google); add [reviews] url = "https://example.org/fact-checks/{article}/{id}" '
            f"to {CONFIG_FILE}, with the address where each review is published",
        )
    reviews = [(c, claim_review(c, articles.get(c.article), config)) for c in claims]
    seen_articles: set[str] = set()
    by_url: dict[str, list[Claim]] = {}
    for claim, review in reviews:
        path = claim.path
        if not review["claimReviewed"]:
            add(path, claim.position("claim"), RULE_REQUIRED, error, "claimReviewed is empty")
        elif len(review["claimReviewed"]) > MAX_CLAIM_REVIEWED:
            add(
                path,
                claim.position("claim"),
                RULE_CLAIM_LENGTH,
                warn,
                f"claimReviewed is {len(review['claimReviewed'])} characters; Google "
                f"advises under {MAX_CLAIM_REVIEWED} so it does not wrap on phones; "
                "shorten the claim",
            )
        if not review["reviewRating"].get("alternateName"):
            add(
                path,
                claim.position("status"),
                RULE_REQUIRED,
                error,
                "reviewRating has no alternateName (the textual rating)",
            )
        if "url" in review:
            by_url.setdefault(review["url"], []).append(claim)
        checked = review.get("datePublished")
        if not checked:
            add(
                path,
                claim.position(),
                RULE_RECOMMENDED,
                warn,
                "no datePublished: add 'checked: YYYY-MM-DD' (the date of the review)",
            )
        published = review["itemReviewed"].get("datePublished")
        if checked and published and checked < _earliest(published):
            add(
                path,
                claim.position("checked"),
                RULE_DATES,
                error,
                f"the review is dated {checked}, before the article was published "
                f"({published}); correct 'checked' or the article's 'published'",
            )
        if "firstAppearance" not in review["itemReviewed"]:
            add(
                path,
                claim.position("source"),
                RULE_RECOMMENDED,
                warn,
                "no firstAppearance: add source.url, where the source made the claim",
            )
        article = articles.get(claim.article)
        if claim.article in seen_articles:
            continue
        seen_articles.add(claim.article)
        where = article.path if article else claim.path
        if "appearance" not in review["itemReviewed"]:
            add(
                where,
                None,
                RULE_RECOMMENDED,
                warn,
                "the article has no url, so the claims have no appearance; add url",
            )
        if published is None:
            add(
                where,
                None,
                RULE_RECOMMENDED,
                warn,
                "the article has no published date, so the claims have no datePublished; "
                "add published",
            )
    for url, sharing in by_url.items():
        if len(sharing) > 1:
            add(
                config_path,
                None,
                RULE_SHARED_URL,
                warn,
                f"{len(sharing)} reviews share the url {url} (e.g. {sharing[0].id}, "
                f"{sharing[1].id}); Google shows the fact-check rich result only for a page "
                "with one ClaimReview; use {id} in reviews.url",
            )
    out.sort(key=sort_key)
    return out
