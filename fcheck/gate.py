"""The publishing gate: what a fact-check must satisfy before (and while) it is published.

Applied by ``fcheck validate`` to articles whose ``review.state`` is ``published``
(and to every article with ``--publish``), and by ``fcheck status`` to say what
still blocks each article. Each failure is a positioned finding with its own rule id
(``gate-*`` in :mod:`fcheck.rules`); the settings are ``[gate]`` in fcheck.toml
(:class:`fcheck.editorial_settings.GateSettings`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fcheck import rules
from fcheck.checks.cross_file import CROSS_FILE_FIELDS
from fcheck.collection import Collection
from fcheck.editorial_settings import GateSettings
from fcheck.findings import Finding, PathKey, Position, Severity, sort_key
from fcheck.loader import MAX_YAML_BYTES, finding, parse_yaml, read_text
from fcheck.model import Article, Claim
from fcheck.positions import FilePositions

PUBLISHED = "published"
STATES = ("draft", "ready", PUBLISHED)


def review_of(article: Article) -> dict[str, Any]:
    review = article.data.get("review")
    return review if isinstance(review, dict) else {}


def state_of(article: Article) -> str:
    """``draft``, ``ready`` or ``published``; an article without a review is a draft."""
    state = review_of(article).get("state")
    return state if isinstance(state, str) and state in STATES else "draft"


def names(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [" ".join(v.split()) for v in value if isinstance(v, str) and v.strip()]


def _same_person(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def full_data(claim: Claim) -> dict[str, Any]:
    """The whole record: ``validate`` may hold only the cross-file fields of a claim
    served from the cache, and then the file is read again."""
    if set(claim.data) - set(CROSS_FILE_FIELDS):
        return claim.data  # a summary never has more than the cross-file fields
    text, problem = read_text(claim.path, claim.path, MAX_YAML_BYTES)
    if problem is not None or text is None:
        return claim.data
    parsed = parse_yaml(text, claim.path)
    return parsed.data if parsed.ok and isinstance(parsed.data, dict) else claim.data


@dataclass
class _Where:
    """Positions in one file, looked up only when a finding needs them."""

    path: str
    _positions: Mapping[PathKey, Position] | None = None

    def at(self, *keys: PathKey) -> Position | None:
        if self._positions is None:
            self._positions = FilePositions(self.path)
        for key in keys:
            found = self._positions.get(key)
            if found is not None:
                return found
        return self._positions.get(())

    def finding(self, rule: str, message: str, *keys: PathKey) -> Finding:
        return finding(self.path, self.at(*keys), rule, message)


def _claims_by_article(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = {}
    for claim in claims:
        out.setdefault(claim.article, []).append(claim)
    return out


def gated(article: Article, publish: bool) -> bool:
    return publish or state_of(article) == PUBLISHED


def check_article(
    article: Article,
    claims: list[Claim],
    findings: Iterable[Finding],
    settings: GateSettings,
    why: str,
) -> list[Finding]:
    """The gate's findings for one article and its claims; ``why`` ends each message
    (it says why the gate applies)."""
    out: list[Finding] = []
    where = _Where(article.path)
    data = article.data
    review = review_of(article)
    for key, rule, what in (
        ("verdict", rules.GATE_NO_VERDICT, "a verdict (the rating of the article as a whole)"),
        ("summary", rules.GATE_NO_SUMMARY, "a summary (what the fact-check found)"),
    ):
        if not data.get(key):
            out.append(where.finding(rule, f"add {what} to article.yaml {why}"))
    if state_of(article) == PUBLISHED and not review.get("published"):
        out.append(
            where.finding(
                rules.GATE_NO_DATE,
                "review.state is published but review.published has no date; add the date "
                "the fact-check was first published",
                ("review", "state"),
            )
        )
    checkers = names(review.get("checkers"))
    editors = names(review.get("editors"))
    if settings.two_person:
        second = [e for e in editors if not any(_same_person(e, c) for c in checkers)]
        if not second:
            detail = (
                "no editor approved it"
                if not editors
                else f"its only approvers ({', '.join(editors)}) also checked it"
            )
            out.append(
                where.finding(
                    rules.GATE_TWO_PERSON,
                    f"{detail}: add an approver who is not one of review.checkers to "
                    f"review.editors {why} (or set [gate] two_person = false for a "
                    "one-person team)",
                    ("review", "editors"),
                    ("review",),
                )
            )
    for claim in claims:
        out.extend(_check_claim(claim, checkers, settings, why))
    if settings.blocking:
        folder = Path(article.path).parent
        for f in findings:
            if (
                f.severity is Severity.WARNING
                and f.rule in settings.blocking
                and Path(f.path).parent == folder
            ):
                out.append(
                    Finding(
                        f.path,
                        f.line,
                        f.column,
                        rules.GATE_BLOCKING_WARNING,
                        rules.RULES[rules.GATE_BLOCKING_WARNING].severity,
                        f"{f.rule} blocks publication ([gate] blocking): {f.message}",
                    )
                )
    return out


def _check_claim(
    claim: Claim, checkers: list[str], settings: GateSettings, why: str
) -> list[Finding]:
    out: list[Finding] = []
    data = full_data(claim)
    where = _Where(claim.path)
    if not data.get("rating"):
        out.append(where.finding(rules.GATE_UNRATED, f"rate this claim {why}", ("status",)))
    if not data.get("conclusion"):
        out.append(
            where.finding(
                rules.GATE_NO_CONCLUSION,
                f"add a conclusion (one to three plain sentences for readers) {why}",
                ("notes",),
            )
        )
    reviewer = data.get("reviewer")
    if (
        settings.two_person
        and isinstance(reviewer, str)
        and any(_same_person(" ".join(reviewer.split()), c) for c in checkers)
    ):
        out.append(
            where.finding(
                rules.GATE_TWO_PERSON,
                f"the claim's reviewer {reviewer} is one of the article's checkers; a second "
                f"person must sign it off {why}",
                ("reviewer",),
            )
        )
    evidence = [e for e in data.get("evidence") or [] if isinstance(e, dict)]
    if data.get("status") == "court-established" and not any(
        e.get("kind") == "court-record" for e in evidence
    ):
        out.append(
            where.finding(
                rules.GATE_COURT_RECORD,
                "a court-established claim must cite a court's own document: mark the "
                f"judgment, verdict, order or filing with kind: court-record {why}",
                ("status",),
            )
        )
    if settings.require_archive:
        for index, item in enumerate(data.get("evidence") or []):
            if isinstance(item, dict) and not item.get("archive_url"):
                out.append(
                    where.finding(
                        rules.GATE_NO_ARCHIVE,
                        f"evidence item {index + 1} has no archive_url ([gate] "
                        "require_archive); run `fcheck links --archive`",
                        ("evidence", index, "url"),
                        ("evidence", index),
                    )
                )
    return out


def check_gate(collection: Collection, publish: bool = False) -> list[Finding]:
    """The gate's findings for every published article (every article with ``publish``)."""
    settings = collection.config.gate
    by_article = _claims_by_article(collection.claims)
    out: list[Finding] = []
    for slug, article in sorted(collection.articles.items()):
        if not gated(article, publish):
            continue
        why = (
            "before publishing (--publish)"
            if publish and state_of(article) != PUBLISHED
            else ("(review.state is published)")
        )
        out.extend(
            check_article(article, by_article.get(slug, []), collection.findings, settings, why)
        )
    out.sort(key=sort_key)
    return out


