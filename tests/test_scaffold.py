"""fcheck init and fcheck add-article."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from fcheck.cli import app
from fcheck.collection import load_collection
from fcheck.config import load_config, parse_config
from fcheck.errors import FcheckError
from fcheck.loader import parse_yaml
from fcheck.model import ARTICLE_SPEC
from fcheck.scaffold import add_article, article_record, config_template
from fcheck.validate import check_fields

from .workflow_helpers import STORY, invoke, tree

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


# init -------------------------------------------------------------------------------
def test_init_creates_a_collection(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "desk"
    result = invoke(runner, "init", str(target))
    assert result.exit_code == 0, result.stderr
    assert (target / "claims").is_dir()
    assert "Next steps:" in result.stdout
    assert "fcheck add-article" in result.stdout
    # the commented settings load as the defaults, and the pre-commit hook runs validate
    assert load_config(target / "claims").rating_names == load_config(tmp_path).rating_names
    hooks = yaml.safe_load((target / ".pre-commit-config.yaml").read_text())
    hook = hooks["repos"][0]["hooks"][0]
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "fcheck validate",
        "system",
        False,
    )
    assert re.match(hook["files"], "claims/news/a.yaml")
    assert invoke(runner, "validate", "--claims", str(target / "claims")).exit_code == 0


def test_init_config_documents_every_setting() -> None:
    # uncommenting the examples gives a valid configuration with every setting set
    lines = [
        line[2:] for line in config_template().splitlines() if re.match(r"# (\[|[a-z_]+ = )", line)
    ]
    config = parse_config(tomllib.loads("\n".join(lines)), Path("fcheck.toml"))
    assert config.organization and config.organization_url and config.review_url
    assert config.rating_names == load_config(Path("nowhere")).rating_names


@pytest.mark.parametrize("existing", ["claims", "fcheck.toml"])
def test_init_refuses_an_existing_collection(
    runner: CliRunner, tmp_path: Path, existing: str
) -> None:
    (tmp_path / existing).mkdir() if existing == "claims" else (tmp_path / existing).write_text(
        "[organization]\nname = 'Desk'\n"
    )
    before = tree(tmp_path)
    result = invoke(runner, "init", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith("fcheck: error: ")
    assert "already exists" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert tree(tmp_path) == before


def test_init_keeps_an_existing_pre_commit_config(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    result = invoke(runner, "init", str(tmp_path))
    assert result.exit_code == 0
    assert (tmp_path / ".pre-commit-config.yaml").read_text() == "repos: []\n"
    assert "kept your" in result.stdout
    assert (tmp_path / "fcheck.toml").is_file()


# add-article ------------------------------------------------------------------------
def _collection(tmp_path: Path) -> Path:
    claims = tmp_path / "claims"
    claims.mkdir()
    return claims


ARGS = ["--title", "Bridge costs soar", "--publisher", "Example Gazette"]


def test_add_article_from_a_file(runner: CliRunner, tmp_path: Path) -> None:
    claims = _collection(tmp_path)
    story = tmp_path / "story.txt"
    raw = ("\ufeff" + STORY.replace("\n", "\r\n")).encode("utf-8")  # BOM and CRLF kept as is
    story.write_bytes(raw)
    result = invoke(
        runner,
        "add-article",
        "bridge",
        "--text",
        str(story),
        *ARGS,
        "--url",
        "https://example.org/bridge",
        "--published",
        "2024-06",
        "--language",
        "en",
        "--claims",
        str(claims),
    )
    assert result.exit_code == 0, result.stderr
    assert (claims / "bridge" / "article.txt").read_bytes() == raw
    collection = load_collection(claims)
    assert collection.findings == []
    assert collection.articles["bridge"].data == {
        "title": "Bridge costs soar",
        "publisher": "Example Gazette",
        "published": "2024-06",
        "url": "https://example.org/bridge",
        "language": "en",
        "text": "article.txt",
    }


def test_add_article_from_stdin(runner: CliRunner, tmp_path: Path) -> None:
    claims = _collection(tmp_path)
    raw = STORY.encode("utf-8")
    result = invoke(
        runner, "add-article", "bridge", "--text", "-", *ARGS, "--claims", str(claims), input=raw
    )
    assert result.exit_code == 0, result.stderr
    assert (claims / "bridge" / "article.txt").read_bytes() == raw


@pytest.mark.parametrize(
    ("slug", "extra", "text", "message"),
    [
        ("Bridge", [], STORY.encode(), "is not a slug"),
        ("bridge", ["--published", "2024-13-01"], STORY.encode(), "not a valid date"),
        ("bridge", ["--url", "javascript:alert(1)"], STORY.encode(), "not an http(s) URL"),
        ("bridge", ["--language", "english!"], STORY.encode(), "BCP 47"),
        ("bridge", ["--title", "  "], STORY.encode(), "'title' is empty"),
        ("bridge", [], b"caf\xe9", "not UTF-8"),
        ("bridge", [], b"  \n", "the text is empty"),
        ("existing", [], STORY.encode(), "already exists"),
        ("evil\n", [], STORY.encode(), "is not a slug"),  # `$` matched before a line feed
        ("con", [], STORY.encode(), "Windows reserves"),
        ("a" * 300, [], STORY.encode(), "300 characters long"),
    ],
)
def test_add_article_bad_input_writes_nothing(
    runner: CliRunner, tmp_path: Path, slug: str, extra: list[str], text: bytes, message: str
) -> None:
    claims = _collection(tmp_path)
    (claims / "existing").mkdir()
    before = tree(tmp_path)
    result = invoke(
        runner,
        "add-article",
        slug,
        "--text",
        "-",
        *ARGS,
        *extra,
        "--claims",
        str(claims),
        input=text,
    )
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert tree(tmp_path) == before


def test_add_article_missing_text_file(runner: CliRunner, tmp_path: Path) -> None:
    claims = _collection(tmp_path)
    result = invoke(
        runner, "add-article", "bridge", "--text", str(tmp_path / "nope.txt"), *ARGS,
        "--claims", str(claims),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "cannot read --text" in result.stderr
    assert list(claims.iterdir()) == []


_values = st.text(min_size=1, max_size=40)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=_values,
    publisher=_values,
    published=st.one_of(st.none(), st.sampled_from(["2024", "2024-06", "2024-06-01", "yes"])),
    language=st.one_of(st.none(), st.sampled_from(["en", "pt-BR", "null", "1.0"])),
)
@example(title="yes", publisher="2024-06-01", published="2024", language=None)
@example(title="null", publisher="- a: [b] # c", published=None, language="pt-BR")
@example(title="'quoted' \"both\"\n\u2028x\x85", publisher="1.0", published=None, language=None)
def test_article_yaml_round_trips(
    tmp_path_factory: pytest.TempPathFactory,
    title: str,
    publisher: str,
    published: str | None,
    language: str | None,
) -> None:
    claims = tmp_path_factory.mktemp("c") / "claims"
    claims.mkdir()
    data = article_record(title, publisher, None, published, language)
    try:
        folder = add_article(claims, "a", data, b"Some text.\n")
    except FcheckError:
        # refused: exactly when the validator finds something wrong, and nothing written
        from fcheck.loader import Parsed

        assert check_fields(data, ARTICLE_SPEC, Parsed(), "article.yaml")
        assert list(claims.iterdir()) == []
        return
    parsed = parse_yaml((folder / "article.yaml").read_text(encoding="utf-8"), "article.yaml")
    assert parsed.findings == []
    assert parsed.data == data
    assert check_fields(parsed.data, ARTICLE_SPEC, parsed, "article.yaml") == []
    assert load_collection(claims).findings == []


def test_init_refuses_a_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "desk"
    target.write_text("not a folder")
    result = invoke(runner, "init", str(target))
    assert result.exit_code == 1
    assert "is not a folder" in result.stderr
    assert target.read_text() == "not a folder"


def test_init_help_shows_the_hook_init_writes(runner: CliRunner, tmp_path: Path) -> None:
    help_text = runner.invoke(app, ["init", "--help"], env={"COLUMNS": "100"}).output
    assert runner.invoke(app, ["init", str(tmp_path)]).exit_code == 0
    written = (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")

    def hook_lines(text: str) -> list[str]:
        keys = ("entry:", "language:", "files:", "pass_filenames:")
        return [line.strip() for line in text.splitlines() if line.strip().startswith(keys)]

    assert hook_lines(help_text) == hook_lines(written)
