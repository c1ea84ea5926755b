"""What every output shows alike, as typed values: the presenter of claims and articles.

Reporters (text, Markdown, HTML) and the site render these values; none of them reads
a claim's fields by name. This module decides, once for all formats:

- the titles, plain-words explanations and colours of evidence statuses and ratings;
- the source line ("Example Gazette via City council") and an evidence item's meta line
  ("Publisher, 2024-06-01");
- numbered references ``[n]`` in conclusions and notes, as text segments that point
  at the claim's evidence items (footnotes);
- corrections, review sign-off, verdict;
- the reader's order of claims: by the position of their quote in the article text.

Everything here is pure and format-free: escaping is the renderer's job.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from fcheck import model
from fcheck.config import Config
from fcheck.model import STATUSES, Article, Claim, Kind
from fcheck.references import references
from fcheck.safe import http_url
from fcheck.textspan import NormalizedText


# Statuses and ratings ----------------------------------------------------------------
@dataclass(frozen=True)
class StatusLook:
    name: str
    title: str  # "Court-established"
    short: str  # the marker label in the annotated text
    plain: str  # for readers, in plain words
    color: str  # #rrggbb, dark enough for white text
    background: str  # #rrggbb, light, behind dark text
    style: str  # a rich style for terminals


STATUS_LOOKS: dict[str, StatusLook] = {
    "court-established": StatusLook(
        "court-established",
        "Court-established",
        "court",
        "A court has ruled on this, in a verdict or judgment.",
        "#2e7d32",
        "#d3ecd4",
        "bold green",
    ),
    "alleged": StatusLook(
        "alleged",
        "Alleged",
        "alleged",
        "Someone says so (prosecutors, the media, a government, the article), "
        "but no court has ruled on it.",
        "#a15c00",
        "#ffe3ad",
        "bold yellow",
    ),
    "speculative": StatusLook(
        "speculative",
        "Speculative",
        "speculative",
        "An insinuation or inference offered without evidence.",
        "#7b1fa2",
        "#efd9f7",
        "bold magenta",
    ),
}
_UNKNOWN_STATUS = StatusLook("", "", "", "", "#607d8b", "#e7eaee", "")


def status_look(status: str) -> StatusLook:
    look = STATUS_LOOKS.get(status)
    if look is not None:
        return look
    return replace(
        _UNKNOWN_STATUS, name=status, title=status, short=status, plain=STATUSES.get(status, "")
    )


# The rich colour names fcheck.toml accepts for ratings, as hex for pages and figures
# (dark enough to carry white text).
RICH_COLORS = {
    "green": "#2e7d32",
    "yellow": "#8a6500",
    "red": "#c62828",
    "cyan": "#00727d",
    "blue": "#1565c0",
    "magenta": "#8e24aa",
    "bright_black": "#616161",
    "white": "#757575",
    "black": "#212121",
}
FALLBACK_COLOR = "#546e7a"
UNRATED = "unrated"


def color_hex(name: str) -> str:
    """A rich colour name or ``#rrggbb`` of fcheck.toml as ``#rrggbb``."""
    if name.startswith("#") and len(name) == 7:
        return name
    return RICH_COLORS.get(name, RICH_COLORS.get(name.removeprefix("bright_"), FALLBACK_COLOR))


@dataclass(frozen=True)
class RatingLook:
    name: str  # the label, or "unrated"
    title: str  # "Misleading"
    definition: str
    color: str  # #rrggbb
    style: str  # a rich style

    @property
    def rated(self) -> bool:
        return self.name != UNRATED


def title_case(label: str) -> str:
    """``"court-established"`` -> ``"Court-established"``."""
    return label[:1].upper() + label[1:]


def rating_look(rating: str | None, config: Config) -> RatingLook:
    label = config.ratings.get(rating or "")
    if label is None:
        if not rating:
            return RatingLook(UNRATED, "Not rated", "No rating given.", FALLBACK_COLOR, "dim")
        return RatingLook(rating, title_case(rating), "", FALLBACK_COLOR, "dim")
    return RatingLook(
        label.name, title_case(label.name), label.definition, color_hex(label.color), label.color
    )


def counted_rating(name: str, config: Config) -> RatingLook:
    """The look of a rating as a count names it (``"unrated"`` counts the claims
    without a rating)."""
    return rating_look(None if name == UNRATED else name, config)


# Claims ------------------------------------------------------------------------------
@dataclass(frozen=True)
class SourceView:
    name: str
    via: str | None
    url: str | None  # only an http(s) URL

    @property
    def line(self) -> str:
        return f"{self.name} via {self.via}" if self.via else self.name


