"""What ``fcheck init`` and ``fcheck new`` tell the user after writing files."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from fcheck.newclaim import NewClaim
from fcheck.safe import clean_inline
from fcheck.scaffold import InitResult


def init_text(result: InitResult, stream: TextIO) -> None:
    root = clean_inline(str(result.root))
    stream.write(f"Created a fact-check collection in {root}:\n")
    for path in result.created:
        stream.write(f"  {clean_inline(str(path))}{'/' if path.is_dir() else ''}\n")
    for path in result.kept:
        stream.write(
            f"  kept your {clean_inline(str(path))}; add the fcheck-validate hook to it "
            "(see `fcheck init --help`)\n"
        )
    stream.write(
        "\nNext steps:\n"
        f"  cd {root}\n"
        "  git init                      # if it is not a git repository yet\n"
        "  fcheck add-article SLUG --text article.txt --title TITLE --publisher NAME\n"
        "  fcheck candidates SLUG        # the sentences worth checking\n"
        '  fcheck new SLUG --quote "a passage of the article" --claim "what it claims"\n'
        "  fcheck validate               # then fill in what it reports\n"
        "  pre-commit install            # optional: validate before every commit\n"
    )


def new_text(result: NewClaim, stream: TextIO) -> None:
    path = clean_inline(str(result.path))
    stream.write(f"Created {path} (id {clean_inline(result.claim_id)})\n")
    empty = [k for k in ("claim", "status", "notes") if not result.data.get(k)]
    if empty:
        stream.write(f"Fill in {', '.join(empty)}, then run `fcheck validate`.\n")
    if result.speculative_hint and not result.data.get("status"):
        stream.write("The quote hedges (may, could, suspiciously...): consider 'speculative'.\n")
    for note in result.notes:
        stream.write(f"Note: {clean_inline(note)}\n")


def add_article_text(folder: Path, slug: str, stream: TextIO) -> None:
    stream.write(f"Created {clean_inline(str(folder))}/ (article.yaml, article.txt)\n")
    stream.write(f"Next: fcheck candidates {clean_inline(slug)}\n")
