"""Every file of the site, built in memory: ``{relative path: bytes}``."""

from __future__ import annotations

from fcheck.config import Config
from fcheck.model import Article, Claim
from fcheck.site import paths
from fcheck.site.article import article_page
from fcheck.site.feed import atom_feed
from fcheck.site.layout import Site
from fcheck.site.pages import index_page, methodology_page, search_page, sources_page
from fcheck.site.records import fact_checks

MARKER_TEXT = (
    "This folder was written by `fcheck site`. fcheck replaces it whole on the next\n"
    "build; files added here by hand will be lost.\n"
)


def build_site(
    claims: list[Claim], articles: dict[str, Article], config: Config | None = None
) -> dict[str, bytes]:
    """The site of a collection's claims and articles. Writes nothing."""
    site = Site.of(config or Config())
    checks = fact_checks(claims, articles, site.config)
    pages = {
        paths.INDEX: index_page(site, checks),
        paths.SEARCH: search_page(site, checks),
        paths.SOURCES: sources_page(site, checks),
        paths.METHODOLOGY: methodology_page(site, checks),
    }
    for check in checks:
        pages[paths.article_path(check.slug)] = article_page(site, check, articles)
    files = {path: text.encode("utf-8") for path, text in pages.items()}
    files[paths.FEED] = atom_feed(site, checks)
    files[paths.MARKER] = MARKER_TEXT.encode("utf-8")
    files[".nojekyll"] = b""  # GitHub Pages: serve the files as they are
    return files
