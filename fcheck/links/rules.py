"""The findings of ``fcheck links`` (documented in docs/links.md).

They are not validation rules (``fcheck validate`` never asks the network), so they
live in their own registry rather than in :data:`fcheck.rules.RULES`.
"""

from __future__ import annotations

import textwrap

from fcheck.findings import Severity
from fcheck.rules import Rule

LINK_RULES: dict[str, Rule] = {}


def _rule(rule_id: str, title: str, doc: str, severity: Severity) -> str:
    LINK_RULES[rule_id] = Rule(rule_id, title, severity, " ".join(textwrap.dedent(doc).split()))
    return rule_id


LINK_DEAD = _rule(
    "link-dead",
    "The link is dead",
    """The server answers 404 (not found) or 410 (gone), directly or after
    redirects. Replace the URL, or add an `archive_url` (`fcheck links --archive`).
    `fcheck links` exits 1.""",
    Severity.ERROR,
)
LINK_MOVED = _rule(
    "link-moved",
    "The link has moved permanently",
    """The server answers 301 or 308 (moved permanently) and the new address works;
    the message names it. Update the URL in the claim file.""",
    Severity.WARNING,
)
LINK_ERROR = _rule(
    "link-error",
    "The link could not be checked",
    """Any other failure: a server error (5xx), a refusal (401, 403, 429...), a
    timeout, a refused connection, an unknown host, a TLS error, a redirect loop or
    a redirect to something that is not http(s). It may be temporary; the message
    says what happened.""",
    Severity.WARNING,
)
ARCHIVE_MISSING = _rule(
    "archive-missing",
    "No archived copy was found",
    """`--archive` found no snapshot of the URL in the archive. `--save` asks the
    archive to make one.""",
    Severity.WARNING,
)
ARCHIVE_ERROR = _rule(
    "archive-error",
    "The archive could not be asked, or its answer could not be written",
    """The availability or save endpoint failed or answered something unexpected,
    or the claim file could not be changed safely (then it is left as it was).""",
    Severity.WARNING,
)
