"""Finding the collection: the nearest folder, here or above, that holds ``claims/`` or
``fcheck.toml`` (as git, pytest and ruff find their root), so that fcheck works from
anywhere inside a collection: its root, ``claims/``, or an article folder."""

from __future__ import annotations

import os
from pathlib import Path

CLAIMS_FOLDER = "claims"
CONFIG_FILE = "fcheck.toml"
ARTICLE_FILE = "article.yaml"


def find_collection(start: Path) -> Path | None:
    """The folder at or above ``start`` holding ``claims/`` or ``fcheck.toml``, if any."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / CLAIMS_FOLDER).is_dir() or (folder / CONFIG_FILE).is_file():
            return folder
    return None


def find_claims_dir(start: Path) -> Path | None:
    """The claims folder of the collection around ``start``, relative to ``start`` when
    it can be (so that paths in messages stay short: ``claims/...`` at the root)."""
    root = find_collection(start)
    if root is None:
        return None
    claims = root / CLAIMS_FOLDER
    try:
        return Path(os.path.relpath(claims, start.resolve()))
    except ValueError:  # another drive (Windows)
        return claims


def is_article_folder(path: Path) -> bool:
    """Whether ``path`` is one article's folder (it holds article.yaml) rather than
    the folder of all articles."""
    return (path / ARTICLE_FILE).is_file()
