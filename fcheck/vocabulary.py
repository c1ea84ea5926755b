"""The evidence statuses and the default ratings, with what each means.

A module of its own, without the record model, so that the command line can offer
them (``--status``, ``--rating``) without importing more at start-up.
"""

from __future__ import annotations

STATUSES: dict[str, str] = {
    "court-established": "A court has found it, in a verdict or judgment.",
    "alleged": (
        "Someone asserts it (prosecutors, media, a government, the article) "
        "but no court has found it."
    ),
    "speculative": "Insinuation or inference offered without evidence.",
}

RATINGS: dict[str, str] = {
    "accurate": "The article's wording matches the record.",
    "misleading": (
        "Literally defensible, but the wording gives a false impression "
        "(missing context, conflation, wrong emphasis)."
    ),
    "inaccurate": "The record contradicts the article's wording.",
    "unsupported": "The record holds no evidence for it.",
    "outdated": "It was true or current once but had been overtaken by the article's date.",
    "unverifiable": "It cannot be checked against the available record.",
}
