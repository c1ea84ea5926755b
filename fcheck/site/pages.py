"""The collection's pages: the index of fact-checks, the sources, the methodology and
corrections, and the search over claims."""

from __future__ import annotations

import json
from typing import Any

from fcheck.model import STATUSES, Claim
from fcheck.reporters.annotate import h
from fcheck.safe import http_url, script_safe_json
from fcheck.site import paths
from fcheck.site.article import STATUS_WORDS, evidence_item, prose, rating_badge, verdict_block
from fcheck.site.layout import Site, link, page, setting
from fcheck.site.records import FactCheck, one_line


def _claim_href(claim: Claim, root: str = "") -> str:
    return h(f"{root}{paths.article_path(claim.article)}#{paths.claim_anchor(claim.id)}")


def index_page(site: Site, checks: list[FactCheck]) -> str:
    body = [f"<h1>{h(site.title)}</h1>"]
    if not checks:
        body.append('<p class="empty">No fact-checks have been published yet.</p>')
    else:
        count = len(checks)
        body.append(f'<p class="meta">{count} fact-check{"s" * (count != 1)}, newest first.</p>')
        body.append('<ol class="plain">')
    for check in checks:
        href = h(paths.article_path(check.slug))
        dates = " · ".join(f"{label} {h(date)}" for label, date in check.dates)
        date = f'<p class="meta">{dates}</p>' if dates else ""
        heading = h(paths.anchor("fc-", check.slug))
        body.append(
            f'<li class="fc"><article aria-labelledby="{heading}">'
            f'<h2 id="{heading}"><a href="{href}">{h(check.title)}</a></h2>'
            f"{date}{verdict_block(check, site.config)}</article></li>"
        )
    if checks:
        body.append("</ol>")
    return page(site, paths.INDEX, site.title, "\n".join(body))


def _source_key(item: dict[str, Any]) -> str:
    url = http_url(str(item.get("url") or "").strip())
    return url or "title:" + one_line(item.get("title")).casefold()


def sources_page(site: Site, checks: list[FactCheck]) -> str:
    """Every evidence item of the collection, once, with the claims that cite it."""
    found: dict[str, tuple[dict[str, Any], list[Claim]]] = {}
    for check in checks:
        for claim in check.ordered:
            evidence = claim.data.get("evidence")
            for item in evidence if isinstance(evidence, list) else []:
                if isinstance(item, dict):
                    entry = found.setdefault(_source_key(item), (item, []))
                    if claim not in entry[1]:
                        entry[1].append(claim)
    titles = {c.slug: c.title for c in checks}
    body = [
        "<h1>Sources</h1>",
        f'<p class="meta">The {len(found)} document{"s" * (len(found) != 1)} the fact-checks '
        "rely on, each with the claims that cite it.</p>",
    ]
    if found:
        body.append('<ol class="plain sources">')
    for n, (item, claims) in enumerate(
        sorted(found.values(), key=lambda e: one_line(e[0].get("title")).casefold()), 1
    ):
        groups: dict[str, list[Claim]] = {}
        for claim in claims:
            groups.setdefault(claim.article, []).append(claim)
        cited = "".join(
            f'<p class="cited">Cited in “{h(titles.get(slug, slug))}” for:</p><ul class="cited">'
            + "".join(
                f'<li><a href="{_claim_href(c)}">{h(one_line(c.data.get("claim")))}</a></li>'
                for c in group
            )
            + "</ul>"
            for slug, group in groups.items()
        )
        body.append(f'<li id="source-{n}">{evidence_item(item)}{cited}</li>')
    if found:
        body.append("</ol>")
    else:
        body.append('<p class="empty">No sources are listed yet.</p>')
    return page(site, paths.SOURCES, "Sources", "\n".join(body))


def _text_or_link(text: Any, url: Any, what: str) -> str:
    out = prose(text) if text else ""
    target = http_url(str(url or "").strip())
    if target:
        out += f"<p>{link(f'Read our {what}', target)}.</p>"
    return out


