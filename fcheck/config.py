"""Project configuration: ``fcheck.toml`` beside the claims directory, or the
``[tool.fcheck]`` table of a ``pyproject.toml`` there.

It holds what differs between fact-checking teams: who publishes the reviews, where
they are published, and the team's own rating vocabulary. Statuses are part of the
format and cannot be configured.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fcheck.editorial_settings import GATE_CHECKS, LINK_CHECKS, GateSettings, LinkSettings
from fcheck.errors import FcheckError
from fcheck.model import RATINGS, is_http_url

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]

CONFIG_FILE = "fcheck.toml"
MAX_CONFIG_BYTES = 1024 * 1024
_COLOR_RE = re.compile(r"^(#[0-9a-fA-F]{6}|[a-z_]+)$")
_LABEL_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# YAML 1.1 reads these unquoted words as booleans or null, so `rating: no` would not
# be the label "no".
_YAML_SPECIAL = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}
DEFAULT_COLORS = {
    "accurate": "green",
    "misleading": "yellow",
    "inaccurate": "red",
    "unsupported": "red",
    "outdated": "cyan",
    "unverifiable": "bright_black",
}


class ConfigError(FcheckError):
    """The configuration file is unreadable or wrong."""


@dataclass(frozen=True)
class RatingLabel:
    name: str
    definition: str
    color: str = "default"


def _default_ratings() -> dict[str, RatingLabel]:
    return {k: RatingLabel(k, v, DEFAULT_COLORS.get(k, "default")) for k, v in RATINGS.items()}


@dataclass(frozen=True)
class Site:
    """``[site]``: where and how the collection is published."""

    base_url: str | None = None  # the http(s) URL the site is published at
    title: str | None = None
    methodology: str | None = None  # text
    methodology_url: str | None = None
    corrections_policy: str | None = None  # text
    corrections_policy_url: str | None = None


@dataclass(frozen=True)
class Config:
    """Settings with their defaults; ``path`` is where they were read from, if anywhere.

    ``tables`` holds the checked values of every table of :data:`SETTINGS` as written
    (absent keys are absent); :meth:`setting` reads one with a default.
    """

    path: Path | None = None
    organization: str | None = None
    organization_url: str | None = None
    review_url: str | None = None  # a pattern with {id} and {article}
    ratings: dict[str, RatingLabel] = field(default_factory=_default_ratings)
    organization_logo: str | None = None
    site: Site = field(default_factory=Site)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)
    gate: GateSettings = field(default_factory=GateSettings)
    links: LinkSettings = field(default_factory=LinkSettings)

    @property
    def rating_names(self) -> tuple[str, ...]:
        return tuple(self.ratings)

    def rating_definitions(self) -> dict[str, str]:
        return {k: v.definition for k, v in self.ratings.items()}

    def setting(self, table: str, key: str, default: Any = None) -> Any:
        """The value of ``[table] key``, or ``default`` when it is not set."""
        return self.tables.get(table, {}).get(key, default)


def config_location(claims_dir: Path) -> Path | None:
    """The file that configures the collection in ``claims_dir``, if any."""
    base = claims_dir.resolve().parent
    for path in (base / CONFIG_FILE, base / "pyproject.toml"):
        # anything but a folder: a FIFO or a symlink out is an error when read, not
        # a setting silently ignored
        if (path.exists() or path.is_symlink()) and not path.is_dir():
            return path
    return None


def load_config(claims_dir: Path) -> Config:
    path = config_location(claims_dir)
    if path is None:
        return Config()
    from fcheck.loader import read_file

    # read as every file of a collection is: a regular file, inside the folder that
    # holds the claims (no symlink out of it), of bounded size, UTF-8
    text, problem = read_file(path, str(path), MAX_CONFIG_BYTES, root=path.parent)[1:]
    if problem is not None or text is None:
        reason = problem.message if problem is not None else "unknown"
        reason = reason.replace("the claims directory", "its folder")
        raise ConfigError(f"{path}: cannot be read ({reason})")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses into nested arrays and inline tables
        raise ConfigError(f"{path}: values are nested too deeply") from None
    if path.name == "pyproject.toml":
        tool = raw.get("tool")
        raw = tool.get("fcheck") if isinstance(tool, dict) else None
        if raw is None:
            return Config()
    return parse_config(raw, path)


# Checking one value: (its dotted name, the value, fail) -> the value to keep.
Fail = Callable[[str], ConfigError]
Check = Callable[[str, Any, Fail], Any]


def text_value(name: str, value: Any, fail: Fail) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail(f"{name} must be a non-empty string")
    return value


def url_value(name: str, value: Any, fail: Fail) -> str:
    if not is_http_url(value):
        raise fail(f"{name} must be an http(s) URL")
    return value


def bool_value(name: str, value: Any, fail: Fail) -> bool:
    if not isinstance(value, bool):
        raise fail(f"{name} must be true or false")
    return value


def strings_value(name: str, value: Any, fail: Fail) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"{name} must be a list of non-empty strings")
    return list(value)


def number_value(name: str, value: Any, fail: Fail) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise fail(f"{name} must be a number of at least 0")
    return value


_PLACEHOLDERS = ("id", "article")


def _review_pattern(name: str, value: Any, fail: Fail) -> str:
    """A URL with ``{id}`` and ``{article}`` only: no format spec, conversion or other
    field (``{id:>1500000000}`` would allocate 1.5 GB when formatted)."""
    import string

    url_value(name, value, fail)
    message = f"{name} may only use the placeholders {{id}} and {{article}}, as they are"
    try:
        fields = list(string.Formatter().parse(value))
    except ValueError:  # an unmatched brace
        raise fail(message) from None
    for _literal, field_name, spec, conversion in fields:
        if field_name is None:
            continue
        if field_name not in _PLACEHOLDERS or spec or conversion:
            raise fail(message)
    return str(value)


# Every table fcheck.toml may hold (besides [ratings]) and how each key is checked.
# A new setting is one line here; read it with ``Config.setting(table, key)``.
SETTINGS: dict[str, dict[str, Check]] = {
    "organization": {"name": text_value, "url": url_value, "logo": url_value},
    "reviews": {"url": _review_pattern},
    "site": {
        "base_url": url_value,
        "title": text_value,
        "methodology": text_value,
        "methodology_url": url_value,
        "corrections_policy": text_value,
        "corrections_policy_url": url_value,
    },
    # the publishing gate and the link checker (fcheck.editorial_settings)
    "gate": GATE_CHECKS,
    "links": LINK_CHECKS,
}


def parse_config(raw: Any, path: Path) -> Config:
    where = str(path)

    def fail(message: str) -> ConfigError:
        return ConfigError(f"{where}: {message}")

    if not isinstance(raw, dict):
        raise fail("the fcheck settings must be a table")
    known = {*SETTINGS, "ratings"}
    for key in raw:
        if key not in known:
            raise fail(f"unknown setting '{key}'; known: {', '.join(sorted(known))}")
    tables: dict[str, dict[str, Any]] = {}
    for table, checks in SETTINGS.items():
        values = raw.get(table, {})
        if not isinstance(values, dict):
            raise fail(f"[{table}] must be a table")
        for key in values:
            if key not in checks:
                raise fail(f"unknown setting '{key}'; known: {', '.join(sorted(checks))}")
        tables[table] = {
            key: checks[key](f"{table}.{key}", value, fail) for key, value in values.items()
        }
    ratings = _default_ratings()
    if "ratings" in raw:
        ratings = _parse_ratings(raw["ratings"], fail)
    org, site = tables["organization"], tables["site"]
    return Config(
        path=path,
        organization=org.get("name"),
        organization_url=org.get("url"),
        review_url=tables["reviews"].get("url"),
        ratings=ratings,
        organization_logo=org.get("logo"),
        site=Site(**site),
        tables=tables,
        gate=GateSettings(**tables["gate"]),
        links=LinkSettings(**tables["links"]),
    )


def _parse_ratings(table: Any, fail: Any) -> dict[str, RatingLabel]:
    if not isinstance(table, dict) or not table:
        raise fail("[ratings] must define at least one rating label")
    out: dict[str, RatingLabel] = {}
    for name, spec in table.items():
        if not _LABEL_RE.fullmatch(name):
            raise fail(f"rating label '{name}' must be lowercase letters, digits and hyphens")
        if name in _YAML_SPECIAL:
            raise fail(
                f"rating label '{name}' is a word YAML would read as a boolean or null in "
                "claim files; choose another label"
            )
        if not isinstance(spec, dict):
            raise fail(f"[ratings.{name}] must be a table with a definition")
        for key in spec:
            if key not in ("definition", "color"):
                raise fail(f"unknown setting 'ratings.{name}.{key}'; known: color, definition")
        definition = spec.get("definition")
        if not isinstance(definition, str) or not definition.strip():
            raise fail(f"ratings.{name}.definition must be a non-empty string")
        color = spec.get("color", "default")
        if not isinstance(color, str) or not _COLOR_RE.fullmatch(color):
            raise fail(f"ratings.{name}.color must be a colour name or #rrggbb")
        out[name] = RatingLabel(name, " ".join(definition.split()), color)
    return out
