"""The ``[gate]`` and ``[links]`` tables of ``fcheck.toml``: the editorial settings.

Defined here so that the publishing gate and the link checker keep their settings,
defaults and checks in one place; :mod:`fcheck.config` registers
:data:`GATE_CHECKS` and :data:`LINK_CHECKS` in its table of settings and builds
:class:`GateSettings` and :class:`LinkSettings` from the checked values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fcheck.version import __version__

Fail = Callable[[str], Exception]
Check = Callable[[str, Any, Fail], Any]

_URL_RE = re.compile(r"^https?://\S+$")
_RULE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The real endpoints used unless fcheck.toml says otherwise (see docs/links.md).
WAYBACK_AVAILABLE = "https://archive.org/wayback/available"
WAYBACK_SAVE = "https://web.archive.org/save/"
USER_AGENT = (
    f"fcheck/{__version__} (fact-checking link checker; "
    "+https://github.com/fcheck/fcheck/blob/main/docs/links.md)"
)


@dataclass(frozen=True)
class GateSettings:
    """``[gate]``: what a published fact-check must satisfy."""

    two_person: bool = True  # the approver must not be one of the checkers
    blocking: tuple[str, ...] = ()  # warning rule ids that block publication
    require_archive: bool = False  # every evidence item needs an archive_url


@dataclass(frozen=True)
class LinkSettings:
    """``[links]``: how ``fcheck links`` checks and archives evidence URLs."""

    user_agent: str = USER_AGENT
    timeout: float = 10.0  # seconds per connection attempt and per read
    rate: float = 1.0  # requests per second to one host (0: no limit)
    per_host: int = 2  # requests in flight to one host at a time
    workers: int = 8  # requests in flight overall
    max_age: int = 3600  # seconds a cached result is reused
    max_redirects: int = 10
    archive_api: str = WAYBACK_AVAILABLE  # a Wayback-style availability API
    save_api: str = WAYBACK_SAVE  # the URL to check is appended to this


def _flag(name: str, value: Any, fail: Fail) -> bool:
    if not isinstance(value, bool):
        raise fail(f"{name} must be true or false")
    return value


def _rule_ids(name: str, value: Any, fail: Fail) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(
        isinstance(r, str) and _RULE_RE.match(r) for r in value
    ):
        raise fail(f"{name} must be a list of rule ids, such as ['near-duplicate']")
    from fcheck.checks.catalogue import rule_ids

    known = rule_ids(validated=True)
    unknown = [r for r in value if r not in known]
    if unknown:
        raise fail(f"{name}: no rule '{unknown[0]}'; `fcheck rules` lists them")
    return tuple(value)


def _number(least: float, whole: bool = False) -> Check:
    def check(name: str, value: Any, fail: Fail) -> float:
        usable = isinstance(value, int) if whole else isinstance(value, (int, float))
        if isinstance(value, bool) or not usable or value < least:
            what = "a whole number" if whole else "a number"
            raise fail(f"{name} must be {what} of at least {least:g}")
        return int(value) if whole else float(value)

    return check


def _endpoint(name: str, value: Any, fail: Fail) -> str:
    if not isinstance(value, str) or not _URL_RE.match(value):
        raise fail(f"{name} must be an http(s) URL")
    return value


def _agent(name: str, value: Any, fail: Fail) -> str:
    if not isinstance(value, str) or not value.strip() or not value.isprintable():
        raise fail(f"{name} must be a non-empty line of text")
    return value.strip()


# The checks of each key, for fcheck.config's table-driven parser.
GATE_CHECKS: dict[str, Callable[..., Any]] = {
    "two_person": _flag,
    "blocking": _rule_ids,
    "require_archive": _flag,
}
LINK_CHECKS: dict[str, Callable[..., Any]] = {
    "user_agent": _agent,
    "timeout": _number(0.001),
    "rate": _number(0),
    "per_host": _number(1, whole=True),
    "workers": _number(1, whole=True),
    "max_age": _number(0, whole=True),
    "max_redirects": _number(0, whole=True),
    "archive_api": _endpoint,
    "save_api": _endpoint,
}
