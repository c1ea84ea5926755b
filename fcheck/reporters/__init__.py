"""Reporters: functions that write data to a stream, one registry per command.

Registries map a ``--format`` value to a ``module:function`` path so that the heavy
modules (rich, html) are imported only when that format is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

FINDINGS_FORMATS = {
    "text": "fcheck.reporters.findings:report_text",
    "json": "fcheck.reporters.findings:report_json",
    "github": "fcheck.reporters.findings:report_github",
}
LIST_FORMATS = {
    "table": "fcheck.reporters.claims:list_table",
    "json": "fcheck.reporters.claims:list_json",
    "csv": "fcheck.reporters.claims:list_csv",
    "yaml": "fcheck.reporters.claims:list_yaml",
    "ids": "fcheck.reporters.claims:list_ids",
}
SHOW_FORMATS = {
    "text": "fcheck.reporters.claims:show_text",
    "json": "fcheck.reporters.claims:show_json",
    "yaml": "fcheck.reporters.claims:show_yaml",
}
# The reader's view of `fcheck report` (the default): the fact-check as published.
READER_FORMATS = {
    "text": "fcheck.reporters.reader:reader_text",
    "markdown": "fcheck.reporters.reader:reader_markdown",
    "html": "fcheck.reporters.reader_html:reader_html",
    "json": "fcheck.reporters.report:report_json",
}
# The analyst's view (`fcheck report --view analyst`): counts, then claims by status.
REPORT_FORMATS = {
    "text": "fcheck.reporters.report:report_text",
    "markdown": "fcheck.reporters.report:report_markdown",
    "html": "fcheck.reporters.html:report_html",
    "json": "fcheck.reporters.report:report_json",
}

RULES_FORMATS = {
    "text": "fcheck.reporters.rules:rules_text",
    "markdown": "fcheck.reporters.rules:rules_markdown_table",
    "json": "fcheck.reporters.rules:rules_json",
}


REPORT_VIEWS = {"reader": READER_FORMATS, "analyst": REPORT_FORMATS}


def get_reporter(registry: dict[str, str], name: str) -> Callable[..., Any]:
    module, _, attr = registry[name].partition(":")
    func: Callable[..., Any] = getattr(importlib.import_module(module), attr)
    return func
