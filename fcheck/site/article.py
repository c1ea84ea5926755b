"""One page per fact-check: the verdict, the claims in article order, how we checked
them, the annotated article, and the article's ClaimReview JSON-LD."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from fcheck.config import Config
from fcheck.export.claimreview import claimreview_document
from fcheck.model import STATUSES, Article, Claim
from fcheck.reporters.annotate import annotate, frag, h
from fcheck.reporters.html import json_ld_block
from fcheck.reporters.prose import paragraphs
from fcheck.site import paths
from fcheck.site.layout import Site, link, page
from fcheck.site.records import FactCheck, one_line

_LABEL = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_REF = re.compile(r"\[(\d{1,3})\]")
STATUS_WORDS = {
    "court-established": "Established by a court",
    "alleged": "Alleged, not established by a court",
    "speculative": "Speculation, without evidence",
}


def rating_badge(label: str | None, config: Config) -> str:
    """A rating label with its colour and, as a tooltip, its definition."""
    if not label:
        return '<span class="rating none">Not rated</span>'
    known = config.ratings.get(label)
    cls = f" r-{label}" if known is not None and _LABEL.match(label) else ""
    title = f' title="{h(known.definition)}"' if known is not None else ""
    return f'<span class="rating{cls}"{title}>{h(label)}</span>'


def evidence_anchor(claim: Claim, number: int) -> str:
    return paths.anchor("ev-", f"{claim.id}-{number}")


def prose(text: object, claim: Claim | None = None) -> str:
    """Untrusted text as paragraphs; with a claim, ``[n]`` links to its evidence item n."""
    items = _evidence(claim) if claim is not None else []

    def cite(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if claim is None or not 1 <= n <= len(items):
            return match.group(0)
        return f'<a href="#{h(evidence_anchor(claim, n))}">[{n}]</a>'

    return "\n".join(
        "<p>" + "<br>".join(_REF.sub(cite, h(line)) for line in lines) + "</p>"
        for lines in paragraphs(text)
    )


def _evidence(claim: Claim) -> list[dict[str, Any]]:
    value = claim.data.get("evidence")
    return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []


def evidence_item(item: dict[str, Any]) -> str:
    """One source as a line: linked title, publisher, date, kind, archived copy."""
    line = link(str(item.get("title", "")), item.get("url"))
    meta = [h(item[k]) for k in ("publisher", "date") if item.get(k)]
    if meta:
        line += " — " + ", ".join(meta)
    if item.get("kind"):
        line += f' <span class="badge">{h(str(item["kind"]).replace("-", " "))}</span>'
    if item.get("archive_url"):
        archived = link("archived copy", item["archive_url"])
        if archived != "archived copy":
            line += f" ({archived})"
    return line


def _card(claim: Claim, number: int | None, check: FactCheck, config: Config) -> str:
    data = claim.data
    lang = f' lang="{h(check.data["language"])}"' if check.data.get("language") else ""
    rating = claim.rating
    cls = f" r-{rating}" if rating in config.ratings and _LABEL.match(rating or "") else ""
    heading = f"{number}. " if number is not None else ""
    raw_source = data.get("source")
    source: dict[str, Any] = raw_source if isinstance(raw_source, dict) else {}
    who = link(str(source.get("name", "")), source.get("url"))
    if source.get("via"):
        who += f", citing {h(source['via'])}"
    out = [
        f'<li class="card{cls}" id="{h(paths.claim_anchor(claim.id))}">',
        f"<h3>{heading}{h(one_line(data.get('claim')))}</h3>",
        f"<blockquote{lang}>{h(data.get('quote', ''))}</blockquote>",
        f'<p class="meta">Said by {who}</p>',
        f"<p>{rating_badge(rating, config)} "
        f'<span class="badge status">{h(STATUS_WORDS.get(claim.status, claim.status))}</span></p>',
    ]
    if data.get("conclusion"):
        out.append(prose(data["conclusion"], claim))
    evidence = _evidence(claim)
    if evidence:
        out.append('<p class="ui"><strong>Sources</strong></p><ol class="evidence">')
        out.extend(
            f'<li id="{h(evidence_anchor(claim, n))}">{evidence_item(item)}</li>'
            for n, item in enumerate(evidence, 1)
        )
        out.append("</ol>")
    details = [prose(data.get("notes", ""), claim)]
    status_meaning = STATUSES.get(claim.status)
    if status_meaning:
        details.append(
            f"<p><strong>Evidence status, {h(claim.status)}:</strong> {h(status_meaning)}</p>"
        )
    if rating in config.ratings:
        details.append(
            f"<p><strong>Rating, {h(rating)}:</strong> {h(config.ratings[rating].definition)}</p>"
        )
    signed = [
        f"{label} {h(data[key])}"
        for label, key in (("Checked", "checked"), ("signed off by", "reviewer"))
        if data.get(key)
    ]
    if signed:
        details.append(f'<p class="meta">{" · ".join(signed)}</p>')
    out.append(
        '<details><summary>How we checked</summary><div class="body">'
        + "\n".join(details)
        + "</div></details>"
    )
    if any(s.claim is claim for s in check.spans):
        out.append(
            f'<p class="back meta"><a href="#{h(frag("q-", claim.id))}">'
            "Where the article says it</a></p>"
        )
    out.append("</li>")
    return "\n".join(out)


def _counts(check: FactCheck, config: Config) -> str:
    counts = Counter(c.rating or "" for c in check.claims)
    parts = [f"{counts[name]} {h(name)}" for name in config.ratings if counts[name]]
    if counts[""]:
        parts.append(f"{counts['']} not rated")
    total = len(check.claims)
    return f"{total} claim{'s' * (total != 1)} checked" + (": " + ", ".join(parts) if parts else "")


def verdict_block(check: FactCheck, config: Config, *, heading: str = "h2") -> str:
    """The verdict (or, without one, the counts), the summary and the checkers."""
    out = ['<section class="verdict" aria-label="Verdict">']
    if check.verdict:
        label = config.ratings.get(check.verdict)
        out.append(f"<p><strong>Our verdict:</strong> {rating_badge(check.verdict, config)}</p>")
        if label is not None:
            out.append(f'<p class="meta">{h(label.definition)}</p>')
    if check.summary:
        out.append(f'<div class="lede">{prose(check.summary)}</div>')
    out.append(f'<p class="meta">{_counts(check, config)}.</p>')
    out.append("</section>")
    return "\n".join(out)


def _byline(check: FactCheck) -> str:
    review = check.review
    parts = []
    for label, key in (("Checked by", "checkers"), ("Edited by", "editors")):
        names = review.get(key)
        if isinstance(names, list) and names:
            parts.append(f"{label} {h(', '.join(map(str, names)))}")
    parts += [f"{label} {h(date)}" for label, date in check.dates]
    return f'<p class="meta">{" · ".join(parts)}</p>' if parts else ""


def _original(check: FactCheck) -> str:
    data = check.data
    what = " ".join(h(data[k]) for k in ("publisher",) if data.get(k)) or "The article"
    when = f", {h(data['published'])}" if data.get("published") else ""
    title = link(check.title, data.get("url"))
    return f'<p class="meta">The article checked: “{title}”, {what}{when}.</p>'


def article_page(
    site: Site, check: FactCheck, articles: dict[str, Article], claims: list[Claim]
) -> str:
    """The page of one fact-check; ``claims`` in collection order, for the JSON-LD."""
    config = site.config
    numbers = {s.claim.id: s.number for s in check.spans}
    body = [
        '<p class="kicker">Fact-check</p>',
        f"<h1>{h(check.title)}</h1>",
        _original(check),
        _byline(check),
        verdict_block(check, config),
    ]
    lead = check.lead
    if lead:
        body.append('<h2 id="lead">The main claims</h2><ol class="plain">')
        for claim in lead:
            target = h(paths.claim_anchor(claim.id))
            conclusion = prose(claim.data["conclusion"]) if claim.data.get("conclusion") else ""
            body.append(
                f'<li class="card"><p><a href="#{target}">'
                f"{h(one_line(claim.data.get('claim')))}</a></p>"
                f"<p>{rating_badge(claim.rating, config)}</p>{conclusion}</li>"
            )
        body.append("</ol>")
    body.append('<h2 id="claims">The claims, in the order the article makes them</h2>')
    if check.claims:
        body.append('<ol class="claims">')
        body.extend(_card(c, numbers.get(c.id), check, config) for c in check.ordered)
        body.append("</ol>")
    else:
        body.append('<p class="empty">No claims of this article have been checked yet.</p>')
    if check.unlocated and check.article is not None and check.article.text is not None:
        body.append(
            f'<p class="meta">{len(check.unlocated)} quote(s) could not be found in the '
            "article text; those claims are listed last.</p>"
        )
    corrections = check.corrections()
    if corrections:
        body.append('<h2 id="corrections">Corrections</h2><ul>')
        for entry, corrected in corrections:
            about = (
                f' (<a href="#{h(paths.claim_anchor(corrected.id))}">claim</a>)'
                if corrected is not None
                else ""
            )
            body.append(
                f"<li><strong>{h(entry.get('date', ''))}</strong>{about}: "
                f"{h(entry.get('change', ''))} <em>Why:</em> {h(entry.get('reason', ''))}</li>"
            )
        body.append("</ul>")
    body.append('<h2 id="text">The article, annotated</h2>')
    if check.article is not None and check.article.text is not None:
        lang = f' lang="{h(check.data["language"])}"' if check.data.get("language") else ""
        text = annotate(check.article.text, check.spans, "claim-")
        body.append(
            '<p class="meta">The highlighted passages are the claims we checked; the numbered '
            "markers link to each claim's review.</p>"
            f'<div class="text"{lang}>\n{text}\n</div>'
        )
    else:
        body.append('<p class="empty">The article text is not available.</p>')
    document = claimreview_document(claims, articles, config)
    return page(
        site,
        paths.article_path(check.slug),
        check.title,
        "\n".join(x for x in body if x),
        head=json_ld_block(document),
    )
