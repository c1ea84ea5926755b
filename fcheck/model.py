"""The collection format: statuses, ratings and the fields of each record.

These definitions are the single source of truth for the validator, the README and
(later) the JSON Schema, so change the format here and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any, TypeGuard

from fcheck.findings import PathKey, Position

# (defined apart so that the command line can offer them without importing the model)
from fcheck.vocabulary import RATINGS as RATINGS
from fcheck.vocabulary import STATUSES as STATUSES

EVIDENCE_KINDS: dict[str, str] = {
    "court-record": (
        "A court's own document: judgment, verdict, order, docket, transcript or court filing."
    ),
    "official": "A government's, parliament's or public body's own document.",
    "news": "A news report.",
    "statement": "A statement by a party: a press release, letter, post or interview.",
    "other": "Any other document.",
}

REVIEW_STATES: dict[str, str] = {
    "draft": "Being checked; not ready for review.",
    "ready": "Checked and ready for the editor's review.",
    "published": "Published.",
}

# Slugs name folders and files: short enough for every file system (with ".yaml"), and
# never a name Windows reserves for a device (such a file cannot be checked out there).
MAX_SLUG_LENGTH = 100
WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10))]
    + [f"lpt{i}" for i in range(1, 10)]
)
_SLUG_SHAPE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The whole rule as one pattern (for the JSON Schema); fcheck itself uses is_slug.
SLUG_RE = re.compile(
    r"^(?!(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$)"
    rf"(?=[a-z0-9-]{{1,{MAX_SLUG_LENGTH}}}$)[a-z0-9]+(?:-[a-z0-9]+)*$"
)


def slug_problem(value: str) -> str | None:
    """What makes ``value`` not a slug (the end of a message), or None if it is one."""
    if not _SLUG_SHAPE.fullmatch(value):
        return "use lowercase letters, digits and hyphens"
    if len(value) > MAX_SLUG_LENGTH:
        return f"it is {len(value):,} characters long; keep it to {MAX_SLUG_LENGTH}"
    if value in WINDOWS_RESERVED:
        return "it is a device name Windows reserves (a file of that name cannot exist there)"
    return None


def is_slug(value: str) -> bool:
    return slug_problem(value) is None


# The forms of values, as regular expressions that mean the same in Python (used with
# ``fullmatch``) and in JSON Schema's ECMA-262 dialect (anchored with ^ and $), so that
# ``fcheck validate`` and ``fcheck schema`` accept exactly the same values: digits are
# spelled [0-9] (Python's \d takes any script's digits), whitespace is spelled out as
# the characters Python's str.isspace() calls whitespace (\s differs between the two).
WHITESPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NOT_BLANK_PATTERN = f"[^{WHITESPACE}]"  # a text holds at least one such character
_YEAR = "(?!0000)[0-9]{4}"  # years 0001 to 9999
_MONTH = "(?:0[1-9]|1[0-2])"
_MONTH_DAY = (
    "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_FULL_DATE = f"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
# A calendar date, YYYY-MM-DD: no 2024-13-01, no 2023-02-29.
DATE_PATTERN = f"^{_FULL_DATE}$"
# YYYY-MM-DD, YYYY-MM or YYYY.
PARTIAL_DATE_PATTERN = f"^(?:{_FULL_DATE}|{_YEAR}(?:-{_MONTH})?)$"
# An absolute http(s) URL naming a host; the scheme in any case.
URL_PATTERN = f"^[Hh][Tt][Tt][Pp][Ss]?://[^{WHITESPACE}/?#]+[^{WHITESPACE}]*$"
DATE_RE = re.compile(DATE_PATTERN)
PARTIAL_DATE_RE = re.compile(PARTIAL_DATE_PATTERN)
URL_RE = re.compile(URL_PATTERN)


def is_http_url(value: object) -> TypeGuard[str]:
    """Whether ``value`` is an absolute http(s) URL naming a host: the one URL rule of
    claim files, ``fcheck.toml`` and the JSON Schema."""
    return isinstance(value, str) and URL_RE.fullmatch(value) is not None


# BCP 47 in the shape people write: language, optional script, region and variants.
LANGUAGE_RE = re.compile(
    r"^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$"
)
CLAIM_SUFFIXES = (".yaml", ".yml")
ARTICLE_FILE = "article.yaml"


class Kind(str, Enum):
    """The type of a field's value."""

    TEXT = "text"  # a string with at least one non-space character
    STRING = "string"  # a string, possibly empty
    SLUG = "slug"
    DATE = "date"  # YYYY-MM-DD
    PARTIAL_DATE = "partial-date"  # YYYY-MM-DD, YYYY-MM or YYYY
    URL = "url"
    LANGUAGE = "language"
    CHOICE = "choice"
    STRINGS = "strings"  # a list of strings
    MAPPING = "mapping"
    MAPPINGS = "mappings"  # a list of mappings


