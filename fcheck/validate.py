"""Validation: every file of a collection checked against the format and each other.

:func:`load_collection` is the one entry point the commands use. It never stops at
the first problem: every file is read, every finding is collected, and the claims
whose files are free of errors are returned for listing and reporting.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from fcheck import rules
from fcheck.config import Config
from fcheck.findings import Finding, Severity, sort_key
from fcheck.loader import (
    MAX_TEXT_BYTES,
    MAX_YAML_BYTES,
    Parsed,
    claims_root,
    decode,
    finding,
    is_ignored_name,
    parse_yaml,
    read_file,
    read_yaml,
    safe_entry,
    shown_path,
)
from fcheck.model import (
    ARTICLE_FILE,
    CLAIM_SUFFIXES,
    LANGUAGE_RE,
    Article,
    Claim,
    Field,
    Kind,
    PathKey,
    Position,
    article_spec,
    claim_spec,
    is_slug,
    slug_problem,
)
from fcheck.references import REFERENCE_FIELDS, locate_in_source, missing_references
from fcheck.similarity import Found, near_duplicates
from fcheck.textmatch import closest_passage, normalize_space

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_URL_RE = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
Progress = Callable[[int, int], None]
_PLAIN_TEXT_KINDS = frozenset({Kind.TEXT, Kind.STRING})


@dataclass
class Collection:
    """A loaded collection: the usable records and everything found wrong."""

    root: Path
    config: Config = field(default_factory=Config)
    articles: dict[str, Article] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    # Remembered near-duplicate pairs of unchanged articles (from the cache), if any,
    # and the pairs worker processes found in the articles they parsed.
    near_duplicate_memo: dict[str, Any] | None = field(default=None, repr=False)
    near_duplicate_pairs: dict[str, Found] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)


# Field checks ----------------------------------------------------------------------
def check_fields(
    data: Any, spec: Field, parsed: Parsed, path: str, key: PathKey = ()
) -> list[Finding]:
    """Check one mapping against its field specs, pointing at the offending key or value."""
    if not key and _clean(data, spec):
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


def _clean(data: Any, spec: Field) -> bool:
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
        return lambda v: _text(v) and _URL_RE.fullmatch(v) is not None
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
    if kind is Kind.URL and not _URL_RE.fullmatch(value):
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
    if not (_DATE_RE if full else _PARTIAL_DATE_RE).fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


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


# Loading a collection --------------------------------------------------------------
def _load_article(folder: Path, slug: str, root: Path, out: Collection) -> Article | None:
    path = folder / ARTICLE_FILE
    shown = shown_path(path)
    if not path.exists() and not path.is_symlink():
        out.findings.append(
            finding(
                shown_path(folder),
                None,
                rules.ARTICLE_MISSING,
                f"article folder has no {ARTICLE_FILE}; create one with title, publisher and text",
            )
        )
        return None
    out.files_checked += 1
    link_problem = safe_entry(path, root, shown)
    if link_problem is not None:
        out.findings.append(link_problem)
        return None
    parsed = read_yaml(path, shown, root=root)
    findings = parsed.findings
    if parsed.ok:
        findings = check_fields(parsed.data, article_spec(out.config.rating_names), parsed, shown)
    out.findings.extend(_capped(findings))
    if findings:
        return None
    article = Article(slug=slug, folder=folder, path=shown, data=parsed.data)
    article.text = _load_text(article, parsed, root, out)
    return article


def _load_text(article: Article, parsed: Parsed, root: Path, out: Collection) -> str | None:
    name = article.data["text"]
    pos = parsed.positions.get(("text",))
    rel = PurePosixPath(name)
    if not name or rel.is_absolute() or ".." in rel.parts:
        out.findings.append(
            finding(
                article.path,
                pos,
                rules.ARTICLE_TEXT_MISSING,
                f"text '{name}' must be a file name inside the article folder",
            )
        )
        return None
    path = article.folder / rel
    shown = shown_path(path)
    if not _present(path):
        out.findings.append(
            finding(
                article.path,
                pos,
                rules.ARTICLE_TEXT_MISSING,
                f"article text '{name}' does not exist; save the article's text there",
            )
        )
        return None
    text, problem = read_file(path, shown, MAX_TEXT_BYTES, root=root)[1:]
    if problem is not None and problem.rule == rules.SYMLINK_OUTSIDE:
        # reported where the path is written: the file itself may be anywhere
        out.findings.append(
            finding(
                article.path,
                pos,
                rules.SYMLINK_OUTSIDE,
                f"article text '{name}' leads outside the claims directory through a "
                "symlink and was not read; copy the text into the article folder",
            )
        )
        return None
    if problem is not None:
        out.findings.append(problem)
        out.findings.append(
            finding(
                article.path,
                pos,
                rules.ARTICLE_TEXT_MISSING,
                f"article text '{name}' cannot be used, so quotes are not checked",
            )
        )
        return None
    return text


MAX_FINDINGS_PER_FILE = 100


def _capped(findings: list[Finding]) -> list[Finding]:
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


def _present(path: Path) -> bool:
    """Whether anything (even a broken symlink) is there; a name that the system
    refuses (too long, say) counts as absent rather than raising."""
    try:
        return path.exists() or path.is_symlink()
    except (OSError, ValueError):
        return False


def _load_claim(path: Path, slug: str, spec: Field, out: Collection) -> Claim | None:
    findings, claim = check_claim_file(path, slug, spec)
    out.findings.extend(findings)
    return claim


def check_claim_file(
    path: Path, slug: str, spec: Field, raw: bytes | None = None
) -> tuple[Sequence[Finding], Claim | None]:
    """Every per-file check of one claim file: its findings, and the claim if it is clean.

    A pure function of the file's bytes, its path and the spec, so that its result
    can be cached and computed in worker processes. ``raw`` skips reading the file
    (it must come from :func:`fcheck.loader.read_file`). A claim file is
    ``<claims>/<article>/<name>``: it is read only if it resolves inside ``<claims>``.
    """
    shown = shown_path(path)
    if raw is None:
        parsed = read_yaml(path, shown, root=claims_root(path))
    else:
        text, problem = decode(raw, shown)
        parsed = (
            parse_yaml(text, shown)
            if text is not None
            else Parsed(findings=[problem] if problem else [])
        )
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
        if not findings:
            findings = _check_court_evidence(parsed.data, parsed, shown)
        if not findings:
            findings = _check_references(parsed.data, parsed, shown, raw)
    if findings:
        return _capped(findings), None
    return (), Claim(data=parsed.data, article=slug, path=shown)


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


def _check_references(
    data: dict[str, Any], parsed: Parsed, shown: str, raw: bytes | None
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


def _source_text(shown: str, raw: bytes | None) -> str:
    if raw is None:
        return read_file(shown, shown, MAX_YAML_BYTES, root=claims_root(shown)).text or ""
    text, _ = decode(raw, shown)
    return text or ""


def _check_lead(article: Article, claim_files: list[str], out: Collection) -> None:
    """Rule lead-claim-unknown: every id of ``lead`` is a claim file of the article.

    Claim ids equal their file names (rule id-mismatch), so the files decide, and a
    lead claim with a problem of its own is reported for that problem only.
    """
    lead = article.data.get("lead")
    if not lead:
        return
    ids = {Path(name).stem for name in claim_files}
    positions = None
    for i, claim_id in enumerate(lead):
        if claim_id in ids:
            continue
        if positions is None:
            from fcheck.positions import FilePositions

            positions = FilePositions(article.path)
        near = difflib.get_close_matches(claim_id, sorted(ids), n=1, cutoff=0.6)
        hint = f"did you mean '{near[0]}'?" if near else "list ids of claim files in this folder"
        out.findings.append(
            finding(
                article.path,
                positions.get(("lead", i)),
                rules.LEAD_CLAIM_UNKNOWN,
                f"lead[{i}] '{claim_id}' is not a claim of the article '{article.slug}'; {hint}",
            )
        )


def _claim_files(folder: Path, root: Path, out: Collection) -> list[str]:
    # Paths as strings: a Path object per file costs time and memory that a hundred
    # thousand files notice; one is made only for a file that has to be parsed.
    files: list[str] = []
    try:
        # scandir's entries know whether they are links or folders without a stat call
        # per file, which matters at a hundred thousand files.
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        out.findings.append(
            finding(
                shown_path(folder),
                None,
                rules.FILE_UNREADABLE,
                f"folder cannot be read ({exc.strerror}); check its permissions",
            )
        )
        return files
    for dir_entry in entries:
        name = dir_entry.name
        if is_ignored_name(name) or name == ARTICLE_FILE or not name.endswith(CLAIM_SUFFIXES):
            continue
        out.files_checked += 1
        entry = dir_entry.path
        problem = None
        try:
            is_link = dir_entry.is_symlink()
        except OSError:
            is_link = True  # let safe_entry say what is wrong
        if is_link:
            problem = safe_entry(Path(entry), root, entry)
        if problem is None and _is_dir(dir_entry):
            problem = finding(
                entry,
                None,
                rules.FILE_UNREADABLE,
                "is a folder, not a claim file; rename or remove it",
            )
        if problem is not None:
            out.findings.append(problem)
            continue
        files.append(entry)
    return files


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def load_collection(
    root: Path,
    config: Config | None = None,
    *,
    jobs: int | None = None,
    cache: bool = False,
    progress: Progress | None = None,
    summaries: bool = False,
) -> Collection:
    """Read and check every article and claim under ``root``.

    ``config`` supplies the rating vocabulary; by default it is read from the
    ``fcheck.toml`` (or ``pyproject.toml``) beside ``root``. ``jobs`` sets the number of
    worker processes (``None``: one per core for large collections, ``1``: none);
    ``cache`` reuses the per-file results of earlier runs (see :mod:`fcheck.cache`);
    ``progress(done, total)`` is called as claim files are checked. ``summaries`` lets
    claims served from the cache carry only :data:`CROSS_FILE_FIELDS` (for ``validate``,
    which needs findings, not records).
    """
    if config is None:
        from fcheck.config import load_config

        config = load_config(root)
    out = Collection(root=root, config=config)
    spec = claim_spec(config.rating_names)
    try:
        entries = sorted(root.iterdir())
    except OSError as exc:
        out.findings.append(
            finding(shown_path(root), None, rules.FILE_UNREADABLE, f"cannot be read ({exc})")
        )
        return out
    tasks: list[tuple[str, str]] = []
    for entry in entries:
        name = entry.name
        if is_ignored_name(name):
            continue
        shown = shown_path(entry)
        problem = safe_entry(entry, root, shown)
        if problem is not None:
            out.findings.append(problem)
            continue
        if not entry.is_dir():
            if name.endswith(CLAIM_SUFFIXES):
                out.files_checked += 1
                out.findings.append(
                    finding(
                        shown,
                        None,
                        rules.MISPLACED_FILE,
                        "claim files belong in an article folder (claims/<article>/); move it",
                    )
                )
            continue
        wrong = slug_problem(name)
        if wrong is not None:
            if wrong.startswith("use "):
                wrong = "rename it to lowercase letters, digits and hyphens"
            message = f"article folder '{name}' is not a slug; {wrong}"
            out.findings.append(finding(shown, None, rules.INVALID_SLUG, message))
        article = _load_article(entry, name, root, out)
        files = _claim_files(entry, root, out)
        if article is not None:
            out.articles[name] = article
            _check_lead(article, files, out)
        tasks.extend((path, name) for path in files)
    from fcheck.parallel import check_claims

    for findings, claim in check_claims(
        tasks,
        spec,
        root=root,
        config=config,
        jobs=jobs,
        cache=cache,
        full=not summaries,
        progress=progress,
        near_pairs=out.near_duplicate_pairs,
    ):
        out.findings.extend(findings)
        if claim is not None:
            out.claims.append(claim)
    memo = None
    if cache:
        from fcheck.cache import open_memo

        memo = open_memo(root, config, "near-duplicates")
        out.near_duplicate_memo = memo.entries
    for rule in CROSS_FILE_RULES:
        rule(out)
    if memo is not None:
        memo.save()
    out.findings.sort(key=sort_key)
    return out


def _check_duplicate_ids(out: Collection) -> None:
    seen: dict[str, Claim] = {}
    broken: set[str] = set()
    for claim in out.claims:
        first = seen.setdefault(claim.id, claim)
        if first is claim:
            continue
        for this, other in ((claim, first), (first, claim)):
            if this.path in broken:
                continue
            out.findings.append(
                finding(
                    this.path,
                    this.position("id"),
                    rules.DUPLICATE_ID,
                    f"id '{this.id}' is also used by {other.path}; give one of them a new id",
                )
            )
            broken.add(this.path)
    out.claims = [c for c in out.claims if c.path not in broken]


def _check_quotes(out: Collection) -> None:
    # Claims come article by article: one normalized text at a time is enough, and
    # all of them at once would double the memory the article texts take.
    normalized: tuple[str, str] = ("", "")
    bad: set[str] = set()
    for claim in out.claims:
        article = out.articles.get(claim.article)
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
        out.findings.append(
            finding(
                claim.path,
                claim.position("quote"),
                rules.QUOTE_NOT_FOUND,
                f"quote does not occur in {text_name}; copy it verbatim from the article{hint}",
            )
        )
        bad.add(claim.path)
    out.claims = [c for c in out.claims if c.path not in bad]


# Cross-file rules run in this order over the loaded claims, after every file has been
# checked on its own; each may report findings and drop the claims it rejects. They
# only read ``Collection.claims`` and ``.articles``, so they run the same whether the
# claims were just parsed or came from the cache. A rule may read only these fields of
# ``claim.data`` (plus ``claim.id``, ``.article``, ``.path`` and ``.position()``):
# ``validate`` takes just these from the cache. A new rule needing another field adds
# it here (and bumps ``fcheck.cache.CACHE_FORMAT``).
CROSS_FILE_FIELDS = ("id", "claim", "quote", "status")


def _check_near_duplicates(out: Collection) -> None:
    out.findings.extend(
        near_duplicates(out.claims, memo=out.near_duplicate_memo, known=out.near_duplicate_pairs)
    )


CROSS_FILE_RULES: list[Callable[[Collection], None]] = [
    _check_duplicate_ids,
    _check_quotes,
    _check_near_duplicates,
]


def select_findings(collection: Collection, files: list[Path]) -> list[Finding]:
    """The findings that concern the given files (for ``fcheck validate FILES``)."""
    wanted = {_resolved(p) for p in files}
    return [f for f in collection.findings if _resolved(Path(f.path)) in wanted]


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
        return path.absolute()
