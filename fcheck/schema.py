"""JSON Schema (draft 2020-12) of claim files and ``article.yaml``, generated from the
field specs in :mod:`fcheck.model`, so the validator and the schema cannot drift.

The schema covers the rules (:func:`fcheck.checks.catalogue.all_rules`) that have ``schema``
keywords: what a single file can say about itself (keys, types, choices, the forms of dates,
URLs, slugs and language tags, and that a court-established claim cites evidence with a
URL), with the same patterns ``fcheck validate`` uses. The other rules (the quote
occurs in the article, ids are unique and match file names, the YAML itself) need the
collection or the YAML source and remain ``fcheck validate``'s job; the schema's
description names them.

Optional fields allow ``null`` (the validator treats an empty optional key as absent)
through a type list such as ``["string", "null"]``, not ``anyOf``: so a validator or an
editor reports the real reason (the pattern, the enum) instead of "not valid under
any of the given schemas".
"""

from __future__ import annotations

from typing import Any

from fcheck.checks.catalogue import all_rules
from fcheck.model import (
    DATE_PATTERN,
    EVIDENCE_KINDS,
    LANGUAGE_RE,
    NOT_BLANK_PATTERN,
    PARTIAL_DATE_PATTERN,
    RATINGS,
    REVIEW_STATES,
    SLUG_RE,
    STATUSES,
    URL_PATTERN,
    Field,
    Kind,
    article_spec,
    claim_spec,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _pattern(anchored: str) -> str:
    """A pattern ending in ``$`` for JSON Schema: Python-based validators (jsonschema,
    check-jsonschema) search with Python's ``re``, whose ``$`` also matches before a
    final line break, so ``(?!\\n)`` keeps "2024-01-01\\n" out there as ECMA-262
    (and ``fcheck validate``) keep it out."""
    assert anchored.endswith("$")
    return anchored[:-1] + "(?!\\n)$"


def _choice_help(field: Field, definitions: dict[str, str]) -> str:
    parts = [f"{c}: {definitions[c]}" if c in definitions else c for c in field.choices]
    return f"{field.description} One of: " + "; ".join(parts)


def _value_schema(field: Field, definitions: dict[str, str]) -> dict[str, Any]:
    kind = field.kind
    text: dict[str, Any] = {"type": "string", "pattern": NOT_BLANK_PATTERN}
    if kind is Kind.TEXT:
        return text
    if kind is Kind.STRING:
        return {"type": "string"}
    if kind is Kind.SLUG:
        return {"type": "string", "pattern": _pattern(SLUG_RE.pattern)}
    if kind is Kind.DATE:
        return {"type": "string", "format": "date", "pattern": _pattern(DATE_PATTERN)}
    if kind is Kind.PARTIAL_DATE:
        return {"type": "string", "pattern": _pattern(PARTIAL_DATE_PATTERN)}
    if kind is Kind.URL:
        return {"type": "string", "pattern": _pattern(URL_PATTERN)}
    if kind is Kind.LANGUAGE:
        return {"type": "string", "pattern": _pattern(LANGUAGE_RE.pattern)}
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
            value = _or_null(value)
        properties[field.name] = {"description": description, **value}
    return {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in spec.fields if f.required],
        "additionalProperties": False,
    }


def _or_null(value: dict[str, Any]) -> dict[str, Any]:
    """``value`` also allowing null: the validator treats an empty optional key
    (``rating:``) as absent. Keywords such as ``pattern``, ``items`` and ``required``
    apply to their own type only, so adding "null" to the type list is enough."""
    out = {**value, "type": [value["type"], "null"]}
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out


def _validate_only() -> str:
    """The sentence naming the rules only ``fcheck validate`` checks."""
    names = ", ".join(rule.id for rule in all_rules() if rule.validated and not rule.schema)
    return (
        f"Checked only by `fcheck validate` (they need the YAML source or the collection): {names}."
    )


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
        "description": "One claim of a checked article: claims/<article>/<id>.yaml. "
        + _validate_only(),
        **schema,
        # the rules over a whole claim record that the schema can express
        "allOf": [dict(rule.record) for rule in all_rules() if rule.record],
    }


def article_schema(
    ratings: tuple[str, ...] = tuple(RATINGS), definitions: dict[str, str] | None = None
) -> dict[str, Any]:
    """The schema of ``article.yaml``, with the given rating vocabulary for ``verdict``."""
    definitions = {**REVIEW_STATES, **(definitions if definitions is not None else RATINGS)}
    return {
        "$schema": DIALECT,
        "title": "fcheck article",
        "description": "The article record: claims/<article>/article.yaml. " + _validate_only(),
        **_object_schema(article_spec(ratings), definitions),
    }
