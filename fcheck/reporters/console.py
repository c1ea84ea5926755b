"""The rich console and styles shared by the text reporters."""

from __future__ import annotations

import errno
import os
from typing import TextIO

from rich.console import Console
from rich.text import Text

from fcheck.config import Config
from fcheck.reporters.present import STATUS_LOOKS, EvidenceView
from fcheck.safe import clean, clean_inline

STATUS_STYLES = {name: look.style for name, look in STATUS_LOOKS.items()}


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich's default exits with status 1 itself; the reader going away is the
        # CLI's to handle (quietly, the same way for every format)
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def make_console(stream: TextIO) -> Console:
    # markup and emoji codes are off: every string printed may come from a claim
    # file, and "[bold]" or ":warning:" in data must appear as typed. Rich already
    # honours NO_COLOR and drops colour when the stream is not a terminal.
    # Off a terminal (a pipe, a file, CI logs) rich would assume 80 columns and crop
    # tables; 120 keeps claims readable unless COLUMNS says otherwise.
    width = None
    if not (hasattr(stream, "isatty") and stream.isatty()) and "COLUMNS" not in os.environ:
        width = 120
    return _Console(file=stream, markup=False, emoji=False, highlight=False, width=width)


def data_text(value: object, style: str = "", inline: bool = False) -> Text:
    """Untrusted data as a Text object: never parsed as markup, controls escaped."""
    raw = "" if value is None else str(value)
    return Text(clean_inline(raw) if inline else clean(raw), style=style)


def status_text(status: str) -> Text:
    return data_text(status, STATUS_STYLES.get(status, ""), inline=True)


def rating_text(rating: str | None, config: Config | None = None) -> Text:
    labels = (config or Config()).ratings
    label = labels.get(rating or "")
    style = label.color if label is not None else "dim"
    return data_text(rating or "-", style, inline=True)


def evidence_text(item: EvidenceView, marker: str) -> Text:
    """An evidence item as one line after ``marker``: title — publisher, date, and its
    URL as written."""
    line = Text.assemble(marker, data_text(item.title, inline=True))
    if item.meta:
        line.append_text(data_text(f" — {item.meta}", inline=True))
    if item.raw_url:
        line.append_text(Text.assemble(" ", data_text(item.raw_url, "blue", inline=True)))
    return line