@dataclass(frozen=True)
class Field:
    """A field of a record, from which the validator, the JSON Schema, the format tables
    of docs/format.md and the template of ``fcheck new`` follow.

    ``hint`` is the guidance ``fcheck new`` writes above the field (None: the
    description; empty: none); ``example`` the value it shows, commented out, for a field
    the new claim leaves out (a mapping list shows its sub-fields' examples); and
    ``template`` whether the field is in that template at all (corrections and sign-off
    come later than a new claim).
    """

    name: str
    kind: Kind
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    fields: tuple[Field, ...] = field(default=())
    hint: str | None = None
    example: str = ""
    template: bool = True

    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}


SOURCE_FIELDS = (
    Field("name", Kind.TEXT, "Who makes the claim in the article: the outlet or a person.", True),
    Field("via", Kind.TEXT, "Whom the source attributes the claim to."),
    Field("url", Kind.URL, "Where the source made the claim."),
)

EVIDENCE_FIELDS = (
    Field(
        "title",
        Kind.TEXT,
        "Title of the document consulted.",
        True,
        example="Title of the document",
    ),
    Field("url", Kind.URL, "Link to the document.", example="https://"),
    Field("publisher", Kind.TEXT, "Who published it.", example="Who published it"),
    Field(
        "date",
        Kind.PARTIAL_DATE,
        "When it was published (YYYY-MM-DD, YYYY-MM or YYYY).",
        example="YYYY-MM-DD (or YYYY-MM, YYYY)",
    ),
    Field(
        "archive_url",
        Kind.URL,
        "An archived copy of the document.",
        example="https://web.archive.org/...",
    ),
    Field(
        "kind",
        Kind.CHOICE,
        "What the document is.",
        choices=tuple(EVIDENCE_KINDS),
    ),
    Field(
        "accessed",
        Kind.DATE,
        "When the link was last checked or archived (YYYY-MM-DD).",
        example="YYYY-MM-DD (when you last opened the link)",
    ),
)

CORRECTION_FIELDS = (
    Field("date", Kind.DATE, "When the correction was made (YYYY-MM-DD).", True),
    Field("change", Kind.TEXT, "What changed.", True),
    Field("reason", Kind.TEXT, "Why it changed.", True),
)

CLAIM_FIELDS = (
    Field("id", Kind.SLUG, "The claim id; equal to the file name without .yaml.", True, hint=""),
    Field("claim", Kind.TEXT, "The claim restated neutrally and self-contained.", True),
    Field(
        "quote",
        Kind.TEXT,
        "The passage of the article that makes the claim, verbatim.",
        True,
        hint="Verbatim from the article text (differences in whitespace are ignored).",
    ),
    Field(
        "source",
        Kind.MAPPING,
        "Who makes the claim.",
        True,
        fields=SOURCE_FIELDS,
        hint="Who makes the claim in the article (name); add `via:` for whom it cites.",
    ),
    Field(
        "status",
        Kind.CHOICE,
        "The evidence status.",
        True,
        choices=tuple(STATUSES),
        hint="The evidence status, one of:",
    ),
    Field(
        "rating",
        Kind.CHOICE,
        "How the wording compares with the record.",
        choices=tuple(RATINGS),
        hint="How the article's wording compares with the record (optional), one of:",
    ),
    Field(
        "conclusion",
        Kind.TEXT,
        "One to three plain sentences for readers: what the check found "
        "(ClaimReview's ratingExplanation).",
        hint="For readers (optional): one to three plain sentences saying what you found.",
    ),
    Field(
        "notes",
        Kind.TEXT,
        "The checker's findings.",
        True,
        hint="Your findings: what the record shows, with the sources named; [1], [2], ...\n"
        "cite the evidence items below by number.",
    ),
    Field(
        "evidence",
        Kind.MAPPINGS,
        "The evidence consulted.",
        fields=EVIDENCE_FIELDS,
        hint="The evidence consulted; a court-established claim needs one with a url.",
    ),
    Field("tags", Kind.STRINGS, "Free-form topic labels.", hint="", example="[topic]"),
    Field(
        "entities",
        Kind.STRINGS,
        "People and bodies the claim concerns.",
        hint="",
        example="[Person or body the claim concerns]",
    ),
    Field(
        "checked",
        Kind.DATE,
        "Date of the last review (YYYY-MM-DD).",
        hint="",
        example="YYYY-MM-DD (the date of your review)",
    ),
    Field(
        "reviewer",
        Kind.TEXT,
        "Who signed the claim off, where a team signs off claim by claim.",
        template=False,
    ),
    Field(
        "corrections",
        Kind.MAPPINGS,
        "Corrections made after publication: date, what changed and why.",
        fields=CORRECTION_FIELDS,
        template=False,
    ),
)

