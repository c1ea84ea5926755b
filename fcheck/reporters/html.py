"""The HTML report: one self-contained page per report (no script, no network).

Each article is shown with its text and every claim's quote highlighted in place.
Selecting a highlight opens the claim's card (id, status, rating, notes, evidence)
through CSS ``:target``, so the page needs no JavaScript and its
Content-Security-Policy allows nothing but its own stylesheet (by hash). The
ClaimReview JSON-LD is embedded as a data block, escaped so that no claim text can
end the ``<script>`` element.
"""

from __future__ import annotations

import base64
import hashlib
from typing import TextIO

from fcheck.config import Config
from fcheck.model import STATUSES, Article, Claim
from fcheck.output import report_reporter
from fcheck.reporters.annotate import STATUS_SHORT, Span, annotate, frag, h, locate
from fcheck.reporters.figure import summary_svg
from fcheck.reporters.markup import evidence_html, json_ld_block, link, safe_href, status_vars
from fcheck.reporters.present import claim_view
from fcheck.reporters.prose import paragraphs
from fcheck.reporters.report import STATUS_TITLES
from fcheck.reporters.words import counted
from fcheck.summary import group_by_status, summarize

# The status colours are the presenter's, as CSS variables (--court, --court-bg, ...).
_CSS = (
    "\n:root{"
    + status_vars({"court-established": "court", "alleged": "alleged"})
    + "\n"
    + status_vars({"speculative": "spec"})
    + "--ink:#1f2328;--muted:#5b636d;--line:#d8dee4}"
    + """
*{box-sizing:border-box}
body{font:17px/1.6 Georgia,'Times New Roman',serif;color:var(--ink);margin:0;background:#fbfaf7}
main{max-width:50rem;margin:0 auto;padding:1.5rem 1.2rem 4rem}
h1,h2,h3,h4,.ui{font-family:system-ui,-apple-system,'Segoe UI',sans-serif}
h1{font-size:1.9rem;margin:.2rem 0}h2{font-size:1.45rem;margin:2.2rem 0 .3rem}
h3{font-size:1.1rem;margin:1.8rem 0 .4rem}h4{font-size:1rem;margin:1.2rem 0 .3rem}
.lede,.meta{color:var(--muted);font-family:system-ui,sans-serif;font-size:.95rem}
a{color:#0b5cad}
.summary{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start;
background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:1rem}
.summary svg{max-width:100%;height:auto}
.legend{list-style:none;padding:0;margin:0;font:.9rem/1.45 system-ui,sans-serif;flex:1 1 14rem}
.legend li{margin:.3rem 0}
.text{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.4rem 1.3rem;
overflow-wrap:anywhere}
.hl{color:inherit;text-decoration:none;border-bottom:2px solid;padding:0 .05em}
.hl.overlap{border-bottom-style:double;border-bottom-width:4px}
.s-court-established.hl,.sw.s-court-established{background:var(--court-bg);border-color:var(--court)}
.s-alleged.hl,.sw.s-alleged{background:var(--alleged-bg);border-color:var(--alleged);
border-bottom-style:dashed}
.s-speculative.hl,.sw.s-speculative{background:var(--spec-bg);border-color:var(--spec);
border-bottom-style:dotted}
.hl:hover,.hl:focus{filter:brightness(.93);outline:none}
.tag{font:600 .68rem/1 system-ui,sans-serif;vertical-align:super;text-decoration:none;
padding:.1rem .3rem;border-radius:.6rem;color:#fff;margin-left:.1rem;white-space:nowrap;
scroll-margin:40vh 0}
.tag.s-court-established,.badge.s-court-established{background:var(--court);color:#fff}
.tag.s-alleged,.badge.s-alleged{background:var(--alleged);color:#fff}
.tag.s-speculative,.badge.s-speculative{background:var(--spec);color:#fff}
.tag:target{outline:3px solid #0b5cad;outline-offset:2px}
.sw{display:inline-block;padding:0 .4rem;border-bottom:2px solid;font-weight:600}
.badge{display:inline-block;font:600 .75rem/1.4 system-ui,sans-serif;padding:.05rem .45rem;
border-radius:.3rem;background:#e7eaee;color:var(--ink)}
.card{font:.95rem/1.5 system-ui,sans-serif}
.card .claim{font-weight:600;margin:.35rem 0}
.card blockquote{margin:.4rem 0;padding-left:.8rem;border-left:3px solid var(--line);
font:italic 1rem/1.5 Georgia,serif;color:#3d444d}
.card p{margin:.35rem 0}.card ul{margin:.3rem 0;padding-left:1.2rem}
.card code{font-size:.85rem}
ol.claims{list-style:none;padding:0;margin:0}
ol.claims>li{background:#fff;border:1px solid var(--line);border-left:5px solid;
border-radius:.4rem;padding:.6rem .9rem;margin:.6rem 0;scroll-margin:1rem}
ol.claims>li.s-court-established{border-left-color:var(--court)}
ol.claims>li.s-alleged{border-left-color:var(--alleged)}
ol.claims>li.s-speculative{border-left-color:var(--spec)}
ol.claims>li:target{box-shadow:0 0 0 3px #0b5cad}
.back{font:.85rem system-ui,sans-serif}
.pop{display:none}
.pop:target{display:block;position:fixed;right:1rem;bottom:1rem;z-index:10;
width:min(28rem,calc(100vw - 2rem));max-height:70vh;overflow:auto;background:#fff;
border:1px solid #9aa4ae;border-radius:.6rem;padding:.8rem 1rem;
box-shadow:0 10px 30px rgba(0,0,0,.25)}
.pop .close{float:right;font:700 1.3rem/1 system-ui,sans-serif;text-decoration:none;
color:var(--muted);padding:0 .2rem}
@media screen and (min-width:82rem){
main{margin-left:calc((100vw - 82rem)/2 + 1rem)}
.pop:target{right:calc((100vw - 82rem)/2 + 1rem);top:4rem;bottom:auto;max-height:calc(100vh - 5rem)}
}
.missing{color:var(--muted);font:.9rem system-ui,sans-serif}
footer{color:var(--muted);font:.85rem system-ui,sans-serif;margin-top:3rem}
@media print{
body{background:#fff;font-size:11pt}main{max-width:none;padding:0}
.pop,.back,nav{display:none!important}
.hl,.tag,.badge,.sw{print-color-adjust:exact;-webkit-print-color-adjust:exact}
.text,.summary,ol.claims>li{border-color:#bbb}
ol.claims>li{break-inside:avoid}
.card a[href^="http"]::after{content:" <" attr(href) ">";font-size:.8em;word-break:break-all}
section.article+section.article{break-before:page}
}
"""
)
_CSS_HASH = base64.b64encode(hashlib.sha256(_CSS.encode("utf-8")).digest()).decode("ascii")
CSP = f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; base-uri 'none'; form-action 'none'"


