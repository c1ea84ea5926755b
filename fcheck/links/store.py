"""Link results remembered between runs: one JSON file in fcheck's cache folder.

An entry is reused while it is younger than ``[links] max_age`` seconds (an hour by
default), so running ``fcheck links`` twice in a row asks no server twice. The file
is JSON, checked entry by entry on reading (anything unexpected is ignored), and
written atomically; two concurrent runs can only lose each other's entries.
"""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path
from typing import Any

from fcheck.atomic import WriteError, write_atomic
from fcheck.links.probe import Outcome

FORMAT = 1
FILE_NAME = "links.json"


class LinkStore:
    def __init__(self, folder: Path | None, max_age: float, now: float | None = None) -> None:
        self._path = None if folder is None else folder / FILE_NAME
        self._max_age = max_age
        self._now = time.time() if now is None else now
        self._entries: dict[str, Any] = self._read()
        self._changed = False

    def _read(self) -> dict[str, Any]:
        if self._path is None:
            return {}
        try:
            content = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            return {}
        if not isinstance(content, dict) or content.get("format") != FORMAT:
            return {}
        entries = content.get("entries")
        return entries if isinstance(entries, dict) else {}

    def get(self, url: str) -> tuple[Outcome, float] | None:
        """A fresh cached outcome of ``url`` and its age in seconds, if there is one."""
        entry = self._entries.get(url)
        if not isinstance(entry, dict):
            return None
        checked = entry.get("checked")
        if not isinstance(checked, (int, float)) or isinstance(checked, bool):
            return None
        age = self._now - checked
        if age < 0 or age >= self._max_age:
            return None
        outcome = Outcome.from_dict(entry.get("outcome"))
        if outcome is None or outcome.url != url:
            return None
        return outcome, age

    def put(self, outcome: Outcome) -> None:
        self._entries[outcome.url] = {"checked": self._now, "outcome": outcome.to_dict()}
        self._changed = True

    def save(self) -> None:
        """Write the store, dropping expired entries; a cache that cannot be written
        is not an error (the next run asks again)."""
        if self._path is None or not self._changed:
            return
        keep = {
            url: entry
            for url, entry in self._entries.items()
            if isinstance(entry, dict)
            and isinstance(entry.get("checked"), (int, float))
            and 0 <= self._now - entry["checked"] < max(self._max_age, 1)
        }
        payload = json.dumps({"format": FORMAT, "entries": keep}, ensure_ascii=True)
        with contextlib.suppress(OSError, WriteError):
            self._path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self._path, payload, overwrite=True)
