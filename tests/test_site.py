"""fcheck site: the pages, the feed, the search index, the JSON-LD, and writing the
folder (atomically, never over a folder fcheck did not write)."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from fcheck.atomic import WriteError
from fcheck.cli import app
from fcheck.collection import load_collection
from fcheck.config import Config
from fcheck.model import Article, Claim
from fcheck.reporters.present import article_piece, color_hex
from fcheck.safe import escape_controls
from fcheck.site import paths
from fcheck.site.build import build_site
from fcheck.site.pages import SEARCH_SCRIPT
from fcheck.site.write import write_site

from .conftest import REPO, VALID, make_collection
from .hostile.corpus import (
    CASES,
    MARKER,
    SECRET,
    Case,
    build,
    expected_exit,
    unreadable_is_readable,
)
from .site_helpers import Page, assert_site_page, resolve
from .test_untrusted_output import EVIDENCE_URL, hostile, hostile_text

ATOM = "{http://www.w3.org/2005/Atom}"


def _build(claims_dir: Path) -> tuple[Any, dict[str, bytes]]:
    collection = load_collection(claims_dir)
    assert collection.ok
    return collection, build_site(collection.claims, collection.articles, collection.config)


@pytest.fixture(scope="module")
def fixture_site() -> tuple[Any, dict[str, bytes]]:
    return _build(VALID)


def check_site(files: dict[str, bytes]) -> dict[str, Page]:
    """Every page inert, and every relative link and anchor resolving inside the site."""
    pages = {
        name: assert_site_page(name, data.decode("utf-8"), SEARCH_SCRIPT)
        for name, data in files.items()
        if name.endswith(".html")
    }
    for name, page in pages.items():
        assert len(page.ids) == len(set(page.ids)), f"{name}: duplicate ids"
        for tag, attr in (("a", "href"), ("link", "href")):
            for href in page.attr(tag, attr):
                if href.startswith(("http://", "https://")):
                    continue
                target, fragment = resolve(name, href)
                assert target in files, f"{name}: {href} points at no file"
                if fragment:
                    assert fragment in pages[target].ids, f"{name}: {href} has no anchor"
    return pages


def test_fixture_site_pages(fixture_site: tuple[Any, dict[str, bytes]]) -> None:
    collection, files = fixture_site
    pages = check_site(files)
    slugs = sorted(collection.articles)
    assert sorted(pages) == sorted(
        [paths.INDEX, paths.SEARCH, paths.SOURCES, paths.METHODOLOGY]
        + [paths.article_path(s) for s in slugs]
    )
    assert paths.FEED in files and paths.MARKER in files
    # the index links every fact-check; each article page has a card per claim
    index = pages[paths.INDEX]
    assert sorted(h for h in index.attr("a", "href") if h.startswith("fact-checks/")) == sorted(
        paths.article_path(s) for s in slugs
    )
    shown = " ".join(" ".join(index.text).split())
    for slug in slugs:  # each fact-check's claims counted by rating, once each
        ratings = Counter(c.rating for c in collection.claims if c.article == slug)
        total = sum(ratings.values())
        counts = ", ".join(f"{ratings[r]} {r}" for r in collection.config.ratings if ratings[r])
        assert f"{total} claims checked: {counts}." in shown
    for claim in collection.claims:
        page = pages[paths.article_path(claim.article)]
        assert paths.claim_anchor(claim.id) in page.ids
        assert " ".join(claim.data["claim"].split()) in "".join(page.text)
    # the sources page lists every evidence URL and links back to the claims citing it
    sources = pages[paths.SOURCES]
    for claim in collection.claims:
        for item in claim.data.get("evidence") or []:
            if item.get("url"):
                assert item["url"] in sources.attr("a", "href")
    cited = {h for h in sources.attr("a", "href") if "#claim-" in h}
    assert cited == {
        f"{paths.article_path(c.article)}#{paths.claim_anchor(c.id)}"
        for c in collection.claims
        if c.data.get("evidence")
    }


@pytest.mark.parametrize("claims_dir", [VALID, REPO / "claims"], ids=["fixture", "bundled"])
def test_markers_carry_the_numbers_of_the_list(claims_dir: Path) -> None:
    collection, files = _build(claims_dir)
    for slug in collection.articles:  # a marker in the text has its claim's number
        article = files[paths.article_path(slug)].decode()
        piece = article_piece(slug, collection.articles[slug], collection.claims, collection.config)
        found = 0
        for number, view in enumerate(piece.claims, 1):
            marker = f'id="q-{view.id}" href="#{paths.claim_anchor(view.id)}"'
            if marker in article:
                found += 1
                after = article.split(marker, 1)[1]
                assert after.split(">", 1)[1].startswith(f"{number}\u00a0"), view.id
        assert found == len(piece.positions) > 0


def test_every_page_references_only_the_site(fixture_site: tuple[Any, dict[str, bytes]]) -> None:
    _, files = fixture_site
    for name, data in files.items():
        if name.endswith(".html"):
            page = assert_site_page(name, data.decode(), SEARCH_SCRIPT)
            assert not page.attr("img", "src") and not page.attr("script", "src")
            for href in page.attr("link", "href"):
                assert not href.startswith(("http:", "https:", "//")), href


def _export(claims_dir: Path, slug: str) -> Any:
    result = CliRunner().invoke(
        app, ["export", "claimreview", "--claims", str(claims_dir), "--article", slug]
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("claims_dir", [VALID, REPO / "claims"], ids=["fixture", "bundled"])
def test_json_ld_of_each_page_is_the_export(claims_dir: Path) -> None:
    collection, files = _build(claims_dir)
    for slug in collection.articles:
        page = assert_site_page(slug, files[paths.article_path(slug)].decode(), SEARCH_SCRIPT)
        (document,) = page.json_ld()
        assert document == _export(claims_dir, slug)
        reviews = document["@graph"]
        # one review per rated claim of the article (unrated claims get none)
        assert [r["identifier"] for r in reviews] == [
            c.id for c in collection.claims if c.article == slug and c.rating
        ]


def test_each_review_url_is_its_claim_on_the_page(tmp_path: Path) -> None:
    claims = make_collection(tmp_path)
    (tmp_path / "fcheck.toml").write_text(
        '[organization]\nname = "Example Checks"\nurl = "https://checks.example"\n'
        '[site]\nbase_url = "https://checks.example/site/"\n'
    )
    _, files = _build(claims)
    page = assert_site_page("news", files[paths.article_path("news")].decode(), SEARCH_SCRIPT)
    (document,) = page.json_ld()
    assert document == _export(claims, "news")
    assert document["@graph"]
    for review in document["@graph"]:
        url = review["url"]
        assert url == paths.claim_url("https://checks.example/site/", "news", review["identifier"])
        assert url.startswith("https://checks.example/site/" + paths.article_path("news") + "#")
        assert url.split("#", 1)[1] in page.ids
    assert 'href="https://checks.example/site/index.html"' in files[paths.INDEX].decode()


def test_feed_is_atom(fixture_site: tuple[Any, dict[str, bytes]]) -> None:
    collection, files = fixture_site
    root = ET.fromstring(files[paths.FEED])
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author/" + ATOM + "name"):
        element = root.find(ATOM + required)
        assert element is not None and (element.text or "").strip(), required
    rels = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert rels["self"] == paths.FEED and rels["alternate"] == paths.INDEX
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(collection.articles)
    ids = set()
    for entry in entries:
        for required in ("id", "title", "updated", "summary"):
            assert (entry.findtext(ATOM + required) or "").strip(), required
        ids.add(entry.findtext(f"{ATOM}id"))
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href") in files
        assert (entry.findtext(f"{ATOM}updated") or "") <= (root.findtext(f"{ATOM}updated") or "")
    assert len(ids) == len(entries)


def test_feed_uses_the_site_address(tmp_path: Path) -> None:
    site = build_site([], {"a": Article("a", tmp_path, "a.yaml", {"title": "T"})}, Config())
    assert ET.fromstring(site[paths.FEED]).findtext(f"{ATOM}id", "").startswith("urn:uuid:")


def test_search_index_holds_every_claim(fixture_site: tuple[Any, dict[str, bytes]]) -> None:
    collection, files = fixture_site
    page = assert_site_page("search", files[paths.SEARCH].decode(), SEARCH_SCRIPT)
    (index,) = [json.loads(b) for a, b in page.scripts if a.get("type") == "application/json"]
    items = [h for h in page.attr("a", "href") if "#claim-" in h]
    assert len(index) == len(items) == len(collection.claims)
    for claim in collection.claims:
        href = f"{paths.article_path(claim.article)}#{paths.claim_anchor(claim.id)}"
        text = index[items.index(href)]
        assert " ".join(claim.data["claim"].split()) in text


def test_the_same_collection_builds_the_same_site() -> None:
    assert _build(VALID)[1] == _build(VALID)[1]


def test_ratings_are_coloured_from_the_configuration(tmp_path: Path) -> None:
    claims = make_collection(tmp_path)
    (tmp_path / "fcheck.toml").write_text(
        '[organization]\nname = "Example Checks"\nurl = "https://checks.example"\n'
        '[ratings.correct]\ndefinition = "Right."\ncolor = "#123456"\n'
        '[ratings.wrong]\ndefinition = "Wrong."\ncolor = "red"\n'
    )
    (claims / "news" / "ok.yaml").write_text(
        (claims / "news" / "ok.yaml").read_text().replace("rating: accurate", "rating: wrong")
    )
    _, files = _build(claims)
    pages = check_site(files)
    index = files[paths.INDEX].decode()
    assert ".r-correct{--c:#123456}" in index
    assert ".r-wrong{--c:" + color_hex("red") + "}" in index
    assert "Example Checks fact-checks" in "".join(pages[paths.INDEX].text)
    search = files[paths.SEARCH].decode()
    assert '<span class="pill r-wrong">Wrong</span>' in search


# Hostile text ----------------------------------------------------------------------
@st.composite
def hostile_collections(draw: Any) -> tuple[list[Claim], dict[str, Article]]:
    slug = draw(st.sampled_from(["news", "bad slug/../x", "<b>"]))
    text = draw(hostile_text)
    article = Article(
        slug,
        Path("."),
        "article.yaml",
        {
            "title": draw(hostile_text),
            "publisher": draw(hostile_text),
            "url": draw(st.sampled_from(["javascript:alert(1)", EVIDENCE_URL])),
            "language": draw(hostile),
            "published": draw(hostile),
            "verdict": draw(st.sampled_from(["inaccurate", None])),
            "summary": draw(hostile),
            "lead": ["a-claim"],
            "review": {"published": draw(hostile), "checkers": [draw(hostile)]},
            "corrections": [{"date": draw(hostile), "change": draw(hostile), "reason": "x"}],
        },
        text,
    )
    claims = []
    for claim_id in draw(st.lists(st.sampled_from(["a-claim", "b-2", "x\"'<>"]), unique=True)):
        quote = draw(st.one_of(hostile_text, st.just(text)))
        data = {
            "id": claim_id,
            "claim": draw(hostile_text),
            "quote": quote,
            "source": {"name": draw(hostile_text), "via": draw(hostile), "url": draw(hostile)},
            # statuses and ratings are validated choices in a loaded collection
            "status": draw(st.sampled_from(["court-established", "alleged", "speculative"])),
            "rating": draw(st.sampled_from(["accurate", "misleading", None])),
            "notes": draw(hostile_text) + " [1] [9]",
            "conclusion": draw(hostile),
            "evidence": [
                {"title": draw(hostile_text), "url": EVIDENCE_URL, "kind": draw(hostile)},
                {"title": draw(hostile_text), "url": draw(hostile), "archive_url": draw(hostile)},
            ],
            "tags": [draw(hostile_text)],
            "corrections": [{"date": draw(hostile), "change": draw(hostile), "reason": "y"}],
            "checked": draw(hostile),
        }
        claims.append(Claim(data=data, article=slug, path=f"claims/{claim_id}.yaml"))
    return claims, {slug: article}


@settings(max_examples=30, deadline=None)
@given(hostile_collections())
def test_hostile_text_is_inert_on_every_page(
    collection: tuple[list[Claim], dict[str, Article]],
) -> None:
    claims, articles = collection
    files = build_site(claims, articles, Config())
    pages = check_site(files)
    visible = " ".join(" ".join(" ".join(p.text) for p in pages.values()).split())
    for claim in claims:
        assert " ".join(escape_controls(claim.data["claim"]).split()) in visible
    for name in files:
        assert ".." not in name.split("/") and not name.startswith("/")
    ET.fromstring(files[paths.FEED])  # control characters cannot break the XML


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_site_on_the_hostile_corpus(
    case: Case, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, target = build(case, tmp_path)
    if case.name == "unreadable" and unreadable_is_readable(target):
        pytest.skip("chmod 000 does not stop this user (root) from reading")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "public"
    result = runner.invoke(app, ["site", "--claims", str(root), "--output", str(out)])
    assert isinstance(result.exception, (SystemExit, type(None))), result.exception
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.exit_code == expected_exit(("site",), case), result.stderr
    assert not (tmp_path / MARKER).exists()
    if result.exit_code:
        assert not out.exists()  # nothing is published from a broken collection
        return
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    check_site(files)
    ET.fromstring(files[paths.FEED])
    assert not any(SECRET.encode() in data for data in files.values())


# Writing the folder ----------------------------------------------------------------
FILES = {"index.html": b"new", "fact-checks/a.html": b"page", paths.MARKER: b"marker"}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_write_makes_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "site"
    write_site(FILES, out)
    assert (out / "fact-checks" / "a.html").read_bytes() == b"page"
    assert oct(out.stat().st_mode & 0o777) == oct(0o777 & ~_umask())
    assert _leftovers(out.parent) == []


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_write_replaces_its_own_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({**FILES, "old.html": b"old"}, out)
    write_site(FILES, out)
    assert not (out / "old.html").exists()
    assert (out / "index.html").read_bytes() == b"new"
    assert _leftovers(tmp_path) == []


def test_write_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_text("years of work")
    with pytest.raises(WriteError, match=r"not written by `fcheck site`.*--force"):
        write_site(FILES, out)
    assert (out / "thesis.docx").read_text() == "years of work"
    assert _leftovers(tmp_path) == []
    write_site(FILES, out, force=True)
    assert not (out / "thesis.docx").exists() and (out / "index.html").exists()


def test_write_takes_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write_site(FILES, tmp_path / "empty")
    assert (tmp_path / "empty" / "index.html").exists()


def test_write_refuses_files_links_and_the_collection(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(WriteError, match="not a folder"):
        write_site(FILES, tmp_path / "file", force=True)
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(WriteError, match="symbolic link"):
        write_site(FILES, tmp_path / "link", force=True)
    claims = make_collection(tmp_path / "project")
    for target in (tmp_path / "project", claims, claims / "site"):
        with pytest.raises(WriteError):
            write_site(FILES, target, force=True, protect=[claims])
    assert (claims / "news" / "ok.yaml").exists()


def test_a_failed_write_keeps_the_old_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "site"
    write_site({**FILES, "old.html": b"old"}, out)
    real_rename = os.rename
    calls = []

    def failing(src: Any, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == 2:  # the old site is aside; putting the new one in place fails
            raise OSError(28, "No space left on device")
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", failing)
    with pytest.raises(WriteError, match="No space left on device"):
        write_site(FILES, out)
    assert (out / "old.html").read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_a_failed_file_write_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    write_site({**FILES, "old.html": b"old"}, out)

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WriteError):
        write_site(FILES, out)
    assert (out / "old.html").read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


# The command -----------------------------------------------------------------------
def test_site_command(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "public"
    result = runner.invoke(app, ["site", "--claims", str(VALID), "--output", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "wrote" in result.stderr and result.stdout == ""
    assert (out / "index.html").is_file() and (out / paths.MARKER).is_file()
    again = runner.invoke(app, ["site", "--claims", str(VALID), "-o", str(out)])
    assert again.exit_code == 0, again.stderr


def test_site_command_refuses_and_explains(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "keep.md").write_text("keep")
    result = runner.invoke(app, ["site", "--claims", str(VALID), "-o", str(out)])
    assert result.exit_code == 1
    assert "--force" in result.stderr and "Traceback" not in result.stderr
    assert (out / "keep.md").read_text() == "keep"
    usage = runner.invoke(app, ["site", "--claims", str(VALID)])
    assert usage.exit_code == 2 and "--output" in usage.stderr


def test_site_command_writes_nothing_for_a_broken_collection(
    tmp_path: Path, runner: CliRunner
) -> None:
    claims = make_collection(tmp_path, {"bad.yaml": "id: bad\nclaim: [unclosed\n"})
    out = tmp_path / "public"
    result = runner.invoke(app, ["site", "--claims", str(claims), "-o", str(out)])
    assert result.exit_code == 1
    assert "bad.yaml" in result.stderr and "not written" in result.stderr
    assert not out.exists()


def test_the_methodology_says_when_one_person_reviews(tmp_path: Path) -> None:
    import dataclasses

    from fcheck.editorial_settings import GateSettings

    collection, _ = _build(VALID)
    note = "this team does not use a second reviewer"
    two = build_site(collection.claims, collection.articles, collection.config)
    assert note not in two[paths.METHODOLOGY].decode()
    config = dataclasses.replace(collection.config, gate=GateSettings(two_person=False))
    one = build_site(collection.claims, collection.articles, config)
    assert note in one[paths.METHODOLOGY].decode()