def methodology_page(site: Site, checks: list[FactCheck]) -> str:
    config = site.config
    site_settings = setting(config, "site")

    def get(name: str) -> Any:
        return getattr(site_settings, name, None) or setting(config, f"site_{name}")

    body = ["<h1>Methodology and corrections</h1>", '<h2 id="methodology">How we check</h2>']
    body.append(
        _text_or_link(get("methodology"), get("methodology_url"), "methodology")
        or '<p class="empty">The publisher has not stated a methodology here.</p>'
    )
    gate = getattr(config, "gate", None)
    if gate is not None and getattr(gate, "two_person", True) is False:
        body.append(
            "<p><strong>One reviewer.</strong> Each fact-check is checked and approved by one "
            "person; this team does not use a second reviewer.</p>"
        )
    body.append('<h2 id="ratings">What our ratings mean</h2><dl class="defs">')
    for name, label in config.ratings.items():
        body.append(f"<dt>{rating_badge(name, config)}</dt><dd>{h(label.definition)}</dd>")
    body.append("</dl>")
    body.append(
        '<h2 id="statuses">Evidence statuses</h2><p>Each claim also says what support it has '
        'in the record, whether or not it is true:</p><dl class="defs">'
    )
    for status, meaning in STATUSES.items():
        body.append(
            f"<dt>{h(STATUS_WORDS.get(status, status))} ({h(status)})</dt><dd>{h(meaning)}</dd>"
        )
    body.append("</dl>")
    body.append('<h2 id="policy">Corrections policy</h2>')
    body.append(
        _text_or_link(
            get("corrections_policy"), get("corrections_policy_url"), "corrections policy"
        )
        or '<p class="empty">The publisher has not stated a corrections policy here.</p>'
    )
    body.append('<h2 id="corrections">Corrections</h2>')
    entries = [(entry, claim, check) for check in checks for entry, claim in check.corrections()]
    entries.sort(key=lambda e: str(e[0].get("date", "")), reverse=True)
    if not entries:
        body.append('<p class="empty">No corrections have been published.</p>')
    else:
        body.append("<ul>")
        for entry, claim, check in entries:
            where = h(paths.article_path(check.slug))
            if claim is not None:
                where += "#" + h(paths.claim_anchor(claim.id))
            body.append(
                f"<li><strong>{h(entry.get('date', ''))}</strong>, "
                f'<a href="{where}">{h(check.title)}</a>: {h(entry.get("change", ""))} '
                f"<em>Why:</em> {h(entry.get('reason', ''))}</li>"
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
count.textContent=words.length?shown+' of '+items.length+' claims match':items.length+' claims';}
var q=new URLSearchParams(window.location.search).get('q');
if(q)input.value=q;
input.addEventListener('input',run);
box.hidden=false;
run();
})();"""


def _search_text(claim: Claim, check: FactCheck) -> str:
    data = claim.data
    parts = [data.get(k) for k in ("claim", "quote", "conclusion", "rating", "status")]
    source = data.get("source")
    if isinstance(source, dict):
        parts += [source.get("name"), source.get("via")]
    for key in ("tags", "entities"):
        if isinstance(data.get(key), list):
            parts += data[key]
    parts.append(check.title)
    return " ".join(one_line(p) for p in parts if p)


def search_page(site: Site, checks: list[FactCheck]) -> str:
    items = [(claim, check) for check in checks for claim in check.ordered]
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
            f'<li><p><a href="{_claim_href(claim)}">{h(one_line(claim.data.get("claim")))}</a></p>'
            f"<p>{rating_badge(claim.rating, site.config)} "
            f'<span class="meta">{h(check.title)}</span></p></li>'
        )
    if items:
        body.append("</ol>")
    else:
        body.append('<p class="empty">No claims have been checked yet.</p>')
    body.append(f'<script type="application/json" id="search-index">{index}</script>')
    return page(site, paths.SEARCH, "Search the claims", "\n".join(body), script=SEARCH_SCRIPT)
