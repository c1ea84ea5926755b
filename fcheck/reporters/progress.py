"""A progress bar for long loads: on a terminal's stderr only, and only after a second."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

# Loads shorter than this finish before a bar would be worth drawing.
DELAY_SECONDS = 1.0


@contextmanager
def load_progress(
    enabled: bool = True, stream: TextIO | None = None, label: str = "checking claim files"
) -> Iterator[Callable[[int, int], None] | None]:
    """Yield a ``progress(done, total)`` callback, or None where no bar may be shown.

    The bar appears only when ``stream`` (stderr) is a terminal and the work has
    taken more than :data:`DELAY_SECONDS`, so scripts, pipes and JSON output never
    see it.
    """
    stream = stream if stream is not None else sys.stderr
    if not enabled or not stream.isatty():
        yield None
        return
    started = time.monotonic()
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        bar = state.get("bar")
        if bar is None:
            if done >= total or time.monotonic() - started < DELAY_SECONDS:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            bar = Progress(
                TextColumn(label),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(file=stream),
                transient=True,
            )
            bar.start()
            state["bar"] = bar
            state["task"] = bar.add_task("check", total=total)
        bar.update(state["task"], completed=done, total=total)

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].stop()