REVIEW_FIELDS = (
    Field("state", Kind.CHOICE, "Where the fact-check stands.", choices=tuple(REVIEW_STATES)),
    Field("checkers", Kind.STRINGS, "Who checked it."),
    Field("editors", Kind.STRINGS, "Who edited or approved it."),
    Field("published", Kind.DATE, "When the fact-check was first published (YYYY-MM-DD)."),
    Field("updated", Kind.DATE, "When the fact-check was last updated (YYYY-MM-DD)."),
)

ARTICLE_FIELDS = (
    Field("title", Kind.TEXT, "The article's headline.", True),
    Field("publisher", Kind.TEXT, "Who published the article.", True),
    Field("published", Kind.PARTIAL_DATE, "Publication date (YYYY-MM-DD, YYYY-MM or YYYY)."),
    Field("url", Kind.URL, "Where the article was published."),
    Field("language", Kind.LANGUAGE, "BCP 47 language tag, such as en or pt-BR."),
    Field("text", Kind.STRING, "Path of the article text, relative to the article folder.", True),
    Field(
        "verdict",
        Kind.CHOICE,
        "The fact-check's rating of the article as a whole.",
        choices=tuple(RATINGS),
    ),
    Field("summary", Kind.TEXT, "Two to five plain sentences: what the fact-check found."),
    Field("lead", Kind.STRINGS, "Ids of the claims to lead with, most important first."),
    Field("review", Kind.MAPPING, "Where the fact-check stands.", fields=REVIEW_FIELDS),
    Field(
        "corrections",
        Kind.MAPPINGS,
        "Corrections made after publication: date, what changed and why.",
        fields=CORRECTION_FIELDS,
    ),
)

CLAIM_SPEC = Field("claim", Kind.MAPPING, "A claim record.", fields=CLAIM_FIELDS)


def _with_ratings(spec: Field, name: str, ratings: tuple[str, ...]) -> Field:
    fields = tuple(replace(f, choices=ratings) if f.name == name else f for f in spec.fields)
    return replace(spec, fields=fields)


_SPECS: dict[tuple[str, tuple[str, ...]], Field] = {}


def claim_spec(ratings: tuple[str, ...]) -> Field:
    """The claim spec with a team's own rating vocabulary."""
    if ratings == tuple(RATINGS):
        return CLAIM_SPEC
    key = ("claim", ratings)
    if key not in _SPECS:  # one object per vocabulary: the validator compiles it once
        _SPECS[key] = _with_ratings(CLAIM_SPEC, "rating", ratings)
    return _SPECS[key]


ARTICLE_SPEC = Field("article", Kind.MAPPING, "An article record.", fields=ARTICLE_FIELDS)


def article_spec(ratings: tuple[str, ...]) -> Field:
    """The article spec with a team's own rating vocabulary (for ``verdict``)."""
    if ratings == tuple(RATINGS):
        return ARTICLE_SPEC
    key = ("article", ratings)
    if key not in _SPECS:
        _SPECS[key] = _with_ratings(ARTICLE_SPEC, "verdict", ratings)
    return _SPECS[key]


