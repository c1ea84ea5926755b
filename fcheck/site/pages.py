"""The collection's pages: the index of fact-checks, the sources, the methodology and
corrections, and the search over claims."""

from __future__ import annotations

import json
from collections import Counter

from fcheck.reporters.annotate import h
from fcheck.reporters.markup import evidence_html
from fcheck.reporters.present import ClaimView, EvidenceView, rating_look
from fcheck.reporters.prose import paragraphs
from fcheck.reporters.reader_html import about_html
from fcheck.reporters.words import counted
from fcheck.safe import script_safe_json
from fcheck.site import paths
from fcheck.site.layout import Site, page, pill
from fcheck.site.records import FactCheck, one_line


def _claim_href(claim: ClaimView) -> str:
    return h(f"{paths.article_path(claim.article)}#{paths.claim_anchor(claim.id)}")


def _counts(check: FactCheck, site: Site) -> str:
    counts = Counter(c.rating or "" for c in check.views)
    parts = [f"{counts[name]} {h(name)}" for name in site.config.ratings if counts[name]]
    parts += [
        f"{n} {h(name)}" for name, n in counts.items() if name and name not in site.config.ratings
    ]
    if counts[""]:
        parts.append(f"{counts['']} not rated")
    total = len(check.views)
    return f"{counted(total, 'claim')} checked" + (": " + ", ".join(parts) if parts else "")


def index_page(site: Site, checks: list[FactCheck]) -> str:
    body = [f"<h1>{h(site.title)}</h1>"]
    if not checks:
        body.append('<p class="empty">No fact-checks have been published yet.</p>')
        return page(site, paths.INDEX, site.title, "\n".join(body))
    count = len(checks)
    order = ", newest first" if count > 1 else ""
    body.append(f'<p class="meta">{counted(count, "fact-check")}{order}.</p>')
    body.append('<ol class="plain">')
    for check in checks:
        heading = h(paths.anchor("fc-", check.slug))
        verdict = check.piece.verdict
        cls = f" r-{h(verdict.name)}" if verdict is not None else ""
        item = [
            f'<li class="fc{cls}"><article aria-labelledby="{heading}">',
            f'<h2 id="{heading}"><a href="{h(paths.article_path(check.slug))}">'
            f"{h(check.title)}</a></h2>",
        ]
        if verdict is not None:
            item.append(f'<p class="ui">Our verdict: {pill(verdict)}</p>')
        dates = " · ".join(f"{label} {h(date)}" for label, date in check.dates)
        if dates:
            item.append(f'<p class="meta">{dates}</p>')
        if check.piece.summary:
            item += [
                f'<p class="summary">{"<br>".join(h(x) for x in lines)}</p>'
                for lines in paragraphs(check.piece.summary)
            ]
        item.append(f'<p class="meta">{_counts(check, site)}.</p></article></li>')
        body.append("\n".join(item))
    body.append("</ol>")
    return page(site, paths.INDEX, site.title, "\n".join(body))


def _source_key(item: EvidenceView) -> str:
    return item.url or "title:" + one_line(item.title).casefold()


def sources_page(site: Site, checks: list[FactCheck]) -> str:
    """Every evidence item of the collection, once, with the claims that cite it."""
    found: dict[str, tuple[EvidenceView, list[ClaimView]]] = {}
    for check in checks:
        for claim in check.views:
            for item in claim.evidence:
                entry = found.setdefault(_source_key(item), (item, []))
                if claim not in entry[1]:
                    entry[1].append(claim)
    titles = {c.slug: c.title for c in checks}
    body = [
        "<h1>Sources</h1>",
        f'<p class="meta">The {counted(len(found), "document")} the fact-checks '
        "rely on, each with the claims that cite it.</p>",
    ]
    if not found:
        body.append('<p class="empty">No sources are listed yet.</p>')
    else:
        body.append('<ol class="plain sources-list">')
    for n, (item, claims) in enumerate(
        sorted(found.values(), key=lambda e: one_line(e[0].title).casefold()), 1
    ):
        groups: dict[str, list[ClaimView]] = {}
        for claim in claims:
            groups.setdefault(claim.article, []).append(claim)
        cited = "".join(
            (
                f'<p class="cited">Cited in “{h(titles.get(slug, slug))}” for:</p><ul>'
                if len(checks) > 1
                else '<p class="cited">Cited for:</p><ul>'
            )
            + "".join(
                f'<li><a href="{_claim_href(c)}">{h(one_line(c.claim))}</a></li>' for c in group
            )
            + "</ul>"
            for slug, group in groups.items()
        )
        body.append(f'<li id="source-{n}">{evidence_html(item, kind=True)}{cited}</li>')
    if found:
        body.append("</ol>")
    return page(site, paths.SOURCES, "Sources", "\n".join(body))