@dataclass(frozen=True)
class EvidenceView:
    number: int  # 1-based: what [n] in notes and conclusions cites
    title: str
    url: str | None  # only http(s)
    publisher: str | None
    date: str | None
    archive_url: str | None  # only http(s)
    kind: str | None
    accessed: str | None
    raw_url: str | None = None  # as written, for text output

    @property
    def meta(self) -> str:
        """``"Publisher, 2024-06-01"`` (empty when neither is known)."""
        return ", ".join(v for v in (self.publisher, self.date) if v)

    def details(self, kind: bool = False) -> str:
        """:attr:`meta`, after the kind of document when ``kind`` is asked for and known
        (``"Court record, Publisher, 2024-06-01"``)."""
        title = KIND_TITLES.get(self.kind or "") if kind else None
        return ", ".join(v for v in (title, self.meta) if v)


KIND_TITLES = {
    "court-record": "Court record",
    "official": "Official document",
    "news": "News report",
    "statement": "Statement",
    "other": "Document",
}


@dataclass(frozen=True)
class Segment:
    """A piece of text, or (``ref`` set) a reference to evidence item ``ref``."""

    text: str
    ref: int | None = None


@dataclass(frozen=True)
class CorrectionView:
    date: str
    change: str
    reason: str


@dataclass(frozen=True)
class ClaimView:
    id: str
    article: str
    claim: str
    quote: str
    status: str
    rating: str | None
    conclusion: str | None
    notes: str
    source: SourceView
    evidence: tuple[EvidenceView, ...]
    corrections: tuple[CorrectionView, ...]
    reviewer: str | None
    checked: str | None
    tags: tuple[str, ...]
    entities: tuple[str, ...]
    path: str

    def segments(self, text: str) -> list[Segment]:
        """``text`` cut into plain pieces and references to this claim's evidence;
        a number with no item stays text (rule evidence-ref-missing reports it)."""
        out: list[Segment] = []
        at = 0
        for ref in references(text):
            if not 1 <= ref.number <= len(self.evidence):
                continue
            if ref.start > at:
                out.append(Segment(text[at : ref.start]))
            out.append(Segment(text[ref.start : ref.end], ref.number))
            at = ref.end
        if at < len(text):
            out.append(Segment(text[at:]))
        return out

    def cited(self) -> list[EvidenceView]:
        """The evidence items cited by number in the conclusion or notes, in order."""
        numbers: list[int] = []
        for text in (self.conclusion or "", self.notes):
            for segment in self.segments(text):
                if segment.ref is not None and segment.ref not in numbers:
                    numbers.append(segment.ref)
        return [self.evidence[n - 1] for n in numbers]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _corrections(value: Any) -> tuple[CorrectionView, ...]:
    if not isinstance(value, list):
        return ()
    items = [
        CorrectionView(str(c.get("date", "")), str(c.get("change", "")), str(c.get("reason", "")))
        for c in value
        if isinstance(c, Mapping)
    ]
    return tuple(sorted(items, key=lambda c: c.date, reverse=True))


def claim_view(claim: Claim) -> ClaimView:
    """The typed view of a loaded (valid) claim."""
    data = claim.data
    source = data.get("source") or {}
    evidence = tuple(
        EvidenceView(
            number=i,
            title=str(item.get("title", "")),
            url=http_url(item.get("url")),
            publisher=_text(item.get("publisher")),
            date=_text(item.get("date")),
            archive_url=http_url(item.get("archive_url")),
            kind=_text(item.get("kind")),
            accessed=_text(item.get("accessed")),
            raw_url=_text(item.get("url")),
        )
        for i, item in enumerate(
            (e for e in data.get("evidence") or [] if isinstance(e, Mapping)), 1
        )
    )
    return ClaimView(
        id=claim.id,
        article=claim.article,
        claim=str(data.get("claim", "")),
        quote=str(data.get("quote", "")),
        status=claim.status,
        rating=claim.rating,
        conclusion=_text(data.get("conclusion")),
        notes=str(data.get("notes", "")),
        source=SourceView(
            str(source.get("name", "")), _text(source.get("via")), http_url(source.get("url"))
        ),
        evidence=evidence,
        corrections=_corrections(data.get("corrections")),
        reviewer=_text(data.get("reviewer")),
        checked=_text(data.get("checked")),
        tags=_strings(data.get("tags")),
        entities=_strings(data.get("entities")),
        path=claim.path,
    )


def field_label(name: str) -> str:
    """A field's name as a label: ``"checked"`` -> ``"Checked"``, ``"a_b"`` -> ``"A b"``."""
    return title_case(name.replace("_", " "))


