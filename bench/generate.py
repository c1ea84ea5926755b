"""Generate a deterministic synthetic fcheck collection for benchmarks.

    python bench/generate.py N OUT [--per-article K] [--seed S]

writes ``OUT/claims/<article>/`` folders holding ``article.yaml``, ``article.txt`` and
N claim files in total. Claims quote their article's sentences verbatim, so the
collection validates cleanly; field sizes follow real fact-checks (claims of 80-300
characters, notes of up to 1,500 characters over several lines, 0-6 evidence items,
tags and entities, some non-ASCII text). The same N and seed give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

WORDS = [
    "the",
    "minister",
    "said",
    "budget",
    "council",
    "contract",
    "court",
    "ruling",
    "evidence",
    "report",
    "senator",
    "company",
    "payment",
    "million",
    "billion",
    "percent",
    "year",
    "office",
    "investigation",
    "bank",
    "transfer",
    "prosecutors",
    "alleged",
    "agreement",
    "election",
    "campaign",
    "donation",
    "public",
    "hospital",
    "bridge",
    "school",
    "police",
    "official",
    "statement",
    "record",
    "document",
    "audit",
    "tender",
    "network",
    "lobbying",
    "foreign",
    "government",
    "deal",
    "export",
    "import",
    "oil",
    "gas",
    "mining",
    "license",
    "port",
    "railway",
    "road",
    "water",
    "energy",
    "tax",
    "revenue",
    "deficit",
    "loan",
    "debt",
    "fund",
    "trust",
    "charity",
    "media",
    "outlet",
    "interview",
    "source",
    "witness",
    "judge",
    "jury",
    "verdict",
    "appeal",
    "sentence",
    "prison",
    "fine",
]
# Non-ASCII words appear in texts, names and quotes, as in real multilingual desks.
FOREIGN = [
    "café",
    "Zürich",
    "São",
    "Paulo",
    "Łódź",
    "Ærøskøbing",
    "Müller",
    "Ñuñoa",
    "Kraków",
    "Astana",
    "Алматы",
    "Δελφοί",
    "İstanbul",
    "Dvořák",
    "Nguyễn",
    "東京",
    "Bogotá",
    "Málaga",
    "Québec",
    "Øresund",
]
PEOPLE = [
    "Ana Souza",
    "Jean Dupont",
    "Maria Rossi",
    "Olek Nowak",
    "Li Wei",
    "Karim Haddad",
    "Sofia Müller",
    "Ivan Petrov",
    "Amara Okafor",
    "José Núñez",
    "Hanna Virtanen",
    "Tomás Ó Briain",
    "Aiko Tanaka",
]
BODIES = [
    "City council",
    "Audit court",
    "Ministry of Finance",
    "Supreme Court",
    "Central Bank",
    "Electoral commission",
    "Port authority",
    "Anti-corruption agency",
    "Parliament",
]
PUBLISHERS = ["Example Gazette", "Daily Ledger", "Le Courrier", "Diário da Manhã", "Der Bote"]
STATUSES = ("alleged", "alleged", "alleged", "court-established", "speculative")
RATINGS = (
    None,
    "accurate",
    "misleading",
    "inaccurate",
    "unsupported",
    "outdated",
    "unverifiable",
)
TAGS = [
    "money",
    "corruption",
    "courts",
    "elections",
    "health",
    "infrastructure",
    "energy",
    "lobbying",
    "media",
    "foreign-policy",
    "procurement",
    "taxes",
    "banking",
    "police",
]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML 1.1 ones)."""
    return json.dumps(text, ensure_ascii=False)


def sentence(rng: random.Random, low: int, high: int) -> str:
    words: list[str] = []
    target = rng.randint(low, high)
    while sum(len(w) + 1 for w in words) < target:
        pool = FOREIGN if rng.random() < 0.06 else WORDS
        words.append(rng.choice(pool))
    text = " ".join(words)[: high - 1].rstrip()
    return text[0].upper() + text[1:] + "."


def paragraph_lines(rng: random.Random, total: int) -> list[str]:
    """Notes: several lines of prose with bracketed source markers, about ``total`` chars."""
    lines: list[str] = []
    size = 0
    while size < total:
        line = sentence(rng, 50, 95) + f" [{rng.choice('ABCDMT')}{rng.randint(1, 12)}]"
        lines.append(line)
        size += len(line) + 1
    return lines


