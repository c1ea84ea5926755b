"""fcheck's Python API: what ``import fcheck`` offers scripts and notebooks.

Load a collection, filter its claims, read them through typed views, render a format::

    import fcheck

    collection = fcheck.load_collection("claims")
    alleged = fcheck.ClaimFilter(statuses=("alleged",)).apply(collection.claims)
    for claim in alleged:
        print(claim.id, claim.source.name, [e.title for e in claim.evidence])
    markdown = fcheck.render_report(alleged, "markdown", collection=collection)
    rows = [claim.to_dict() for claim in alleged]  # e.g. pandas.DataFrame(rows)

The commands are built on the same calls (see ``fcheck.cli``). Everything is imported
on first use, so ``import fcheck`` stays cheap.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from fcheck.collection import Collection
    from fcheck.config import Config
    from fcheck.model import Claim
    from fcheck.validate import Records


def load_collection(
    root: str | os.PathLike[str],
    *,
    config: Config | None = None,
    jobs: int | None = 1,
    cache: bool = False,
    records: Records | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Collection:
    """Read and check every article and claim under ``root`` (a claims directory).

    Never raises for bad files: what is wrong is in ``collection.findings`` and the
    claims whose files are clean are in ``collection.claims``. ``config`` defaults to
    the ``fcheck.toml`` beside ``root``; ``jobs`` is the number of worker processes
    (1, the default here: none; None: one per core for large collections); ``cache``
    reuses the results of earlier runs, as the commands do; ``records`` is
    :attr:`Records.WHOLE` (default) or :attr:`Records.SUMMARY` (only what the cross-file
    rules read, for when only the findings matter).
    """
    from fcheck.collection import load_collection as load
    from fcheck.validate import Records

    return load(
        Path(root),
        config=config,
        jobs=jobs,
        cache=cache,
        progress=progress,
        records=records or Records.WHOLE,
    )


def _render(
    registry: Mapping[str, Any],
    claims: Sequence[Claim],
    fmt: str,
    collection: Collection | None,
    config: Config | None,
    **extra: object,
) -> str:
    from fcheck.reporters import get_reporter

    if fmt not in registry:
        raise ValueError(f"unknown format '{fmt}'; one of: {', '.join(registry)}")
    stream = io.StringIO()
    config = config or (collection.config if collection is not None else None)
    get_reporter(registry, fmt)(list(claims), stream, config, **extra)
    return stream.getvalue()


def render_claims(
    claims: Sequence[Claim],
    fmt: str = "json",
    *,
    collection: Collection | None = None,
    config: Config | None = None,
) -> str:
    """The claims in one of ``fcheck list``'s formats (json, csv, yaml, ids, table)."""
    from fcheck.reporters import LIST_FORMATS

    return _render(LIST_FORMATS, claims, fmt, collection, config)


def render_report(
    claims: Sequence[Claim],
    fmt: str = "markdown",
    *,
    view: str = "reader",
    collection: Collection | None = None,
    config: Config | None = None,
) -> str:
    """The report of ``fcheck report`` (markdown, html, json, text) on the claims, in
    its ``view`` (``reader``, the fact-check as published, or ``analyst``, counts then
    claims by status); ``collection`` supplies the articles and the configuration."""
    from fcheck.reporters import REPORT_VIEWS

    if view not in REPORT_VIEWS:
        raise ValueError(f"unknown view '{view}'; one of: {', '.join(REPORT_VIEWS)}")
    articles = collection.articles if collection is not None else {}
    return _render(REPORT_VIEWS[view], claims, fmt, collection, config, articles=articles)
