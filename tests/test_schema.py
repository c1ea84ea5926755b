"""``fcheck schema``: the JSON Schema agrees with the validator on every fixture."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator, FormatChecker
from typer.testing import CliRunner

from fcheck.cli import app
from fcheck.loader import decode, parse_yaml
from fcheck.model import ARTICLE_FILE, CLAIM_SUFFIXES
from fcheck.schema import article_schema, claim_schema

from .conftest import CLAIM_YAML, INVALID, REPO, VALID, make_collection

# Invalid fixtures whose problem lies within one file and so can be expressed in a
# schema; the others (quote-not-found, duplicate-id, yaml-*...) need the collection
# or the YAML source, which only `fcheck validate` sees.
EXPRESSIBLE = [
    "missing-key",
    "unknown-key",
    "wrong-type",
    "empty-value",
    "invalid-choice",
    "invalid-date",
    "invalid-url",
    "invalid-slug",
    "invalid-language",
    "court-needs-evidence",
    "not-a-mapping",
]


def load(path: Path) -> Any:
    """A file's data exactly as the validator reads it (dates stay strings)."""
    text, problem = decode(path.read_bytes(), str(path))
    assert problem is None and text is not None
    parsed = parse_yaml(text, str(path))
    assert parsed.ok, parsed.findings
    return parsed.data


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def record_files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix in CLAIM_SUFFIXES and not p.name.startswith((".", "#"))
    )


@pytest.mark.parametrize("root", [VALID, REPO / "claims"], ids=["fixtures", "bundled"])
def test_every_valid_file_validates(root: Path) -> None:
    claims, articles = validator(claim_schema()), validator(article_schema())
    files = record_files(root)
    assert files
    for path in files:
        check = articles if path.name == ARTICLE_FILE else claims
        errors = [e.message for e in check.iter_errors(load(path))]
        assert errors == [], f"{path}: {errors}"


@pytest.mark.parametrize("case", EXPRESSIBLE)
def test_invalid_fixture_is_rejected(case: str) -> None:
    expected = (INVALID / case / "expected.txt").read_text().split(":")[0]
    path = INVALID / case / expected
    schema = article_schema() if path.name == ARTICLE_FILE else claim_schema()
    assert list(validator(schema).iter_errors(load(path))), f"{case} passes the schema"


@pytest.mark.parametrize("case", EXPRESSIBLE)
def test_draft_07_editors_read_it_the_same(case: str) -> None:
    # Editors' YAML language servers are mostly draft-07 based; the schema sticks to
    # keywords that mean the same there, so they report the same problems.
    expected = (INVALID / case / "expected.txt").read_text().split(":")[0]
    path = INVALID / case / expected
    schema = article_schema() if path.name == ARTICLE_FILE else claim_schema()
    Draft7Validator.check_schema(schema)
    old = Draft7Validator(schema, format_checker=FormatChecker())
    new = validator(schema)
    assert bool(list(old.iter_errors(load(path)))) == bool(list(new.iter_errors(load(path))))
    for valid in record_files(VALID):
        data = load(valid)
        which = article_schema() if valid.name == ARTICLE_FILE else claim_schema()
        assert list(Draft7Validator(which).iter_errors(data)) == []


def test_null_optional_is_allowed_like_the_validator(tmp_path: Path) -> None:
    root = make_collection(tmp_path, {"x.yaml": CLAIM_YAML.format(id="x") + "tags:\n"})
    assert list(validator(claim_schema()).iter_errors(load(root / "news" / "x.yaml"))) == []


def test_cli_prints_schema_and_uses_configured_ratings(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "accurate" in json.dumps(schema["properties"]["rating"])
    article = json.loads(runner.invoke(app, ["schema", "article"]).stdout)
    assert article["required"] == ["title", "publisher", "text"]
    root = make_collection(tmp_path)
    (tmp_path / "fcheck.toml").write_text(
        '[ratings.correct]\ndefinition = "Supported."\n[ratings.wrong]\ndefinition = "Not."\n'
    )
    team = json.loads(runner.invoke(app, ["schema", "--claims", str(root)]).stdout)
    enum = team["properties"]["rating"]["anyOf"][0]["enum"]
    assert enum == ["correct", "wrong"]
    bad = runner.invoke(app, ["schema", "evidence"])
    assert bad.exit_code == 2
    assert "claim, article" in bad.stderr
