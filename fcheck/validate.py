"""Checks: every per-file check of a record and the cross-file rules, as pure functions.

Nothing here walks a folder, opens a cache or starts a process: the loading engine
(:mod:`fcheck.collection`) does that and calls these checks. They never stop at the
first problem: every finding of a file is returned.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from fcheck import rules
from fcheck.findings import Finding, PathKey, Position, sort_key
from fcheck.loader import (
    Parsed,
    decode,
    finding,
    parse_bytes,
    shown_path,
)
from fcheck.model import (
    DATE_RE,
    LANGUAGE_RE,
    PARTIAL_DATE_RE,
    Article,
    Claim,
    Field,
    Kind,
    is_http_url,
    is_slug,
    slug_problem,
)
from fcheck.references import REFERENCE_FIELDS, locate_in_source, missing_references
from fcheck.similarity import Found, near_duplicates
from fcheck.textmatch import closest_passage, normalize_space

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
        claim_id = parsed.data.get("id") if isinstance(parsed.data, dict) else None
        if isinstance(claim_id, str) and claim_id != path.stem and is_slug(claim_id):
            findings.append(
                finding(
                    shown,
                    parsed.positions.get(("id",)),
                    rules.ID_MISMATCH,
                    f"id '{claim_id}' differs from the file name '{path.name}'; "
                    f"rename the file to {claim_id}{path.suffix} or change the id",
                )
            )
        if isinstance(parsed.data, dict):
            # independent of the field checks: reported in the same run
            findings.extend(_check_court_evidence(parsed.data, parsed, shown))
            evidence = parsed.data.get("evidence")
            if evidence is None or isinstance(evidence, list):
                findings.extend(_check_references(parsed.data, parsed, shown, raw))
    if findings:
        return FileResult(capped(findings), None)
    return FileResult((), Claim(data=parsed.data, article=slug, path=shown))


def _check_references(
    data: dict[str, Any], parsed: Parsed, shown: str, raw: bytes
) -> list[Finding]:
    """Rule evidence-ref-missing: ``[n]`` in notes and conclusion names an evidence item."""
    evidence = data.get("evidence")
    items = len(evidence) if isinstance(evidence, list) else 0
    out: list[Finding] = []
    source: str | None = None
    for name in REFERENCE_FIELDS:
        text = data.get(name)
        if not isinstance(text, str):
            continue
        missing = missing_references(text, items)
        if not missing:
            continue
        start = parsed.positions.get((name,))
        if source is None:  # rare: read the file again to point at the reference
            source = _source_text(shown, raw)
        for index, ref in missing:
            pos: Position | None = start
            if start is not None and source:
                pos = locate_in_source(source, start, index, ref)
            have = (
                f"the claim has {items} evidence item{'s' if items != 1 else ''}"
                if items
                else "the claim has no evidence items"
            )
            out.append(
                finding(
                    shown,
                    pos,
                    rules.EVIDENCE_REF_MISSING,
                    f"'{name}' cites [{ref.number}], but {have}; add the item to 'evidence' "
                    "or fix the number",
                )
            )
    return out


def _source_text(shown: str, raw: bytes) -> str:
    return decode(raw, shown)[0] or ""


def check_lead(article: Article, claim_files: Sequence[str]) -> list[Finding]:
    """Rule lead-claim-unknown: every id of ``lead`` is a claim file of the article.

    Claim ids equal their file names (rule id-mismatch), so the files decide, and a
    lead claim with a problem of its own is reported for that problem only.
    """
    lead = article.data.get("lead")
    if not lead:
        return []
    ids = {Path(name).stem for name in claim_files}
    positions = None
    out: list[Finding] = []
    for i, claim_id in enumerate(lead):
        if claim_id in ids:
            continue
        if positions is None:
            from fcheck.positions import FilePositions

            positions = FilePositions(article.path)
        near = difflib.get_close_matches(claim_id, sorted(ids), n=1, cutoff=0.6)
        hint = f"did you mean '{near[0]}'?" if near else "list ids of claim files in this folder"
        out.append(
            finding(
                article.path,
                positions.get(("lead", i)),
                rules.LEAD_CLAIM_UNKNOWN,
                f"lead[{i}] '{claim_id}' is not a claim of the article '{article.slug}'; {hint}",
            )
        )
    return out


def _check_court_evidence(data: dict[str, Any], parsed: Parsed, shown: str) -> list[Finding]:
    if data.get("status") != "court-established":
        return []
    if any(isinstance(e, dict) and e.get("url") for e in data.get("evidence") or []):
        return []
    return [
        finding(
            shown,
            parsed.positions.get(("status",)),
            rules.COURT_NEEDS_EVIDENCE,
            "a court-established claim must cite at least one evidence item with a url "
            "(the verdict or a report of it); add one or change the status",
        )
    ]


# Cross-file rules -------------------------------------------------------------------
class CrossFileResult(NamedTuple):
    """What a cross-file rule found: its findings, and the paths of the claims it
    rejects (left out of the collection's claims and of the rules after it)."""

    findings: list[Finding]
    rejected: frozenset[str] = frozenset()


CrossFileRule = Callable[[Sequence[Claim], Mapping[str, Article]], CrossFileResult]


def duplicate_ids(claims: Sequence[Claim], articles: Mapping[str, Article]) -> CrossFileResult:
    """``duplicate-id`` on every claim whose id another claim has."""
    seen: dict[str, Claim] = {}
    broken: set[str] = set()
    out: list[Finding] = []
    for claim in claims:
        first = seen.setdefault(claim.id, claim)
        if first is claim:
            continue
        for this, other in ((claim, first), (first, claim)):
            if this.path in broken:
                continue
            out.append(
                finding(
                    this.path,
                    this.position("id"),
                    rules.DUPLICATE_ID,
                    f"id '{this.id}' is also used by {other.path}; give one of them a new id",
                )
            )
            broken.add(this.path)
    return CrossFileResult(out, frozenset(broken))


def quotes_in_text(claims: Sequence[Claim], articles: Mapping[str, Article]) -> CrossFileResult:
    """``quote-not-found`` on every claim whose quote is not in its article's text."""
    # Claims come article by article: one normalized text at a time is enough, and
    # all of them at once would double the memory the article texts take.
    normalized: tuple[str, str] = ("", "")
    bad: set[str] = set()
    out: list[Finding] = []
    for claim in claims:
        article = articles.get(claim.article)
        if article is None or article.text is None:
            continue
        if normalized[0] != claim.article:
            normalized = (claim.article, normalize_space(article.text))
        text = normalized[1]
        quote = normalize_space(claim.data["quote"])
        if quote in text:
            continue
        text_name = article.data["text"]
        near = closest_passage(text, quote)
        hint = f'; closest passage: "{near}"' if near else ""
        out.append(
            finding(
                claim.path,
                claim.position("quote"),
                rules.QUOTE_NOT_FOUND,
                f"quote does not occur in {text_name}; copy it verbatim from the article{hint}",
            )
        )
        bad.add(claim.path)
    return CrossFileResult(out, frozenset(bad))


def near_duplicate_claims(
    claims: Sequence[Claim],
    articles: Mapping[str, Article],
    *,
    memo: dict[str, Any] | None = None,
    known: Mapping[str, Found] | None = None,
) -> CrossFileResult:
    """``near-duplicate`` warnings (see :func:`fcheck.similarity.near_duplicates`, whose
    ``memo`` and ``known`` only save time: the findings are the same without them)."""
    return CrossFileResult(near_duplicates(list(claims), memo=memo, known=known))


# Cross-file rules run in this order over the loaded claims, after every file has been
# checked on its own; each may report findings and reject claims, which the rules after
# it then do not see. They read only the claims and the articles, so they run the same
# whether the claims were just parsed or came from the cache. A rule may read only these
# fields of ``claim.data`` (plus ``claim.id``, ``.article``, ``.path`` and
# ``.position()``): ``validate`` takes just these from the cache. A new rule needing
# another field adds it here (and bumps ``fcheck.cache.CACHE_FORMAT``).
CROSS_FILE_FIELDS = ("id", "claim", "quote", "status")


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


CROSS_FILE_RULES: tuple[CrossFileRule, ...] = (duplicate_ids, quotes_in_text, near_duplicate_claims)


def check_across_files(
    claims: Sequence[Claim],
    articles: Mapping[str, Article],
    cross_rules: Sequence[CrossFileRule] = CROSS_FILE_RULES,
) -> tuple[list[Finding], list[Claim]]:
    """Run ``cross_rules`` in order: their findings, and the claims none rejected."""
    findings: list[Finding] = []
    kept = list(claims)
    for rule in cross_rules:
        result = rule(kept, articles)
        findings.extend(result.findings)
        if result.rejected:
            kept = [c for c in kept if c.path not in result.rejected]
    return findings, kept
