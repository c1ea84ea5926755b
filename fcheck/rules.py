"""The rule registry: every finding fcheck can report, with its user documentation.

A rule is declared once, with :func:`declare`: its id, title, severity, user
documentation, the stage that checks it and, where JSON Schema can express it, its
keywords and fragment. The rules a check owns are declared beside their check in
:mod:`fcheck.checks` (per record, per article, across files); the rules of the layers
below the checks (reading files and YAML, the field specs of :mod:`fcheck.model`, the
walk of the claims directory) and those of the publishing gate, the corrections check
and ``fcheck links`` are declared here. :func:`fcheck.checks.catalogue.all_rules` lists them all:
the rule table of docs/rules.md is generated from it (``fcheck rules --format
markdown``) and a test keeps the two in sync, so ``doc`` is the user documentation.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from fcheck.findings import Severity


class Stage(Enum):
    """Where a rule is checked; ``fcheck rules`` lists the rules in this order."""

    READING = "reading"  # the loader: reading a file and its YAML
    FIELDS = "fields"  # the field specs of fcheck.model (fcheck.validate.check_fields)
    RECORD = "record"  # one claim record on its own (fcheck.checks.records)
    COLLECTION = "collection"  # the folders and articles (fcheck.collection, checks.articles)
    CROSS_FILE = "cross-file"  # claims of several files (fcheck.checks.cross_file)
    GATE = "gate"  # the publishing gate (fcheck.gate)
    CORRECTIONS = "corrections"  # validate --since (fcheck.corrections)
    LINKS = "links"  # fcheck links, never fcheck validate (fcheck.links)
    # fcheck export claimreview --check, never fcheck validate (fcheck.export.claimreview)
    CLAIMREVIEW = "claimreview"


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: Severity
    doc: str
    stage: Stage
    # The JSON Schema keywords that express the rule in ``fcheck schema`` (which must
    # then reject what ``fcheck validate`` rejects for it); empty when only the
    # validator can check it (it needs the YAML source or the whole collection).
    schema: tuple[str, ...] = ()
    # For a rule over a whole claim record: the JSON Schema that expresses it (the
    # schema applies all of them); value rules are expressed through the value
    # patterns of fcheck.model instead.
    record: Mapping[str, Any] | None = None

    @property
    def validated(self) -> bool:
        """Reported by ``fcheck validate`` (every rule but those of ``fcheck links`` and
        of ``fcheck export claimreview --check``)."""
        return self.stage not in (Stage.LINKS, Stage.CLAIMREVIEW)


# Every declared rule by id, in the order of declaration (fcheck.checks.catalogue.all_rules
# gives the complete, ordered list).
RULES: dict[str, Rule] = {}


def declare(
    rule_id: str,
    title: str,
    doc: str,
    stage: Stage,
    severity: Severity = Severity.ERROR,
    schema: tuple[str, ...] = (),
    record: Mapping[str, Any] | None = None,
) -> Rule:
    """Declare and register a rule (``doc`` is dedented and joined into one line)."""
    if rule_id in RULES:
        raise ValueError(f"rule {rule_id} registered twice")
    text = " ".join(textwrap.dedent(doc).split())
    rule = RULES[rule_id] = Rule(rule_id, title, severity, text, stage, schema, record)
    return rule


def _rule(
    rule_id: str,
    title: str,
    doc: str,
    stage: Stage,
    severity: Severity = Severity.ERROR,
    schema: tuple[str, ...] = (),
) -> str:
    return declare(rule_id, title, doc, stage, severity, schema).id


# Files ---------------------------------------------------------------------------
FILE_UNREADABLE = _rule(
    "file-unreadable",
    "A file or folder cannot be read",
    """The file could not be opened: missing permission, a folder named like a claim
    file, a broken symlink or a symlink loop. Fix the permission or remove the entry.""",
    Stage.READING,
)
SYMLINK_OUTSIDE = _rule(
    "symlink-outside",
    "A symlink points outside the collection",
    """fcheck does not follow symlinks that leave the claims directory, so that a
    pull request cannot make it read arbitrary files. Copy the file into the
    collection instead.""",
    Stage.READING,
)
FILE_TOO_LARGE = _rule(
    "file-too-large",
    "A file is over the size limit",
    """Claim and article YAML files are limited to 1 MiB and 20,000 values (keys,
    list items and scalars), and article texts to 16 MiB. A claim record that large is
    almost certainly a mistake; split it.""",
    Stage.READING,
)
FILE_ENCODING = _rule(
    "file-encoding",
    "A file is not valid UTF-8",
    """Claim files and article texts must be UTF-8 (a byte-order mark is accepted).
    Re-save the file as UTF-8; the finding points at the first bad byte.""",
    Stage.READING,
)
FILE_EMPTY = _rule(
    "file-empty",
    "A YAML file is empty or holds only comments",
    """Each claim file holds one claim record. Fill it in or delete it.""",
    Stage.READING,
)

# YAML ----------------------------------------------------------------------------
YAML_SYNTAX = _rule(
    "yaml-syntax",
    "The YAML cannot be parsed",
    """A YAML syntax error, such as an unclosed quote, bad indentation, a tab used
    for indentation or a control character. The position is where the parser gave up;
    the mistake is often on the line before.""",
    Stage.READING,
)
YAML_MULTIPLE_DOCUMENTS = _rule(
    "yaml-multiple-documents",
    "A file holds more than one YAML document",
    """One file holds one record. Remove the extra `---` separator or move the
    second document into a file of its own.""",
    Stage.READING,
)
YAML_DUPLICATE_KEY = _rule(
    "yaml-duplicate-key",
    "A key appears twice in one mapping",
    """YAML parsers silently keep the last of two equal keys, which hides edits.
    Keep one of them.""",
    Stage.READING,
)
YAML_ANCHOR = _rule(
    "yaml-anchor",
    "The file uses YAML anchors or aliases",
    """Claim records have no use for anchors (`&name`) and aliases (`*name`), and
    aliases allow 'billion laughs' expansion attacks. Write the value out in full.""",
    Stage.READING,
)
YAML_TAG = _rule(
    "yaml-tag",
    "The file uses an unsupported YAML tag",
    """Only plain YAML values are allowed: strings, numbers, booleans, null, dates,
    lists and mappings. Tags such as `!!python/object` or `!custom` are refused and
    never executed; merge keys (`<<`) are refused too.""",
    Stage.READING,
)
YAML_NESTING = _rule(
    "yaml-nesting",
    "The YAML is nested too deeply",
    """Claim records are at most a few levels deep; fcheck stops reading a value
    nested more than 32 levels deep rather than risk exhausting the stack.""",
    Stage.READING,
)
NOT_A_MAPPING = _rule(
    "not-a-mapping",
    "A record is not a mapping",
    """The top level of a claim file or `article.yaml`, the `source` value and every
    evidence item must be a mapping of `key: value` pairs.""",
    Stage.FIELDS,
    schema=("type",),
)

# Schema --------------------------------------------------------------------------
UNKNOWN_KEY = _rule(
    "unknown-key",
    "A key is not part of the format",
    """Unknown keys are errors so that typos such as `stauts` do not pass silently;
    the message suggests the nearest known key.""",
    Stage.FIELDS,
    schema=("additionalProperties",),
)
MISSING_KEY = _rule(
    "missing-key",
    "A required key is missing",
    """Claims need `id`, `claim`, `quote`, `source` (with `name`), `status` and
    `notes`; articles need `title`, `publisher` and `text`; evidence items need
    `title`; corrections need `date`, `change` and `reason`.""",
    Stage.FIELDS,
    schema=("required",),
)
WRONG_TYPE = _rule(
    "wrong-type",
    "A value has the wrong type",
    """For example a number where text is expected, or a single string where a list
    is expected. Quote values that YAML would read as numbers, booleans or dates.""",
    Stage.FIELDS,
    schema=("type",),
)
EMPTY_VALUE = _rule(
    "empty-value",
    "A required text is empty",
    """`claim`, `quote`, `notes`, names and titles must contain more than
    whitespace.""",
    Stage.FIELDS,
    schema=("pattern",),
)
INVALID_CHOICE = _rule(
    "invalid-choice",
    "A status or rating is not one of the allowed values",
    """`status` is one of `court-established`, `alleged`, `speculative`; `rating`
    and an article's `verdict` are one of the collection's rating labels (the built-in six, or
    those of `fcheck.toml`; see docs/format.md);
    evidence `kind` and `review.state` have their own lists. The message lists the
    allowed values.""",
    Stage.FIELDS,
    schema=("enum",),
)
INVALID_DATE = _rule(
    "invalid-date",
    "A date is not an ISO 8601 date",
    """Dates are written `YYYY-MM-DD`; `published` and evidence `date` may also be
    `YYYY-MM` or `YYYY` when only that much is known. `checked`, `accessed`, the
    `review` dates and correction dates must be full dates.""",
    Stage.FIELDS,
    schema=("pattern",),
)
INVALID_URL = _rule(
    "invalid-url",
    "A URL is not an absolute http or https URL",
    """Links must start with `http://` or `https://` and name a host; other schemes
    (`javascript:`, `file:`, `data:`) are refused because reports turn URLs into
    links.""",
    Stage.FIELDS,
    schema=("pattern",),
)
INVALID_SLUG = _rule(
    "invalid-slug",
    "An id or article folder name is not a slug",
    """Claim ids and article folder names use lowercase ASCII letters, digits and
    single hyphens, such as `senator-convicted-2024`.""",
    Stage.FIELDS,
    schema=("pattern",),
)
INVALID_LANGUAGE = _rule(
    "invalid-language",
    "The language is not a BCP 47 tag",
    """`language` is a BCP 47 tag such as `en`, `fr`, `pt-BR` or `zh-Hant`.""",
    Stage.FIELDS,
    schema=("pattern",),
)

# The collection's folders and articles (fcheck.collection) ---------------------------
ARTICLE_MISSING = _rule(
    "article-missing",
    "An article folder has no article.yaml",
    """Every folder under the claims directory is one article and needs an
    `article.yaml` describing it.""",
    Stage.COLLECTION,
)
ARTICLE_TEXT_MISSING = _rule(
    "article-text-missing",
    "The article text is missing or unreadable",
    """The file named by `text` in `article.yaml` must exist inside the article
    folder and be readable UTF-8, because quotes are checked against it.""",
    Stage.COLLECTION,
)
MISPLACED_FILE = _rule(
    "misplaced-file",
    "A claim file is not inside an article folder",
    """Claim files live in `claims/<article>/`; a YAML file directly in the claims
    directory belongs to no article. Move it into its article's folder.""",
    Stage.COLLECTION,
)


