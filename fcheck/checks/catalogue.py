"""Every rule fcheck can report, and the registries of the rules that own their checks.

- :mod:`fcheck.checks.records`: the rules over one claim record (run by
  :func:`fcheck.validate.check_claim_file` from :data:`RECORD_RULES`);
- :mod:`fcheck.checks.articles`: the rules over one article and its claim files;
- :mod:`fcheck.checks.cross_file` (and :mod:`fcheck.similarity`): the rules across
  claim files, run in the order of :data:`CROSS_FILE_RULES`.

The rules of the layers below (reading, the field specs, the walk) and of the gate,
the corrections check and ``fcheck links`` are declared in :mod:`fcheck.rules`.
"""

from __future__ import annotations

from fcheck.checks import articles, records
from fcheck.checks.cross_file import CROSS_FILE_RULES
from fcheck.checks.registry import RECORD_RULES
from fcheck.rules import RULES, Rule, Stage

__all__ = ["CROSS_FILE_RULES", "RECORD_RULES", "all_rules", "articles", "records", "rule_ids"]


def all_rules() -> tuple[Rule, ...]:
    """Every rule fcheck can report, in the order of ``fcheck rules``: by
    :class:`~fcheck.rules.Stage`, and within a stage in the order of declaration, the
    checked rules in the order they run."""
    checked = [entry.rule for entry in RECORD_RULES] + [rule.rule for rule in CROSS_FILE_RULES]
    runs = {rule.id: i for i, rule in enumerate(checked)}
    stages = list(Stage)
    return tuple(sorted(RULES.values(), key=lambda r: (stages.index(r.stage), runs.get(r.id, 0))))


def rule_ids(*, validated: bool = False) -> frozenset[str]:
    """The ids of every rule (with ``validated``: those ``fcheck validate`` reports)."""
    return frozenset(r.id for r in all_rules() if r.validated or not validated)
