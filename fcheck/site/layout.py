"""The frame every page shares: stylesheet, Content-Security-Policy, header and footer.

Untrusted text goes through :func:`h`; links through :func:`link`, which only makes
http(s) links. Each page holds its stylesheet (and the search page its script) inline,
and the policy allows exactly those by their SHA-256, so a page loads nothing else,
from ``file://`` as from a web server.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any

from fcheck.config import Config
from fcheck.reporters.annotate import h
from fcheck.safe import http_url
from fcheck.site import paths

# Colours of the rating labels: fcheck.toml names terminal colours (rich's names) or
# #rrggbb; on the page a label is dark text in a box with a border of its colour, so
# every colour keeps the text readable.
_NAMED = {
    "green": "#1a7f37",
    "bright_green": "#2da44e",
    "yellow": "#b08800",
    "bright_yellow": "#d4a72c",
    "red": "#cf222e",
    "bright_red": "#fa4549",
    "cyan": "#1b7c83",
    "bright_cyan": "#3192aa",
    "blue": "#0969da",
    "bright_blue": "#218bff",
    "magenta": "#8250df",
    "bright_magenta": "#a475f9",
    "black": "#24292f",
    "bright_black": "#6e7781",
    "white": "#8c959f",
    "bright_white": "#afb8c1",
}
_DEFAULT_COLOR = "#6e7781"

_CSS = """
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--paper:#fbfaf7;--link:#0b5cad;
--court:#2e7d32;--court-bg:#d3ecd4;--alleged:#a15c00;--alleged-bg:#ffe3ad;
--spec:#7b1fa2;--spec-bg:#efd9f7}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font:17px/1.6 Georgia,'Times New Roman',serif;color:var(--ink);margin:0;
background:var(--paper);overflow-wrap:break-word}
h1,h2,h3,h4,.ui,nav,footer,.meta,.badge,.rating,label,input{font-family:system-ui,
-apple-system,'Segoe UI',Roboto,sans-serif}
a{color:var(--link)}
a:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid var(--link);
outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.6rem 1rem;z-index:5}
.skip:focus{left:.5rem}
header.site{background:#fff;border-bottom:1px solid var(--line)}
header.site .bar{max-width:52rem;margin:0 auto;padding:.5rem 1.2rem;display:flex;
flex-wrap:wrap;align-items:center;gap:.2rem 1.2rem}
.brand{font:700 1.1rem/1.3 system-ui,sans-serif;color:var(--ink);text-decoration:none;
padding:.55rem 0;min-width:0}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:0 .2rem;margin:0;padding:0}
nav a{display:inline-block;padding:.6rem .55rem;min-height:44px;text-decoration:none;
font-size:.95rem}
nav a[aria-current=page]{font-weight:700;color:var(--ink);text-decoration:underline}
main{max-width:52rem;margin:0 auto;padding:1.2rem 1.2rem 3rem}
h1{font-size:1.9rem;line-height:1.25;margin:.6rem 0 .6rem}
h2{font-size:1.4rem;line-height:1.3;margin:2.2rem 0 .6rem}
h3{font-size:1.08rem;line-height:1.4;margin:0 0 .4rem}
.kicker{font:600 .8rem/1.2 system-ui,sans-serif;letter-spacing:.06em;text-transform:uppercase;
color:var(--muted);margin:.8rem 0 0}
.meta{color:var(--muted);font-size:.9rem;margin:.3rem 0}
.lede{font-size:1.12rem}
.rating{display:inline-block;font-weight:700;font-size:.85rem;line-height:1.3;
padding:.15rem .5rem .15rem .4rem;border:2px solid var(--r,#6e7781);
border-left-width:.55rem;border-radius:.3rem;background:#fff;color:var(--ink)}
.rating.none{border-style:dashed;font-weight:600}
.badge{display:inline-block;font-size:.78rem;font-weight:600;line-height:1.3;
padding:.1rem .45rem;border-radius:.3rem;background:#eaeef2;color:var(--ink)}
.verdict{background:#fff;border:1px solid var(--line);border-radius:.5rem;
padding:.8rem 1rem;margin:1rem 0}
.verdict p{margin:.3rem 0}
.verdict .rating{font-size:1.05rem}
.card{background:#fff;border:1px solid var(--line);border-left:5px solid var(--r,#6e7781);
border-radius:.4rem;padding:.8rem 1rem;margin:.8rem 0;scroll-margin-top:1rem}
.card:target{box-shadow:0 0 0 3px var(--link)}
.card blockquote{margin:.5rem 0;padding-left:.8rem;border-left:3px solid var(--line);
font-style:italic;color:#3d444d}
.card p{margin:.4rem 0}
.card ul,.card ol{margin:.3rem 0;padding-left:1.3rem}
.card .status{font-size:.85rem}
.card ol.evidence{font:.9rem/1.45 system-ui,sans-serif}.card ol.evidence li{margin:.25rem 0}
details{margin:.6rem 0}
summary{cursor:pointer;font:600 .95rem/1.4 system-ui,sans-serif;padding:.55rem 0;
min-height:44px}
details .body{font-size:.95rem;border-top:1px solid var(--line);padding-top:.3rem}
ol.plain,ul.plain{list-style:none;padding:0;margin:0}
ol.claims{list-style:none;padding:0;margin:0}
.fc{border-bottom:1px solid var(--line);padding:.6rem 0 1.1rem}
.fc h2{margin:.6rem 0 .3rem;font-size:1.3rem}
.fc h2 a{text-decoration:none}
.fc p{margin:.35rem 0}
.text{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.4rem 1.2rem;
overflow-wrap:anywhere}
.hl{color:inherit;text-decoration:none;border-bottom:2px solid;padding:0 .05em}
.hl.overlap{border-bottom-style:double;border-bottom-width:4px}
.s-court-established.hl{background:var(--court-bg);border-color:var(--court)}
.s-alleged.hl{background:var(--alleged-bg);border-color:var(--alleged);border-bottom-style:dashed}
.s-speculative.hl{background:var(--spec-bg);border-color:var(--spec);border-bottom-style:dotted}
.tag{font:600 .68rem/1 system-ui,sans-serif;vertical-align:super;text-decoration:none;
padding:.1rem .3rem;border-radius:.6rem;color:#fff;margin-left:.1rem;white-space:nowrap}
.tag.s-court-established{background:var(--court)}.tag.s-alleged{background:var(--alleged)}
.tag.s-speculative{background:var(--spec)}
.tag:target{outline:3px solid var(--link);outline-offset:2px}
dl.defs dt{font:700 .95rem/1.4 system-ui,sans-serif;margin-top:.8rem}
dl.defs dd{margin:.2rem 0 0 0}
.sources li{margin:.9rem 0}
.sources .cited{font:.9rem/1.45 system-ui,sans-serif;margin:.3rem 0}
ul.cited{padding-left:1.2rem}ul.cited li{margin:.2rem 0}
.search-box{margin:1rem 0}
.search-box input{font-size:1.05rem;padding:.6rem .7rem;width:100%;max-width:32rem;
border:2px solid #6e7781;border-radius:.4rem;min-height:44px}
.results li{margin:.8rem 0;padding-bottom:.6rem;border-bottom:1px solid var(--line)}
.results li p{margin:.2rem 0}.results a{font:600 1rem/1.45 system-ui,sans-serif}
.empty{color:var(--muted);font-style:italic}
footer.site{color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);
padding:1rem 1.2rem 2rem;max-width:52rem;margin:0 auto}
footer.site p{margin:.3rem 0}
@media (max-width:30rem){body{font-size:16px}h1{font-size:1.55rem}
main{padding:1rem .9rem 2.5rem}.text{padding:.2rem .8rem}}
@media print{body{background:#fff;font-size:11pt}
header.site nav,.skip,.search-box,.back{display:none!important}
main{max-width:none;padding:0}.card,.verdict{break-inside:avoid;border-color:#999}
.rating,.tag,.hl{print-color-adjust:exact;-webkit-print-color-adjust:exact}
details>.body{display:block}
main a[href^="http"]::after{content:" <" attr(href) ">";font-size:.8em;word-break:break-all}}
"""


def css_color(color: str) -> str:
    """A configured rating colour as CSS (#rrggbb or a named terminal colour)."""
    if color.startswith("#"):
        return color
    return _NAMED.get(color, _DEFAULT_COLOR)


def stylesheet(config: Config) -> str:
    """The site's stylesheet, with one colour rule per configured rating label."""
    rules = "".join(
        f".r-{name}{{--r:{css_color(label.color)}}}" for name, label in config.ratings.items()
    )
    return _CSS + rules + "\n"


def sha256(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def csp(style: str, script: str | None = None) -> str:
    scripts = sha256(script) if script is not None else "'none'"
    return (
        f"default-src 'none'; style-src {sha256(style)}; script-src {scripts}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def link(text: str, url: object, *, escaped: bool = False) -> str:
    """An outbound link (http(s) only; anything else is shown as text)."""
    label = text if escaped else h(text)
    target = http_url(str(url or "").strip())
    if target is None:
        return label
    return f'<a href="{h(target)}" rel="noopener noreferrer nofollow">{label}</a>'


def setting(config: Config, name: str) -> Any:
    """A ``[site]`` setting of fcheck.toml (``None`` until configured)."""
    return getattr(config, name, None)


@dataclass(frozen=True)
class Site:
    """What every page needs to know about the site."""

    config: Config
    title: str
    css: str
    base_url: str | None  # where it is published, if configured

    @classmethod
    def of(cls, config: Config) -> Site:
        site = setting(config, "site")
        title = getattr(site, "title", None) or setting(config, "site_title")
        if not title:
            title = f"{config.organization} fact-checks" if config.organization else "Fact-checks"
        base = getattr(site, "base_url", None) or setting(config, "site_base_url")
        return cls(config, str(title), stylesheet(config), http_url(base) if base else None)


NAV = (
    (paths.INDEX, "Fact-checks"),
    (paths.SEARCH, "Search"),
    (paths.SOURCES, "Sources"),
    (paths.METHODOLOGY, "Methodology"),
)


def page(
    site: Site,
    path: str,
    title: str,
    body: str,
    *,
    head: str = "",
    script: str | None = None,
) -> str:
    """A complete page at ``path`` (from the site's root), with relative links."""
    root = "../" * path.count("/")
    nav = "".join(
        f'<li><a href="{root}{target}"'
        + (' aria-current="page"' if target == path else "")
        + f">{h(label)}</a></li>"
        for target, label in NAV
    )
    canonical = ""
    if site.base_url:
        canonical = f'<link rel="canonical" href="{h(site.base_url.rstrip("/") + "/" + path)}">'
    org = site.config.organization
    publisher = link(org, site.config.organization_url) if org else ""
    full_title = title if title == site.title else f"{title} · {site.title}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp(site.css, script)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{h(full_title)}</title>",
        canonical,
        f'<link rel="alternate" type="application/atom+xml" href="{root}{paths.FEED}" '
        f'title="{h(site.title)}">',
        f"<style>{site.css}</style>",
        head,
        "</head><body>",
        '<a class="skip" href="#main">Skip to the content</a>',
        '<header class="site"><div class="bar">',
        f'<a class="brand" href="{root}{paths.INDEX}">{h(site.title)}</a>',
        f'<nav aria-label="Site"><ul>{nav}</ul></nav>',
        "</div></header>",
        f'<main id="main" tabindex="-1">\n{body}\n</main>',
        '<footer class="site">',
        f"<p>{'Published by ' + publisher + '. ' if publisher else ''}"
        f'<a href="{root}{paths.METHODOLOGY}">How we check and correct</a> · '
        f'<a href="{root}{paths.FEED}">Atom feed</a></p>',
        "<p>Evidence statuses say what support a claim has in the record, not whether it "
        "is true. Made with fcheck.</p>",
        "</footer>",
    ]
    if script is not None:
        out.append(f"<script>{script}</script>")
    out.append("</body></html>")
    return "\n".join(x for x in out if x) + "\n"
