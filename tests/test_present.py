"""The presenter: typed views of claims and articles, the same for every format."""

from __future__ import annotations

from pathlib import Path

from fcheck.collection import load_collection
from fcheck.config import Config
from fcheck.reporters.present import (
    STATUS_LOOKS,
    article_piece,
    claim_view,
    color_hex,
    page_title,
    pieces,
    rating_look,
    status_look,
)

from .conftest import VALID

PACKAGE = Path(__file__).resolve().parent.parent / "fcheck"

SLUG = "harbour-bridge-2024"


def _collection():  # type: ignore[no-untyped-def]
    return load_collection(VALID)


def test_claims_come_in_the_article_order_and_lead_resolves() -> None:
    collection = _collection()
    piece = article_piece(SLUG, collection.articles[SLUG], collection.claims, Config())
    text = collection.articles[SLUG].text or ""
    assert [c.id for c in piece.claims] == [
        "bridge-reopened",
        "repair-cost",
        "mayor-best-run",
        "contractor-ties",
    ]
    offsets = [piece.positions[c.id] for c in piece.claims]
    assert offsets == sorted(offsets) and all(0 <= o < len(text) for o in offsets)
    assert [c.id for c in piece.lead] == ["repair-cost", "contractor-ties"]
    assert piece.verdict is not None and piece.verdict.title == "Misleading"
    assert piece.verdict.definition.startswith("Literally defensible")
    assert piece.review.checkers == ("A. Checker",) and piece.review.updated == "2024-06-10"
    assert [c.date for c, _ in piece.all_corrections] == ["2024-06-10", "2024-06-10"]
    assert page_title([piece], Config()) == "Harbour bridge reopens after repairs"


def test_a_claim_whose_quote_is_not_found_comes_last() -> None:
    collection = _collection()
    article = collection.articles[SLUG]
    article.text = "Some residents suspect the contractor was chosen because of personal ties."
    piece = article_piece(SLUG, article, collection.claims, Config())
    assert piece.claims[0].id == "contractor-ties"
    assert [c.id for c in piece.claims[1:]] == ["bridge-reopened", "mayor-best-run", "repair-cost"]


def test_references_become_segments_and_unknown_numbers_stay_text() -> None:
    claim = next(c for c in _collection().claims if c.id == "repair-cost")
    view = claim_view(claim)
    segments = view.segments("A court found [1]; see [2] and [2012] EWCA.")
    assert [(s.text, s.ref) for s in segments] == [
        ("A court found ", None),
        ("[1]", 1),
        ("; see [2] and [2012] EWCA.", None),
    ]
    assert [e.number for e in view.cited()] == [1]
    assert view.evidence[0].kind == "court-record" and view.evidence[0].meta == "2024-06-01"
    assert view.source.line == "Example Gazette via City council"
    assert view.reviewer == "E. Editor" and view.corrections[0].change.startswith("Rated")


def test_looks() -> None:
    config = Config()
    assert rating_look(None, config).title == "Not rated"
    assert not rating_look(None, config).rated
    assert rating_look("accurate", config).color == color_hex("green")
    assert status_look("alleged").plain.endswith("no court has ruled on it.")
    assert color_hex("#123456") == "#123456" and color_hex("nonsense").startswith("#")
    assert [p.slug for p in pieces(_collection().claims, _collection().articles, config)] == [
        "harbour-bridge-2024",
        "prefeitura-orcamento",
    ]


def test_status_colours_are_defined_once() -> None:
    """A status's colour lives in the presenter's table alone; the pages' stylesheets
    are built from it."""
    from fcheck.reporters.html import _CSS as analyst_css
    from fcheck.reporters.reader_html import reader_css

    reader = reader_css(Config())
    for name, look in STATUS_LOOKS.items():
        assert f".s-{name}{{--c:{look.color};--b:{look.background}}}" in reader
        assert f":{look.color};" in analyst_css and f"-bg:{look.background};" in analyst_css
        for path in PACKAGE.rglob("*"):
            if path.suffix in (".py", ".css", ".html", ".js") and path.name != "present.py":
                text = path.read_text(encoding="utf-8").lower()
                assert look.color not in text and look.background not in text, (path, name)
