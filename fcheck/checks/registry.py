"""The registries of the rules that own their checks: per claim record and across files.

A rule module declares each rule (:func:`fcheck.rules.declare`) and registers its
check with one of the decorators below, so that the rule and its check live in one
place and the engine (:func:`fcheck.validate.check_claim_file`,
:func:`fcheck.checks.cross_file.check_across_files`) runs whatever is registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from fcheck.findings import Finding
from fcheck.loader import Parsed
from fcheck.model import Article, Claim
from fcheck.rules import Rule


# Per claim record -------------------------------------------------------------------
class Record(NamedTuple):
    """One parsed claim file whose top level is a mapping, as a record check sees it."""

    path: Path  # the file
    shown: str  # its path as findings show it
    data: dict[str, Any]
    parsed: Parsed  # positions of its keys and values
    raw: bytes  # its bytes, to point into the source text


RecordCheck = Callable[[Record], Iterable[Finding]]


@dataclass(frozen=True)
class RecordRule:
    rule: Rule
    check: RecordCheck


# Run in this order (the order of registration) on every claim file that parses to a
# mapping, after and independently of the field checks: a file with a wrong field
# still gets its record findings in the same run. A check must be a pure function of
# the record: its results are cached and computed in worker processes.
RECORD_RULES: list[RecordRule] = []


def record_rule(rule: Rule) -> Callable[[RecordCheck], RecordCheck]:
    """Register the decorated function as the check of ``rule``, per claim record."""

    def register(check: RecordCheck) -> RecordCheck:
        RECORD_RULES.append(RecordRule(rule, check))
        return check

    return register


# Across files -----------------------------------------------------------------------
class CrossFileResult(NamedTuple):
    """What a cross-file rule found: its findings, and the paths of the claims it
    rejects (left out of the collection's claims and of the rules after it)."""

    findings: list[Finding]
    rejected: frozenset[str] = frozenset()


CrossFileCheck = Callable[..., CrossFileResult]


@dataclass(frozen=True)
class CrossFileRule:
    """A rule over the claims of the whole collection, called like its check:
    ``rule(claims, articles)`` (keyword arguments go to the check)."""

    rule: Rule
    check: CrossFileCheck

    def __call__(
        self, claims: Sequence[Claim], articles: Mapping[str, Article], **options: Any
    ) -> CrossFileResult:
        return self.check(claims, articles, **options)


def cross_file_rule(rule: Rule) -> Callable[[CrossFileCheck], CrossFileRule]:
    """Make the decorated function the cross-file check of ``rule``. The order the
    rules run in is :data:`fcheck.checks.cross_file.CROSS_FILE_RULES`."""

    def wrap(check: CrossFileCheck) -> CrossFileRule:
        return CrossFileRule(rule, check)

    return wrap
