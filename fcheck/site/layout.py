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

from fcheck.config import Config
from fcheck.reporters.annotate import h
from fcheck.reporters.markup import link
from fcheck.reporters.present import FALLBACK_COLOR, RatingLook
from fcheck.reporters.reader_html import reader_css
from fcheck.safe import http_url
from fcheck.site import paths
from fcheck.site.records import one_line

# What the site adds to the reader's stylesheet: the navigation bar, the index, the
# sources, the search, and the annotated article text.
_SITE_CSS = (
    """
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:0 1.2rem;padding:.2rem 1rem}
.brand{font:700 1.05rem/1.3 system-ui,sans-serif;padding:.6rem 0}
header.site nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:0 .1rem;margin:0;padding:0}
header.site nav a{display:inline-block;padding:.65rem .4rem;min-height:44px;font-weight:500;
font-size:.92rem;color:var(--link)}
label{font:600 .95rem/1.4 system-ui,sans-serif}
header.site nav a[aria-current=page]{color:var(--ink);text-decoration:underline;
text-underline-offset:.25em}
main:focus{outline:none}
.fc{background:var(--paper);border:1px solid var(--line);border-left:.5rem solid var(--c,"""
    + FALLBACK_COLOR
    + """);
border-radius:.5rem;padding:.8rem 1rem;margin:1rem 0}
.fc h2{margin:.1rem 0 .4rem;font-size:1.3rem}
.fc p{margin:.35rem 0}
ol.plain,ul.plain{list-style:none;padding:0;margin:0}
.sources-list>li{background:var(--paper);border:1px solid var(--line);border-radius:.5rem;
padding:.6rem 1rem;margin:.7rem 0;font:.95rem/1.5 system-ui,sans-serif}
.sources-list .cited{margin:.4rem 0 0;color:var(--muted);font-size:.9rem}
.sources-list ul{margin:.2rem 0;padding-left:1.2rem;font-size:.9rem}
.search-box{margin:1rem 0}
.search-box input{font:1.05rem system-ui,sans-serif;padding:.6rem .7rem;width:100%;
max-width:32rem;border:2px solid #6e7781;border-radius:.4rem;min-height:44px}
.results li{background:var(--paper);border:1px solid var(--line);border-radius:.5rem;
padding:.5rem 1rem;margin:.5rem 0}
.results li p{margin:.2rem 0}
.results a{font:600 1rem/1.45 system-ui,sans-serif;display:inline-block;padding:.2rem 0}
.empty{color:var(--muted);font-style:italic}
.text{background:var(--paper);border:1px solid var(--line);border-radius:.5rem;
padding:.2rem 1.1rem;overflow-wrap:anywhere}
.hl{color:inherit;text-decoration:none;border-bottom:2px solid var(--c);background:var(--b);
padding:0 .05em}
.hl.overlap{border-bottom-style:double;border-bottom-width:4px}
.hl.s-alleged{border-bottom-style:dashed}.hl.s-speculative{border-bottom-style:dotted}
.tag{font:600 .68rem/1 system-ui,sans-serif;vertical-align:super;text-decoration:none;
padding:.1rem .3rem;border-radius:.6rem;color:#fff;background:var(--c);margin-left:.1rem;
white-space:nowrap}
@media print{header.site nav,.search-box{display:none!important}}
"""
)


def stylesheet(config: Config) -> str:
    """The reader's stylesheet (with the configured rating colours) and the site's rules."""
    return reader_css(config) + _SITE_CSS


def pill(look: RatingLook) -> str:
    """A rating as the reader's view shows it: a pill of the label's colour."""
    return f'<span class="pill r-{h(look.name)}">{h(look.title)}</span>'


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


@dataclass(frozen=True)
class Site:
    """What every page needs to know about the site."""

    config: Config
    title: str
    css: str
    base_url: str | None  # where it is published, if configured

    @classmethod
    def of(cls, config: Config) -> Site:
        title = config.site.title
        if not title:
            title = f"{config.organization} fact-checks" if config.organization else "Fact-checks"
        base = http_url(config.site.base_url) if config.site.base_url else None
        return cls(config, one_line(title), stylesheet(config), base)


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
        '<header class="site"><div class="wrap">',
        f'<a class="brand" href="{root}{paths.INDEX}">{h(site.title)}</a>',
        f'<nav aria-label="Site"><ul>{nav}</ul></nav>',
        "</div></header>",
        f'<main id="main" tabindex="-1"><div class="wrap">\n{body}\n</div></main>',
        '<footer class="site"><div class="wrap">',
        f"<p>{'Published by ' + publisher + '. ' if publisher else ''}"
        f'<a href="{root}{paths.METHODOLOGY}">How we check and correct</a> · '
        f'<a href="{root}{paths.FEED}">Atom feed</a></p>',
        "<p>Evidence statuses say what support a claim has in the record, not whether it "
        "is true. Made with fcheck.</p>",
        "</div></footer>",
    ]
    if script is not None:
        out.append(f"<script>{script}</script>")
    out.append("</body></html>")
    return "\n".join(x for x in out if x) + "\n"
