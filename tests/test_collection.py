"""Loading a collection: every independent finding in one run (issue 15, findings held back)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fcheck.collection import load_collection
from tests.conftest import CLAIM_YAML, make_collection

BAD_STATUS_AND_QUOTE = (
    CLAIM_YAML.format(id="both")
    .replace("status: alleged", "status: rumoured")
    .replace("quote: the bridge cost 42 million euros", "quote: the bridge cost 24 million euros")
)


def _rules(root: Path, **kwargs: object) -> list[tuple[str, str]]:
    collection = load_collection(root, **kwargs)  # type: ignore[arg-type]
    return [(Path(f.path).name, f.rule) for f in collection.findings]


@pytest.mark.parametrize(
    "options", [{}, {"jobs": 2}, {"cache": True}], ids=["in-process", "workers", "cache"]
)
def test_a_wrong_quote_is_reported_beside_a_wrong_status(tmp_path: Path, options: dict) -> None:
    root = make_collection(tmp_path, {"both.yaml": BAD_STATUS_AND_QUOTE})
    for _ in range(2):  # the second run answers from the cache where there is one
        found = _rules(root, **options)
        assert ("both.yaml", "invalid-choice") in found
        assert ("both.yaml", "quote-not-found") in found
    # the rejected file is still no record
    assert load_collection(root).claims == []


def test_a_wrong_quote_is_not_reported_twice_when_the_quote_itself_is_wrong(
    tmp_path: Path,
) -> None:
    claim = CLAIM_YAML.format(id="q").replace(
        "quote: the bridge cost 42 million euros", "quote: [a, list]"
    )
    found = _rules(make_collection(tmp_path, {"q.yaml": claim}))
    assert [rule for name, rule in found if name == "q.yaml"] == ["wrong-type"]


def test_a_reference_to_missing_evidence_is_reported_beside_a_wrong_status(
    tmp_path: Path,
) -> None:
    claim = BAD_STATUS_AND_QUOTE.replace("notes: The budget", "notes: As [2] shows, the budget")
    found = _rules(make_collection(tmp_path, {"both.yaml": claim}))
    assert ("both.yaml", "evidence-ref-missing") in found
    assert ("both.yaml", "invalid-choice") in found


def test_claims_of_an_article_with_findings_still_have_their_quotes_checked(
    tmp_path: Path,
) -> None:
    wrong_quote = CLAIM_YAML.format(id="w").replace("42 million", "24 million")
    root = make_collection(tmp_path, {"w.yaml": wrong_quote})
    article = root / "news" / "article.yaml"
    article.write_text(article.read_text().replace("publisher: Example Gazette", "publisher: ''"))
    collection = load_collection(root)
    found = [(Path(f.path).name, f.rule) for f in collection.findings]
    assert ("article.yaml", "empty-value") in found
    assert ("w.yaml", "quote-not-found") in found
    assert collection.articles == {}  # the broken article is still not a record


def test_an_article_whose_text_key_is_wrong_gets_no_quote_findings(
    tmp_path: Path,
) -> None:
    root = make_collection(tmp_path)
    article = root / "news" / "article.yaml"
    article.write_text(article.read_text().replace("text: article.txt", "text: [x]"))
    found = _rules(root)
    assert ("article.yaml", "wrong-type") in found
    assert not any(rule == "quote-not-found" for _, rule in found)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths os.open is asked to open from now on."""
    paths: list[str] = []
    real_open = os.open

    def spy(path: str, *args: object, **kwargs: object) -> int:
        paths.append(os.fspath(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", spy)
    return paths


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_among_the_claim_files_is_refused_by_the_walk_and_never_opened(
    tmp_path: Path, opened: list[str]
) -> None:
    root = make_collection(tmp_path, {"good.yaml": CLAIM_YAML.format(id="good")})
    fifo = next(root.iterdir()) / "pipe.yaml"
    os.mkfifo(fifo)
    collection = load_collection(root, cache=False)
    found = [(Path(f.path).name, f.rule, f.message) for f in collection.findings]
    refused = "is a named pipe (FIFO), not a regular file; remove it"
    assert found == [("pipe.yaml", "file-unreadable", refused)]
    assert [c.id for c in collection.claims] == ["good"]
    assert any(p.endswith("good.yaml") for p in opened)  # the spy sees the reads
    assert not any(p.endswith("pipe.yaml") for p in opened)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_article_text_that_is_a_fifo_is_refused_and_never_opened(
    tmp_path: Path, opened: list[str]
) -> None:
    root = make_collection(tmp_path, {"good.yaml": CLAIM_YAML.format(id="good")})
    folder = next(root.iterdir())
    text_name = yaml_text_name(folder)
    (folder / text_name).unlink()
    os.mkfifo(folder / text_name)
    found = [(Path(f.path).name, f.rule) for f in load_collection(root).findings]
    assert (text_name, "file-unreadable") in found
    assert any(p.endswith("article.yaml") for p in opened)  # the spy sees the reads
    assert not any(p.endswith(text_name) for p in opened)


def yaml_text_name(folder: Path) -> str:
    import yaml

    return str(yaml.safe_load((folder / "article.yaml").read_text())["text"])