def _card(claim: Claim, config: Config) -> str:
    view = claim_view(claim)
    status = view.status
    rating = view.rating
    rating_def = config.rating_definitions().get(rating or "", "No rating given.")
    out = [
        '<div class="card">',
        f'<p><code>{h(view.id)}</code> <span class="badge s-{h(status)}">{h(status)}</span> '
        f'<span class="badge" title="{h(rating_def)}">rating: {h(rating or "unrated")}</span></p>',
        f'<p class="claim">{h(view.claim)}</p>',
        f"<blockquote>{h(view.quote)}</blockquote>",
    ]
    who = link(view.source.name, view.source.url)
    if view.source.via:
        who += f" via {h(view.source.via)}"
    out.append(f"<p>Source: {who}</p>")
    for lines in paragraphs(view.notes):
        out.append("<p>" + "<br>".join(h(line) for line in lines) + "</p>")
    if view.evidence:
        out.append("<ul>")
        out += [f"<li>{evidence_html(item, kind=False)}</li>" for item in view.evidence]
        out.append("</ul>")
    index = [
        f"{label}: {h(', '.join(values))}"
        for label, values in (("Tags", view.tags), ("Entities", view.entities))
        if values
    ]
    if view.checked:
        index.append(f"Checked: {h(view.checked)}")
    if index:
        out.append(f'<p class="meta">{" · ".join(index)}</p>')
    out.append("</div>")
    return "\n".join(out)


