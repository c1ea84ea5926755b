"""The rule registry: every finding fcheck can report, with its user documentation.

The rule table of docs/rules.md is generated from this registry (``fcheck rules --format
markdown``) and a test keeps the two in sync, so the docstring-like ``doc`` of each
rule is the user documentation.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fcheck.findings import Severity


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: Severity
    doc: str
    # The JSON Schema keywords that express the rule in ``fcheck schema`` (which must
    # then reject what ``fcheck validate`` rejects for it); empty when only the
    # validator can check it (it needs the YAML source or the whole collection).
    schema: tuple[str, ...] = ()
    # For a rule over a whole claim record: the JSON Schema that expresses it (the
    # schema applies all of them); value rules are expressed through the value
    # patterns of fcheck.model instead.
    record: Mapping[str, Any] | None = None


RULES: dict[str, Rule] = {}


def _rule(
    rule_id: str,
    title: str,
    doc: str,
    severity: Severity = Severity.ERROR,
    schema: tuple[str, ...] = (),
    record: Mapping[str, Any] | None = None,
) -> str:
    if rule_id in RULES:  # pragma: no cover - guards the registry itself
        raise ValueError(f"rule {rule_id} registered twice")
    text = " ".join(textwrap.dedent(doc).split())
    RULES[rule_id] = Rule(rule_id, title, severity, text, schema, record)
    return rule_id


# Files ---------------------------------------------------------------------------
FILE_UNREADABLE = _rule(
    "file-unreadable",
    "A file or folder cannot be read",
    """The file could not be opened: missing permission, a folder named like a claim
    file, a broken symlink or a symlink loop. Fix the permission or remove the entry.""",
)
SYMLINK_OUTSIDE = _rule(
    "symlink-outside",
    "A symlink points outside the collection",
    """fcheck does not follow symlinks that leave the claims directory, so that a
    pull request cannot make it read arbitrary files. Copy the file into the
    collection instead.""",
)
FILE_TOO_LARGE = _rule(
    "file-too-large",
    "A file is over the size limit",
    """Claim and article YAML files are limited to 1 MiB and 20,000 values (keys,
    list items and scalars), and article texts to 16 MiB. A claim record that large is
    almost certainly a mistake; split it.""",
)
FILE_ENCODING = _rule(
    "file-encoding",
    "A file is not valid UTF-8",
    """Claim files and article texts must be UTF-8 (a byte-order mark is accepted).
    Re-save the file as UTF-8; the finding points at the first bad byte.""",
)
FILE_EMPTY = _rule(
    "file-empty",
    "A YAML file is empty or holds only comments",
    """Each claim file holds one claim record. Fill it in or delete it.""",
)

# YAML ----------------------------------------------------------------------------
YAML_SYNTAX = _rule(
    "yaml-syntax",
    "The YAML cannot be parsed",
    """A YAML syntax error, such as an unclosed quote, bad indentation, a tab used
    for indentation or a control character. The position is where the parser gave up;
    the mistake is often on the line before.""",
)
YAML_MULTIPLE_DOCUMENTS = _rule(
    "yaml-multiple-documents",
    "A file holds more than one YAML document",
    """One file holds one record. Remove the extra `---` separator or move the
    second document into a file of its own.""",
)
YAML_DUPLICATE_KEY = _rule(
    "yaml-duplicate-key",
    "A key appears twice in one mapping",
    """YAML parsers silently keep the last of two equal keys, which hides edits.
    Keep one of them.""",
)
YAML_ANCHOR = _rule(
    "yaml-anchor",
    "The file uses YAML anchors or aliases",
    """Claim records have no use for anchors (`&name`) and aliases (`*name`), and
    aliases allow 'billion laughs' expansion attacks. Write the value out in full.""",
)
YAML_TAG = _rule(
    "yaml-tag",
    "The file uses an unsupported YAML tag",
    """Only plain YAML values are allowed: strings, numbers, booleans, null, dates,
    lists and mappings. Tags such as `!!python/object` or `!custom` are refused and
    never executed; merge keys (`<<`) are refused too.""",
)
YAML_NESTING = _rule(
    "yaml-nesting",
    "The YAML is nested too deeply",
    """Claim records are at most a few levels deep; fcheck stops reading a value
    nested more than 32 levels deep rather than risk exhausting the stack.""",
)
NOT_A_MAPPING = _rule(
    "not-a-mapping",
    "A record is not a mapping",
    """The top level of a claim file or `article.yaml`, the `source` value and every
    evidence item must be a mapping of `key: value` pairs.""",
    schema=("type",),
)

# Schema --------------------------------------------------------------------------
UNKNOWN_KEY = _rule(
    "unknown-key",
    "A key is not part of the format",
    """Unknown keys are errors so that typos such as `stauts` do not pass silently;
    the message suggests the nearest known key.""",
    schema=("additionalProperties",),
)
MISSING_KEY = _rule(
    "missing-key",
    "A required key is missing",
    """Claims need `id`, `claim`, `quote`, `source` (with `name`), `status` and
    `notes`; articles need `title`, `publisher` and `text`; evidence items need
    `title`; corrections need `date`, `change` and `reason`.""",
    schema=("required",),
)
WRONG_TYPE = _rule(
    "wrong-type",
    "A value has the wrong type",
    """For example a number where text is expected, or a single string where a list
    is expected. Quote values that YAML would read as numbers, booleans or dates.""",
    schema=("type",),
)
EMPTY_VALUE = _rule(
    "empty-value",
    "A required text is empty",
    """`claim`, `quote`, `notes`, names and titles must contain more than
    whitespace.""",
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
    schema=("enum",),
)
INVALID_DATE = _rule(
    "invalid-date",
    "A date is not an ISO 8601 date",
    """Dates are written `YYYY-MM-DD`; `published` and evidence `date` may also be
    `YYYY-MM` or `YYYY` when only that much is known. `checked`, `accessed`, the
    `review` dates and correction dates must be full dates.""",
    schema=("pattern",),
)
INVALID_URL = _rule(
    "invalid-url",
    "A URL is not an absolute http or https URL",
    """Links must start with `http://` or `https://` and name a host; other schemes
    (`javascript:`, `file:`, `data:`) are refused because reports turn URLs into
    links.""",
    schema=("pattern",),
)
INVALID_SLUG = _rule(
    "invalid-slug",
    "An id or article folder name is not a slug",
    """Claim ids and article folder names use lowercase ASCII letters, digits and
    single hyphens, such as `senator-convicted-2024`.""",
    schema=("pattern",),
)
INVALID_LANGUAGE = _rule(
    "invalid-language",
    "The language is not a BCP 47 tag",
    """`language` is a BCP 47 tag such as `en`, `fr`, `pt-BR` or `zh-Hant`.""",
    schema=("pattern",),
)

# Claims and the collection ----------------------------------------------------------
ID_MISMATCH = _rule(
    "id-mismatch",
    "A claim's id differs from its file name",
    """The file name without `.yaml` or `.yml` is the claim id, so that a claim can
    be found from its id. Rename the file or change the `id`.""",
)
DUPLICATE_ID = _rule(
    "duplicate-id",
    "Two claims share an id",
    """Claim ids are unique across the whole collection, not just within an article.
    The message names the other file.""",
)
QUOTE_NOT_FOUND = _rule(
    "quote-not-found",
    "The quote does not occur in the article text",
    """The `quote` must be copied verbatim from the article text. Differences in
    whitespace (spaces, line breaks, no-break spaces) are ignored; nothing else is.
    The message shows the closest passage of the article.""",
)
COURT_NEEDS_EVIDENCE = _rule(
    "court-needs-evidence",
    "A court-established claim cites no evidence with a URL",
    """A claim marked `court-established` must cite at least one evidence item with
    a `url`, normally the verdict, judgment or a report of it.""",
    schema=("if", "then", "contains"),
    record={
        "if": {"properties": {"status": {"const": "court-established"}}, "required": ["status"]},
        "then": {
            "required": ["evidence"],
            "properties": {
                "evidence": {
                    "type": "array",
                    "contains": {
                        "type": "object",
                        "properties": {"url": {"type": "string"}},
                        "required": ["url"],
                    },
                }
            },
        },
    },
)
EVIDENCE_REF_MISSING = _rule(
    "evidence-ref-missing",
    "A numbered reference cites an evidence item that does not exist",
    """In `notes` and `conclusion`, `[1]`, `[2]`, ... cite the claim's own evidence
    items, counted from 1 in the order of its `evidence` list; reports turn them into
    footnote links. A reference to an item the claim does not have (`[3]` with two
    items, or `[0]`) is reported where it is written. Bracketed four-digit numbers,
    such as the year of a neutral citation (`[2012] EWCA Civ 1411`), are not
    references.""",
)
ARTICLE_MISSING = _rule(
    "article-missing",
    "An article folder has no article.yaml",
    """Every folder under the claims directory is one article and needs an
    `article.yaml` describing it.""",
)
ARTICLE_TEXT_MISSING = _rule(
    "article-text-missing",
    "The article text is missing or unreadable",
    """The file named by `text` in `article.yaml` must exist inside the article
    folder and be readable UTF-8, because quotes are checked against it.""",
)
LEAD_CLAIM_UNKNOWN = _rule(
    "lead-claim-unknown",
    "A lead claim is not a claim of the article",
    """`lead` in `article.yaml` lists the ids of the claims a report leads with; each
    must be the id of a claim file in the same article folder. Fix the id or remove
    it from the list.""",
)
MISPLACED_FILE = _rule(
    "misplaced-file",
    "A claim file is not inside an article folder",
    """Claim files live in `claims/<article>/`; a YAML file directly in the claims
    directory belongs to no article. Move it into its article's folder.""",
)
NEAR_DUPLICATE = _rule(
    "near-duplicate",
    "Two claims of one article are nearly the same",
    """Two claims of the same article share at least 80% of the words of their
    `claim` texts, or 80% of the words of their `quote` and half of those of their
    `claim` texts (Jaccard similarity of the word sets; case, accents and punctuation
    ignored). One passage often makes several claims, so a shared quote alone is not
    reported. Usually one claim was recorded twice: merge them, or make the difference
    clear in the wording. A warning: `validate` fails on it only with
    `--strict`.""",
    Severity.WARNING,
)


