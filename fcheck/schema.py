"""JSON Schema (draft 2020-12) of claim files and ``article.yaml``, generated from the
field specs in :mod:`fcheck.model`, so the validator and the schema cannot drift.

The schema covers what a single file can say about itself: keys, types, choices,
the forms of dates, URLs, slugs and language tags, and that a court-established claim
cites evidence with a URL. Checks across files (the quote occurs in the article, ids
are unique and match file names) remain ``fcheck validate``'s job.
"""

from __future__ import annotations

from typing import Any

from fcheck.model import (
    EVIDENCE_KINDS,
    LANGUAGE_RE,
    RATINGS,
    REVIEW_STATES,
    SLUG_RE,
    STATUSES,
    Field,
    Kind,
    article_spec,
    claim_spec,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# JSON Schema patterns are ECMA-262 regexes without flags, so the validator's
# case-insensitive http(s) check is spelled out.
_URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+\S*$"
_NOT_BLANK = r"\S"


def _choice_help(field: Field, definitions: dict[str, str]) -> str:
    parts = [f"{c}: {definitions[c]}" if c in definitions else c for c in field.choices]
    return f"{field.description} One of: " + "; ".join(parts)


def _value_schema(field: Field, definitions: dict[str, str]) -> dict[str, Any]:
    kind = field.kind
    text: dict[str, Any] = {"type": "string", "pattern": _NOT_BLANK}
    if kind is Kind.TEXT:
        return text
    if kind is Kind.STRING:
        return {"type": "string"}
    if kind is Kind.SLUG:
        return {"type": "string", "pattern": SLUG_RE.pattern}
    if kind is Kind.DATE:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if kind is Kind.PARTIAL_DATE:
        return {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
    if kind is Kind.URL:
        return {"type": "string", "format": "uri", "pattern": _URL_PATTERN}
    if kind is Kind.LANGUAGE:
        return {"type": "string", "pattern": LANGUAGE_RE.pattern}
    if kind is Kind.CHOICE:
        return {"type": "string", "enum": list(field.choices)}
    if kind is Kind.STRINGS:
        return {"type": "array", "items": text}
    if kind is Kind.MAPPING:
        return _object_schema(field, definitions)
    if kind is Kind.MAPPINGS:
        return {"type": "array", "items": _object_schema(field, definitions)}
    raise AssertionError(f"unhandled kind {kind}")  # pragma: no cover


def _object_schema(spec: Field, definitions: dict[str, str]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for field in spec.fields:
        value = _value_schema(field, definitions)
        description = (
            _choice_help(field, definitions) if field.kind is Kind.CHOICE else field.description
        )
        if not field.required:
            # The validator treats an empty optional key (`rating:`) as absent.
            value = {"anyOf": [value, {"type": "null"}]}
        properties[field.name] = {"description": description, **value}
    return {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in spec.fields if f.required],
        "additionalProperties": False,
    }


# The court-needs-evidence rule of fcheck.validate, expressed in the schema.
_COURT_NEEDS_EVIDENCE = {
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
}


def claim_schema(
    ratings: tuple[str, ...] = tuple(RATINGS), definitions: dict[str, str] | None = None
) -> dict[str, Any]:
    """The schema of a claim file, with the given rating vocabulary."""
    definitions = {
        **STATUSES,
        **EVIDENCE_KINDS,
        **(definitions if definitions is not None else RATINGS),
    }
    schema = _object_schema(claim_spec(ratings), definitions)
    return {
        "$schema": DIALECT,
        "title": "fcheck claim",
        "description": "One claim of a checked article: claims/<article>/<id>.yaml.",
        **schema,
        "allOf": [_COURT_NEEDS_EVIDENCE],
    }


def article_schema(
    ratings: tuple[str, ...] = tuple(RATINGS), definitions: dict[str, str] | None = None
) -> dict[str, Any]:
    """The schema of ``article.yaml``, with the given rating vocabulary for ``verdict``."""
    definitions = {**REVIEW_STATES, **(definitions if definitions is not None else RATINGS)}
    return {
        "$schema": DIALECT,
        "title": "fcheck article",
        "description": "The article record: claims/<article>/article.yaml.",
        **_object_schema(article_spec(ratings), definitions),
    }