# Publishing gate (fcheck.gate): published articles, or all with `validate --publish` --
GATE_UNRATED = _rule(
    "gate-unrated",
    "A claim of a published fact-check has no rating",
    """Before publication every claim needs a `rating`. The gate applies to
    articles whose `review.state` is `published`, and to every article with
    `fcheck validate --publish`.""",
    Stage.GATE,
)
GATE_NO_CONCLUSION = _rule(
    "gate-no-conclusion",
    "A claim of a published fact-check has no conclusion",
    """Every claim of a published fact-check needs a `conclusion`: one to three plain
    sentences for readers (the `notes` stay the checker's reasoning).""",
    Stage.GATE,
)
GATE_NO_VERDICT = _rule(
    "gate-no-verdict",
    "A published fact-check has no verdict",
    """`article.yaml` of a published fact-check needs a `verdict`: the rating of the
    article as a whole.""",
    Stage.GATE,
)
GATE_NO_SUMMARY = _rule(
    "gate-no-summary",
    "A published fact-check has no summary",
    """`article.yaml` of a published fact-check needs a `summary`: two to five plain
    sentences on what the fact-check found.""",
    Stage.GATE,
)
GATE_NO_DATE = _rule(
    "gate-no-date",
    "A published fact-check has no publication date",
    """An article whose `review.state` is `published` needs `review.published`, the
    date the fact-check was first published.""",
    Stage.GATE,
)
GATE_BLOCKING_WARNING = _rule(
    "gate-blocking-warning",
    "A warning the team made blocking is left in a published fact-check",
    """The rule ids listed in `[gate] blocking` of fcheck.toml block publication:
    each such warning in a file of a published article is also this error, at the
    warning's position.""",
    Stage.GATE,
)
GATE_TWO_PERSON = _rule(
    "gate-two-person",
    "No second person approved the fact-check",
    """Two-person rule: a published fact-check needs an approver in `review.editors`
    who is not one of `review.checkers`, and a claim's `reviewer` must not be one of
    the checkers. A one-person team turns the rule off with `[gate] two_person =
    false` (reports and the site then say the work was not reviewed by a second
    person).""",
    Stage.GATE,
)
GATE_COURT_RECORD = _rule(
    "gate-court-record",
    "A court-established claim cites no court record",
    """A court-established claim of a published fact-check must cite at least one
    evidence item with `kind: court-record` (a court's own judgment, verdict, order,
    docket, transcript or filing).""",
    Stage.GATE,
)
GATE_NO_ARCHIVE = _rule(
    "gate-no-archive",
    "An evidence item of a published fact-check has no archived copy",
    """Only with `[gate] require_archive = true`: every evidence item of a published
    fact-check needs an `archive_url` (`fcheck links --archive` finds or makes
    one).""",
    Stage.GATE,
)