@dataclass
class ArticleStatus:
    """Where one article stands, for ``fcheck status``."""

    slug: str
    path: str
    title: str
    state: str
    published: str | None
    updated: str | None
    checkers: list[str]
    editors: list[str]
    claims: int
    rated: int
    concluded: int
    corrections: int
    blockers: list[Finding] = field(default_factory=list)  # the gate, as if publishing
    errors: int = 0  # validation errors in the article's files

    @property
    def ready_to_publish(self) -> bool:
        return not self.blockers and not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.slug,
            "path": self.path,
            "title": self.title,
            "state": self.state,
            "published": self.published,
            "updated": self.updated,
            "checkers": self.checkers,
            "editors": self.editors,
            "claims": self.claims,
            "rated": self.rated,
            "concluded": self.concluded,
            "corrections": self.corrections,
            "errors": self.errors,
            "ready_to_publish": self.ready_to_publish,
            "blockers": [f.to_dict() for f in self.blockers],
        }


def collection_status(collection: Collection) -> list[ArticleStatus]:
    """Each article's state, dates, people and what blocks (or would block) publishing."""
    settings = collection.config.gate
    by_article = _claims_by_article(collection.claims)
    out = []
    for slug, article in sorted(collection.articles.items()):
        claims = by_article.get(slug, [])
        review = review_of(article)
        records = [full_data(c) for c in claims]
        folder = Path(article.path).parent
        blockers = check_article(
            article, claims, collection.findings, settings, "before publishing"
        )
        blockers.sort(key=sort_key)
        corrections = article.data.get("corrections")
        out.append(
            ArticleStatus(
                slug=slug,
                path=article.path,
                title=str(article.data.get("title", "")),
                state=state_of(article),
                published=_text(review.get("published")),
                updated=_text(review.get("updated")),
                checkers=names(review.get("checkers")),
                editors=names(review.get("editors")),
                claims=len(claims),
                rated=sum(1 for r in records if r.get("rating")),
                concluded=sum(1 for r in records if r.get("conclusion")),
                corrections=(len(corrections) if isinstance(corrections, list) else 0)
                + sum(len(r.get("corrections") or []) for r in records),
                blockers=blockers,
                errors=sum(
                    1
                    for f in collection.findings
                    if f.severity is Severity.ERROR and Path(f.path).parent == folder
                ),
            )
        )
    return out


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
