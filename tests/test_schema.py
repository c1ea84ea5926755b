"""``fcheck schema``: the JSON Schema agrees with the validator.

What the schema can express is read from the rule registry (a rule with ``schema``
keywords); for those rules, ``jsonschema`` and ``fcheck validate`` must give the same
verdict on every file of the invalid and valid fixtures and of the hostile corpus.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator, FormatChecker
from typer.testing import CliRunner

from fcheck.checks.catalogue import all_rules
from fcheck.cli import app
from fcheck.collection import load_collection
from fcheck.loader import Parsed, decode, parse_yaml
from fcheck.model import ARTICLE_FILE, CLAIM_SPEC, CLAIM_SUFFIXES
from fcheck.schema import article_schema, claim_schema
from fcheck.validate import check_fields

from .conftest import CLAIM_YAML, INVALID, REPO, VALID, make_collection

# Rules whose problem lies within one file and so can be expressed in a schema; the
# others (quote-not-found, duplicate-id, yaml-*...) need the collection or the YAML
# source, which only `fcheck validate` sees.
EXPRESSIBLE = [rule.id for rule in all_rules() if rule.schema]


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
    enum = team["properties"]["rating"]["enum"]
    assert enum == ["correct", "wrong", None]
    bad = runner.invoke(app, ["schema", "evidence"])
    assert bad.exit_code == 2
    assert "claim, article" in bad.stderr


def test_every_expressible_rule_has_an_invalid_fixture() -> None:
    assert EXPRESSIBLE
    for rule in EXPRESSIBLE:
        assert (INVALID / rule / "expected.txt").is_file(), rule


def test_the_description_names_the_rules_only_validate_checks() -> None:
    description = claim_schema()["description"]
    for rule in all_rules():
        # the rules of `fcheck links` are not validation rules
        named = rule.validated and not rule.schema
        assert (rule.id in description) is named, rule.id


# Verdicts per file --------------------------------------------------------------------
def _parsed(path: Path) -> tuple[bool, Any]:
    raw = path.read_bytes()
    text, problem = decode(raw, str(path))
    if text is None or problem is not None:
        return False, None
    parsed = parse_yaml(text, str(path))
    return parsed.ok, parsed.data


def verdicts(root: Path) -> list[tuple[str, bool, bool]]:
    """``(file, validate rejects it, the schema rejects it)`` for every record file of
    the collection at ``root`` that parses as YAML (a schema sees only parsed data),
    ``validate``'s verdict counting only the rules the schema expresses."""
    collection = load_collection(root, jobs=1)
    rejected = {f.path for f in collection.findings if f.rule in EXPRESSIBLE}
    claims, articles = validator(claim_schema()), validator(article_schema())
    out = []
    for path in record_files(root):
        if path.is_symlink() or not path.is_file():
            continue
        ok, data = _parsed(path)
        if not ok:
            continue
        schema = articles if path.name == ARTICLE_FILE else claims
        out.append((str(path), str(path) in rejected, bool(list(schema.iter_errors(data)))))
    return out


def _fixture_roots() -> list[Path]:
    return [VALID, *sorted(p for p in INVALID.iterdir() if p.is_dir())]


@pytest.mark.parametrize("root", _fixture_roots(), ids=lambda p: p.name)
def test_schema_and_validate_agree_on_the_fixtures(root: Path) -> None:
    found = verdicts(root)
    assert found
    disagree = [(path, ours, theirs) for path, ours, theirs in found if ours != theirs]
    assert not disagree


def test_schema_and_validate_agree_on_the_hostile_corpus(tmp_path: Path) -> None:
    from .hostile.corpus import CASES, build

    checked = 0
    disagree = []
    for case in CASES:
        root, _target = build(case, tmp_path / case.name)
        for path, ours, theirs in verdicts(root):
            checked += 1
            if ours != theirs:
                disagree.append((case.name, path, ours, theirs))
    assert checked > len(CASES)
    assert not disagree


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("checked", "2024-13-01"),
        ("checked", "2024-02-30"),
        ("checked", "2023-02-29"),
        ("checked", "0000-01-01"),
        ("checked", "2024-1-01"),
        ("checked", "\uff12\uff10\uff12\uff14-01-01"),  # fullwidth digits
        ("checked", "2024-01-01\n"),
        ("evidence", [{"title": "T", "date": "2024-13"}]),
        ("evidence", [{"title": "T", "date": "2024-02-30"}]),
        ("evidence", [{"title": "T", "date": "2024-01\n"}]),
        ("evidence", [{"title": "T", "url": "https://x.test/\n"}]),
        ("id", "bridge-reopened\n"),
        ("evidence", [{"title": "T", "url": "https://x.test/\u2003y"}]),
        ("evidence", [{"title": "\x1c"}]),
        ("rating", "wrong"),
        ("tags", ["\u3000"]),
    ],
)
def test_values_validate_rejects_the_schema_rejects(field: str, value: Any) -> None:
    data = load(VALID / "harbour-bridge-2024" / "bridge-reopened.yaml")
    assert not list(validator(claim_schema()).iter_errors(data))
    data[field] = value
    assert check_fields(data, CLAIM_SPEC, Parsed(), "x")
    errors = list(validator(claim_schema()).iter_errors(data))
    assert errors
    # the real reason, not "is not valid under any of the given schemas"
    assert all("any of the given schemas" not in e.message for e in errors), errors


