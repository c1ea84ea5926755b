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
from fcheck.model import STATUSES, WINDOWS_RESERVED, Article, slug_problem
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


def render(data: dict[str, Any], article: Article, config: Config, hint: bool) -> str:
    """The claim file: every field, with guidance in comments."""
    ratings = "\n".join(f"  {k}: {v.definition}" for k, v in config.ratings.items())
    statuses = "\n".join(f"  {k}: {v}" for k, v in STATUSES.items())
    parts = [
        _comment(
            f"A claim of the article '{article.slug}', created by `fcheck new`.\n"
            'Fill in what is empty (""), then run `fcheck validate`: until then it\n'
            "reports this file, so an unfinished claim cannot be committed."
        ),
        _scalar_lines("id", data["id"]),
        _comment("The claim restated neutrally and self-contained."),
        _scalar_lines("claim", data["claim"]),
        _comment("Verbatim from the article text (differences in whitespace are ignored)."),
        _scalar_lines("quote", data["quote"]),
        _comment("Who makes the claim in the article (name); add `via:` for whom it cites."),
        _scalar_lines("source", data["source"]),
        _comment(
            "The evidence status, one of:\n"
            + statuses
            + ("\nThe quote hedges (may, could, suspiciously...): consider speculative." * hint)
        ),
        _scalar_lines("status", data["status"]),
    ]
    rating_help = "How the article's wording compares with the record (optional), one of:\n"
    if "rating" in data:
        parts += [_comment(rating_help + ratings), _scalar_lines("rating", data["rating"])]
    else:
        parts += [_comment(rating_help + ratings + "\nrating: ")]
    parts += [
        _comment(
            "For readers (optional): one to three plain sentences saying what you found.\n"
            "conclusion: "
        ),
        _comment(
            "Your findings: what the record shows, with the sources named; [1], [2], ...\n"
            "cite the evidence items below by number."
        ),
        _scalar_lines("notes", data["notes"]),
        _comment(
            "The evidence consulted; a court-established claim needs one with a url.\n"
            "evidence:\n"
            "  - title: Title of the document\n"
            "    url: https://\n"
            "    publisher: Who published it\n"
            "    date: YYYY-MM-DD (or YYYY-MM, YYYY)\n"
            "    archive_url: https://web.archive.org/...\n"
            "    kind: court-record, official, news, statement or other\n"
            "    accessed: YYYY-MM-DD (when you last opened the link)\n"
            "tags: [topic]\n"
            "entities: [Person or body the claim concerns]\n"
            "checked: YYYY-MM-DD (the date of your review)"
        ),
    ]
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
            f"the quote does not occur in {article.folder / article.data['text']}; "
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
    source_data: dict[str, Any] = {"name": source or article.data["publisher"]}
    if via:
        source_data["via"] = via
    if source is None and article.data.get("url"):
        source_data["url"] = article.data["url"]
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
