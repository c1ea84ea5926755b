"""Finding one article of a collection without reading every claim file."""

from __future__ import annotations

import difflib
from pathlib import Path

from fcheck.collection import Collection, article_folders, load_article_file
from fcheck.errors import FcheckError
from fcheck.loader import is_ignored_name, safe_entry
from fcheck.model import Article, is_slug


class ArticleNotFoundError(FcheckError):
    """No usable article has the requested slug."""


def article_slugs(claims_dir: Path) -> list[str]:
    return [folder.name for folder in article_folders(claims_dir)]


def load_article(claims_dir: Path, slug: str) -> Article:
    """The article ``slug`` with its text, checked as ``validate`` checks it."""
    folder = claims_dir / slug
    if not is_slug(slug) and slug in article_slugs(claims_dir):
        # (not "did you mean" the very same name)
        raise ArticleNotFoundError(
            f"article folder '{slug}' is not a slug; rename it to lowercase letters, "
            "digits and hyphens"
        )
    if not is_slug(slug) or not folder.is_dir() or is_ignored_name(slug):
        known = article_slugs(claims_dir)
        near = difflib.get_close_matches(slug, known, n=1)
        if near:
            hint = f"did you mean '{near[0]}'?"
        elif known:
            hint = "articles: " + ", ".join(known)
        else:
            hint = "add one with `fcheck add-article`"
        raise ArticleNotFoundError(f"no article '{slug}' in {claims_dir}; {hint}")
    problem = safe_entry(folder, claims_dir, str(folder))
    if problem is not None:
        raise ArticleNotFoundError(f"{problem.location}: {problem.message}")
    out = Collection(root=claims_dir)
    article = load_article_file(folder, slug, claims_dir, out)
    if article is None or article.text is None:
        first = out.findings[0] if out.findings else None
        detail = f"{first.location}: {first.message}" if first else "its text cannot be read"
        raise ArticleNotFoundError(f"article '{slug}' cannot be used ({detail})")
    return article
