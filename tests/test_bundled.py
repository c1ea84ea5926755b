"""The bundled fact-check: clean, sourced only from the evidence brief, readable by the
public (a conclusion per claim, numbered references to its own sources), summary in sync."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from fcheck.collection import load_collection
from fcheck.config import load_config
from fcheck.gate import check_gate
from fcheck.reporters.reader import reader_markdown
from fcheck.reporters.report import md_escape
from fcheck.sentences import split_sentences

from .conftest import REPO

CLAIMS = REPO / "claims"
ARTICLE = CLAIMS / "menendez-kazakhstan"
BRIEF = REPO / "docs" / "research" / "seed-evidence-brief.md"
TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid)$")
REFERENCE = re.compile(r"\[([0-9]{1,3})\](?![0-9])")
# what the research notes used to cite, and the language of the research memos
BRIEF_ID = re.compile(r"\[[A-Z]{1,2}[0-9]{1,2}\]")
INTERNAL = re.compile(r"\b(the brief|the record|stored cop(y|ies))\b", re.IGNORECASE)
ISO_DATE = re.compile(r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b")


def without_tracking(url: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    kept = [(k, v) for k, v in query if not TRACKING.match(k)]
    return urlunsplit(parts._replace(query=urlencode(kept)))


def brief_rows() -> dict[str, dict[str, str]]:
    """The brief's source table by URL (without tracking parameters)."""
    rows = {}
    for line in BRIEF.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\| [A-Z]+\d+ \|", line):
            cells = [c.strip() for c in line.split("|")[1:-1]]
            source_id, title, publisher, date, url = cells
            rows[without_tracking(url)] = {
                "id": source_id,
                "title": title,
                "publisher": publisher,
                "date": date,
            }
    return rows


def bundled_claims() -> list[Any]:
    return load_collection(CLAIMS).claims


def test_bundled_collection_is_clean_without_warnings() -> None:
    collection = load_collection(CLAIMS)
    assert collection.findings == []
    assert len(collection.claims) >= 40


def test_every_claim_is_rated_and_sourced() -> None:
    for claim in bundled_claims():
        assert claim.rating, claim.id
        assert len(claim.data["notes"].split()) >= 20, f"{claim.id}: notes too thin"
        if claim.status != "speculative":
            assert any(e.get("url") for e in claim.data.get("evidence") or []), claim.id


def test_tracking_parameters_are_recognised() -> None:
    assert without_tracking("https://a.example/p?fbclid=x") == "https://a.example/p"
    assert without_tracking("https://a.example/p?utm_source=x&id=3") == "https://a.example/p?id=3"
    assert without_tracking("https://a.example/p?pdf=2585") == "https://a.example/p?pdf=2585"


def test_every_url_comes_from_the_evidence_brief() -> None:
    table = brief_rows()
    assert len(table) > 50
    for claim in bundled_claims():
        urls = [claim.data["source"].get("url")]
        urls += [e.get("url") for e in claim.data.get("evidence") or []]
        for url in filter(None, urls):
            assert without_tracking(url) in table, f"{claim.id}: {url} is not in the brief"
            assert url == without_tracking(url), f"{claim.id}: {url} has tracking parameters"


def test_evidence_is_described_as_in_the_brief() -> None:
    """Titles are the brief's (its research annotations in brackets left out), publishers
    and dates are the brief's: nothing about a source is invented."""
    table = brief_rows()
    for claim in bundled_claims():
        for item in claim.data.get("evidence") or []:
            row = table[without_tracking(item["url"])]
            where = f"{claim.id}: {row['id']}"
            assert item["title"] in row["title"], f"{where}: title not the brief's"
            assert item.get("publisher") == row["publisher"], where
            if item.get("date"):
                assert row["date"].startswith(item["date"]), where
            assert item.get("kind") in {"court-record", "official", "news", "statement", "other"}
            if item["kind"] == "court-record":
                assert "court" in row["publisher"].lower(), f"{where}: not a court's document"


def test_titles_carry_no_research_annotations() -> None:
    for claim in bundled_claims():
        for item in claim.data.get("evidence") or []:
            title = item["title"]
            notes = r"\((list of|mirror|copy|stored|NBC|CNN|AP|NYT|AFP|Reuters)"
            assert not re.search(notes, title), f"{claim.id}: {title}"
            assert not re.search(r"\([^)]*\b(19|20)[0-9]{2}\)$", title), f"{claim.id}: {title}"


def test_numbered_references_resolve_to_the_claims_own_evidence() -> None:
    for claim in bundled_claims():
        items = claim.data.get("evidence") or []
        notes = claim.data["notes"]
        cited = {int(n) for n in REFERENCE.findall(notes)}
        assert cited, f"{claim.id}: the notes cite no source by number"
        assert cited <= set(range(1, len(items) + 1)), f"{claim.id}: {sorted(cited)}"
        # every source listed is used in the notes, so none is a silent extra
        assert cited == set(range(1, len(items) + 1)), f"{claim.id}: uncited evidence"
        assert not BRIEF_ID.search(notes), f"{claim.id}: the brief's IDs left in the notes"


