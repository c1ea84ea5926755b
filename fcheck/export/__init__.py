"""Publishing formats. Exporters are pure functions returning a string (or, for
SQLite, building a file at the path they are given); only the CLI writes files.

The functions below give every export the one signature of
:class:`fcheck.output.Exporter`, through which ``fcheck export`` calls them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fcheck.config import Config
    from fcheck.model import Article, Claim


def claimreview_export(
    claims: list[Claim], articles: dict[str, Article], config: Config, path: Path | None = None
) -> str:
    from fcheck.export.claimreview import export_claimreview

    return export_claimreview(claims, articles, config)


def csv_export(
    claims: list[Claim], articles: dict[str, Article], config: Config, path: Path | None = None
) -> str:
    from fcheck.export.tabular import export_csv

    return export_csv(claims)


def jsonl_export(
    claims: list[Claim], articles: dict[str, Article], config: Config, path: Path | None = None
) -> str:
    from fcheck.export.jsonl import export_jsonl

    return export_jsonl(claims)


def sqlite_export(
    claims: list[Claim], articles: dict[str, Article], config: Config, path: Path | None = None
) -> None:
    from fcheck.export.sqlite import write_sqlite

    if path is None:
        raise ValueError("the SQLite export builds a file: give its path")
    write_sqlite(claims, articles, path)