def methodology_page(site: Site, checks: list[FactCheck]) -> str:
    """How the team checks and corrects (from fcheck.toml), and every correction."""
    config = site.config
    body = ["<h1>Methodology and corrections</h1>"]
    if not (config.site.methodology or config.site.methodology_url):
        body.append('<p class="empty">The publisher has not stated a methodology here.</p>')
    if not config.gate.two_person:
        body.append(
            "<p><strong>One reviewer.</strong> Each fact-check is checked and approved by one "
            "person; this team does not use a second reviewer.</p>"
        )
    body.append(about_html(config, 2))
    body.append('<h2 id="corrections">Corrections</h2>')
    entries = [
        (correction, claim, check) for check in checks for correction, claim in check.corrections()
    ]
    entries.sort(key=lambda e: e[0].date, reverse=True)
    if not entries:
        body.append('<p class="empty">No corrections have been published.</p>')
    else:
        body.append("<ul>")
        for correction, claim, check in entries:
            where = h(paths.article_path(check.slug))
            if claim is not None:
                where += "#" + h(paths.claim_anchor(claim.id))
            body.append(
                f"<li><strong>{h(correction.date)}</strong>, "
                f'<a href="{where}">{h(check.title)}</a>: {h(correction.change)} '
                f"{h(correction.reason)}</li>"
            )
        body.append("</ul>")
    return page(site, paths.METHODOLOGY, "Methodology and corrections", "\n".join(body))


# The search: the page lists every claim (so it reads without scripts); the script
# hides those that do not hold every word typed, over an index of their text.
SEARCH_SCRIPT = """(function(){
var data=document.getElementById('search-index');
var box=document.getElementById('search-box');
if(!data||!box)return;
var fold=function(s){return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g,'').toLowerCase();};
var texts=JSON.parse(data.textContent).map(fold);
var items=document.querySelectorAll('#all-claims > li');
var input=document.getElementById('q');
var count=document.getElementById('count');
function run(){
var words=fold(input.value).split(/\\s+/).filter(Boolean);
var shown=0;
for(var i=0;i<items.length;i++){
var hit=words.every(function(w){return texts[i].indexOf(w)>=0;});
items[i].hidden=!hit;if(hit)shown++;}
var claims=items.length+(items.length===1?' claim':' claims');
count.textContent=words.length?shown+' of '+claims+(shown===1?' matches':' match'):claims;}
var q=new URLSearchParams(window.location.search).get('q');
if(q)input.value=q;
input.addEventListener('input',run);
box.hidden=false;
run();
})();"""


def _search_text(claim: ClaimView, check: FactCheck) -> str:
    parts = [claim.claim, claim.quote, claim.conclusion, claim.rating, claim.status]
    parts += [claim.source.name, claim.source.via, *claim.tags, *claim.entities, check.title]
    return " ".join(one_line(p) for p in parts if p)


def search_page(site: Site, checks: list[FactCheck]) -> str:
    items = [(claim, check) for check in checks for claim in check.views]
    index = script_safe_json(json.dumps([_search_text(c, f) for c, f in items], ensure_ascii=True))
    body = [
        "<h1>Search the claims</h1>",
        '<div class="search-box" id="search-box" role="search" hidden>',
        '<label for="q">Words to find (in the claim, the quote, the source, the tags)</label><br>',
        '<input type="search" id="q" autocomplete="off" spellcheck="false">',
        '<p class="meta" id="count" aria-live="polite"></p>',
        "</div>",
        '<noscript><p class="meta">Searching needs JavaScript; every claim is listed '
        "below.</p></noscript>",
    ]
    if items:
        body.append('<ol class="plain results" id="all-claims">')
        for claim, check in items:
            body.append(
                f'<li><p><a href="{_claim_href(claim)}">{h(one_line(claim.claim))}</a></p>'
                f"<p>{pill(rating_look(claim.rating, site.config))}"
                + (f' <span class="meta">{h(check.title)}</span>' if len(checks) > 1 else "")
                + "</p></li>"
            )
        body.append("</ol>")
    else:
        body.append('<p class="empty">No claims have been checked yet.</p>')
    body.append(f'<script type="application/json" id="search-index">{index}</script>')
    return page(site, paths.SEARCH, "Search the claims", "\n".join(body), script=SEARCH_SCRIPT)
