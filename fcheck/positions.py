"""Where each value of a loaded claim is: found again in its file when asked.

Positions are only read when a cross-file rule (a duplicate id, a quote not in the
article, a near-duplicate) or an exporter's check reports a finding, which is rare. So
a claim keeps none: the first lookup parses its file again, with positions. Keeping
them for every claim would cost more memory than the records themselves and a third
of the parsing time.

If the file has changed or vanished since it was loaded, the positions are those of
the file as it is now (or none), which is what the user is looking at.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from fcheck.findings import PathKey, Position


class FilePositions(Mapping[PathKey, Position]):
    """The positions of the values of one claim file, parsed on first use."""

    __slots__ = ("_map", "_path")

    def __init__(self, path: str) -> None:
        self._path = path
        self._map: dict[PathKey, Position] | None = None

    def _load(self) -> dict[PathKey, Position]:
        if self._map is None:
            self._map = _locate(self._path)
        return self._map

    def __getitem__(self, key: PathKey) -> Position:
        return self._load()[key]

    def __iter__(self) -> Iterator[PathKey]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent to and from worker processes as the path alone.
        return (FilePositions, (self._path,))


def _locate(path: str) -> dict[PathKey, Position]:

    from fcheck.loader import read_yaml

    parsed = read_yaml(path, path)
    return dict(parsed.positions) if parsed.ok else {}
