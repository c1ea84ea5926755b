"""A small published fact-check for the gate, corrections and status tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

ARTICLE = """title: Bridge costs
publisher: Example Gazette
text: article.txt
verdict: misleading
summary: The cost is right. The contractor link is not shown.
review:
  state: published
  checkers: [Ana Lima]
  editors:
    - Ben Okoro
  published: 2024-06-01
"""

TEXT = "The mayor said the bridge cost 42 million euros.\nCritics suspect favouritism.\n"

COST = """id: cost
claim: The bridge cost 42 million euros.
quote: the bridge cost 42 million euros
source:
  name: The mayor
status: court-established
rating: accurate
notes: The audit court's judgment gives the same figure.
conclusion: The audit court found the same cost.
evidence:
  - title: Judgment of the audit court
    url: https://court.example/judgment
    kind: court-record
"""

FAVOURS = """id: favours
claim: The contract was a favour.
quote: Critics suspect favouritism
source:
  name: Critics
status: speculative
rating: unsupported
notes: No record shows it.
conclusion: Nothing on record supports it.
"""


def published_collection(root: Path, **files: str) -> Path:
    """root/claims/bridge with article.yaml, cost.yaml and favours.yaml (or the given
    replacements, by file stem: ``article=...``, ``cost=...``)."""
    folder = root / "claims" / "bridge"
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text(TEXT)
    contents = {"article": ARTICLE, "cost": COST, "favours": FAVOURS, **files}
    for stem, content in contents.items():
        if content:
            (folder / f"{stem}.yaml").write_text(content)
    return root / "claims"


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


def commit_all(root: Path, message: str = "change") -> None:
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
        git(root, "config", "user.email", "desk@example.org")
        git(root, "config", "user.name", "Desk")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