def other_fields(claim: Claim, placed: Collection[str]) -> list[tuple[str, str]]:
    """The claim's fields that a format gives no place of its own (not in ``placed``),
    as ``(label, value)`` in the model's order: those that hold a value or a list of
    strings, and have one (lists joined with ", "). A new field of the model shows up
    here without naming it anywhere else."""
    out: list[tuple[str, str]] = []
    for spec in model.CLAIM_SPEC.fields:
        value = claim.data.get(spec.name)
        if spec.name in placed or spec.kind in (Kind.MAPPING, Kind.MAPPINGS) or not value:
            continue
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        out.append((field_label(spec.name), text))
    return out


# Articles ----------------------------------------------------------------------------
@dataclass(frozen=True)
class ReviewView:
    state: str | None
    checkers: tuple[str, ...]
    editors: tuple[str, ...]
    published: str | None
    updated: str | None


@dataclass(frozen=True)
class Piece:
    """One article's fact-check as a reader meets it."""

    slug: str
    headline: str
    publisher: str | None
    published: str | None  # the article's own date
    url: str | None  # the article, http(s) only
    language: str | None
    verdict: RatingLook | None
    summary: str | None
    lead: tuple[ClaimView, ...]
    claims: tuple[ClaimView, ...]  # in the article's order
    review: ReviewView
    corrections: tuple[CorrectionView, ...]
    text: str | None  # the article text, if it could be read
    positions: dict[str, int] = field(default_factory=dict)  # claim id -> quote offset

    @property
    def all_corrections(self) -> list[tuple[CorrectionView, ClaimView | None]]:
        """The article's corrections and its claims', newest first."""
        items: list[tuple[CorrectionView, ClaimView | None]] = [(c, None) for c in self.corrections]
        items += [(c, claim) for claim in self.claims for c in claim.corrections]
        return sorted(items, key=lambda pair: pair[0].date, reverse=True)


def article_order(
    text: str | None, claims: Iterable[ClaimView]
) -> tuple[list[ClaimView], dict[str, int]]:
    """Claims by the position of their quote in ``text`` (then by id); claims whose
    quote is not found come last."""
    claims = list(claims)
    positions: dict[str, int] = {}
    if text is not None:
        normalized = NormalizedText.of(text)
        for claim in claims:
            where = normalized.locate(claim.quote)
            if where is not None:
                positions[claim.id] = where[0]
    far = 1 << 62
    ordered = sorted(claims, key=lambda c: (positions.get(c.id, far), c.id))
    return ordered, positions


def article_piece(
    slug: str, article: Article | None, claims: Iterable[Claim], config: Config
) -> Piece:
    """The reader's view of one article's fact-check."""
    data: Mapping[str, Any] = article.data if article is not None else {}
    views = [claim_view(c) for c in claims if c.article == slug]
    text = article.text if article is not None else None
    ordered, positions = article_order(text, views)
    by_id = {c.id: c for c in ordered}
    lead = tuple(by_id[i] for i in _strings(data.get("lead")) if i in by_id)
    verdict = data.get("verdict")
    review = data.get("review") if isinstance(data.get("review"), Mapping) else {}
    assert isinstance(review, Mapping)
    return Piece(
        slug=slug,
        headline=str(data.get("title") or slug),
        publisher=_text(data.get("publisher")),
        published=_text(data.get("published")),
        url=http_url(data.get("url")),
        language=_text(data.get("language")),
        verdict=rating_look(str(verdict), config) if verdict else None,
        summary=_text(data.get("summary")),
        lead=lead,
        claims=tuple(ordered),
        review=ReviewView(
            state=_text(review.get("state")),
            checkers=_strings(review.get("checkers")),
            editors=_strings(review.get("editors")),
            published=_text(review.get("published")),
            updated=_text(review.get("updated")),
        ),
        corrections=_corrections(data.get("corrections")),
        text=text,
        positions=positions,
    )


def pieces(
    claims: list[Claim], articles: Mapping[str, Article] | None, config: Config
) -> list[Piece]:
    """One piece per article that has claims among ``claims``, by slug."""
    articles = articles or {}
    slugs = sorted({c.article for c in claims})
    return [article_piece(s, articles.get(s), claims, config) for s in slugs]


def byline(review: ReviewView) -> list[tuple[str, str]]:
    """("Checked by", "A, B"), ("Edited by", ...), ("Published", date), ("Updated", date)."""
    out: list[tuple[str, str]] = []
    if review.checkers:
        out.append(("Checked by", join_names(review.checkers)))
    if review.editors:
        out.append(("Edited by", join_names(review.editors)))
    if review.published:
        out.append(("Published", review.published))
    if review.updated and review.updated != review.published:
        out.append(("Updated", review.updated))
    return out


def join_names(names: Iterable[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def page_title(pieces_: list[Piece], config: Config) -> str:
    """The page's title: the article's headline for one article, else the site's."""
    if len(pieces_) == 1:
        return pieces_[0].headline
    return config.site.title or config.organization or "Fact-checks"
