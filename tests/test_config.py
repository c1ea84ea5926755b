"""fcheck.toml / [tool.fcheck]: organisation, review URLs and the rating vocabulary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fcheck.cli import app
from fcheck.collection import load_collection
from fcheck.config import Config, ConfigError, load_config

from .conftest import CLAIM_YAML, make_collection

TEAM = """
[organization]
name = "Example Fact Check"
url = "https://factcheck.example.org"

[reviews]
url = "https://factcheck.example.org/checks/{article}/{id}"

[ratings.correct]
definition = "Supported by the record."
color = "green"

[ratings.wrong]
definition = "Contradicted by the record."
color = "#cc0000"
"""


def test_defaults_without_a_file(tmp_path: Path) -> None:
    root = make_collection(tmp_path)
    assert load_config(root) == Config()
    assert "accurate" in Config().rating_names


def test_fcheck_toml(tmp_path: Path) -> None:
    root = make_collection(tmp_path)
    (tmp_path / "fcheck.toml").write_text(TEAM)
    config = load_config(root)
    assert config.organization == "Example Fact Check"
    assert config.review_url == "https://factcheck.example.org/checks/{article}/{id}"
    assert config.rating_names == ("correct", "wrong")
    assert config.ratings["wrong"].color == "#cc0000"


def test_pyproject_tool_table(tmp_path: Path) -> None:
    root = make_collection(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.fcheck.organization]\nname = "Desk"\n')
    assert load_config(root).organization == "Desk"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[organisation]\nname='x'\n", "unknown setting 'organisation'"),
        ("[reviews]\nurl = 'ftp://x/{id}'\n", "reviews.url must be an http(s) URL"),
        ("[reviews]\nurl = 'https://x/{slug}'\n", "placeholders {id} and {article}"),
        # a format spec allocated its width when the config was loaded (issue 16, item 9)
        ("[reviews]\nurl = 'https://x/{id:>1500000000}'\n", "placeholders {id} and {article}"),
        ("[reviews]\nurl = 'https://x/{id:>9999999999999999999}'\n", "placeholders {id}"),
        ("[reviews]\nurl = 'https://x/{article!r}'\n", "placeholders {id} and {article}"),
        ("[reviews]\nurl = 'https://x/{id[0]}'\n", "placeholders {id} and {article}"),
        ("[reviews]\nurl = 'https://x/{}'\n", "placeholders {id} and {article}"),
        ("[reviews]\nurl = 'https://x/{id'\n", "placeholders {id} and {article}"),
        ("[ratings.True]\ndefinition='x'\n", "lowercase"),
        ("[ratings.ok]\ncolour='red'\n", "unknown setting 'ratings.ok.colour'"),
        ("[ratings]\n", "at least one rating label"),
        ("[ratings.yes]\ndefinition='x'\n", "YAML would read"),
        ("not toml at all", "invalid TOML"),
    ],
)
def test_bad_config_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    root = make_collection(tmp_path)
    (tmp_path / "fcheck.toml").write_text(text)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(root)
    result = CliRunner().invoke(app, ["validate", "--claims", str(root)])
    assert result.exit_code == 1
    assert result.stderr.startswith("fcheck: error: ")
    assert len(result.stderr.splitlines()) == 1


def test_custom_vocabulary_is_enforced(tmp_path: Path) -> None:
    root = make_collection(
        tmp_path,
        {
            "good.yaml": CLAIM_YAML.format(id="good").replace("accurate", "correct"),
            "old.yaml": CLAIM_YAML.format(id="old"),
        },
    )
    (tmp_path / "fcheck.toml").write_text(TEAM)
    collection = load_collection(root)
    assert [c.id for c in collection.claims] == ["good"]
    (finding,) = collection.findings
    assert finding.rule == "invalid-choice"
    assert "allowed: correct, wrong" in finding.message

    runner = CliRunner()
    listed = runner.invoke(app, ["list", "--claims", str(root), "--rating", "correct", "-f", "ids"])
    assert listed.stdout == "good\n"
    bad = runner.invoke(app, ["list", "--claims", str(root), "--rating", "accurate"])
    assert bad.exit_code == 2
    assert "correct, wrong" in bad.stderr
    report = runner.invoke(app, ["report", "--claims", str(root), "-f", "markdown"])
    assert "| correct | Supported by the record\\. | 1 |" in report.stdout


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fcheck.toml", "x = " + "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("fcheck.toml", "x = [", "invalid TOML"),
        ("fcheck.toml", "\udcff", "cannot be read"),
    ],
)
def test_hostile_config_is_one_line(tmp_path: Path, name: str, content: str, message: str) -> None:
    root = make_collection(tmp_path)
    (tmp_path / name).write_bytes(content.encode("utf-8", "surrogateescape"))
    result = CliRunner().invoke(app, ["list", "--claims", str(root)])
    assert result.exit_code == 1
    assert message in result.stderr
    assert "internal error" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_pyproject_with_odd_tool_table_is_ignored(tmp_path: Path) -> None:
    root = make_collection(tmp_path)
    (tmp_path / "pyproject.toml").write_text("tool = 1\n")
    assert load_config(root).rating_names == Config().rating_names


@pytest.mark.parametrize("command", ["list", "report", "stats", "export jsonl", "new news"])
def test_rating_is_checked_against_the_claims_given_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """`--rating` before `--claims` on the command line: the labels are still those of
    the collection named by --claims, not of ./claims (here: none, the built-in ones)."""
    root = make_collection(tmp_path / "desk")
    (tmp_path / "desk" / "fcheck.toml").write_text(TEAM)
    monkeypatch.chdir(tmp_path)
    extra = ["--quote", "Critics suspect favouritism"] if command.startswith("new") else []
    args = [*command.split(), *extra]
    runner = CliRunner()
    good = runner.invoke(app, [*args, "--rating", "wrong", "--claims", str(root)])
    assert "--rating" not in good.stderr, good.stderr
    assert good.exit_code in (0, 1)  # (1: the claims use a built-in label)
    bad = runner.invoke(app, [*args, "--rating", "accurate", "--claims", str(root)])
    assert bad.exit_code == 2 and "correct, wrong" in bad.stderr, bad.stderr


SITE = """
[organization]
name = "Desk"
logo = "https://desk.example/logo.png"

