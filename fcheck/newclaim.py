"""``fcheck new``: a claim file from a template, anchored on a quote of the article.

The quote is checked against the article text before anything is written, the id is
derived from the claim (or the quote) when none is given, and the file is written
atomically and never over an existing one. The template leaves ``notes`` (and
``claim`` and ``status`` when not given) as empty strings, which ``fcheck validate``
reports as ``empty-value``: an unfinished claim cannot pass validation, so the
pre-commit hook and CI keep it out of the main branch until it is filled in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fcheck.articles import load_article
from fcheck.atomic import write_atomic
from fcheck.collection import claim_files
from fcheck.config import Config
from fcheck.errors import FcheckError
from fcheck.model import (
    EVIDENCE_KINDS,
    REVIEW_STATES,
    STATUSES,
    WINDOWS_RESERVED,
    Article,
    Field,
    Kind,
    claim_spec,
    slug_problem,
)
from fcheck.textmatch import closest_passage, normalize_space

MAX_ID_LENGTH = 50
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "it",
        "its",
        "that",
        "this",
        "these",
        "those",
        "as",
    ]
)


class NewClaimError(FcheckError):
    """The claim cannot be created; nothing was written."""


def slugify(text: str, max_length: int = MAX_ID_LENGTH) -> str:
    """An ASCII slug of ``text``: accents dropped, stop words skipped, at most ``max_length``."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    kept = [w for w in words if w not in _STOP_WORDS] or words
    slug = ""
    for word in kept:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and kept:  # one very long word
        slug = kept[0][:max_length].strip("-")
    if slug in WINDOWS_RESERVED:  # a quote of one word, "Con" or "Aux"
        slug += "-claim"
    return slug or "claim"


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not taken."""
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: MAX_ID_LENGTH - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        n += 1


def _scalar_lines(key: str, value: Any) -> str:
    from fcheck.yamlout import dump_yaml

    # one key at a time, so that comments can sit between the keys
    return dump_yaml({key: value}, width=88)


def _comment(text: str) -> str:
    # Rating definitions come from fcheck.toml: controls are shown as escapes, not
    # written raw into a file that editors, terminals and diffs display.
    from fcheck.safe import escape_controls

    lines = escape_controls(text).splitlines()
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


@dataclass
class NewClaim:
    path: Path
    claim_id: str
    data: dict[str, Any]
    speculative_hint: bool = False
    notes: list[str] = field(default_factory=list)  # things the user should know


def _choice_list(choices: tuple[str, ...]) -> str:
    """``"a, b or c"``."""
    return " or ".join(filter(None, (", ".join(choices[:-1]), choices[-1]))) if choices else ""


def _placeholder(spec: Field, indent: str = "", top: bool = True) -> str:
    """A field the new claim leaves out, as its guide shows it: ``name: example``; a
    mapping or a list of mappings with its sub-fields' examples (a sub-field's choices
    as its example: a top-level one has them listed above it)."""
    example = spec.example or ("" if top else _choice_list(spec.choices))
    if spec.kind not in (Kind.MAPPING, Kind.MAPPINGS):
        return f"{indent}{spec.name}: {example}"
    lines = [f"{indent}{spec.name}:"]
    for n, sub in enumerate(spec.fields):
        if spec.kind is Kind.MAPPINGS:
            lines.append(_placeholder(sub, indent + ("  - " if n == 0 else "    "), False))
        else:
            lines.append(_placeholder(sub, indent + "  ", False))
    return "\n".join(lines)


def _definitions(spec: Field, config: Config) -> dict[str, str]:
    """What each choice of a choice field means (the collection's rating vocabulary
    comes from its fcheck.toml)."""
    known = [STATUSES, EVIDENCE_KINDS, REVIEW_STATES]
    for definitions in known:
        if spec.choices == tuple(definitions):
            return definitions
    if spec.choices == config.rating_names:
        return {k: v.definition for k, v in config.ratings.items()}
    return dict.fromkeys(spec.choices, "")


def render(data: dict[str, Any], article: Article, config: Config, hint: bool) -> str:
    """The claim file: every field of the model's claim (those ``template`` marks), in
    its order, with its guidance (``hint``) in comments; the fields ``data`` leaves out
    are shown commented out, with an ``example`` value."""
    parts = [
        _comment(
            f"A claim of the article '{article.slug}', created by `fcheck new`.\n"
            'Fill in what is empty (""), then run `fcheck validate`: until then it\n'
            "reports this file, so an unfinished claim cannot be committed."
        )
    ]
    for spec in claim_spec(config.rating_names).fields:
        if not spec.template:
            continue
        guide = [spec.description if spec.hint is None else spec.hint]
        if spec.kind is Kind.CHOICE:
            guide += [f"  {k}: {v}" for k, v in _definitions(spec, config).items()]
        if spec.name == "status" and hint:
            guide.append("The quote hedges (may, could, suspiciously...): consider speculative.")
        if spec.name not in data:
            guide.append(_placeholder(spec))
        parts.append(_comment("\n".join(filter(None, guide))))
        if spec.name in data:
            parts.append(_scalar_lines(spec.name, data[spec.name]))
    return "".join(parts)


def create_claim(
    claims_dir: Path,
    slug: str,
    quote: str,
    *,
    claim: str | None = None,
    status: str | None = None,
    rating: str | None = None,
    claim_id: str | None = None,
    source: str | None = None,
    via: str | None = None,
    config: Config | None = None,
) -> NewClaim:
    """Check everything, then write ``claims_dir/slug/<id>.yaml``."""
    from fcheck.candidate_rules import reasons
    from fcheck.candidates import article_quotes

    config = config or Config()
    article = load_article(claims_dir, slug)
    assert article.text is not None  # load_article guarantees it
    wanted = normalize_space(quote)
    if not wanted:
        raise NewClaimError("the quote is empty; copy the passage from the article text")
    text = normalize_space(article.text)
    if wanted not in text:
        near = closest_passage(text, wanted)
        hint = f'; closest passage: "{near}"' if near else ""
        raise NewClaimError(
            f"the quote does not occur in {article.folder / article.text_file}; "
            f"copy it verbatim from the article{hint}"
        )
    if status is not None and status not in STATUSES:
        raise NewClaimError(f"status '{status}' is not one of: {', '.join(STATUSES)}")
    if rating is not None and rating not in config.ratings:
        raise NewClaimError(f"rating '{rating}' is not one of: {', '.join(config.rating_names)}")
    taken = claim_files(claims_dir)
    if claim_id is not None:
        problem = slug_problem(claim_id)
        if problem is not None:
            raise NewClaimError(f"id '{claim_id}' is not a slug; {problem}")
        if claim_id in taken:
            raise NewClaimError(
                f"id '{claim_id}' is already used by {taken[claim_id]}; choose another --id"
            )
    else:
        claim_id = unique_id(slugify(claim or wanted), set(taken))
    source_data: dict[str, Any] = {"name": source or article.publisher}
    if via:
        source_data["via"] = via
    if source is None and article.url:
        source_data["url"] = article.url
    data: dict[str, Any] = {
        "id": claim_id,
        "claim": " ".join((claim or "").split()),
        "quote": wanted,
        "source": source_data,
        "status": status or "",
        "notes": "",
    }
    if rating is not None:
        data["rating"] = rating
    hedged = any(r.rule == "hedge" for r in reasons(wanted))
    same = [i for i, q in article_quotes(article.folder) if normalize_space(q) == wanted]
    path = article.folder / f"{claim_id}.yaml"
    write_atomic(path, render(data, article, config, hedged))
    result = NewClaim(path, claim_id, data, hedged)
    for other_id in same:
        result.notes.append(
            f"claim {other_id} has the same quote; make sure this claim says something else"
        )
    return result
