"""The self-contained HTML report (no scripts, no network)."""

from __future__ import annotations

from html import escape
from typing import TextIO

from fcheck.config import Config
from fcheck.model import STATUSES, Claim
from fcheck.reporters.report import STATUS_TITLES
from fcheck.safe import escape_controls
from fcheck.summary import group_by_status, summarize

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
article{border-left:4px solid #999;padding:.2rem 1rem;margin:1.2rem 0}
article.court-established{border-color:#2e7d32}article.alleged{border-color:#b8860b}
article.speculative{border-color:#8e24aa}
.badge{font-size:.8rem;padding:.05rem .4rem;border-radius:.3rem;background:#eee}
blockquote{margin:.5rem 0;padding-left:.8rem;border-left:2px solid #ddd;font-style:italic}
.notes{white-space:pre-wrap}code{font-size:.9em}
@media print{article{break-inside:avoid}}
"""


def h(value: object) -> str:
    """Escape data for HTML text and attribute values.

    `::` becomes `:&#58;` (the same text in a browser), so that a page printed to a
    CI log cannot issue GitHub Actions workflow commands.
    """
    return escape(escape_controls(str(value)), quote=True).replace("::", ":&#58;")


def safe_href(url: object) -> str | None:
    text = str(url or "")
    return h(text) if text.lower().startswith(("http://", "https://")) else None


def report_html(claims: list[Claim], stream: TextIO, config: Config | None = None) -> None:
    config = config or Config()
    definitions = config.rating_definitions()
    summary = summarize(claims, config.rating_names)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Fact-check report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Fact-check report</h1>",
        f"<p>{summary.total} claims.</p>",
        "<table><tr><th>Status</th><th>Meaning</th><th>Claims</th></tr>",
    ]
    for status, count in summary.by_status.items():
        out.append(f"<tr><td>{h(status)}</td><td>{h(STATUSES[status])}</td><td>{count}</td></tr>")
    out.append("</table><table><tr><th>Rating</th><th>Meaning</th><th>Claims</th></tr>")
    for rating, count in summary.by_rating.items():
        meaning = definitions.get(rating, "No rating given.")
        out.append(f"<tr><td>{h(rating)}</td><td>{h(meaning)}</td><td>{count}</td></tr>")
    out.append("</table>")
    for status, group in group_by_status(claims).items():
        out.append(f"<h2>{h(STATUS_TITLES.get(status, status))} ({len(group)})</h2>")
        for claim in group:
            data = claim.data
            source = data.get("source") or {}
            who = h(source.get("name", ""))
            if source.get("via"):
                who += f" via {h(source['via'])}"
            out.append(f'<article class="{h(status)}" id="claim-{h(claim.id)}">')
            out.append(
                f"<p><code>{h(claim.id)}</code> <span class=badge>{h(status)}</span> "
                f"<span class=badge>{h(claim.rating or 'unrated')}</span></p>"
            )
            out.append(f"<h3>{h(data.get('claim', ''))}</h3>")
            out.append(f"<blockquote>{h(data.get('quote', ''))}</blockquote>")
            out.append(f"<p>Source: {who}</p>")
            out.append(f"<p class=notes>{h(str(data.get('notes', '')).strip())}</p>")
            evidence = data.get("evidence") or []
            if evidence:
                out.append("<ul>")
                for item in evidence:
                    href = safe_href(item.get("url"))
                    title = h(item.get("title", ""))
                    link = (
                        f'<a href="{href}" rel="noopener noreferrer">{title}</a>' if href else title
                    )
                    meta = ", ".join(h(item[k]) for k in ("publisher", "date") if item.get(k))
                    out.append(f"<li>{link}{' — ' + meta if meta else ''}</li>")
                out.append("</ul>")
            out.append("</article>")
    out.append("</body></html>")
    stream.write("\n".join(out) + "\n")
