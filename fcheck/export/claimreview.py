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

Google retired the fact-check rich result in Search in 2025 ("Simplifying the search
results", Google Search Central blog, 12 June 2025; Search Console dropped the report
in September 2025). The markup is still read by Google's Fact Check Explorer and by
other consumers of fact-checks, and it stays the schema.org standard, so fcheck keeps
exporting it and keeps the lint to the properties Google documented.

fcheck never writes a numeric ``ratingValue``: evidence statuses and rating labels
are categories, not points on a scale, and a made-up number would misstate the
review. The lint therefore does not ask for the numeric properties.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fcheck import rules
from fcheck.config import CONFIG_FILE, Config
from fcheck.findings import Finding, sort_key
from fcheck.model import SLUG_RE, Article, Claim, Correction, Evidence, Review
from fcheck.references import REFERENCE_RE
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


_REFERENCE_GAP = re.compile(r"\s*" + REFERENCE_RE.pattern)


def without_references(text: str) -> str:
    """``text`` on one line, without its numbered references (``[1]``): they cite the
    claim's own evidence list, which a search engine does not show next to them."""
    return " ".join(_REFERENCE_GAP.sub("", str(text)).split())


def summarize_notes(notes: str, limit: int = SUMMARY_LENGTH) -> str:
    """Whole sentences from the start of the notes, as many as fit in ``limit``
    characters, and always the first: a sentence is never cut (the project's sentence
    splitter knows abbreviations such as "Sen." and "v.")."""
    from fcheck.sentences import split_sentences

    out = ""
    for sentence in split_sentences(without_references(notes)):
        text = sentence.normalized
        if out and len(out) + 1 + len(text) > limit:
            break
        out = f"{out} {text}" if out else text
    return out


def rating_explanation(claim: Claim) -> str:
    """``conclusion`` whole; failing that, whole sentences of the notes."""
    conclusion = claim.conclusion
    if conclusion and conclusion.strip():
        return without_references(conclusion)
    return summarize_notes(claim.notes)


# Where `fcheck site` publishes an article: fcheck.site.paths.claim_url gives the same
# address (a test keeps the two equal).
SITE_ARTICLES_DIR = "fact-checks"