def test_every_claim_has_a_plain_conclusion() -> None:
    for claim in bundled_claims():
        # the claim is ClaimReview's claimReviewed: Google advises under 75 characters
        assert len(claim.data["claim"]) <= 75, f"{claim.id}: claim too long to read as a heading"
        conclusion = claim.data.get("conclusion")
        assert isinstance(conclusion, str) and conclusion.strip(), f"{claim.id}: no conclusion"
        assert 1 <= len(split_sentences(conclusion)) <= 3, f"{claim.id}: one to three sentences"
        assert not REFERENCE.search(conclusion) and not BRIEF_ID.search(conclusion), claim.id
        assert not ISO_DATE.search(conclusion), f"{claim.id}: write dates for readers"


def test_notes_are_written_for_the_public() -> None:
    lengths = []
    for claim in bundled_claims():
        text = f"{claim.data['notes']} {claim.data['conclusion']}"
        assert not INTERNAL.search(text), f"{claim.id}: {INTERNAL.search(text)}"
        assert not ISO_DATE.search(text), f"{claim.id}: write dates for readers"
        lengths.append(len(REFERENCE.sub("", claim.data["notes"]).split()))
    lengths.sort()
    assert lengths[len(lengths) // 2] <= 85, "notes are memos again: median words"


def test_the_article_has_a_verdict_summary_and_lead() -> None:
    collection = load_collection(CLAIMS)
    article = collection.articles["menendez-kazakhstan"].data
    ids = {c.id for c in collection.claims}
    assert article["verdict"] in load_config(CLAIMS).rating_names
    assert 2 <= len(split_sentences(article["summary"])) <= 5
    assert article["lead"] and set(article["lead"]) <= ids
    # nobody invented: no one approved it, so it is not published
    review = article["review"]
    assert review["state"] != "published" or review.get("editors")


def test_only_a_second_editor_and_a_court_document_stand_between_it_and_publishing() -> None:
    """The publishing gate, applied as if publishing now, finds exactly what an editor
    would expect: nobody but the checkers has approved it (no editor is invented), and the
    Kazakh court's judgment on Massimov is not among the brief's sources. Everything else a
    published fact-check needs (verdict, summary, a rating and conclusion per claim, court
    records for the other court-established claims) is there."""
    found = sorted((Path(f.path).name, f.rule) for f in check_gate(load_collection(CLAIMS), True))
    assert found == [
        ("article.yaml", "gate-two-person"),
        ("massimov-sentenced-18-years.yaml", "gate-court-record"),
    ]


def test_entities_have_one_spelling() -> None:
    entities = {e for c in bundled_claims() for e in c.data.get("entities") or []}
    assert "Karim Massimov" in entities
    assert "Karim Masimov" not in entities
    folded: dict[str, str] = {}
    for name in entities:
        key = re.sub(r"[^a-z]", "", name.casefold())
        assert folded.setdefault(key, name) == name, f"{name!r} vs {folded[key]!r}"


def generated_summary() -> str:
    collection = load_collection(CLAIMS)
    claims = [c for c in collection.claims if c.article == "menendez-kazakhstan"]
    buffer = io.StringIO()
    reader_markdown(claims, buffer, load_config(CLAIMS), collection.articles)
    return buffer.getvalue()


def test_article_summary_is_generated_from_the_report() -> None:
    assert (ARTICLE / "README.md").read_text(encoding="utf-8") == generated_summary(), (
        "regenerate it: fcheck report --article menendez-kazakhstan --format markdown "
        "--output claims/menendez-kazakhstan/README.md --force"
    )


def test_the_summary_reads_as_a_fact_check() -> None:
    """Headline, verdict and what we found first; then the lead claims in the editor's
    order; then every claim; the counts come last, as context."""
    text = (ARTICLE / "README.md").read_text(encoding="utf-8")
    collection = load_collection(CLAIMS)
    article = collection.articles["menendez-kazakhstan"].data
    claims = {c.id: c for c in collection.claims}
    assert text.startswith(f"# {md_escape(article['title'])}\n")
    verdict = text.index(f"Our verdict: {article['verdict'].capitalize()}")
    found = text.index(md_escape(article["summary"]))
    lead = text.index("## The claims that matter most")
    every = text.index("## Every claim")
    assert verdict < found < lead < every
    where = [text.index(md_escape(claims[i].data["claim"]), lead) for i in article["lead"]]
    assert where == sorted(where) and where[-1] < every
    assert "fcheck maintainers" in text[:found]
    assert md_escape("Published by fcheck project (sample collection)") in text[every:]
