"""``fcheck export``: ClaimReview JSON-LD and its lint, CSV, JSON Lines and SQLite."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fcheck.cli import app
from fcheck.collection import load_collection
from fcheck.config import Config
from fcheck.export.claimreview import (
    author_type,
    check_claimreview,
    claimreview_document,
    site_claim_url,
    summarize_notes,
)

from .conftest import CLAIM_YAML, REPO, VALID, make_collection

V = ["--claims", str(VALID)]
TEAM = """
[organization]
name = "Example Checks"
url = "https://checks.example.org/"

[reviews]
url = "https://checks.example.org/{article}/{id}"
"""


def run(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def configured_copy(tmp_path: Path, toml: str = TEAM) -> Path:
    """The valid fixtures with an fcheck.toml beside them."""
    import shutil

    root = tmp_path / "claims"
    shutil.copytree(VALID, root)
    (tmp_path / "fcheck.toml").write_text(toml)
    return root


# ClaimReview ------------------------------------------------------------------------
def test_claimreview_mapping(runner: CliRunner, tmp_path: Path) -> None:
    root = configured_copy(tmp_path)
    result = run(runner, "export", "claimreview", "--claims", str(root), "--status", "alleged")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["@context"] == "https://schema.org"
    reviews = {r["identifier"]: r for r in document["@graph"]}
    assert sorted(reviews) == ["bridge-reopened", "crlf-bom", "mayor-best-run", "orcamento-cresceu"]
    review = reviews["bridge-reopened"]
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"].startswith("The Øresund Harbour Bridge reopened")
    assert review["url"] == "https://checks.example.org/harbour-bridge-2024/bridge-reopened"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Example Checks",
        "url": "https://checks.example.org/",
    }
    # the fact-check's review dates (article.yaml), the latest correction as modified
    assert review["datePublished"] == "2024-03-11"
    assert review["dateModified"] == "2024-06-10"
    # an article without review dates: the claim's checked date, here none
    assert reviews["crlf-bom"].get("datePublished") is None
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert rating["alternateName"] == "accurate"
    # the conclusion, whole, without its [1]
    assert rating["ratingExplanation"] == (
        "The council's press release confirms the date and the duration."
    )
    assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "Example Gazette"}
    assert item["datePublished"] == "2024-03-04"
    assert item["appearance"]["url"] == "https://example.org/news/harbour-bridge"
    assert item["appearance"]["headline"] == "Harbour bridge reopens after repairs"
    # the Portuguese article has no URL, so its claims have no appearance
    assert "appearance" not in reviews["orcamento-cresceu"]["itemReviewed"]
    assert reviews["orcamento-cresceu"]["itemReviewed"]["author"]["@type"] == "Person"


def test_unrated_claim_is_not_a_review_and_no_number(runner: CliRunner, tmp_path: Path) -> None:
    root = make_collection(
        tmp_path,
        {
            "x.yaml": CLAIM_YAML.format(id="x").replace("rating: accurate\n", ""),
            "y.yaml": CLAIM_YAML.format(id="y"),
        },
    )
    collection = load_collection(root)
    (review,) = claimreview_document(collection.claims, collection.articles)["@graph"]
    assert review["identifier"] == "y"
    assert review["reviewRating"]["alternateName"] == "accurate"
    assert "ratingValue" not in json.dumps(review)
    # nothing is invented where the configuration is silent
    assert "url" not in review and "author" not in review
    # the command says what it left out; --check lists it
    result = run(runner, "export", "claimreview", "--claims", str(root))
    assert result.exit_code == 0
    assert "1 claim has no rating and is not exported as a review: x" in result.stderr
    check = run(runner, "export", "claimreview", "--claims", str(root), "--check")
    assert "x.yaml:6:9: claimreview-unrated (warning)" in check.stdout


def test_conclusion_is_the_rating_explanation_whole(tmp_path: Path) -> None:
    conclusion = (
        "Wrong. The letter (Office of Sen. Menendez) cites United States v. Hana; "
        "it says nothing of the kind [1]. Nothing more."
    )
    notes = "First sentence by Sen. Smith about United States v. Jones. Second one."
    claim = (
        CLAIM_YAML.format(id="x").replace(
            "notes: The budget shows the same figure.", f"notes: {notes}"
        )
        + f"conclusion: {conclusion}\n"
        + "evidence:\n  - title: Letter\n    url: https://example.org/l\n"
    )
    other = CLAIM_YAML.format(id="y").replace(
        "notes: The budget shows the same figure.", f"notes: {notes}"
    )
    root = make_collection(tmp_path, {"x.yaml": claim, "y.yaml": other})
    collection = load_collection(root)
    assert collection.ok  # (a near-duplicate warning: the two claims are the same)
    reviews = {
        r["identifier"]: r
        for r in claimreview_document(collection.claims, collection.articles)["@graph"]
    }
    assert reviews["x"]["reviewRating"]["ratingExplanation"] == conclusion.replace(" [1]", "")
    assert reviews["y"]["reviewRating"]["ratingExplanation"] == notes


def test_review_url_from_site_base_url(tmp_path: Path) -> None:
    root = configured_copy(
        tmp_path,
        '[organization]\nname = "Desk"\nlogo = "https://desk.example/l.png"\n'
        '[site]\nbase_url = "https://desk.example/checks/"\n',
    )
    collection = load_collection(root)
    reviews = {
        r["identifier"]: r
        for r in claimreview_document(collection.claims, collection.articles, collection.config)[
            "@graph"
        ]
    }
    assert reviews["repair-cost"]["url"] == (
        "https://desk.example/checks/fact-checks/harbour-bridge-2024.html#claim-repair-cost"
    )
    assert reviews["repair-cost"]["author"]["logo"] == "https://desk.example/l.png"
    findings = check_claimreview(collection.claims, collection.articles, collection.config, root)
    assert not [f for f in findings if f.severity.value == "error"]


def test_site_claim_url_is_the_sites_own() -> None:
    paths = pytest.importorskip("fcheck.site.paths")
    for article, claim_id in [("news", "a-b"), ("Not A Slug", "x y/z"), ("a" * 130, "q")]:
        assert site_claim_url("https://x.example/", article, claim_id) == paths.claim_url(
            "https://x.example/", article, claim_id
        )


def test_first_appearance_from_source_url(tmp_path: Path) -> None:
    claim = CLAIM_YAML.format(id="x").replace(
        "  name: The mayor\n", "  name: The mayor\n  url: https://example.org/speech\n"
    )
    root = make_collection(tmp_path, {"x.yaml": claim})
    collection = load_collection(root)
    (review,) = claimreview_document(collection.claims, collection.articles)["@graph"]
    assert review["itemReviewed"]["firstAppearance"]["url"] == "https://example.org/speech"
    assert review["itemReviewed"]["author"]["url"] == "https://example.org/speech"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Example Gazette", "Organization"),
        ("news-biz-today.com", "Organization"),
        ("City council", "Organization"),
        ("Zoë Brännström", "Person"),
        ("Ana Lúcia Gonçalves", "Person"),
        ("J. R. Smith", "Person"),
        ("Ministério da Saúde", "Organization"),
        ("Câmara Municipal", "Organization"),
        ("Banco Santander", "Organization"),
        ("Jane Fonda", "Person"),
        ("senate.gov", "Organization"),
    ],
)
def test_author_type(name: str, kind: str) -> None:
    assert author_type(name) == kind


def test_author_is_organization_when_it_is_the_publisher() -> None:
    assert author_type("Jane Doe Weekly", "jane doe weekly") == "Organization"


def test_summarize_notes_whole_sentences_never_cut() -> None:
    assert summarize_notes("First one. Second one.") == "First one. Second one."
    assert summarize_notes("First one. Second one.", limit=12) == "First one."
    long = "word " * 100
    assert summarize_notes(long, limit=50) == long.strip()  # one sentence: whole
    cited = "Filed by the Office of Sen. Menendez [2] in 2019. Then more."
    assert summarize_notes(cited, limit=50) == "Filed by the Office of Sen. Menendez in 2019."


def test_check_without_config_fails_naming_what_to_configure(runner: CliRunner) -> None:
    result = run(runner, "export", "claimreview", "--check", *V)
    assert result.exit_code == 1
    assert "claimreview-required" in result.stdout
    assert "[organization]" in result.stdout and "[site] base_url" in result.stdout
    assert "fcheck.toml" in result.stdout
    assert "2 errors" in result.stdout
    assert "{" not in result.stdout.split("\n")[-2]  # the JSON-LD is not printed


def test_check_configured_flags_long_claims_only(runner: CliRunner, tmp_path: Path) -> None:
    root = configured_copy(tmp_path)
    result = run(runner, "export", "claimreview", "--check", "--claims", str(root))
    assert result.exit_code == 0
    assert "claimreview-config" not in result.stdout
    long_claim = "bridge-reopened.yaml:2:8: claimreview-claim-length (warning)"
    assert long_claim in result.stdout  # 84 characters, over Google's 75
    assert "mayor-best-run.yaml:2:8: claimreview-claim-length" in result.stdout
    assert "contractor-ties.yaml:2" not in result.stdout  # 51 characters


def test_check_errors_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    claim = CLAIM_YAML.format(id="early") + "checked: 2001-01-01\n"
    root = make_collection(tmp_path, {"early.yaml": claim})
    (root / "news" / "article.yaml").write_text(
        'title: Bridge costs\npublisher: Example Gazette\ntext: article.txt\npublished: "2024"\n'
    )
    result = run(runner, "export", "claimreview", "--check", "--claims", str(root))
    assert result.exit_code == 1
    assert "early.yaml:9:10: claimreview-dates the review is dated 2001-01-01" in result.stdout


def test_check_shared_review_url(tmp_path: Path) -> None:
    root = configured_copy(tmp_path, TEAM.replace("{article}/{id}", "{article}"))
    collection = load_collection(root)
    findings = check_claimreview(collection.claims, collection.articles, collection.config, root)
    assert any(f.rule == "claimreview-shared-url" for f in findings)


def test_check_only_for_claimreview(runner: CliRunner) -> None:
    result = run(runner, "export", "csv", "--check", *V)
    assert result.exit_code == 2
    assert "--check" in result.stderr


def test_unknown_format_is_usage_error(runner: CliRunner) -> None:
    result = run(runner, "export", "xml", *V)
    assert result.exit_code == 2
    assert "claimreview, csv, sqlite, jsonl" in result.stderr


def test_bundled_collection_check_names_the_missing_url(runner: CliRunner) -> None:
    """The sample collection is published nowhere, so its reviews have no url: --check
    says so and fails; everything else it needs is there."""
    result = run(runner, "export", "claimreview", "--check", "--claims", str(REPO / "claims"))
    errors = [
        line
        for line in result.stdout.splitlines()
        if ": claimreview-" in line and "(warning)" not in line
    ]
    assert result.exit_code == 1, result.stdout
    assert len(errors) == 1 and "no address is configured for the reviews" in errors[0]


# CSV and JSON Lines -----------------------------------------------------------------
def test_csv_has_bom_and_keeps_names(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "claims.csv"
    result = run(runner, "export", "csv", *V, "--output", str(target))
    assert result.exit_code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 6
    names = {r["via"] for r in rows}
    assert "Zoë Brännström" in names
    best = next(r for r in rows if r["id"] == "mayor-best-run")
    assert best["entities"] == "Zoë Brännström"
    # list --format csv stays BOM-free for scripts
    listed = run(runner, "list", *V, "--format", "csv")
    assert not listed.stdout.startswith("\ufeff")


def test_csv_neutralizes_formulas(runner: CliRunner, tmp_path: Path) -> None:
    claim = CLAIM_YAML.format(id="evil").replace(
        "claim: The bridge cost 42 million euros.", 'claim: \'=HYPERLINK("http://x","y")\''
    )
    root = make_collection(tmp_path, {"evil.yaml": claim})
    result = run(runner, "export", "csv", "--claims", str(root))
    row = next(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert row["claim"].startswith("'=")


def test_jsonl_equals_list_json(runner: CliRunner) -> None:
    lines = run(runner, "export", "jsonl", *V, "--tag", "infrastructure").stdout.splitlines()
    listed = json.loads(run(runner, "list", *V, "--tag", "infrastructure", "-f", "json").stdout)
    assert [json.loads(line) for line in lines] == listed
    assert len(lines) == 2


# SQLite -----------------------------------------------------------------------------
def test_sqlite_needs_output(runner: CliRunner) -> None:
    result = run(runner, "export", "sqlite", *V)
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_sqlite_tables_and_foreign_keys(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "claims.db"
    result = run(runner, "export", "sqlite", *V, "--output", str(db))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.db"]  # no temp file left
    conn = sqlite3.connect(db)
    count = lambda table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
    claims = load_collection(VALID).claims
    assert count("articles") == len({c.article for c in claims})
    assert count("claims") == len(claims)
    assert count("evidence") == sum(len(c.data.get("evidence") or []) for c in claims)
    assert count("tags") == sum(len(set(c.data.get("tags") or [])) for c in claims)
    assert count("entities") == sum(len(set(c.data.get("entities") or [])) for c in claims)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    fks = {
        r[2]
        for t in ("claims", "evidence", "tags", "entities")
        for r in conn.execute(f"PRAGMA foreign_key_list({t})")
    }
    assert fks == {"articles", "claims"}
    hits = conn.execute(
        "SELECT c.id FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
        "WHERE claims_fts MATCH 'audit'"
    ).fetchall()
    assert hits == [("repair-cost",)]
    # an existing database is kept unless --force is given
    again = run(runner, "export", "sqlite", *V, "--output", str(db))
    assert again.exit_code == 1 and "already exists" in again.stderr
    forced = run(
        runner, "export", "sqlite", *V, "--status", "alleged", "--output", str(db), "--force"
    )
    assert forced.exit_code == 0
    alleged = sum(c.status == "alleged" for c in claims)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM claims").fetchone()[0] == alleged


def test_sqlite_search_through_datasette(runner: CliRunner, tmp_path: Path) -> None:
    from datasette.app import Datasette

    db = tmp_path / "checks.db"
    assert run(runner, "export", "sqlite", *V, "--output", str(db)).exit_code == 0

    async def query() -> tuple[list[str], bool]:
        datasette = Datasette([str(db)])
        found = await datasette.client.get("/checks/claims.json?_search=orçamento&_shape=array")
        assert found.status_code == 200
        page = await datasette.client.get("/checks/claims")
        return [row["id"] for row in found.json()], 'name="_search"' in page.text

    ids, has_search_box = asyncio.run(query())
    assert ids == ["orcamento-cresceu"]
    assert has_search_box


def test_exporters_are_pure(tmp_path: Path) -> None:
    collection = load_collection(VALID)
    first = claimreview_document(collection.claims, collection.articles, Config())
    assert first == claimreview_document(collection.claims, collection.articles, Config())
    assert list(tmp_path.iterdir()) == []


def test_reader_fields_in_csv_and_sqlite(runner: CliRunner, tmp_path: Path) -> None:
    import csv
    import io

    text = run(runner, "export", "csv", *V).stdout.lstrip("\ufeff")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert list(rows["repair-cost"])[-2:] == ["conclusion", "reviewer"]
    assert rows["repair-cost"]["conclusion"].startswith("The repairs cost 47 million")
    assert rows["repair-cost"]["reviewer"] == "E. Editor"
    assert rows["orcamento-cresceu"]["conclusion"] == ""
    db = tmp_path / "claims.db"
    assert run(runner, "export", "sqlite", *V, "--output", str(db)).exit_code == 0
    conn = sqlite3.connect(db)
    assert conn.execute(
        "SELECT verdict, review_state, review_published FROM articles "
        "WHERE slug = 'harbour-bridge-2024'"
    ).fetchone() == ("misleading", "published", "2024-03-11")
    kinds = conn.execute("SELECT kind, accessed FROM evidence WHERE kind IS NOT NULL")
    assert kinds.fetchall() == [("court-record", "2024-06-10")]
    corrections = conn.execute(
        "SELECT article, claim_id, date FROM corrections ORDER BY claim_id"
    ).fetchall()
    assert corrections == [
        ("harbour-bridge-2024", None, "2024-06-10"),
        ("harbour-bridge-2024", "repair-cost", "2024-06-10"),
    ]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    jsonl = [json.loads(line) for line in run(runner, "export", "jsonl", *V).stdout.splitlines()]
    (cost,) = [c for c in jsonl if c["id"] == "repair-cost"]
    assert cost["conclusion"].endswith("was the budget.") and cost["corrections"][0]["date"]