[site]
base_url = "https://desk.example/checks/"
title = "Desk Fact Check"
methodology = "We check claims against court records."
methodology_url = "https://desk.example/methods"
corrections_policy = "We correct mistakes openly."
corrections_policy_url = "https://desk.example/corrections"
"""


def test_site_settings(tmp_path: Path) -> None:
    root = make_collection(tmp_path)
    (tmp_path / "fcheck.toml").write_text(SITE)
    config = load_config(root)
    assert config.organization_logo == "https://desk.example/logo.png"
    assert config.site.base_url == "https://desk.example/checks/"
    assert config.site.title == "Desk Fact Check"
    assert config.site.methodology == "We check claims against court records."
    assert config.site.corrections_policy_url == "https://desk.example/corrections"
    assert config.setting("site", "title") == "Desk Fact Check"
    assert config.setting("site", "nothing", 3) == 3
    assert Config().site.base_url is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[site]\nbase_url = 'javascript:alert(1)'\n", "site.base_url must be an http(s) URL"),
        ("[site]\ntitle = ''\n", "site.title must be a non-empty string"),
        ("[site]\nlogo = 'https://x'\n", "unknown setting 'logo'; known: base_url"),
        ("[organization]\nlogo = 'file:///x.png'\n", "organization.logo must be an http(s) URL"),
        ("site = 3\n", "[site] must be a table"),
    ],
)
def test_bad_site_settings(tmp_path: Path, text: str, message: str) -> None:
    root = make_collection(tmp_path)
    (tmp_path / "fcheck.toml").write_text(text)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(root)


def test_verdict_uses_the_configured_vocabulary(tmp_path: Path) -> None:
    root = make_collection(tmp_path, {"good.yaml": CLAIM_YAML.format(id="good")})
    (root / "news" / "article.yaml").write_text(
        "title: T\npublisher: P\ntext: article.txt\nverdict: accurate\n"
    )
    assert load_collection(root).findings == []
    (tmp_path / "fcheck.toml").write_text(TEAM)
    rules = {f.rule for f in load_collection(root).findings if f.path.endswith("article.yaml")}
    assert rules == {"invalid-choice"}
    runner = CliRunner()
    schema = runner.invoke(app, ["schema", "article", "--claims", str(root)]).stdout
    assert '"correct"' in schema and '"accurate"' not in schema


@pytest.mark.parametrize("kind", ["outside", "fifo", "huge"])
def test_the_config_file_is_read_like_a_collection_file(tmp_path: Path, kind: str) -> None:
    """fcheck.toml is a regular file beside the claims, of bounded size: a symlink out
    of the folder, a FIFO or a huge file is one clear error, not a hang or a leak."""
    import os

    root = make_collection(tmp_path)
    config = tmp_path / "fcheck.toml"
    if kind == "outside":
        secret = tmp_path.parent / f"{tmp_path.name}-secret.toml"
        secret.write_text('[organization]\nname = "TOP-SECRET"\n')
        config.symlink_to(secret)
        expected = "outside"
    elif kind == "fifo":
        os.mkfifo(config)
        expected = "named pipe"
    else:
        config.write_text("# " + "x" * (2 * 1024 * 1024) + "\n")
        expected = "over the"
    result = CliRunner().invoke(app, ["validate", "--claims", str(root)])
    assert result.exit_code == 1, result.stdout
    assert result.stderr.startswith("fcheck: error: ") and expected in result.stderr
    assert "TOP-SECRET" not in result.stdout + result.stderr
