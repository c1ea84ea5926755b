"""The output registry: every ``--format`` of every command and every export, by family.

A family (what ``list`` prints, what ``report`` prints, what ``export`` writes...)
is a :class:`Registry` whose formats all share one call signature, given by the
family's Protocol below. Each :class:`Format` names the function that renders it
(as ``module:function``, imported only when that format is used, so that heavy
modules such as rich stay unloaded for the others) and declares what the CLI needs to
know about it, so that commands do not decide per format:

- ``human``: meant to be read by a person (a table, a text report, a document):
  only these get a progress bar while the collection loads, so that data piped to
  another program never shares the terminal with one.
- ``needs_path``: the format writes a file itself (SQLite) and cannot go to stdout.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TextIO, TypeVar, cast

if TYPE_CHECKING:
    from fcheck.candidates import Candidates
    from fcheck.config import Config
    from fcheck.findings import Finding
    from fcheck.gate import ArticleStatus
    from fcheck.history import History
    from fcheck.model import Article, Claim
    from fcheck.stats import Stats


@dataclass(frozen=True)
class Format:
    target: str  # "module:function"
    human: bool = False
    needs_path: bool = False

    def load(self) -> Any:
        module, _, attr = self.target.partition(":")
        return getattr(importlib.import_module(module), attr)


R = TypeVar("R", covariant=True)


class Registry(Mapping[str, Format], Generic[R]):
    """The formats of one family by name, in the order ``--help`` lists them."""

    def __init__(self, family: str, formats: dict[str, Format]) -> None:
        self.family = family
        self._formats = dict(formats)

    def __getitem__(self, name: str) -> Format:
        return self._formats[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._formats)

    def __len__(self) -> int:
        return len(self._formats)

    def load(self, name: str) -> R:
        """The function rendering format ``name``."""
        return cast(R, self._formats[name].load())

    def human(self, name: str) -> bool:
        return self._formats[name].human

    def __repr__(self) -> str:
        return f"Registry({self.family!r}, {list(self._formats)})"


# The families' signatures ------------------------------------------------------------
class FindingsReporter(Protocol):
    def __call__(self, findings: list[Finding], files_checked: int, stream: TextIO) -> None: ...


class ClaimsReporter(Protocol):  # list
    def __call__(
        self, claims: list[Claim], stream: TextIO, config: Config | None = None
    ) -> None: ...


class ClaimReporter(Protocol):  # show
    def __call__(self, claim: Claim, stream: TextIO, config: Config | None = None) -> None: ...


class ReportReporter(Protocol):
    def __call__(
        self,
        claims: list[Claim],
        stream: TextIO,
        config: Config | None = None,
        articles: dict[str, Article] | None = None,
    ) -> None: ...


def report_reporter(
    render: Callable[[list[Claim], TextIO, Config, dict[str, Article]], None],
) -> ReportReporter:
    """A report renderer with the family's signature: the configuration and the
    articles default here, once, for every format of both views."""

    @functools.wraps(render)
    def report(
        claims: list[Claim],
        stream: TextIO,
        config: Config | None = None,
        articles: dict[str, Article] | None = None,
    ) -> None:
        from fcheck.config import Config

        render(claims, stream, config or Config(), articles or {})

    return report


class RulesReporter(Protocol):
    def __call__(self, stream: TextIO) -> None: ...


class CandidatesReporter(Protocol):
    def __call__(self, result: Candidates, stream: TextIO, uncovered: bool = False) -> None: ...


class HistoryReporter(Protocol):
    def __call__(self, history: History, stream: TextIO, config: Config | None = None) -> None: ...


class StatsReporter(Protocol):
    def __call__(self, stats: Stats, stream: TextIO, config: Config | None = None) -> None: ...


class LinksReporter(Protocol):
    def __call__(
        self, findings: list[Finding], summary: dict[str, Any], stream: TextIO
    ) -> None: ...


class StatusReporter(Protocol):
    def __call__(
        self, rows: list[ArticleStatus], stream: TextIO, config: Config | None = None
    ) -> None: ...


class Exporter(Protocol):
    """A pure exporter: the text of the export (``needs_path=False``), or, for a
    format that writes a file itself (``needs_path=True``), it builds that file at the
    path it is given (a temporary file the CLI then moves into place)."""

    def __call__(
        self,
        claims: list[Claim],
        articles: dict[str, Article],
        config: Config,
        path: Path | None = None,
    ) -> str | None: ...


# The registry ------------------------------------------------------------------------
def _f(target: str, human: bool = False, needs_path: bool = False) -> Format:
    return Format(target, human=human, needs_path=needs_path)


_R = "fcheck.reporters."


def _text_json(command: str) -> Registry[Any]:
    """A command's text (for people) and JSON formats, rendered by ``<command>_text``
    and ``<command>_json`` of ``fcheck.reporters.<command>``."""
    module = _R + command
    return Registry(
        command,
        {
            "text": _f(f"{module}:{command}_text", human=True),
            "json": _f(f"{module}:{command}_json"),
        },
    )


FINDINGS_FORMATS: Registry[FindingsReporter] = Registry(
    "validate",
    {
        "text": _f(_R + "findings:report_text", human=True),
        "json": _f(_R + "findings:report_json"),
        "github": _f(_R + "findings:report_github"),
    },
)
LIST_FORMATS: Registry[ClaimsReporter] = Registry(
    "list",
    {
        "table": _f(_R + "claims:list_table", human=True),
        "json": _f(_R + "claims:list_json"),
        "csv": _f(_R + "claims:list_csv"),
        "yaml": _f(_R + "claims:list_yaml"),
        "ids": _f(_R + "claims:list_ids"),
    },
)
SHOW_FORMATS: Registry[ClaimReporter] = Registry(
    "show",
    {
        "text": _f(_R + "claims:show_text", human=True),
        "json": _f(_R + "claims:show_json"),
        "yaml": _f(_R + "claims:show_yaml"),
    },
)
# The reader's view of `fcheck report` (the default): the fact-check as published.
READER_FORMATS: Registry[ReportReporter] = Registry(
    "report",
    {
        "text": _f(_R + "reader:reader_text", human=True),
        "markdown": _f(_R + "reader:reader_markdown", human=True),
        "html": _f(_R + "reader_html:reader_html", human=True),
        "json": _f(_R + "report:report_json"),
    },
)
# The analyst's view (`fcheck report --view analyst`): counts, then claims by status.
REPORT_FORMATS: Registry[ReportReporter] = Registry(
    "report --view analyst",
    {
        "text": _f(_R + "report:report_text", human=True),
        "markdown": _f(_R + "report:report_markdown", human=True),
        "html": _f(_R + "html:report_html", human=True),
        "json": _f(_R + "report:report_json"),
    },
)
REPORT_VIEWS: dict[str, Registry[ReportReporter]] = {
    "reader": READER_FORMATS,
    "analyst": REPORT_FORMATS,
}
RULES_FORMATS: Registry[RulesReporter] = Registry(
    "rules",
    {
        "text": _f(_R + "rules:rules_text", human=True),
        "markdown": _f(_R + "rules:rules_markdown_table", human=True),
        "json": _f(_R + "rules:rules_json"),
    },
)
CANDIDATES_FORMATS: Registry[CandidatesReporter] = _text_json("candidates")
HISTORY_FORMATS: Registry[HistoryReporter] = _text_json("history")
STATS_FORMATS: Registry[StatsReporter] = _text_json("stats")
LINKS_FORMATS: Registry[LinksReporter] = Registry(
    "links",
    {
        "text": _f(_R + "links:links_text", human=True),
        "json": _f(_R + "links:links_json"),
        "github": _f(_R + "links:links_github"),
    },
)
STATUS_FORMATS: Registry[StatusReporter] = _text_json("status")
_E = "fcheck.export:"
EXPORT_FORMATS: Registry[Exporter] = Registry(
    "export",
    {
        "claimreview": _f(_E + "claimreview_export"),
        "csv": _f(_E + "csv_export"),
        "sqlite": _f(_E + "sqlite_export", needs_path=True),
        "jsonl": _f(_E + "jsonl_export"),
    },
)


def get_reporter(registry: Mapping[str, Format | str], name: str) -> Any:
    """The function of format ``name`` in ``registry``."""
    entry = registry[name]
    return (entry if isinstance(entry, Format) else Format(entry)).load()
