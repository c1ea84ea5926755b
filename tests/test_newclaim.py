"""fcheck new: quote check, id derivation, template, no overwrite, --edit."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fcheck.collection import load_collection
from fcheck.newclaim import MAX_ID_LENGTH, slugify, unique_id

from .workflow_helpers import STORY, fill, invoke, tree


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    folder = tmp_path / "claims" / "bridge"
    folder.mkdir(parents=True)
    (folder / "article.yaml").write_text(
        "title: Bridge costs soar\npublisher: Example Gazette\n"
        "url: https://example.org/bridge\ntext: article.txt\n"
    )
    (folder / "article.txt").write_text(STORY, encoding="utf-8")
    return tmp_path / "claims"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("The bridge cost 42 million euros.", "bridge-cost-42-million-euros"),
        ("Zoë Brännström built it", "zoe-brannstrom-built"),
        ("Ação do Órgão: 50%!", "acao-do-orgao-50"),
        ("Москва", "claim"),  # nothing transliterates: a neutral fallback
        ("the of and", "the-of-and"),  # only stop words: keep them
        ("Con!", "con-claim"),  # a device name Windows reserves
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_is_bounded_at_a_word() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= MAX_ID_LENGTH
    assert slug.endswith("word")


def test_unique_id() -> None:
    assert unique_id("a", set()) == "a"
    assert unique_id("a", {"a", "a-2"}) == "a-3"
    long = "x" * MAX_ID_LENGTH
    assert len(unique_id(long, {long})) == MAX_ID_LENGTH


def test_new_writes_a_template_that_validates_once_filled(runner: CliRunner, claims: Path) -> None:
    result = invoke(
        runner, "new", "bridge", "--quote", "the bridge cost 42\n  million euros",
        "--claim", "The bridge cost 42 million euros.", "--status", "alleged",
        "--rating", "accurate", "--claims", str(claims),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    path = claims / "bridge" / "bridge-cost-42-million-euros.yaml"
    assert f"Created {path}" in result.stdout
    assert "Fill in notes" in result.stdout
    # unfinished: validate points at the empty notes
    findings = load_collection(claims).findings
    assert [(f.rule, f.message) for f in findings] == [
        ("empty-value", "'notes' is empty; fill in the checker's findings")
    ]
    template = path.read_text(encoding="utf-8")
    assert "# conclusion:\n" in template and "# [1], [2]" not in template
    assert "#     kind: court-record, official, news, statement or other" in template
    fill(path)
    # the conclusion line, uncommented and filled in, is a valid field
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "# conclusion:\n", "conclusion: The budget says so.\n"
        ),
        encoding="utf-8",
    )
    collection = load_collection(claims)
    assert collection.findings == []
    data = collection.claims[0].data
    assert data["conclusion"] == "The budget says so."
    assert data["quote"] == "the bridge cost 42 million euros"
    assert data["source"] == {"name": "Example Gazette", "url": "https://example.org/bridge"}
    assert data["rating"] == "accurate"
    # a second claim from the same passage gets a numbered id and a note
    again = invoke(
        runner, "new", "bridge", "--quote", "the bridge cost 42 million euros",
        "--claim", "The bridge cost 42 million euros.", "--claims", str(claims),
    )  # fmt: skip
    assert again.exit_code == 0
    assert (claims / "bridge" / "bridge-cost-42-million-euros-2.yaml").is_file()
    assert "bridge-cost-42-million-euros has the same quote" in again.stdout


def test_new_from_a_hedged_quote_hints_speculative(runner: CliRunner, claims: Path) -> None:
    result = invoke(
        runner, "new", "bridge", "--quote", "may have been suspiciously generous",
        "--source", "Critics", "--claims", str(claims),
    )  # fmt: skip
    assert result.exit_code == 0
    assert "consider 'speculative'" in result.stdout
    path = claims / "bridge" / "may-suspiciously-generous.yaml"
    text = path.read_text()
    assert "consider speculative" in text
    fill(path, claim="The contract was overly generous.", status="speculative")
    collection = load_collection(claims)
    assert collection.findings == []
    assert collection.claims[0].data["source"] == {"name": "Critics"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--quote", "the bridge"], "no article 'nope'"),
        (["bridge", "--quote", "the bridge cost 24 million"], 'closest passage: "the bridge cost'),
        (["bridge", "--quote", "the bridge", "--id", "taken"], "already used by"),
        (["bridge", "--quote", "the bridge", "--id", "Bad Id"], "is not a slug"),
        (["bridge", "--quote", "the bridge", "--id", "evil\n"], "is not a slug"),
        (["bridge", "--quote", "the bridge", "--id", "nul"], "Windows reserves"),
        (["bridge", "--quote", "the bridge", "--id", "x" * 300], "300 characters long"),
        (["bridge", "--quote", "   "], "the quote is empty"),
    ],
)
def test_new_bad_input_writes_nothing(
    runner: CliRunner, claims: Path, args: list[str], message: str
) -> None:
    (claims / "bridge" / "taken.yaml").write_text("id: taken\n")
    before = tree(claims.parent)
    result = invoke(runner, "new", *args, "--claims", str(claims))
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""
    assert tree(claims.parent) == before


def test_new_unknown_rating_is_a_usage_error(runner: CliRunner, claims: Path) -> None:
    (claims.parent / "fcheck.toml").write_text('[ratings.correct]\ndefinition = "Right."\n')
    before = tree(claims.parent)
    bad = invoke(
        runner, "new", "bridge", "--claims", str(claims), "--quote", "the bridge",
        "--rating", "accurate",
    )  # fmt: skip
    assert bad.exit_code == 2
    assert "correct" in bad.stderr
    assert tree(claims.parent) == before
    ok = invoke(
        runner, "new", "bridge", "--claims", str(claims), "--quote", "the bridge",
        "--rating", "correct",
    )  # fmt: skip
    assert ok.exit_code == 0
    text = (claims / "bridge" / "bridge.yaml").read_text()
    assert "correct: Right." in text  # the template lists the team's labels
    assert "misleading" not in text


def test_new_edit_opens_the_editor(
    runner: CliRunner, claims: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace(\"notes: ''\", 'notes: Checked.'))\n"
    )
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    result = invoke(
        runner, "new", "bridge", "--quote", "the bridge cost 42 million euros",
        "--claim", "It cost 42 million euros.", "--status", "alleged", "--edit",
        "--claims", str(claims),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # nothing left to do after the edit
    assert load_collection(claims).findings == []


def test_new_edit_reports_what_is_left(
    runner: CliRunner, claims: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "true")
    result = invoke(
        runner, "new", "bridge", "--quote", "the bridge", "--edit", "--claims", str(claims)
    )
    assert result.exit_code == 0
    assert "empty-value" in result.stderr
    assert "Still to do" in result.stderr


# The whole template of a hedged, unrated claim, as `fcheck new` wrote it by hand before
# it followed the model's fields (fcheck.model: each Field's hint, example, template):
# a change to the model that changes this file shows here.
TEMPLATE = (
    "# A claim of the article 'bridge', created by `fcheck new`.\n"
    '# Fill in what is empty (""), then run `fcheck validate`: until then it\n'
    "# reports this file, so an unfinished claim cannot be committed.\n"
    "id: contract-may-suspiciously-generous\n"
    "# The claim restated neutrally and self-contained.\n"
    "claim: ''\n"
    "# Verbatim from the article text (differences in whitespace are ignored).\n"
    "quote: the contract may have been suspiciously generous\n"
    "# Who makes the claim in the article (name); add `via:` for whom it cites.\n"
    "source:\n"
    "  name: Example Gazette\n"
    "  via: City council\n"
    "  url: https://example.org/bridge\n"
    "# The evidence status, one of:\n"
    "#   court-established: A court has found it, in a verdict or judgment.\n"
    "#   alleged: Someone asserts it (prosecutors, media, a government,"
    " the article) but no court has found it.\n"
    "#   speculative: Insinuation or inference offered without evidence.\n"
    "# The quote hedges (may, could, suspiciously...): consider speculative.\n"
    "status: ''\n"
    "# How the article's wording compares with the record (optional), one of:\n"
    "#   accurate: The article's wording matches the record.\n"
    "#   misleading: Literally defensible, but the wording gives a false"
    " impression (missing context, conflation, wrong emphasis).\n"
    "#   inaccurate: The record contradicts the article's wording.\n"
    "#   unsupported: The record holds no evidence for it.\n"
    "#   outdated: It was true or current once but had been overtaken by"
    " the article's date.\n"
    "#   unverifiable: It cannot be checked against the available record.\n"
    "# rating:\n"
    "# For readers (optional): one to three plain sentences saying what you found.\n"
    "# conclusion:\n"
    "# Your findings: what the record shows, with the sources named; [1], [2], ...\n"
    "# cite the evidence items below by number.\n"
    "notes: ''\n"
    "# The evidence consulted; a court-established claim needs one with a url.\n"
    "# evidence:\n"
    "#   - title: Title of the document\n"
    "#     url: https://\n"
    "#     publisher: Who published it\n"
    "#     date: YYYY-MM-DD (or YYYY-MM, YYYY)\n"
    "#     archive_url: https://web.archive.org/...\n"
    "#     kind: court-record, official, news, statement or other\n"
    "#     accessed: YYYY-MM-DD (when you last opened the link)\n"
    "# tags: [topic]\n"
    "# entities: [Person or body the claim concerns]\n"
    "# checked: YYYY-MM-DD (the date of your review)\n"
)


def test_the_template_is_pinned(claims: Path) -> None:
    from fcheck.newclaim import create_claim

    created = create_claim(
        claims, "bridge", "the contract may have been suspiciously generous", via="City council"
    )
    assert created.path.read_text(encoding="utf-8") == TEMPLATE


def test_a_left_out_field_shows_its_example_or_its_sub_fields() -> None:
    from fcheck.model import Field, Kind
    from fcheck.newclaim import _placeholder

    a = Field("a", Kind.TEXT, "A.", example="an a")
    b = Field("b", Kind.CHOICE, "B.", choices=("x", "y", "z"))
    assert _placeholder(a) == "a: an a"
    assert _placeholder(b) == "b: "  # a top-level choice has its choices listed above
    assert (
        _placeholder(Field("m", Kind.MAPPING, "M.", fields=(a, b)))
        == "m:\n  a: an a\n  b: x, y or z"
    )
    assert _placeholder(Field("l", Kind.MAPPINGS, "L.", fields=(a, b))) == (
        "l:\n  - a: an a\n    b: x, y or z"
    )
