"""A new claim field touches the model and nothing else (issue 11's target).

A throwaway optional field is added to the model's claim spec, and only there; the
validator accepts it (and still refuses a field the model does not know), and it shows
in every output that lists a claim's fields: `show` (text, JSON, YAML), `list` and
`export` (JSON, CSV, JSON Lines), the JSON Schema and the `fcheck new` template.

Formats that place fields by hand, deliberately, are not covered here: the reader's
report, the HTML page and the site render `present.ClaimView` (a new field is added
there and drawn where it belongs), ClaimReview maps fields to schema.org properties,
and the SQLite export has a typed column per field (CONTRIBUTING.md, "A field").
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from fcheck import model
from fcheck.cli import app
from fcheck.model import Field, Kind

from .conftest import CLAIM_YAML, make_collection

ANGLE = Field(
    "angle",
    Kind.TEXT,
    "The angle the fact-check takes.",
    example="One line: what the check looks at",
)
ANGLE_VALUE = "Whether the cost was public"


@pytest.fixture
def with_angle(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = replace(model.CLAIM_SPEC, fields=(*model.CLAIM_SPEC.fields, ANGLE))
    monkeypatch.setattr(model, "CLAIM_SPEC", spec)
    monkeypatch.setattr(model, "CLAIM_FIELDS", spec.fields)


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    make_collection(
        tmp_path, {"cost.yaml": CLAIM_YAML.format(id="cost") + f"angle: {ANGLE_VALUE}\n"}
    )
    return tmp_path / "claims"


def run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_without_the_field_in_the_model_it_is_refused(runner: CliRunner, claims: Path) -> None:
    result = runner.invoke(app, ["validate", "--claims", str(claims)])
    assert result.exit_code == 1
    assert "angle" in result.output


def test_a_field_added_to_the_model_is_accepted_and_shown(
    with_angle: None, runner: CliRunner, claims: Path
) -> None:
    where = ("--claims", str(claims))
    run(runner, "validate", *where)

    shown = run(runner, "show", "cost", *where)
    assert f"Angle: {ANGLE_VALUE}" in shown
    assert json.loads(run(runner, "show", "cost", "--format", "json", *where))["angle"] == (
        ANGLE_VALUE
    )
    assert yaml.safe_load(run(runner, "show", "cost", "--format", "yaml", *where))["angle"] == (
        ANGLE_VALUE
    )
    assert json.loads(run(runner, "list", "--format", "json", *where))[0]["angle"] == ANGLE_VALUE

    for args in (("list", "--format", "csv"), ("export", "csv")):
        rows = list(csv.DictReader(io.StringIO(run(runner, *args, *where).lstrip("\ufeff"))))
        assert rows[0]["angle"] == ANGLE_VALUE, args
    line = run(runner, "export", "jsonl", *where).splitlines()[0]
    assert json.loads(line)["angle"] == ANGLE_VALUE

    schema = json.loads(run(runner, "schema", "claim"))
    assert "angle" in json.dumps(schema)


def test_a_field_added_to_the_model_is_in_the_new_template(
    with_angle: None, runner: CliRunner, claims: Path
) -> None:
    run(
        runner,
        "new",
        "news",
        "--quote",
        "Critics suspect favouritism",
        "--claims",
        str(claims),
    )
    text = (claims / "news" / "critics-suspect-favouritism.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "# The angle the fact-check takes.\n# angle: One line: what the check looks at\n"
    )


def test_the_fields_shown_in_the_index_follow_the_model(with_angle: None, claims: Path) -> None:
    from fcheck.collection import load_collection
    from fcheck.reporters.claims import SHOW_PLACED
    from fcheck.reporters.present import other_fields

    (claim,) = load_collection(claims).claims
    assert other_fields(claim, SHOW_PLACED) == [("Angle", ANGLE_VALUE)]
