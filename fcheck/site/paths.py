"""Where things are in the site: page paths and the anchors of claims.

Everything the site links to is named here, so that a link and the page or anchor it
points at cannot drift apart, and so that other outputs (the ClaimReview ``url``) can
point into the site.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from fcheck.model import SLUG_RE

INDEX = "index.html"
SOURCES = "sources.html"
METHODOLOGY = "methodology.html"
SEARCH = "search.html"
FEED = "feed.xml"
ARTICLES_DIR = "fact-checks"
MARKER = ".fcheck-site"


def article_file(slug: str) -> str:
    """The file name of an article's page: its slug, or a digest if the slug is not one
    (folder names come from the collection and are not trusted to be safe names)."""
    if SLUG_RE.fullmatch(slug) and len(slug) <= 120:
        return f"{slug}.html"
    return (
        "article-"
        + hashlib.sha256(slug.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        + ".html"
    )


def article_path(slug: str) -> str:
    """An article page's path from the site's root."""
    return f"{ARTICLES_DIR}/{article_file(slug)}"


def anchor(prefix: str, value: str) -> str:
    """A fragment id: the prefix and the value, percent-encoded (values are untrusted)."""
    return prefix + quote(value, safe="")


def claim_anchor(claim_id: str) -> str:
    return anchor("claim-", claim_id)


def claim_url(base_url: str, article: str, claim_id: str) -> str:
    """The public address of a claim's review on a site published at ``base_url``."""
    return f"{base_url.rstrip('/')}/{article_path(article)}#{claim_anchor(claim_id)}"
