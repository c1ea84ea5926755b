"""A SQLite database of the claims, laid out for Datasette.

Tables ``articles``, ``claims``, ``evidence``, ``corrections``, ``tags`` and
``entities`` (one row per item, with foreign keys), and ``claims_fts``, an FTS5 index
over claim, quote, notes and conclusion. The index is an external-content table
declared with ``content="claims"``, which is the form Datasette looks for to put a
search box on the claims table (its ``detect_fts`` matches ``content="<table>"``), see
https://docs.datasette.io/en/stable/full_text_search.html.
"""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from fcheck.model import Article, Claim

SCHEMA = """
CREATE TABLE articles (
    slug TEXT PRIMARY KEY,
    title TEXT,
    publisher TEXT,
    published TEXT,
    url TEXT,
    language TEXT,
    text_file TEXT,
    text TEXT,
    verdict TEXT,
    summary TEXT,
    review_state TEXT,
    review_published TEXT,
    review_updated TEXT
);
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    article TEXT NOT NULL REFERENCES articles(slug),
    status TEXT NOT NULL,
    rating TEXT,
    claim TEXT NOT NULL,
    quote TEXT NOT NULL,
    source TEXT NOT NULL,
    source_via TEXT,
    source_url TEXT,
    notes TEXT NOT NULL,
    checked TEXT,
    path TEXT NOT NULL,
    conclusion TEXT,
    reviewer TEXT
);
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claims(id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    publisher TEXT,
    date TEXT,
    archive_url TEXT,
    kind TEXT,
    accessed TEXT
);
CREATE TABLE corrections (
    article TEXT NOT NULL REFERENCES articles(slug),
    claim_id TEXT REFERENCES claims(id),
    position INTEGER NOT NULL,
    date TEXT NOT NULL,
    change TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE TABLE tags (
    claim_id TEXT NOT NULL REFERENCES claims(id),
    tag TEXT NOT NULL,
    PRIMARY KEY (claim_id, tag)
);
CREATE TABLE entities (
    claim_id TEXT NOT NULL REFERENCES claims(id),
    name TEXT NOT NULL,
    PRIMARY KEY (claim_id, name)
);
CREATE INDEX claims_article ON claims(article);
CREATE INDEX evidence_claim ON evidence(claim_id);
CREATE INDEX tags_tag ON tags(tag);
CREATE INDEX entities_name ON entities(name);
CREATE INDEX corrections_claim ON corrections(claim_id);
CREATE VIRTUAL TABLE claims_fts USING fts5(claim, quote, notes, conclusion, content="claims");
"""


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def write_sqlite(claims: Iterable[Claim], articles: dict[str, Article], path: Path) -> None:
    """Build the database at ``path`` (replacing what is there); the CLI moves it into place."""
    claims = list(claims)
    path.unlink(missing_ok=True)
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(path)
        _build(conn, claims, articles)
    except sqlite3.Error as exc:
        # A full disk ("database or disk is full"), an I/O error: an ordinary failure
        # to write, which the atomic writer reports in one line (no file is left).
        code = errno.ENOSPC if "full" in str(exc).lower() else errno.EIO
        raise OSError(code, str(exc)) from None
    finally:
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()


def _build(conn: sqlite3.Connection, claims: list[Claim], articles: dict[str, Article]) -> None:
    # The file is new and is thrown away if anything fails, so there is nothing
    # to roll back: no journal file (which kill -9 would leave beside it).
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(SCHEMA)
    # The articles of the exported claims, each once, even one whose article.yaml
    # is broken (its other columns are then empty) so that the foreign key holds.
    for slug in sorted({c.article for c in claims}):
        article = articles.get(slug)
        data = article.data if article else {}
        review = data.get("review") or {}
        conn.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                slug,
                *(_text(data.get(k)) for k in ("title", "publisher", "published", "url")),
                _text(data.get("language")),
                _text(data.get("text")),
                article.text if article else None,
                _text(data.get("verdict")),
                _text(data.get("summary")),
                *(_text(review.get(k)) for k in ("state", "published", "updated")),
            ),
        )
        _insert_corrections(conn, slug, None, data.get("corrections"))
    for claim in claims:
        _insert_claim(conn, claim)
    conn.execute(
        "INSERT INTO claims_fts (rowid, claim, quote, notes, conclusion) "
        "SELECT rowid, claim, quote, notes, conclusion FROM claims"
    )
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:  # pragma: no cover - would be a bug in the inserts above
        raise RuntimeError(f"foreign key violations: {problems[:3]}")
    conn.commit()


def _insert_claim(conn: sqlite3.Connection, claim: Claim) -> None:
    data = claim.data
    source = data.get("source") or {}
    conn.execute(
        "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            claim.id,
            claim.article,
            claim.status,
            claim.rating,
            str(data.get("claim", "")),
            str(data.get("quote", "")),
            str(source.get("name", "")),
            _text(source.get("via")),
            _text(source.get("url")),
            str(data.get("notes", "")),
            _text(data.get("checked")),
            claim.path,
            _text(data.get("conclusion")),
            _text(data.get("reviewer")),
        ),
    )
    for i, item in enumerate(data.get("evidence") or [], 1):
        conn.execute(
            "INSERT INTO evidence (claim_id, position, title, url, publisher, date, archive_url,"
            " kind, accessed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                claim.id,
                i,
                str(item.get("title", "")),
                *(
                    _text(item.get(k))
                    for k in ("url", "publisher", "date", "archive_url", "kind", "accessed")
                ),
            ),
        )
    _insert_corrections(conn, claim.article, claim.id, data.get("corrections"))
    conn.executemany(
        "INSERT OR IGNORE INTO tags VALUES (?, ?)", [(claim.id, t) for t in data.get("tags") or []]
    )
    conn.executemany(
        "INSERT OR IGNORE INTO entities VALUES (?, ?)",
        [(claim.id, e) for e in data.get("entities") or []],
    )


def _insert_corrections(
    conn: sqlite3.Connection, article: str, claim_id: str | None, items: object
) -> None:
    if not isinstance(items, list):
        return
    conn.executemany(
        "INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                article,
                claim_id,
                i,
                str(item.get("date", "")),
                str(item.get("change", "")),
                str(item.get("reason", "")),
            )
            for i, item in enumerate(items, 1)
            if isinstance(item, dict)
        ],
    )