@pytest.mark.parametrize(
    "value", ["2024-02-29", "2000-02-29", "1999-12-31", "0001-01-01", "9999-12-31"]
)
def test_calendar_dates_pass_both(value: str) -> None:
    data = load(VALID / "harbour-bridge-2024" / "bridge-reopened.yaml")
    data["checked"] = value
    assert not check_fields(data, CLAIM_SPEC, Parsed(), "x")
    assert not list(validator(claim_schema()).iter_errors(data))


def test_date_patterns_are_the_calendar() -> None:
    """The date patterns against the calendar, for every month and day of a sample of
    years (leap and not, centuries and the ends of the range)."""
    import datetime as dt
    import re

    from fcheck.model import DATE_PATTERN, PARTIAL_DATE_PATTERN

    full, partial = re.compile(DATE_PATTERN), re.compile(PARTIAL_DATE_PATTERN)

    def real(year: int, month: int, day: int) -> bool:
        try:
            dt.date(year, month, day)
        except ValueError:
            return False
        return True

    for year in [0, 1, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9996, 9999]:
        y = f"{year:04d}"
        assert (partial.fullmatch(y) is not None) is (year > 0)
        for month in range(0, 14):
            m = f"{y}-{month:02d}"
            assert (partial.fullmatch(m) is not None) is (year > 0 and 1 <= month <= 12)
            for day in range(0, 33):
                d = f"{m}-{day:02d}"
                ok = year > 0 and 1 <= month <= 12 and real(year, month, day)
                assert (full.fullmatch(d) is not None) is ok, d
                assert (partial.fullmatch(d) is not None) is ok, d


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_patterns_mean_the_same_in_ecma_262() -> None:
    """Editors and most validators run the schema's patterns as JavaScript regexes:
    they must accept exactly what the validator accepts."""
    import subprocess

    from fcheck.model import DATE_RE, LANGUAGE_RE, PARTIAL_DATE_RE, SLUG_RE, URL_RE

    schema = claim_schema()
    props = schema["properties"]
    evidence = props["evidence"]["items"]["properties"]
    patterns = {
        "slug": (props["id"]["pattern"], SLUG_RE),
        "date": (props["checked"]["pattern"], DATE_RE),
        "partial": (evidence["date"]["pattern"], PARTIAL_DATE_RE),
        "url": (evidence["url"]["pattern"], URL_RE),
        "language": (article_schema()["properties"]["language"]["pattern"], LANGUAGE_RE),
    }
    samples = [
        "2024-02-29", "2023-02-29", "2024-13", "2024", "0000", "2024-01-01\n",
        "\uff12\uff10\uff12\uff14",
        "https://x.test/a b", "HTTPS://x.test", "https:///x", "https://x.test/\u2003",
        "https://x.test/\ufeff", "https://x.test/\x1c", "en", "pt-BR", "zh-Hant", "en\n",
        "a-b", "a--b", "A", "abc\n", "ftp://x.test", "https://x.test\n",
    ]  # fmt: skip
    script = (
        "const [patterns, samples] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const out = {};"
        "for (const [k, p] of Object.entries(patterns))"
        "  out[k] = samples.map((s) => new RegExp(p).test(s));"
        "process.stdout.write(JSON.stringify(out));"
    )
    data = json.dumps([{k: p for k, (p, _) in patterns.items()}, samples])
    result = subprocess.run(
        ["node", "-e", script], input=data, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    in_js = json.loads(result.stdout)
    for name, (_pattern, regex) in patterns.items():
        in_python = [regex.fullmatch(s) is not None for s in samples]
        assert in_js[name] == in_python, name


def test_record_rules_bring_their_fragment() -> None:
    record_rules = [rule for rule in all_rules() if rule.record]
    assert record_rules
    for rule in record_rules:
        assert rule.schema, rule.id
        assert dict(rule.record or {}) in claim_schema()["allOf"]
