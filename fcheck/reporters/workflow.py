"""Reporter registries of the workflow and editorial commands (declared in
:mod:`fcheck.output`)."""

from __future__ import annotations

from fcheck.output import (
    CANDIDATES_FORMATS,
    HISTORY_FORMATS,
    LINKS_FORMATS,
    STATS_FORMATS,
    STATUS_FORMATS,
)

__all__ = [
    "CANDIDATES_FORMATS",
    "HISTORY_FORMATS",
    "LINKS_FORMATS",
    "STATS_FORMATS",
    "STATUS_FORMATS",
]
