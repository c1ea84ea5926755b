"""Rules as objects: a rule is declared once, beside its check, and everything else
(the check of a claim file, ``fcheck rules``, docs/rules.md, the JSON Schema) follows
from the registry."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import fcheck.rules
from fcheck.checks.catalogue import CROSS_FILE_RULES, RECORD_RULES, all_rules, rule_ids
from fcheck.checks.registry import Record, record_rule
from fcheck.cli import app
from fcheck.collection import load_collection
from fcheck.findings import Finding
from fcheck.loader import finding
from fcheck.rules import RULES, Stage, declare

from .conftest import CLAIM_YAML, REPO, make_collection

PACKAGE = REPO / "fcheck"


@pytest.fixture
def shouting_rule() -> Iterator[str]:
    """A throwaway rule over one claim record, declared and registered the way a rule
    module does it, and removed afterwards."""
    before = list(RECORD_RULES)
    rule = declare(
        "claim-shouting",
        "A claim is written in capitals",
        """Write the claim in sentence case.""",
        Stage.RECORD,
    )

    @record_rule(rule)
    def shouting(record: Record) -> list[Finding]:
        text = record.data.get("claim")
        if not isinstance(text, str) or not text.isupper():
            return []
        at = record.parsed.positions.get(("claim",))
        return [finding(record.shown, at, rule.id, "the claim is in capitals")]

    try:
        yield rule.id
    finally:
        RECORD_RULES[:] = before
        del RULES[rule.id]


def test_a_new_record_rule_needs_no_other_module(
    shouting_rule: str, tmp_path: Path, runner: CliRunner
) -> None:
    loud = CLAIM_YAML.format(id="loud").replace(
        "claim: The bridge cost 42 million euros.", "claim: THE BRIDGE COST 42 MILLION EUROS."
    )
    root = make_collection(tmp_path, {"loud.yaml": loud, "ok.yaml": CLAIM_YAML.format(id="ok")})
    collection = load_collection(root)
    assert [(Path(f.path).name, f.line, f.column, f.rule) for f in collection.findings] == [
        ("loud.yaml", 2, 8, shouting_rule)
    ]
    assert [c.id for c in collection.claims] == ["ok"]  # an error keeps the claim out
    # the command reports it, with its severity from the declaration, and lists it
    result = runner.invoke(app, ["validate", "--claims", str(root), "--format", "json"])
    assert result.exit_code == 1
    reported = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["severity"]) for f in reported] == [(shouting_rule, "error")]
    listed = runner.invoke(app, ["rules", "--format", "json"])
    assert shouting_rule in [r["id"] for r in json.loads(listed.stdout)]


def test_the_rule_is_gone_after_the_fixture(tmp_path: Path) -> None:
    # the throwaway rule above does not leak into other tests
    assert "claim-shouting" not in rule_ids()
    assert "claim-shouting" not in [entry.rule.id for entry in RECORD_RULES]


def test_registries_hold_rules_of_their_stage() -> None:
    assert RECORD_RULES and CROSS_FILE_RULES
    assert all(entry.rule.stage is Stage.RECORD for entry in RECORD_RULES)
    assert all(rule.rule.stage is Stage.CROSS_FILE for rule in CROSS_FILE_RULES)
    # every rule of those stages is checked by its registry (none declared and forgotten)
    checked = {e.rule.id for e in RECORD_RULES} | {r.rule.id for r in CROSS_FILE_RULES}
    staged = {r.id for r in all_rules() if r.stage in (Stage.RECORD, Stage.CROSS_FILE)}
    assert staged == checked


def test_rules_are_listed_by_stage_in_the_order_they_run() -> None:
    listed = all_rules()
    assert len({r.id for r in listed}) == len(listed) == len(RULES)
    stages = [r.stage for r in listed]
    assert stages == sorted(stages, key=list(Stage).index)
    ids = [r.id for r in listed]
    runs = [rule.rule.id for rule in CROSS_FILE_RULES]
    assert [i for i in ids if i in runs] == runs


def test_every_rule_is_documented() -> None:
    docs = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    start, end = docs.index("<!-- rules:start -->"), docs.index("<!-- rules:end -->")
    table = docs[start:end]
    for rule in all_rules():
        assert f"| `{rule.id}` | {rule.severity.value} | **{rule.title}.** " in table, rule.id


def _used_rule_ids() -> dict[str, str]:
    """Every rule id the sources of fcheck/ use, with where: ``rules.NAME``, names
    imported from fcheck.rules, and string literals given to ``finding()`` as its rule."""
    used: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        where = str(path.relative_to(REPO))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports_rules = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "fcheck"
            and any(alias.name == "rules" and alias.asname is None for alias in node.names)
            for node in ast.walk(tree)
        )
        for node in ast.walk(tree):
            names: list[str] = []
            if (
                imports_rules
                and isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "rules"
            ):
                names.append(node.attr)
            elif isinstance(node, ast.ImportFrom) and node.module == "fcheck.rules":
                names.extend(alias.name for alias in node.names)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "finding"
                and len(node.args) >= 3
                and isinstance(node.args[2], ast.Constant)
                and isinstance(node.args[2].value, str)
            ):
                used[node.args[2].value] = where
            for name in names:
                value = getattr(fcheck.rules, name, None)
                assert value is not None, f"{where}: fcheck.rules has no {name}"
                if isinstance(value, str) and name.isupper():
                    used[value] = where
    return used


def test_every_rule_id_used_is_declared() -> None:
    used = _used_rule_ids()
    assert "yaml-syntax" in used and "gate-two-person" in used  # the scan finds them
    known = rule_ids()
    unknown = {rule: where for rule, where in used.items() if rule not in known}
    assert not unknown, f"rule ids used but not declared: {unknown}"


def test_declared_rules_are_checked_somewhere() -> None:
    # every rule declared in fcheck.rules is used by a module other than fcheck/rules.py
    used = {rule for rule, where in _used_rule_ids().items() if where != "fcheck/rules.py"}
    low = {r.id for r in all_rules() if r.stage not in (Stage.RECORD, Stage.CROSS_FILE)}
    low -= {"lead-claim-unknown"}  # declared in fcheck.checks.articles, beside its check
    assert low - used == set()


def test_a_rule_is_declared_once() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        declare("duplicate-id", "Again", "Again.", Stage.CROSS_FILE)


def test_the_claimreview_lint_reports_registered_rules_with_their_severity() -> None:
    """`fcheck export claimreview --check` reports rules of the one registry (so `fcheck
    rules` lists them), each finding with its rule's severity, never in validate."""
    from fcheck import rules
    from fcheck.checks.catalogue import rule_ids

    lint = [r for r in rules.RULES.values() if r.stage is rules.Stage.CLAIMREVIEW]
    assert {r.id for r in lint} == {
        "claimreview-required",
        "claimreview-dates",
        "claimreview-unrated",
        "claimreview-config",
        "claimreview-claim-length",
        "claimreview-recommended",
        "claimreview-shared-url",
    }
    assert not any(r.validated for r in lint)
    assert not {r.id for r in lint} & rule_ids(validated=True)
    assert {r.id for r in lint} <= rule_ids()
    errors = {r.id for r in lint if r.severity.value == "error"}
    assert errors == {"claimreview-required", "claimreview-dates"}  # as before the registry
