"""Finding the collection from wherever the user is, and FILES inside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fcheck.cli import app
from fcheck.locate import find_claims_dir, find_collection

from .conftest import make_collection

NONE_HERE = (
    "fcheck: error: no fcheck collection here or in any parent folder; "
    "run `fcheck init` or pass --claims DIR\n"
)


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    """tmp/repo/claims/news with one claim; tmp/repo/docs as an unrelated subfolder."""
    claims = make_collection(tmp_path / "repo")
    (tmp_path / "repo" / "docs" / "deep").mkdir(parents=True)
    return claims


@pytest.mark.parametrize("where", [".", "claims", "claims/news", "docs/deep"])
def test_every_command_finds_the_collection_from_inside_it(
    runner: CliRunner,
    collection: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    monkeypatch.chdir(collection.parent / where)
    listed = runner.invoke(app, ["list", "--format", "ids"])
    assert (listed.exit_code, listed.stdout, listed.stderr) == (0, "ok\n", "")
    shown = runner.invoke(app, ["show", "ok", "--format", "json"])
    assert shown.exit_code == 0 and '"id": "ok"' in shown.stdout
    checked = runner.invoke(app, ["validate"])
    assert checked.exit_code == 0, checked.output
    assert runner.invoke(app, ["candidates", "news"]).exit_code == 0


def test_at_the_root_paths_read_as_before(
    runner: CliRunner, collection: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(collection.parent)
    assert find_claims_dir(Path.cwd()) == Path("claims")
    shown = runner.invoke(app, ["show", "ok"])
    assert "claims/news/ok.yaml" in shown.stdout


def test_fcheck_toml_marks_the_root_too(tmp_path: Path) -> None:
    (tmp_path / "fcheck.toml").write_text("")
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert find_collection(tmp_path / "a" / "b") == tmp_path.resolve()


def test_no_collection_is_one_line_with_what_to_do(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    if find_collection(tmp_path) is not None:  # pragma: no cover - a claims/ above /tmp
        pytest.skip("a collection exists above the temporary folder")
    for args in (["list"], ["validate"], ["report"], ["show", "x"], ["stats"]):
        result = runner.invoke(app, args)
        assert (result.exit_code, result.stderr) == (2, NONE_HERE), args
        assert "Invalid value" not in result.output


def test_help_wins_over_a_missing_claims_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["list", "--claims", str(tmp_path / "missing"), "--help"])
    assert result.exit_code == 0
    assert "Usage: fcheck list" in result.stdout


def test_an_article_folder_given_as_claims(runner: CliRunner, collection: Path) -> None:
    result = runner.invoke(app, ["validate", "--claims", str(collection / "news")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "is an article folder" in result.stderr
    assert f"--claims {collection.resolve()}" in result.stderr
    assert "misplaced-file" not in result.output


def test_a_missing_claims_folder_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["list", "--claims", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"fcheck: error: --claims {tmp_path / 'missing'}: the folder does not exist\n"
    )


def test_the_environment_variable_still_works(
    runner: CliRunner, collection: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["list", "--format", "ids"], env={"FCHECK_CLAIMS": str(collection)})
    assert (result.exit_code, result.stdout) == (0, "ok\n")
    missing = runner.invoke(app, ["list"], env={"FCHECK_CLAIMS": str(tmp_path / "nope")})
    assert missing.exit_code == 2 and "FCHECK_CLAIMS=" in missing.stderr


def test_rating_before_claims_still_uses_that_collections_labels(
    runner: CliRunner, collection: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (collection.parent / "fcheck.toml").write_text(
        '[ratings.solid]\ndefinition = "Holds."\ncolor = "green"\n'
        '[ratings.shaky]\ndefinition = "Does not."\ncolor = "red"\n'
    )
    monkeypatch.chdir(tmp_path)
    ok = runner.invoke(app, ["list", "--rating", "solid", "--claims", str(collection)])
    assert ok.exit_code in (0, 1), ok.output  # the claim's own rating is not a label here
    bad = runner.invoke(app, ["list", "--rating", "accurate", "--claims", str(collection)])
    assert bad.exit_code == 2
    assert "solid, shaky" in bad.stderr


# FILES outside the collection (issue 16, item 7) -------------------------------------
def test_a_file_outside_the_collection_is_a_usage_error(
    runner: CliRunner, collection: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other" / "file.yaml"
    other.parent.mkdir()
    other.write_text("id: file\n")
    result = runner.invoke(app, ["validate", "--claims", str(collection), str(other)])
    assert result.exit_code == 2
    assert "is not inside the collection" in result.stderr
    assert "checked" not in result.stdout


def test_a_file_inside_the_collection_is_checked(runner: CliRunner, collection: Path) -> None:
    inside = collection / "news" / "ok.yaml"
    result = runner.invoke(app, ["validate", "--claims", str(collection), str(inside)])
    assert result.exit_code == 0
    assert "1 file checked" in result.stdout