# Corrections (fcheck.corrections): `validate --since REV` ---------------------------
CORRECTION_MISSING = _rule(
    "correction-missing",
    "A published record changed without a correction",
    """With `fcheck validate --since REV`: a published claim whose `rating`, `status`
    or `conclusion`, or a published article whose `verdict`, differs from its version
    at REV needs a new `corrections` entry (date, change, reason). Reported on the
    changed line.""",
    Stage.CORRECTIONS,
)


# `fcheck links` (fcheck.links; docs/links.md): never reported by `fcheck validate` -----
LINK_DEAD = _rule(
    "link-dead",
    "The link is dead",
    """The server answers 404 (not found) or 410 (gone), directly or after
    redirects. Replace the URL, or add an `archive_url` (`fcheck links --archive`).
    `fcheck links` exits 1.""",
    Stage.LINKS,
    Severity.ERROR,
)
LINK_MOVED = _rule(
    "link-moved",
    "The link has moved permanently",
    """The server answers 301 or 308 (moved permanently) and the new address works;
    the message names it. Update the URL in the claim file.""",
    Stage.LINKS,
    Severity.WARNING,
)
LINK_ERROR = _rule(
    "link-error",
    "The link could not be checked",
    """Any other failure: a server error (5xx), a refusal (401, 403, 429...), a
    timeout, a refused connection, an unknown host, a TLS error, a redirect loop, too
    many redirects or a redirect to something that is not http(s). It may be temporary; the message
    says what happened.""",
    Stage.LINKS,
    Severity.WARNING,
)
ARCHIVE_MISSING = _rule(
    "archive-missing",
    "No archived copy was found",
    """`--archive` found no snapshot of the URL in the archive. `--save` asks the
    archive to make one.""",
    Stage.LINKS,
    Severity.WARNING,
)
ARCHIVE_ERROR = _rule(
    "archive-error",
    "The archive could not be asked, or its answer could not be written",
    """The availability or save endpoint failed or answered something unexpected,
    or the claim file could not be changed safely (then it is left as it was).""",
    Stage.LINKS,
    Severity.WARNING,
)

