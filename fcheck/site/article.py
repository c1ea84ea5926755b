"""One page per fact-check: the reader's view of the article (the reader's presenter and
its HTML, as `fcheck report` shows it), the annotated article text, the counts and the
explanations, with the article's ClaimReview JSON-LD in the head."""

from __future__ import annotations

from fcheck.export.claimreview import claimreview_document
from fcheck.model import Article
from fcheck.reporters.annotate import annotate, h
from fcheck.reporters.markup import json_ld_block
from fcheck.reporters.reader_html import about_html, article_html, counts_html
from fcheck.reporters.words import counted
from fcheck.site import paths
from fcheck.site.layout import Site, page
from fcheck.site.records import FactCheck


def annotated_text(check: FactCheck) -> str:
    """The article text with each checked passage highlighted, linking to its claim."""
    out = [
        f'<section aria-labelledby="{h(paths.anchor("text-", check.slug))}">',
        f'<h2 id="{h(paths.anchor("text-", check.slug))}">The article, annotated</h2>',
    ]
    if check.article is None or check.article.text is None:
        out.append('<p class="empty">The article text is not available.</p>')
    else:
        language = check.piece.language
        lang = f' lang="{h(language)}"' if language else ""
        out.append(
            '<p class="meta">The highlighted passages are the claims we checked; each '
            "numbered marker links to the claim's review above.</p>"
            f'<div class="text"{lang}>\n{annotate(check.article.text, check.spans, "claim-")}\n'
            "</div>"
        )
        missing = len(check.claims) - len(check.spans)
        if missing:
            out.append(
                f'<p class="meta">{counted(missing, "quote")} could not be found in this '
                f"text; {'its claim is' if missing == 1 else 'those claims are'} listed last "
                "above.</p>"
            )
    out.append("</section>")
    return "\n".join(out)


def article_page(site: Site, check: FactCheck, articles: dict[str, Article]) -> str:
    """The page of one fact-check."""
    config = site.config
    body = "\n".join(
        [
            article_html(check.piece, config, 1),
            annotated_text(check),
            counts_html(check.claims, config, 2),
            about_html(config, 2),
        ]
    )
    document = claimreview_document(check.claims, articles, config)
    return page(
        site,
        paths.article_path(check.slug),
        check.title,
        body,
        head=json_ld_block(document),
    )