# Publishing gate (fcheck.gate): published articles, or all with `validate --publish` --
GATE_UNRATED = _rule(
    "gate-unrated",
    "A claim of a published fact-check has no rating",
    """Before publication every claim needs a `rating`. The gate applies to
    articles whose `review.state` is `published`, and to every article with
    `fcheck validate --publish`.""",
)
GATE_NO_CONCLUSION = _rule(
    "gate-no-conclusion",
    "A claim of a published fact-check has no conclusion",
    """Every claim of a published fact-check needs a `conclusion`: one to three plain
    sentences for readers (the `notes` stay the checker's reasoning).""",
)
GATE_NO_VERDICT = _rule(
    "gate-no-verdict",
    "A published fact-check has no verdict",
    """`article.yaml` of a published fact-check needs a `verdict`: the rating of the
    article as a whole.""",
)
GATE_NO_SUMMARY = _rule(
    "gate-no-summary",
    "A published fact-check has no summary",
    """`article.yaml` of a published fact-check needs a `summary`: two to five plain
    sentences on what the fact-check found.""",
)
GATE_NO_DATE = _rule(
    "gate-no-date",
    "A published fact-check has no publication date",
    """An article whose `review.state` is `published` needs `review.published`, the
    date the fact-check was first published.""",
)
GATE_BLOCKING_WARNING = _rule(
    "gate-blocking-warning",
    "A warning the team made blocking is left in a published fact-check",
    """The rule ids listed in `[gate] blocking` of fcheck.toml block publication:
    each such warning in a file of a published article is also this error, at the
    warning's position.""",
)
GATE_TWO_PERSON = _rule(
    "gate-two-person",
    "No second person approved the fact-check",
    """Two-person rule: a published fact-check needs an approver in `review.editors`
    who is not one of `review.checkers`, and a claim's `reviewer` must not be one of
    the checkers. A one-person team turns the rule off with `[gate] two_person =
    false` (reports and the site then say the work was not reviewed by a second
    person).""",
)
GATE_COURT_RECORD = _rule(
    "gate-court-record",
    "A court-established claim cites no court record",
    """A court-established claim of a published fact-check must cite at least one
    evidence item with `kind: court-record` (a court's own judgment, verdict, order,
    docket, transcript or filing).""",
)
GATE_NO_ARCHIVE = _rule(
    "gate-no-archive",
    "An evidence item of a published fact-check has no archived copy",
    """Only with `[gate] require_archive = true`: every evidence item of a published
    fact-check needs an `archive_url` (`fcheck links --archive` finds or makes
    one).""",
)

# Corrections (fcheck.corrections): `validate --since REV` ---------------------------
CORRECTION_MISSING = _rule(
    "correction-missing",
    "A published record changed without a correction",
    """With `fcheck validate --since REV`: a published claim whose `rating`, `status`
    or `conclusion`, or a published article whose `verdict`, differs from its version
    at REV needs a new `corrections` entry (date, change, reason). Reported on the
    changed line.""",
)


def rules_markdown() -> str:
    """The rule table of docs/rules.md."""
    lines = ["| Rule | Severity | What it checks |", "| --- | --- | --- |"]
    for rule in RULES.values():
        doc = rule.doc.replace("|", "\\|")
        lines.append(f"| `{rule.id}` | {rule.severity.value} | **{rule.title}.** {doc} |")
    return "\n".join(lines) + "\n"
