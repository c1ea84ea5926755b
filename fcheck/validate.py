"""Checks: the field checks of a record and the check of one claim file, as pure
functions.

:func:`check_claim_file` runs the field checks (the rules of the field specs of
:mod:`fcheck.model`) and then every rule registered per claim record
(:mod:`fcheck.checks.records`). Nothing here walks a folder, opens a cache or starts
a process: the loading engine (:mod:`fcheck.collection`) does that and calls these
checks, and runs the cross-file rules of :mod:`fcheck.checks.cross_file`. They never
stop at the first problem: every finding of a file is returned.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from fcheck import rules
from fcheck.checks.catalogue import RECORD_RULES
from fcheck.checks.cross_file import CROSS_FILE_FIELDS
from fcheck.checks.registry import Record
from fcheck.findings import Finding, PathKey, sort_key
from fcheck.loader import (
    Parsed,
    finding,
    parse_bytes,
    shown_path,
)
from fcheck.model import (
    DATE_RE,
    LANGUAGE_RE,
    PARTIAL_DATE_RE,
    Claim,
    Field,
    Kind,
    is_http_url,
    is_slug,
    slug_problem,
)

_PLAIN_TEXT_KINDS = frozenset({Kind.TEXT, Kind.STRING})


# Field checks ----------------------------------------------------------------------
def check_fields(
    data: Any, spec: Field, parsed: Parsed, path: str, key: PathKey = ()
) -> list[Finding]:
    """Check one mapping against its field specs, pointing at the offending key or value."""
    if not key and is_clean(data, spec):
        return []
    out: list[Finding] = []
    where = parsed.positions.get(key)
    if not isinstance(data, dict):
        label = "the record" if not key else f"'{_dotted(key)}'"
        out.append(
            finding(
                path,
                where,
                rules.NOT_A_MAPPING,
                f"{label} must be a mapping of 'key: value' pairs, not {_type_name(data)}",
            )
        )
        return out
    known = _known_fields(spec)
    for name in data:
        if name not in known:
            hint = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
            suggestion = (
                f"did you mean '{hint[0]}'?" if hint else ("allowed keys: " + ", ".join(known))
            )
            out.append(
                finding(
                    path,
                    parsed.key_positions.get((*key, name)),
                    rules.UNKNOWN_KEY,
                    f"unknown key '{_dotted((*key, name))}'; {suggestion}",
                )
            )
    for spec_field in spec.fields:
        if spec_field.name not in data or data[spec_field.name] is None:
            if spec_field.required:
                out.append(
                    finding(
                        path,
                        where,
                        rules.MISSING_KEY,
                        f"missing required key '{_dotted((*key, spec_field.name))}' "
                        f"({spec_field.description.rstrip('.').lower()})",
                    )
                )
            continue
        out.extend(
            _check_value(data[spec_field.name], spec_field, parsed, path, (*key, spec_field.name))
        )
    return out


def is_clean(data: Any, spec: Field) -> bool:
    """True only if :func:`check_fields` would find nothing: the fast path for valid files.

    Most files are valid, and deciding that needs no keys, positions or messages; any
    doubt returns False and the full check (which says what is wrong) runs instead.
    """
    hit = _COMPILED.get(id(spec))
    if hit is None or hit[0] is not spec:
        hit = _COMPILED[id(spec)] = (spec, _compile_mapping(spec))
    return hit[1](data)


Check = Callable[[Any], bool]
_COMPILED: dict[int, tuple[Field, Check]] = {}


def _compile_mapping(spec: Field) -> Check:
    """One closure per spec, so that the kind of each field is decided once, not per
    value of every file."""
    known = frozenset(f.name for f in spec.fields)
    checks = tuple((f.name, f.required, _compile_value(f)) for f in spec.fields)

    def check(data: Any) -> bool:
        if data.__class__ is not dict or not known.issuperset(data):
            return False
        get = data.get
        for name, required, ok in checks:
            value = get(name)
            if value is None:
                if required:
                    return False
            elif not ok(value):
                return False
        return True

    return check


def _text(value: Any) -> bool:
    # isspace() scans without copying a long text, as strip() would
    return value.__class__ is str and value != "" and not value.isspace()


def _compile_value(spec: Field) -> Check:
    kind = spec.kind
    if kind is Kind.MAPPING:
        return _compile_mapping(spec)
    if kind is Kind.MAPPINGS:
        item = _compile_mapping(spec)
        return lambda v: v.__class__ is list and all(map(item, v))
    if kind is Kind.STRINGS:
        return lambda v: v.__class__ is list and all(map(_text, v))
    if kind is Kind.STRING:
        return lambda v: v.__class__ is str
    if kind is Kind.TEXT:
        return _text
    if kind is Kind.SLUG:
        return lambda v: _text(v) and is_slug(v)
    if kind is Kind.CHOICE:
        choices = frozenset(spec.choices)
        return lambda v: _text(v) and v in choices
    if kind is Kind.DATE or kind is Kind.PARTIAL_DATE:
        full = kind is Kind.DATE
        return lambda v: _text(v) and _valid_date(v, full)
    if kind is Kind.URL:
        return lambda v: _text(v) and is_http_url(v)
    if kind is Kind.LANGUAGE:
        return lambda v: _text(v) and LANGUAGE_RE.fullmatch(v) is not None
    return lambda v: False  # type: ignore[unreachable]  # a new Kind: the full check decides


_KNOWN: dict[int, tuple[Field, dict[str, Field]]] = {}


def _known_fields(spec: Field) -> dict[str, Field]:
    """``spec.by_name()``, memoised: it runs for every mapping of every file."""
    hit = _KNOWN.get(id(spec))
    if hit is None or hit[0] is not spec:
        hit = _KNOWN[id(spec)] = (spec, spec.by_name())
    return hit[1]


def _check_value(value: Any, spec: Field, parsed: Parsed, path: str, key: PathKey) -> list[Finding]:
    kind = spec.kind
    # The common case is a valid string: decide it before building messages.
    if value.__class__ is str and kind in _PLAIN_TEXT_KINDS and value.strip():
        return []
    pos = parsed.positions.get(key)
    name = _dotted(key)

    def bad(rule: str, message: str) -> list[Finding]:
        return [finding(path, pos, rule, message)]

    if kind is Kind.MAPPING:
        return check_fields(value, spec, parsed, path, key)
    if kind is Kind.MAPPINGS:
        if not isinstance(value, list):
            return bad(rules.WRONG_TYPE, f"'{name}' must be a list, not {_type_name(value)}")
        out: list[Finding] = []
        for i, item in enumerate(value):
            out.extend(check_fields(item, spec, parsed, path, (*key, i)))
        return out
    if kind is Kind.STRINGS:
        if not isinstance(value, list):
            return bad(
                rules.WRONG_TYPE,
                f"'{name}' must be a list of strings, not {_type_name(value)}; "
                f"write it as [{value!s}]"
                if isinstance(value, str)
                else f"'{name}' must be a list of strings, not {_type_name(value)}",
            )
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                out.append(
                    finding(
                        path,
                        parsed.positions.get((*key, i)),
                        rules.WRONG_TYPE,
                        f"'{name}[{i}]' must be a non-empty string, not {_type_name(item)}",
                    )
                )
        return out
    if not isinstance(value, str):
        return bad(
            rules.WRONG_TYPE,
            f"'{name}' must be a string, not {_type_name(value)}; put it in quotes",
        )
    if kind is Kind.STRING:
        return []
    if not value.strip():
        what = spec.description.rstrip(".")
        return bad(rules.EMPTY_VALUE, f"'{name}' is empty; fill in {what[0].lower()}{what[1:]}")
    if kind is Kind.SLUG and (problem := slug_problem(value)) is not None:
        return bad(rules.INVALID_SLUG, f"'{name}' value '{value}' is not a slug; {problem}")
    if kind is Kind.CHOICE and value not in spec.choices:
        hint = difflib.get_close_matches(value, spec.choices, n=1, cutoff=0.6)
        guess = f" (did you mean '{hint[0]}'?)" if hint else ""
        return bad(
            rules.INVALID_CHOICE,
            f"'{name}' is '{value}'{guess}; allowed: {', '.join(spec.choices)}",
        )
    if kind in (Kind.DATE, Kind.PARTIAL_DATE) and not _valid_date(value, kind is Kind.DATE):
        form = "YYYY-MM-DD" if kind is Kind.DATE else "YYYY-MM-DD, YYYY-MM or YYYY"
        return bad(rules.INVALID_DATE, f"'{name}' is '{value}', not a valid date; write {form}")
    if kind is Kind.URL and not is_http_url(value):
        return bad(
            rules.INVALID_URL,
            f"'{name}' is not an http(s) URL; write an absolute link starting with https://",
        )
    if kind is Kind.LANGUAGE and not LANGUAGE_RE.fullmatch(value):
        return bad(
            rules.INVALID_LANGUAGE,
            f"'{name}' is '{value}', not a BCP 47 language tag; write e.g. en, fr or pt-BR",
        )
    return []


@functools.lru_cache(maxsize=4096)  # dates repeat across a collection's files
def _valid_date(value: str, full: bool) -> bool:
    """A calendar date (see :data:`fcheck.model.DATE_PATTERN`, which the JSON Schema
    uses too); ``full=False`` also takes YYYY-MM and YYYY."""
    return (DATE_RE if full else PARTIAL_DATE_RE).fullmatch(value) is not None


def _dotted(key: Iterable[str | int]) -> str:
    text = ""
    for part in key:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)


# Files ------------------------------------------------------------------------------
class Task(NamedTuple):
    """A claim file to check, and the article it belongs to."""

    path: str  # as shown
    article: str  # the article's slug


MAX_FINDINGS_PER_FILE = 100


def capped(findings: list[Finding]) -> list[Finding]:
    """At most MAX_FINDINGS_PER_FILE findings per file, then one saying how many more.

    A 1 MiB file can hold 300,000 wrong values; listing them all takes minutes and
    helps no one.
    """
    if len(findings) <= MAX_FINDINGS_PER_FILE:
        return findings
    ordered = sorted(findings, key=sort_key)
    kept, rest = ordered[:MAX_FINDINGS_PER_FILE], ordered[MAX_FINDINGS_PER_FILE:]
    first = rest[0]
    more = Finding(
        first.path,
        first.line,
        first.column,
        first.rule,
        first.severity,
        f"{len(rest):,} more problems from here on are not listed; fix the ones above "
        "and validate again",
    )
    return [*kept, more]


class FileResult(NamedTuple):
    """What the checks of one claim file found: its findings, and its claim if clean."""

    findings: Sequence[Finding]
    claim: Claim | None


def check_claim_file(path: Path, slug: str, spec: Field, raw: bytes) -> FileResult:
    """Every per-file check of one claim file: its findings, and the claim if it is clean.

    A pure function of the file's bytes (``raw``), its path and the spec, so that its
    result can be cached and computed in worker processes.
    """
    shown = shown_path(path)
    parsed = parse_bytes(raw, shown)
    findings = parsed.findings
    if parsed.ok:
        findings = check_fields(parsed.data, spec, parsed, shown)
        if isinstance(parsed.data, dict):
            # independent of the field checks: reported in the same run
            record = Record(path, shown, parsed.data, parsed, raw)
            for entry in RECORD_RULES:
                findings.extend(entry.check(record))
    if findings:
        return FileResult(capped(findings), None)
    return FileResult((), Claim(data=parsed.data, article=slug, path=shown))


class Records(Enum):
    """What the claims of a loaded collection hold."""

    WHOLE = "whole"  # every field of the file: for listing, reports and exports
    # only CROSS_FILE_FIELDS: for ``validate``, which needs findings, not records, and
    # so reads (from the cache) and sends (from worker processes) far less
    SUMMARY = "summary"


def summary(claim: Claim) -> Claim:
    """The claim with only the fields cross-file rules read (:attr:`Records.SUMMARY`)."""
    data = claim.data
    return Claim(
        {k: data[k] for k in CROSS_FILE_FIELDS if k in data},
        claim.article,
        claim.path,
        claim.positions,
    )