def site_claim_url(base_url: str, article: str, claim_id: str) -> str:
    """A claim's anchor on its article's page of a site published at ``base_url``."""
    if SLUG_RE.match(article) and len(article) <= 120:
        name = f"{article}.html"
    else:
        digest = hashlib.sha256(article.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        name = f"article-{digest}.html"
    return f"{base_url.rstrip('/')}/{SITE_ARTICLES_DIR}/{name}#claim-{quote(claim_id, safe='')}"


def review_url(config: Config, claim: Claim) -> str | None:
    """``[reviews] url`` with the claim's id and article, or else the claim's anchor on
    the site at ``[site] base_url``; None when neither is configured."""
    if config.review_url:
        return config.review_url.format(id=claim.id, article=claim.article)
    if config.site.base_url:
        return site_claim_url(config.site.base_url, claim.article, claim.id)
    return None


def _organization(config: Config) -> dict[str, Any] | None:
    if not config.organization:
        return None
    org: dict[str, Any] = {"@type": "Organization", "name": config.organization}
    if config.organization_url:
        org["url"] = config.organization_url
    if config.organization_logo:
        org["logo"] = config.organization_logo
    return org


def _correction_dates(corrections: Iterable[Correction]) -> list[str]:
    return [c.date for c in corrections if c.date]


def review_dates(claim: Claim, article: Article | None) -> tuple[str | None, str | None]:
    """``datePublished`` and ``dateModified`` of a claim's review.

    Published: the fact-check's ``review.published`` (the claim's ``checked`` when the
    article has none). Modified: the latest of ``review.updated`` and the dates of the
    article's and the claim's corrections, when later than the publication.
    """
    review = (article.review if article is not None else None) or Review()
    published = review.published or claim.checked
    candidates = [review.updated] if review.updated else []
    candidates += _correction_dates(article.corrections if article is not None else ())
    candidates += _correction_dates(claim.corrections)
    modified = max(candidates) if candidates else None
    if published is not None and modified is not None and modified <= published:
        modified = None
    return published, modified


def rated(claims: Iterable[Claim]) -> list[Claim]:
    """The claims that get a ClaimReview: those with a rating. An unrated claim has no
    verdict for a reader or a search engine to show, so it is not exported."""
    return [c for c in claims if c.rating]


def unrated(claims: Iterable[Claim]) -> list[Claim]:
    return [c for c in claims if not c.rating]


def _appearance(article: Article | None) -> dict[str, Any] | None:
    url = _http(article.url) if article is not None else None
    if article is None or url is None:
        return None
    work: dict[str, Any] = {"@type": "CreativeWork", "url": url}
    if article.title:
        work["headline"] = " ".join(article.title.split())
    if article.published:
        work["datePublished"] = article.published
    if article.publisher:
        work["publisher"] = {"@type": "Organization", "name": article.publisher}
    if article.language:
        work["inLanguage"] = article.language
    return work


def claim_review(claim: Claim, article: Article | None, config: Config) -> dict[str, Any]:
    """One ClaimReview object (without ``@context``) for one rated claim."""
    source = claim.source
    source_url = _http(source.url)
    publisher = article.publisher if article else None
    author: dict[str, Any] = {
        "@type": author_type(source.name, publisher),
        "name": source.name,
    }
    if source_url:
        author["url"] = source_url
    item: dict[str, Any] = {"@type": "Claim", "author": author}
    if article is not None and article.published:
        item["datePublished"] = article.published
    appearance = _appearance(article)
    if appearance is not None:
        item["appearance"] = appearance
    if source_url:
        # Where the source itself made the claim: the earliest appearance fcheck knows.
        item["firstAppearance"] = {"@type": "CreativeWork", "url": source_url}
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": claim.rating or ""}
    explanation = rating_explanation(claim)
    if explanation:
        rating["ratingExplanation"] = explanation
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": " ".join(claim.claim.split()),
        "reviewRating": rating,
        "itemReviewed": item,
        "reviewBody": " ".join(claim.notes.split()),
    }
    org = _organization(config)
    if org is not None:
        review["author"] = org
    published, modified = review_dates(claim, article)
    if published is not None:
        review["datePublished"] = published
    if modified is not None:
        review["dateModified"] = modified
    url = review_url(config, claim)
    if url is not None:
        review["url"] = url
    citations = [_citation(e) for e in claim.evidence]
    if citations:
        review["citation"] = citations
    return review


def _citation(item: Evidence) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": item.title}
    url, archive_url = _http(item.url), _http(item.archive_url)
    if url:
        work["url"] = url
    if item.date:
        work["datePublished"] = item.date
    if archive_url:
        work["archivedAt"] = archive_url
    if item.publisher:
        work["publisher"] = {"@type": "Organization", "name": item.publisher}
    return work


def claimreview_document(
    claims: Iterable[Claim], articles: dict[str, Article], config: Config | None = None
) -> dict[str, Any]:
    """Every rated claim's ClaimReview in one JSON-LD document: ``@graph`` under one
    context (unrated claims are left out: see :func:`unrated`)."""
    config = config or Config()
    graph = [claim_review(c, articles.get(c.article), config) for c in rated(claims)]
    return {"@context": CONTEXT, "@graph": graph}


def export_claimreview(
    claims: Iterable[Claim], articles: dict[str, Article], config: Config | None = None
) -> str:
    # JSON-LD is published inside <script type="application/ld+json">: data must not
    # be able to close that element, however the page embeds the file.
    document = claimreview_document(claims, articles, config)
    return script_safe_json(dumps_json(document)) + "\n"


