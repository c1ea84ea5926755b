"""Reporters: functions that write data to a stream.

Which function renders which ``--format`` of which command is declared once, in the
output registry (:mod:`fcheck.output`); the names are re-exported here.
"""

from __future__ import annotations

from fcheck.output import (
    FINDINGS_FORMATS,
    LIST_FORMATS,
    READER_FORMATS,
    REPORT_FORMATS,
    REPORT_VIEWS,
    RULES_FORMATS,
    SHOW_FORMATS,
    get_reporter,
)

__all__ = [
    "FINDINGS_FORMATS",
    "LIST_FORMATS",
    "READER_FORMATS",
    "REPORT_FORMATS",
    "REPORT_VIEWS",
    "RULES_FORMATS",
    "SHOW_FORMATS",
    "get_reporter",
]
