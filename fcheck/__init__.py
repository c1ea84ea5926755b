"""fcheck: a command-line toolkit for fact-checks kept as YAML claim records in git.

Also a small Python API (see docs/api.md)::

    import fcheck
    collection = fcheck.load_collection("claims")

Names are imported on first use, so that ``import fcheck`` (and the command line's
start-up) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from fcheck.version import __version__

if TYPE_CHECKING:
    from fcheck.api import load_collection, render_claims, render_report
    from fcheck.collection import Collection
    from fcheck.config import Config, load_config
    from fcheck.filters import ClaimFilter
    from fcheck.findings import Finding, Severity
    from fcheck.model import Article, Claim, Correction, Evidence, Review, Source
    from fcheck.validate import Records

# name -> the module that defines it
_API = {
    "load_collection": "fcheck.api",
    "render_claims": "fcheck.api",
    "render_report": "fcheck.api",
    "Collection": "fcheck.collection",
    "Config": "fcheck.config",
    "load_config": "fcheck.config",
    "ClaimFilter": "fcheck.filters",
    "Finding": "fcheck.findings",
    "Severity": "fcheck.findings",
    "Article": "fcheck.model",
    "Claim": "fcheck.model",
    "Correction": "fcheck.model",
    "Evidence": "fcheck.model",
    "Review": "fcheck.model",
    "Source": "fcheck.model",
    "Records": "fcheck.validate",
}

__all__ = [
    "Article",
    "Claim",
    "ClaimFilter",
    "Collection",
    "Config",
    "Correction",
    "Evidence",
    "Finding",
    "Records",
    "Review",
    "Severity",
    "Source",
    "__version__",
    "load_collection",
    "load_config",
    "render_claims",
    "render_report",
]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'fcheck' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
