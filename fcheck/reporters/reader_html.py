"""The reader's view as HTML: the fact-check a newsroom publishes, one self-contained page.

It leads with the piece (headline, verdict with its colour and definition, summary,
the claims that matter most), then every claim in the article's order with the
quoted words, the rating, the conclusion and its sources (``[n]`` references are
footnote links to them); the checker's notes, the evidence status and the claim's
details are in a "How we checked" part the reader can open. Counts come last.

The page has no script and fetches nothing: its Content-Security-Policy allows only
its own stylesheet, by hash (the stylesheet holds the configured rating colours, so
the hash is computed per page). The ClaimReview JSON-LD is a data block. Untrusted
text is escaped; only http(s) URLs become links.

:func:`render_article_page` and :func:`article_html` are the building blocks the
static site uses.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from typing import Any, TextIO

from fcheck.config import Config
from fcheck.model import STATUSES, Article, Claim
from fcheck.output import report_reporter
from fcheck.reporters.annotate import frag, h
from fcheck.reporters.markup import evidence_html, json_ld_block, link
from fcheck.reporters.present import (
    FALLBACK_COLOR,
    STATUS_LOOKS,
    ClaimView,
    EvidenceView,
    Piece,
    article_piece,
    byline,
    color_hex,
    counted_rating,
    page_title,
    pieces,
    rating_look,
    status_look,
)
from fcheck.reporters.prose import paragraphs

_BASE_CSS = """
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--paper:#fff;--bg:#f6f5f1;--link:#0b5cad}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{font:18px/1.6 Georgia,'Times New Roman',serif;color:var(--ink);margin:0;background:var(--bg);
overflow-wrap:break-word}
blockquote,a,.conclusion,.notes{overflow-wrap:anywhere}
.wrap{max-width:44rem;margin:0 auto;padding:0 1rem}
header.site{background:var(--paper);border-bottom:1px solid var(--line);
font:600 .95rem/1.4 system-ui,-apple-system,'Segoe UI',sans-serif}
header.site .wrap{padding:.8rem 1rem}
header.site a{color:var(--ink);text-decoration:none}
main{padding:1.2rem 0 3rem}
h1,h2,h3,h4,h5,.ui,summary,nav,table,.pill,.chip,.meta,.byline,.said,.sources,.kicker{
font-family:system-ui,-apple-system,'Segoe UI',sans-serif}
h1{font-size:clamp(1.6rem,5vw,2.3rem);line-height:1.2;margin:.3rem 0 .6rem}
h2{font-size:1.4rem;line-height:1.3;margin:2.4rem 0 .6rem}
h3{font-size:1.15rem;line-height:1.35;margin:0 0 .5rem}
h4{font-size:1rem;margin:1rem 0 .3rem}
a{color:var(--link)}
a:focus-visible,summary:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.kicker{text-transform:uppercase;letter-spacing:.06em;font-size:.8rem;font-weight:700;
color:var(--muted);margin:0}
.meta,.byline{color:var(--muted);font-size:.92rem;margin:.3rem 0}
.verdict{background:var(--paper);border:1px solid var(--line);border-left:.5rem solid var(--c);
border-radius:.5rem;padding:.9rem 1rem;margin:1rem 0}
.verdict p{margin:.2rem 0}
.verdict .label{font:700 1.25rem/1.3 system-ui,sans-serif}
.pill{display:inline-block;font-weight:700;font-size:.85rem;line-height:1.3;
padding:.2rem .65rem;border-radius:1rem;background:var(--c);color:#fff;white-space:nowrap}
.chip{display:inline-block;font-size:.8rem;line-height:1.3;padding:.15rem .5rem;
border-radius:.3rem;border:1px solid var(--c);color:var(--ink);background:var(--b,#fff);
white-space:nowrap}
.summary{font-size:1.08rem}
.corrections{background:#fff8e1;border:1px solid #e0c36a;border-radius:.5rem;padding:.6rem 1rem;
margin:1rem 0;font:.95rem/1.5 system-ui,sans-serif}
.corrections p{margin:.3rem 0}
nav.toc{background:var(--paper);border:1px solid var(--line);border-radius:.5rem;
padding:.4rem 1rem;margin:1.2rem 0;font-size:.95rem}
nav.jump ul{list-style:none;display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;padding:0;
margin:.6rem 0;font-size:.92rem}
nav.jump a{display:inline-block;padding:.45rem 0}
nav.toc ol{margin:0;padding-left:1.6rem}
nav.toc li{margin:.1rem 0}
nav.toc a{display:block;padding:.4rem 0;line-height:1.4}
nav.toc .chip{margin-left:.4rem}
ul.lead{list-style:none;padding:0;margin:0}
ul.lead li{background:var(--paper);border:1px solid var(--line);border-radius:.5rem;
padding:.7rem 1rem;margin:.6rem 0}
ul.lead a.claimlink{display:block;font:600 1rem/1.4 system-ui,sans-serif;padding:.3rem 0;
color:var(--ink)}
ol.claims{list-style:none;padding:0;margin:0}
article.claim{background:var(--paper);border:1px solid var(--line);border-top:.35rem solid var(--c);
border-radius:.5rem;padding:1rem;margin:1.2rem 0;scroll-margin-top:1rem}
article.claim:target{box-shadow:0 0 0 3px var(--link)}
.num{color:var(--muted);font-weight:400}
blockquote{margin:.6rem 0;padding:.1rem 0 .1rem .9rem;border-left:4px solid var(--line);
font-style:italic;color:#3d444d}
.rating{margin:.5rem 0;font:.95rem/1.5 system-ui,sans-serif}
.conclusion{font-size:1.05rem}
.said{font-size:.9rem;color:var(--muted);margin:.4rem 0}
.sources{font-size:.9rem;margin:.3rem 0;padding-left:1.6rem}
.sources li{margin:.35rem 0;scroll-margin-top:1rem}
.sources li:target{background:#fff3b0}
a.ref{display:inline-block;min-width:1.6rem;min-height:1.6rem;padding:0 .15rem;
text-align:center;font:600 .8rem/1.6rem system-ui,sans-serif;text-decoration:none;
vertical-align:.25em}
.claim-correction{font:.9rem/1.5 system-ui,sans-serif;background:#fff8e1;border-radius:.3rem;
padding:.4rem .6rem}
details{margin:.8rem 0 0;border-top:1px solid var(--line)}
summary{cursor:pointer;font-weight:600;font-size:.95rem;padding:.7rem 0;min-height:44px;
color:var(--link)}
details .notes p{margin:.5rem 0}
.facts{color:var(--muted);font:.85rem/1.5 system-ui,sans-serif}
table{border-collapse:collapse;width:100%;background:var(--paper);font-size:.9rem;margin:.6rem 0}
th,td{border:1px solid var(--line);padding:.35rem .4rem;text-align:left;vertical-align:top}
td.n{text-align:right;white-space:nowrap}
td .pill,td .chip{white-space:normal}
@media (min-width:40rem){td .pill,td .chip{white-space:nowrap}}
dl.defs dt{font:700 .95rem system-ui,sans-serif;margin-top:.6rem}
dl.defs dd{margin:.1rem 0 0 0}
.figure svg{max-width:100%;height:auto}
footer.site{border-top:1px solid var(--line);color:var(--muted);
font:.88rem/1.5 system-ui,sans-serif;padding:1rem 0 2rem}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}
@media (min-width:40rem){article.claim{padding:1.2rem 1.4rem}}
@media print{
body{background:#fff;font-size:11pt}.wrap{max-width:none;padding:0}
header.site,nav.toc,nav.jump,.skip{display:none}
article.claim,.verdict,ul.lead li{break-inside:avoid;border-color:#999}
.pill,.chip,.verdict{print-color-adjust:exact;-webkit-print-color-adjust:exact}
details>summary{display:none}
details::details-content{content-visibility:visible;display:block}
a[href^="http"]::after{content:" <" attr(href) ">";font-size:.8em;overflow-wrap:anywhere}
}
"""


def reader_css(config: Config) -> str:
    """The stylesheet: the base, plus one colour class per status and rating label."""
    rules = [_BASE_CSS]
    for look in STATUS_LOOKS.values():
        rules.append(f".s-{look.name}{{--c:{look.color};--b:{look.background}}}")
    for name, label in config.ratings.items():
        # labels are slugs (checked in fcheck.config), so they are safe class names
        rules.append(f".r-{name}{{--c:{color_hex(label.color)}}}")
    rules.append(f".r-unrated{{--c:{FALLBACK_COLOR}}}")
    return "\n".join(rules) + "\n"


def csp_for(css: str) -> str:
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


def claim_anchor(claim_id: str) -> str:
    return frag("claim-", claim_id)


def source_anchor(claim_id: str, number: int) -> str:
    return frag("src-", claim_id) + f"-{number}"


def _rating_class(name: str) -> str:
    return f"r-{h(name)}"


def _pill(claim: ClaimView, config: Config) -> str:
    look = rating_look(claim.rating, config)
    return f'<span class="pill {_rating_class(look.name)}">{h(look.title)}</span>'


def _segments_html(claim: ClaimView, text: str) -> str:
    out: list[str] = []
    for segment in claim.segments(text):
        if segment.ref is None:
            out.append(h(segment.text))
            continue
        item = claim.evidence[segment.ref - 1]
        out.append(
            f'<a class="ref" href="#{h(source_anchor(claim.id, item.number))}" '
            f'aria-label="Source {item.number}: {h(item.title)}">[{item.number}]</a>'
        )
    return "".join(out)


def _paragraphs_html(claim: ClaimView, text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "\n".join(
        f"<p{attr}>" + "<br>".join(_segments_html(claim, line) for line in lines) + "</p>"
        for lines in paragraphs(text)
    )


def _source_item(claim: ClaimView, item: EvidenceView) -> str:
    parts = [evidence_html(item, kind=True)]
    if item.accessed:
        parts.append(f' <span class="facts">(link checked {h(item.accessed)})</span>')
    return f'<li id="{h(source_anchor(claim.id, item.number))}">{"".join(parts)}</li>'


def _claim_html(claim: ClaimView, number: int, level: int, config: Config) -> str:
    look = rating_look(claim.rating, config)
    status = status_look(claim.status)
    hn = f"h{level}"
    out = [
        f'<article class="claim {_rating_class(look.name)}" id="{h(claim_anchor(claim.id))}" '
        f'aria-labelledby="{h(frag("t-", claim.id))}">',
        f'<{hn} id="{h(frag("t-", claim.id))}"><span class="num">{number}.</span> '
        f"{h(claim.claim)}</{hn}>",
        f"<blockquote><p>“{h(claim.quote)}”</p></blockquote>",
        f'<p class="rating">Our rating: {_pill(claim, config)}'
        + (f" {h(look.definition)}" if look.definition else "")
        + "</p>",
    ]
    if claim.conclusion:
        out.append(_paragraphs_html(claim, claim.conclusion, "conclusion"))
    out.append(f'<p class="said">Said by {link(claim.source.line, claim.source.url)}</p>')
    if claim.evidence:
        out.append(f'<{"h" + str(level + 1)} class="ui">Sources</{"h" + str(level + 1)}>')
        out.append('<ol class="sources">')
        out += [_source_item(claim, item) for item in claim.evidence]
        out.append("</ol>")
    for correction in claim.corrections:
        out.append(
            f'<p class="claim-correction"><strong>Correction, {h(correction.date)}:</strong> '
            f"{h(correction.change)} {h(correction.reason)}</p>"
        )
    out += [
        "<details>",
        "<summary>How we checked</summary>",
        f'<p class="rating">Evidence: <span class="chip s-{h(status.name)}">{h(status.title)}'
        f"</span> {h(status.plain)}</p>",
        '<div class="notes">',
        _paragraphs_html(claim, claim.notes),
        "</div>",
    ]
    facts = [f"Claim id: <code>{h(claim.id)}</code>"]
    if claim.checked:
        facts.append(f"checked {h(claim.checked)}")
    if claim.reviewer:
        facts.append(f"signed off by {h(claim.reviewer)}")
    if claim.entities:
        facts.append("about " + h(", ".join(claim.entities)))
    out += [f'<p class="facts">{"; ".join(facts)}.</p>', "</details>", "</article>"]
    return "\n".join(out)


def _corrections_html(piece: Piece) -> str:
    items = piece.all_corrections
    if not items:
        return ""
    numbers = {c.id: i for i, c in enumerate(piece.claims, 1)}
    out = ['<aside class="corrections" aria-label="Corrections">']
    for correction, claim in items:
        where = ""
        if claim is not None:
            where = (
                f' (<a href="#{h(claim_anchor(claim.id))}">claim {numbers.get(claim.id, "")}</a>)'
            )
        out.append(
            f"<p><strong>Correction, {h(correction.date)}</strong>{where}: "
            f"{h(correction.change)} {h(correction.reason)}</p>"
        )
    out.append("</aside>")
    return "\n".join(out)


def article_html(piece: Piece, config: Config, level: int = 1) -> str:
    """One article's fact-check as an ``<article>`` element; headings start at ``level``."""
    h1, h2, _h3 = (f"h{min(level + i, 6)}" for i in range(3))
    prefix = frag("", piece.slug)
    out = [f'<article class="piece" id="{h(frag("a-", piece.slug))}">', "<header>"]
    out.append('<p class="kicker">Fact-check</p>')
    out.append(f"<{h1}>{h(piece.headline)}</{h1}>")
    # the headline is the article's own, just above: the line says where it came from
    about = "A check of " + link("the article", piece.url)
    details = [h(v) for v in (piece.publisher, piece.published) if v]
    if details:
        about += " by " + ", ".join(details)
    out.append(f'<p class="meta">{about}.</p>')
    if piece.verdict is not None:
        v = piece.verdict
        out.append(
            f'<div class="verdict {_rating_class(v.name)}" role="note" aria-label="Our verdict">'
            f'<p class="label">Our verdict: <span class="pill {_rating_class(v.name)}">'
            f"{h(v.title)}</span></p>"
            + (f"<p>{h(v.definition)}</p>" if v.definition else "")
            + "</div>"
        )
    credits = byline(piece.review)
    if credits:
        out.append('<p class="byline">' + " · ".join(f"{h(k)} {h(v)}" for k, v in credits) + "</p>")
    out.append("</header>")
    out.append(_corrections_html(piece))
    sections = []
    if piece.summary:
        sections.append((f"{prefix}-found", "What we found"))
    if piece.lead:
        sections.append((f"{prefix}-lead", "The claims that matter most"))
    count = len(piece.claims)
    sections.append((f"{prefix}-claims", "The claim" if count == 1 else f"All {count} claims"))
    sections.append(("numbers", "In numbers"))
    sections.append(("about", "How to read this fact-check"))
    out.append(f'<nav class="jump" aria-label="Sections: {h(piece.headline)}"><ul>')
    out += [f'<li><a href="#{h(anchor)}">{h(title)}</a></li>' for anchor, title in sections]
    out.append("</ul></nav>")
    if piece.summary:
        out.append(
            f'<section aria-labelledby="{h(prefix)}-found"><{h2} id="{h(prefix)}-found">'
            f"What we found</{h2}>"
        )
        out += [
            f'<p class="summary">{"<br>".join(h(x) for x in lines)}</p>'
            for lines in paragraphs(piece.summary)
        ]
        out.append("</section>")
    if piece.lead:
        out.append(
            f'<section aria-labelledby="{h(prefix)}-lead"><{h2} id="{h(prefix)}-lead">'
            f"The claims that matter most</{h2}>"
        )
        out.append('<ul class="lead">')
        for claim in piece.lead:
            body = ""
            if claim.conclusion:
                text = " ".join(claim.conclusion.split())
                body = f'<p class="conclusion">{_segments_html(claim, text)}</p>'

            out.append(
                f"<li>{_pill(claim, config)}"
                f'<a class="claimlink" href="#{h(claim_anchor(claim.id))}">{h(claim.claim)}</a>'
                f"{body}</li>"
            )
        out.append("</ul></section>")
    out.append(
        f'<section aria-labelledby="{h(prefix)}-claims"><{h2} id="{h(prefix)}-claims">'
        f"Every claim, in the article's order ({len(piece.claims)})</{h2}>"
    )
    out.append(f'<nav class="toc" aria-label="The claims: {h(piece.headline)}"><ol>')
    for claim in piece.claims:
        look = rating_look(claim.rating, config)
        out.append(
            f'<li><a href="#{h(claim_anchor(claim.id))}">{h(claim.claim)}'
            f'<span class="chip {_rating_class(look.name)}">{h(look.title)}</span></a></li>'
        )
    out.append("</ol></nav>")
    out += [_claim_html(c, i, level + 2, config) for i, c in enumerate(piece.claims, 1)]
    out.append("</section></article>")
    return "\n".join(x for x in out if x)


def counts_html(claims: list[Claim], config: Config, level: int = 2) -> str:
    """The counts, as context: claims by rating and by evidence status, with the figure."""
    from fcheck.reporters.figure import summary_svg
    from fcheck.summary import summarize

    summary = summarize(claims, config.rating_names)
    hn = f"h{level}"
    out = [
        f'<section aria-labelledby="numbers"><{hn} id="numbers">The claims in numbers</{hn}>',
        '<table><caption class="ui">Claims by rating</caption>',
        '<thead><tr><th scope="col">Rating</th><th scope="col">Meaning</th>'
        '<th scope="col">Claims</th></tr></thead><tbody>',
    ]
    for name, count in summary.by_rating.items():
        look = counted_rating(name, config)
        out.append(
            f'<tr><td><span class="pill {_rating_class(look.name)}">{h(look.title)}</span></td>'
            f'<td>{h(look.definition)}</td><td class="n">{count}</td></tr>'
        )
    out += [
        "</tbody></table>",
        '<table><caption class="ui">Claims by evidence status</caption>',
        '<thead><tr><th scope="col">Evidence status</th><th scope="col">What it means</th>'
        '<th scope="col">Claims</th></tr></thead><tbody>',
    ]
    for name, count in summary.by_status.items():
        status = status_look(name)
        out.append(
            f'<tr><td><span class="chip s-{h(name)}">{h(status.title)}</span></td>'
            f'<td>{h(status.plain)}</td><td class="n">{count}</td></tr>'
        )
    out.append("</tbody></table>")
    colors = {name: label.color for name, label in config.ratings.items()}
    figure = summary_svg(
        summary,
        colors,
        {name: status_look(name).title for name in summary.by_status},
        {name: counted_rating(name, config).title for name in summary.by_rating},
    )
    out.append(f'<div class="figure">{figure}</div>')
    out.append("</section>")
    return "\n".join(out)


def about_html(config: Config, level: int = 2) -> str:
    """What the ratings and statuses mean, the methodology and corrections policy."""
    hn = f"h{level}"
    out = [f'<section aria-labelledby="about"><{hn} id="about">How to read this fact-check</{hn}>']
    site = config.site
    if site.methodology or site.methodology_url:
        text = h(site.methodology) if site.methodology else "How we check claims."
        if site.methodology_url:
            text += " " + link("Read our methodology.", site.methodology_url)
        out.append(f"<p><strong>Methodology.</strong> {text}</p>")
    if site.corrections_policy or site.corrections_policy_url:
        text = h(site.corrections_policy) if site.corrections_policy else ""
        if site.corrections_policy_url:
            text += " " + link("Read our corrections policy.", site.corrections_policy_url)
        out.append(f"<p><strong>Corrections.</strong> {text.strip()}</p>")
    out.append(
        "<p>Each claim has a <strong>rating</strong>: how the article's wording compares "
        "with the record. The <strong>evidence status</strong> says what support the claim "
        "has in the record, not whether it is true.</p>"
    )
    out.append('<dl class="defs">')
    for name, label in config.ratings.items():
        look = rating_look(name, config)
        out.append(
            f'<dt><span class="pill {_rating_class(name)}">{h(look.title)}</span></dt>'
            f"<dd>{h(label.definition)}</dd>"
        )
    for name in STATUSES:
        status = status_look(name)
        out.append(
            f'<dt><span class="chip s-{h(name)}">{h(status.title)}</span></dt>'
            f"<dd>{h(status.plain)}</dd>"
        )
    out.append("</dl></section>")
    return "\n".join(out)


def page_html(
    title: str,
    body: str,
    config: Config,
    *,
    json_ld: Mapping[str, Any] | None = None,
    language: str | None = None,
    head_extra: str = "",
) -> str:
    """A complete page around ``body`` (which must already be escaped HTML)."""
    css = reader_css(config)
    site_name = config.site.title or config.organization
    brand = ""
    if site_name:
        brand = (
            '<header class="site"><div class="wrap">'
            + link(site_name, config.site.base_url or config.organization_url)
            + "</div></header>"
        )
    lang = h(language) if language else "en"
    footer = ["Made with fcheck."]
    if config.organization:
        footer.insert(0, "Published by " + link(config.organization, config.organization_url) + ".")
    if config.site.methodology_url:
        footer.append(link("Methodology", config.site.methodology_url))
    if config.site.corrections_policy_url:
        footer.append(link("Corrections policy", config.site.corrections_policy_url))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp_for(css)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{h(title)}</title>",
        f"<style>{css}</style>",
    ]
    if json_ld is not None:
        parts.append(json_ld_block(json_ld))
    if head_extra:
        parts.append(head_extra)
    parts += [
        "</head><body>",
        '<a class="skip" href="#main">Skip to the fact-check</a>',
        brand,
        '<main id="main"><div class="wrap">',
        body,
        "</div></main>",
        f'<footer class="site"><div class="wrap"><p>{" · ".join(footer)}</p></div></footer>',
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def render_article_page(
    article: Article | None, claims: list[Claim], config: Config, slug: str | None = None
) -> str:
    """The reader's page of one article (for ``fcheck site``): the piece, the counts and
    the explanations, with the article's ClaimReview JSON-LD embedded."""
    from fcheck.export.claimreview import claimreview_document

    name = slug or (article.slug if article is not None else claims[0].article)
    piece = article_piece(name, article, claims, config)
    mine = [c for c in claims if c.article == name]
    body = "\n".join(
        [article_html(piece, config, 1), counts_html(mine, config, 2), about_html(config, 2)]
    )
    articles = {name: article} if article is not None else {}
    return page_html(
        piece.headline,
        body,
        config,
        json_ld=claimreview_document(mine, articles, config),
        language=piece.language,
    )


@report_reporter
def reader_html(
    claims: list[Claim], stream: TextIO, config: Config, articles: dict[str, Article]
) -> None:
    """``fcheck report --format html``: the reader's view, one page."""
    from fcheck.export.claimreview import claimreview_document

    found = pieces(claims, articles, config)
    title = page_title(found, config)
    if len(found) == 1:
        body = [article_html(found[0], config, 1)]
        language = found[0].language
    else:
        body = [f"<h1>{h(title)}</h1>"]
        if not found:
            body.append("<p>No claims match.</p>")
        else:
            body.append('<nav class="toc" aria-label="Fact-checks"><h2>Fact-checks</h2><ol>')
            body += [
                f'<li><a href="#{h(frag("a-", p.slug))}">{h(p.headline)}</a></li>' for p in found
            ]
            body.append("</ol></nav>")
        body += [article_html(p, config, 2) for p in found]
        language = None
    if claims:
        body.append(counts_html(claims, config, 2))
    body.append(about_html(config, 2))
    stream.write(
        page_html(
            title,
            "\n".join(body),
            config,
            json_ld=claimreview_document(claims, articles, config),
            language=language,
        )
    )