def _article_section(
    slug: str, claims: list[Claim], article: Article | None, config: Config
) -> str:
    data = article.data if article else {}
    title = str(data.get("title") or slug)
    out = [f'<section class="article" id="{h(frag("a-", slug))}">', f"<h2>{h(title)}</h2>"]
    meta = [h(data[k]) for k in ("publisher", "published") if data.get(k)]
    if safe_href(data.get("url")):
        meta.append(link("original article", data["url"]))
    meta.append(f"{counted(len(claims), 'claim')} checked")
    out.append(f'<p class="meta">{" · ".join(meta)}</p>')
    spans: list[Span] = []
    missing = claims
    if article is not None and article.text is not None:
        spans, missing = locate(article.text, claims)
        lang = f' lang="{h(data["language"])}"' if data.get("language") else ""
        out.append(f'<div class="text"{lang}>\n{annotate(article.text, spans)}\n</div>')
    else:
        out.append('<p class="missing">The article text is not available.</p>')
    if missing:
        out.append(
            f'<p class="missing">{counted(len(missing), "quote")} could not be located in the '
            f"text; {'its claim is' if len(missing) == 1 else 'their claims are'} listed below "
            "without a highlight.</p>"
        )
    located = {s.claim.id for s in spans}
    numbers = {s.claim.id: s.number for s in spans}
    out.append("<h3>Claims by status</h3>")
    for status, group in group_by_status(claims).items():
        group = sorted(group, key=lambda c: (numbers.get(c.id, 10**9), c.id))
        out.append(f"<h4>{h(STATUS_TITLES.get(status, status))} ({len(group)})</h4>")
        out.append('<ol class="claims">')
        for claim in group:
            back = ""
            if claim.id in located:
                back = (
                    f'<p class="back"><a href="#{h(frag("q-", claim.id))}">'
                    f"↑ marker {numbers[claim.id]} in the article</a></p>"
                )
            out.append(
                f'<li class="s-{h(claim.status)}" id="{h(frag("claim-", claim.id))}">'
                f"{_card(claim, config)}{back}</li>"
            )
        out.append("</ol>")
    for claim in claims:
        if claim.id not in located:
            continue
        out.append(
            f'<aside class="pop" id="{h(frag("c-", claim.id))}" aria-label="Claim {h(claim.id)}">'
            f'<a class="close" href="#{h(frag("q-", claim.id))}" title="Close">&times;</a>'
            f"{_card(claim, config)}"
            f'<p class="back"><a href="#{h(frag("claim-", claim.id))}">'
            "In the list of claims</a></p></aside>"
        )
    out.append("</section>")
    return "\n".join(out)


def _legend(config: Config) -> str:
    items = [
        f'<li><span class="sw s-{h(s)}">{h(STATUS_SHORT.get(s, s))}</span> '
        f"<strong>{h(s)}</strong>: {h(meaning)}</li>"
        for s, meaning in STATUSES.items()
    ]
    ratings = "".join(
        f"<li><strong>{h(name)}</strong>: {h(meaning)}</li>"
        for name, meaning in config.rating_definitions().items()
    )
    return (
        '<ul class="legend" aria-label="Legend">'
        "<li>Highlighted passages are the claims' quotes, coloured (and underlined solid, "
        "dashed or dotted) by evidence status; the marker after each gives its number and "
        "status. Select a highlight or marker to see the claim.</li>"
        + "".join(items)
        + f"<li><details><summary>What the ratings mean</summary><ul>{ratings}</ul>"
        "</details></li></ul>"
    )


@report_reporter
def report_html(
    claims: list[Claim], stream: TextIO, config: Config, articles: dict[str, Article]
) -> None:
    from fcheck.export.claimreview import claimreview_document

    summary = summarize(claims, config.rating_names)
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article, []).append(claim)
    colors = {name: label.color for name, label in config.ratings.items()}
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        "<title>Fact-check report</title>",
        f"<style>{_CSS}</style>",
        json_ld_block(claimreview_document(claims, articles, config)),
        "</head><body><main>",
        "<header>",
        "<h1>Fact-check report</h1>",
        f'<p class="lede">{counted(summary.total, "claim")} in '
        f"{counted(len(by_article), 'article')}.</p></header>",
        '<section class="summary" aria-label="Summary">',
        summary_svg(summary, colors),
        _legend(config),
        "</section>",
    ]
    if len(by_article) > 1:
        out.append('<nav aria-label="Articles"><h2>Articles</h2><ul>')
        for slug, group in sorted(by_article.items()):
            name = (articles[slug].data.get("title") if slug in articles else None) or slug
            count = counted(len(group), "claim")
            out.append(f'<li><a href="#{h(frag("a-", slug))}">{h(name)}</a> ({count})</li>')
        out.append("</ul></nav>")
    if not claims:
        out.append('<p class="missing">No claims match.</p>')
    for slug, group in sorted(by_article.items()):
        out.append(_article_section(slug, group, articles.get(slug), config))
    out.append(
        "<footer>Made with fcheck. Evidence statuses say what support a claim has "
        "in the record, not whether it is true.</footer>"
    )
    out.append("</main></body></html>")
    stream.write("\n".join(out) + "\n")
