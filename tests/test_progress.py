"""The progress bar: only on a terminal, only for slow loads."""

from __future__ import annotations

import io

import pytest

import fcheck.reporters.progress as progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_not_a_terminal() -> None:
    with progress.load_progress(True, io.StringIO()) as update:
        assert update is None


def test_no_bar_when_disabled() -> None:
    with progress.load_progress(False, Terminal()) as update:
        assert update is None


def test_no_bar_for_fast_loads() -> None:
    stream = Terminal()
    with progress.load_progress(True, stream) as update:
        assert update is not None
        update(5, 10)
        update(10, 10)
    assert stream.getvalue() == ""


def test_bar_for_slow_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY_SECONDS", 0.0)
    stream = Terminal()
    with progress.load_progress(True, stream) as update:
        assert update is not None
        update(5, 10)
    assert "checking claim files" in stream.getvalue()