# Typed views ------------------------------------------------------------------------
# Records keep the file's data as parsed (``.data``); these read it as typed values, so
# that output code does not look fields up by string. A view of a value the file does
# not have is None (or empty): records that passed validation have every required one.
def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _mappings(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


@dataclass(frozen=True)
class Source:
    """Who makes the claim: ``name``, whom they attribute it to (``via``), where (``url``)."""

    name: str
    via: str | None = None
    url: str | None = None

    @classmethod
    def of(cls, value: Any) -> Source:
        data = value if isinstance(value, dict) else {}
        return cls(str(data.get("name") or ""), _text(data.get("via")), _text(data.get("url")))


@dataclass(frozen=True)
class Evidence:
    """One evidence item of a claim."""

    title: str
    url: str | None = None
    publisher: str | None = None
    date: str | None = None
    archive_url: str | None = None
    kind: str | None = None
    accessed: str | None = None

    @classmethod
    def of(cls, data: dict[str, Any]) -> Evidence:
        return cls(
            str(data.get("title") or ""),
            _text(data.get("url")),
            _text(data.get("publisher")),
            _text(data.get("date")),
            _text(data.get("archive_url")),
            _text(data.get("kind")),
            _text(data.get("accessed")),
        )


@dataclass(frozen=True)
class Correction:
    """A published correction: when, what changed and why."""

    date: str
    change: str
    reason: str

    @classmethod
    def of(cls, data: dict[str, Any]) -> Correction:
        return cls(
            str(data.get("date") or ""),
            str(data.get("change") or ""),
            str(data.get("reason") or ""),
        )


def _corrections(value: Any) -> tuple[Correction, ...]:
    return tuple(Correction.of(item) for item in _mappings(value))


@dataclass(frozen=True)
class Review:
    """Where an article's fact-check stands."""

    state: str | None = None
    checkers: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    published: str | None = None
    updated: str | None = None

    @classmethod
    def of(cls, data: dict[str, Any]) -> Review:
        return cls(
            _text(data.get("state")),
            _texts(data.get("checkers")),
            _texts(data.get("editors")),
            _text(data.get("published")),
            _text(data.get("updated")),
        )


@dataclass
class Article:
    """An article record as loaded: ``article.yaml``'s data, and the article's text."""

    slug: str
    folder: Path
    path: str  # of article.yaml, as displayed
    data: dict[str, Any]
    text: str | None = None  # the article text, None when it could not be read

    @property
    def title(self) -> str:
        return str(self.data.get("title") or "")

    @property
    def publisher(self) -> str:
        return str(self.data.get("publisher") or "")

    @property
    def published(self) -> str | None:
        return _text(self.data.get("published"))

    @property
    def url(self) -> str | None:
        return _text(self.data.get("url"))

    @property
    def language(self) -> str | None:
        return _text(self.data.get("language"))

    @property
    def text_file(self) -> str:
        """The name of the article text's file (``text:``), relative to its folder."""
        return str(self.data.get("text") or "")

    @property
    def verdict(self) -> str | None:
        return _text(self.data.get("verdict"))

    @property
    def summary(self) -> str | None:
        return _text(self.data.get("summary"))

    @property
    def lead(self) -> tuple[str, ...]:
        return _texts(self.data.get("lead"))

    @property
    def review(self) -> Review | None:
        value = self.data.get("review")
        return Review.of(value) if isinstance(value, dict) else None

    @property
    def corrections(self) -> tuple[Correction, ...]:
        return _corrections(self.data.get("corrections"))


@dataclass(slots=True)  # a large collection holds one per claim file
class Claim:
    """A claim record as loaded: the file's data plus where it came from."""

    data: dict[str, Any]
    article: str
    path: str
    # None: found in the file when first asked for (see fcheck.positions), since
    # few claims ever need them.
    positions: Mapping[PathKey, Position] | None = field(default=None, repr=False, compare=False)

    @property
    def id(self) -> str:
        return str(self.data.get("id", ""))

    @property
    def status(self) -> str:
        return str(self.data.get("status", ""))

    @property
    def rating(self) -> str | None:
        return _text(self.data.get("rating"))

    @property
    def claim(self) -> str:
        """The claim restated (the ``claim`` field)."""
        return str(self.data.get("claim") or "")

    @property
    def quote(self) -> str:
        return str(self.data.get("quote") or "")

    @property
    def notes(self) -> str:
        return str(self.data.get("notes") or "")

    @property
    def source(self) -> Source:
        return Source.of(self.data.get("source"))

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """The evidence items, in the file's order."""
        return tuple(Evidence.of(item) for item in _mappings(self.data.get("evidence")))

    @property
    def tags(self) -> tuple[str, ...]:
        return _texts(self.data.get("tags"))

    @property
    def entities(self) -> tuple[str, ...]:
        return _texts(self.data.get("entities"))

    @property
    def checked(self) -> str | None:
        return _text(self.data.get("checked"))

    @property
    def conclusion(self) -> str | None:
        return _text(self.data.get("conclusion"))

    @property
    def reviewer(self) -> str | None:
        return _text(self.data.get("reviewer"))

    @property
    def corrections(self) -> tuple[Correction, ...]:
        return _corrections(self.data.get("corrections"))

    def to_dict(self) -> dict[str, Any]:
        """Every field as in the file, plus the article slug and the file path."""
        return {**self.data, "article": self.article, "path": self.path}

    def __reduce__(self) -> tuple[Any, ...]:
        # How worker processes send claims back, a hundred thousand at a time: the
        # fields as arguments unpickle in a third less time than a slotted dataclass's
        # default state.
        return (Claim, (self.data, self.article, self.path, self.positions))

    def position(self, *key: str | int) -> Position | None:
        return self.located().get(tuple(key))

    def located(self) -> Mapping[PathKey, Position]:
        """The position of every value of the claim's file."""
        if self.positions is None:
            from fcheck.positions import FilePositions

            self.positions = FilePositions(self.path)
        return self.positions
