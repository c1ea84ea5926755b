"""The bundled fact-check: clean, sourced only from the evidence brief, summary in sync."""

from __future__ import annotations

import io
import re

from fcheck.config import load_config
from fcheck.reporters.report import report_markdown
from fcheck.validate import load_collection

from .conftest import REPO

CLAIMS = REPO / "claims"
ARTICLE = CLAIMS / "menendez-kazakhstan"
BRIEF = REPO / "docs" / "research" / "seed-evidence-brief.md"


def test_bundled_collection_is_clean_without_warnings() -> None:
    collection = load_collection(CLAIMS)
    assert collection.findings == []
    assert len(collection.claims) >= 40


def test_every_claim_is_rated_and_sourced() -> None:
    for claim in load_collection(CLAIMS).claims:
        assert claim.rating, claim.id
        assert len(claim.data["notes"].split()) >= 20, f"{claim.id}: notes too thin"
        if claim.status != "speculative":
            assert any(e.get("url") for e in claim.data.get("evidence") or []), claim.id


def test_every_url_comes_from_the_evidence_brief() -> None:
    table = {
        row.split("|")[5].strip()
        for row in BRIEF.read_text(encoding="utf-8").splitlines()
        if re.match(r"^\| [A-Z]+\d+ \|", row)
    }
    assert len(table) > 50
    for claim in load_collection(CLAIMS).claims:
        urls = [claim.data["source"].get("url")]
        urls += [e.get("url") for e in claim.data.get("evidence") or []]
        for url in filter(None, urls):
            assert url in table, f"{claim.id}: {url} is not in the brief's source table"


def test_entities_have_one_spelling() -> None:
    entities = {e for c in load_collection(CLAIMS).claims for e in c.data.get("entities") or []}
    assert "Karim Massimov" in entities
    assert "Karim Masimov" not in entities
    folded: dict[str, str] = {}
    for name in entities:
        key = re.sub(r"[^a-z]", "", name.casefold())
        assert folded.setdefault(key, name) == name, f"{name!r} vs {folded[key]!r}"


def test_article_summary_is_generated_from_the_report() -> None:
    collection = load_collection(CLAIMS)
    claims = [c for c in collection.claims if c.article == "menendez-kazakhstan"]
    buffer = io.StringIO()
    report_markdown(claims, buffer, load_config(CLAIMS), collection.articles)
    assert (ARTICLE / "README.md").read_text(encoding="utf-8") == buffer.getvalue(), (
        "regenerate it: fcheck report --article menendez-kazakhstan --format markdown "
        "--output claims/menendez-kazakhstan/README.md --force"
    )