# The lint ------------------------------------------------------------------------


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
    seen: set[Finding] = set()
    config_path = str(config.path or (claims_dir.parent / CONFIG_FILE))

    def add(path: str, pos: tuple[int, int] | None, rule: str, msg: str) -> None:
        line, column = pos if pos is not None else (None, None)
        finding = Finding(path, line, column, rule, rules.RULES[rule].severity, msg)
        if finding not in seen:  # an article's problem is found once per claim
            seen.add(finding)
            out.append(finding)

    for claim in unrated(claims):
        add(
            claim.path,
            claim.position("status"),
            rules.CLAIMREVIEW_UNRATED,
            "the claim has no rating, so it is not exported as a ClaimReview (its evidence "
            "status is not a verdict); add a rating to publish it",
        )
    claims = rated(claims)
    if claims and not config.organization:
        add(
            config_path,
            None,
            rules.CLAIMREVIEW_REQUIRED,
            "no fact-checking organisation is configured, so the reviews have no author; "
            'add [organization] name = "..." and url = "https://..." '
            f"to {CONFIG_FILE} beside the claims directory",
        )
    elif claims and not config.organization_url:
        add(
            config_path,
            None,
            rules.CLAIMREVIEW_CONFIG,
            "organization.url is not set; add the "
            "organisation's home page so the review author can be identified",
        )
    if claims and not config.review_url and not config.site.base_url:
        add(
            config_path,
            None,
            rules.CLAIMREVIEW_REQUIRED,
            "no address is configured for the reviews, so they have no url; add "
            '[site] base_url = "https://..." (where `fcheck site` is published) or '
            '[reviews] url = "https://example.org/fact-checks/{article}/{id}" '
            f"to {CONFIG_FILE}",
        )
    reviews = [(c, claim_review(c, articles.get(c.article), config)) for c in claims]
    seen_articles: set[str] = set()
    by_url: dict[str, list[Claim]] = {}
    for claim, review in reviews:
        path = claim.path
        if not review["claimReviewed"]:
            add(path, claim.position("claim"), rules.CLAIMREVIEW_REQUIRED, "claimReviewed is empty")
        elif len(review["claimReviewed"]) > MAX_CLAIM_REVIEWED:
            add(
                path,
                claim.position("claim"),
                rules.CLAIMREVIEW_CLAIM_LENGTH,
                f"claimReviewed is {len(review['claimReviewed'])} characters; Google "
                f"advises under {MAX_CLAIM_REVIEWED} so it does not wrap on phones; "
                "shorten the claim",
            )
        if not review["reviewRating"].get("alternateName"):
            add(
                path,
                claim.position("status"),
                rules.CLAIMREVIEW_REQUIRED,
                "reviewRating has no alternateName (the textual rating)",
            )
        if "url" in review:
            by_url.setdefault(review["url"], []).append(claim)
        article = articles.get(claim.article)
        checked = review.get("datePublished")
        if not checked:
            add(
                path,
                claim.position(),
                rules.CLAIMREVIEW_RECOMMENDED,
                "no datePublished: add review.published (YYYY-MM-DD) to the article's "
                "article.yaml, or 'checked: YYYY-MM-DD' (the date of the review) here",
            )
        published = review["itemReviewed"].get("datePublished")
        if checked and published and checked < _earliest(published):
            review_ = article.review if article is not None else None
            from_article = bool(review_ and review_.published)
            what = "the fact-check's review.published" if from_article else "'checked'"
            add(
                article.path if from_article and article else path,
                None if from_article else claim.position("checked"),
                rules.CLAIMREVIEW_DATES,
                f"the review is dated {checked}, before the article was published "
                f"({published}); correct {what} or the article's 'published'",
            )
        if "firstAppearance" not in review["itemReviewed"]:
            add(
                path,
                claim.position("source"),
                rules.CLAIMREVIEW_RECOMMENDED,
                "no firstAppearance: add source.url, where the source made the claim",
            )
        if claim.article in seen_articles:
            continue
        seen_articles.add(claim.article)
        where = article.path if article else claim.path
        if "appearance" not in review["itemReviewed"]:
            add(
                where,
                None,
                rules.CLAIMREVIEW_RECOMMENDED,
                "the article has no url, so the claims have no appearance; add url",
            )
        if published is None:
            add(
                where,
                None,
                rules.CLAIMREVIEW_RECOMMENDED,
                "the article has no published date, so the claims have no datePublished; "
                "add published",
            )
    for url, sharing in by_url.items():
        if len(sharing) > 1:
            add(
                config_path,
                None,
                rules.CLAIMREVIEW_SHARED_URL,
                f"{len(sharing)} reviews share the url {url} (e.g. {sharing[0].id}, "
                f"{sharing[1].id}); Google shows the fact-check rich result only for a page "
                "with one ClaimReview; use {id} in reviews.url",
            )
    out.sort(key=sort_key)
    return out