def article_files(rng: random.Random, index: int, sentences: int) -> tuple[str, str, list[str]]:
    body = [sentence(rng, 80, 300) for _ in range(sentences)]
    paragraphs = [" ".join(body[i : i + 4]) for i in range(0, len(body), 4)]
    text = f"Headline number {index}\n\n" + "\n\n".join(paragraphs) + "\n"
    meta = (
        f"title: {q(sentence(rng, 40, 90))}\n"
        f"publisher: {q(rng.choice(PUBLISHERS))}\n"
        f'published: "{2015 + index % 10}-{1 + index % 12:02d}-{1 + index % 28:02d}"\n'
        f'url: "https://news.example.org/{index}/article"\n'
        f"language: {rng.choice(('en', 'en', 'fr', 'pt-BR', 'de'))}\n"
        "text: article.txt\n"
    )
    return meta, text, body


def claim_yaml(rng: random.Random, claim_id: str, quote: str) -> str:
    status = rng.choice(STATUSES)
    rating = rng.choice(RATINGS)
    evidence_count = rng.randint(1 if status == "court-established" else 0, 6)
    out = [
        f"id: {claim_id}",
        f"claim: {q(sentence(rng, 80, 300))}",
        f"quote: {q(quote)}",
        "source:",
        f"  name: {q(rng.choice(PUBLISHERS))}",
    ]
    if rng.random() < 0.5:
        out.append(f"  via: {q(rng.choice(PEOPLE + BODIES))}")
    if rng.random() < 0.3:
        out.append(f'  url: "https://news.example.org/source/{rng.randint(1, 99999)}"')
    out.append(f"status: {status}")
    if rating is not None:
        out.append(f"rating: {rating}")
    out.append("notes: |")
    out += ["  " + line for line in paragraph_lines(rng, rng.randint(150, 1400))]
    if evidence_count:
        out.append("evidence:")
    for n in range(evidence_count):
        out.append(f"  - title: {q(sentence(rng, 30, 120))}")
        out.append(f'    url: "https://records.example.org/{claim_id}/{n}"')
        if rng.random() < 0.7:
            out.append(f"    publisher: {q(rng.choice(BODIES + PUBLISHERS))}")
        if rng.random() < 0.6:
            out.append(f'    date: "{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}"')
        if rng.random() < 0.2:
            out.append(f'    archive_url: "https://archive.example.org/{claim_id}/{n}"')
    tags = rng.sample(TAGS, rng.randint(0, 4))
    if tags:
        out.append("tags: [" + ", ".join(tags) + "]")
    entities = rng.sample(PEOPLE + BODIES, rng.randint(0, 4))
    if entities:
        out.append("entities:")
        out += [f"  - {q(e)}" for e in entities]
    out.append(
        f'checked: "20{rng.randint(20, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"'
    )
    return "\n".join(out) + "\n"


def generate(count: int, out: Path, per_article: int = 40, seed: int = 1) -> Path:
    """Write the collection under ``out/claims`` and return that folder."""
    rng = random.Random(seed)
    root = out / "claims"
    root.mkdir(parents=True, exist_ok=True)
    made = 0
    index = 0
    while made < count:
        slug = f"article-{index:05d}"
        folder = root / slug
        folder.mkdir(exist_ok=True)
        size = min(per_article, count - made)
        meta, text, body = article_files(rng, index, max(size, 8))
        (folder / "article.yaml").write_text(meta, encoding="utf-8")
        (folder / "article.txt").write_text(text, encoding="utf-8")
        for n in range(size):
            quote = body[n % len(body)]
            if rng.random() < 0.3:  # part of a sentence, as quotes often are
                words = quote.split()
                quote = " ".join(words[: max(4, len(words) // 2)])
            claim_id = f"c{made:06d}-{rng.choice(WORDS)}-{rng.choice(WORDS)}"
            (folder / f"{claim_id}.yaml").write_text(
                claim_yaml(rng, claim_id, quote), encoding="utf-8"
            )
            made += 1
        index += 1
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of claims")
    parser.add_argument("out", type=Path, help="output folder (claims/ is created inside)")
    parser.add_argument("--per-article", type=int, default=40, help="claims per article")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    root = generate(args.count, args.out, args.per_article, args.seed)
    print(f"wrote {args.count} claims under {root}")


if __name__ == "__main__":
    main()