# ClaimReview (fcheck export claimreview --check) -----------------------------------
CLAIMREVIEW_REQUIRED = _rule(
    "claimreview-required",
    "A property Google requires is missing from a ClaimReview",
    """Every review has a `url` (`[site] base_url` or `[reviews] url` is configured),
    an `author` (`[organization] name`), a `claimReviewed` and a
    `reviewRating.alternateName`. The message says what to add to `fcheck.toml`.
    `fcheck export claimreview --check` exits 1.""",
    Stage.CLAIMREVIEW,
)
CLAIMREVIEW_DATES = _rule(
    "claimreview-dates",
    "A review is dated before the article it reviews",
    """The review's date (`review.published`, or the claim's `checked`) is not before
    the article's `published`. Correct the one that is wrong.""",
    Stage.CLAIMREVIEW,
)
CLAIMREVIEW_UNRATED = _rule(
    "claimreview-unrated",
    "A claim has no rating, so it is not exported",
    """A ClaimReview needs a verdict, and an evidence status is not one. Add a rating
    to publish the claim as a review.""",
    Stage.CLAIMREVIEW,
    Severity.WARNING,
)
CLAIMREVIEW_CONFIG = _rule(
    "claimreview-config",
    "The organisation has no url",
    """Set `[organization] url` in `fcheck.toml`, so that the review author can be
    identified.""",
    Stage.CLAIMREVIEW,
    Severity.WARNING,
)
CLAIMREVIEW_CLAIM_LENGTH = _rule(
    "claimreview-claim-length",
    "claimReviewed is long",
    """Google advises a `claimReviewed` under 75 characters, so that it does not wrap
    on phones. Shorten the claim.""",
    Stage.CLAIMREVIEW,
    Severity.WARNING,
)
CLAIMREVIEW_RECOMMENDED = _rule(
    "claimreview-recommended",
    "A property Google recommends is missing from a ClaimReview",
    """The recommended `datePublished` (`review.published` or `checked`),
    `itemReviewed.firstAppearance` (`source.url`), `appearance` (the article's `url`)
    and the claim's `datePublished` (the article's `published`).""",
    Stage.CLAIMREVIEW,
    Severity.WARNING,
)
CLAIMREVIEW_SHARED_URL = _rule(
    "claimreview-shared-url",
    "Two reviews share a url",
    """Google shows the fact-check rich result only for a page with one ClaimReview:
    give each claim its own anchor or page (`{id}` in `[reviews] url`).""",
    Stage.CLAIMREVIEW,
    Severity.WARNING,
)
