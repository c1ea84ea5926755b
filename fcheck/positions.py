"""Where each value of a claim file is: kept packed until a finding needs it.

A claim file has some thirty values, and a dictionary of tuples for their positions
takes more memory than the record itself. Positions are only read when a cross-file
rule reports a finding, so each claim keeps them as one ``bytes`` (``marshal``, written
by fcheck itself in this process or its workers) or, when they come from the cache,
as the cache's JSON text; either is decoded on first use.
"""

from __future__ import annotations

import json
import marshal
from collections.abc import Iterator, Mapping
from typing import Any

from fcheck.model import PathKey, Position


class PackedPositions(Mapping[PathKey, Position]):
    __slots__ = ("_map", "_packed")

    def __init__(self, packed: bytes | str) -> None:
        self._packed = packed
        self._map: dict[PathKey, Position] | None = None

    def _load(self) -> dict[PathKey, Position]:
        if self._map is None:
            if isinstance(self._packed, bytes):
                self._map = dict(marshal.loads(self._packed))
            else:
                self._map = _from_json(self._packed)
        return self._map

    def __getitem__(self, key: PathKey) -> Position:
        return self._load()[key]

    def __iter__(self) -> Iterator[PathKey]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    def __reduce__(self) -> tuple[Any, ...]:
        return (PackedPositions, (self._packed,))

    def to_json(self) -> str:
        if isinstance(self._packed, str):
            return self._packed
        return to_json(self._load())


def pack(positions: Mapping[PathKey, Position]) -> PackedPositions:
    if isinstance(positions, PackedPositions):
        return positions
    return PackedPositions(marshal.dumps(tuple(positions.items())))


def to_json(positions: Mapping[PathKey, Position]) -> str:
    if isinstance(positions, PackedPositions):
        return positions.to_json()
    return json.dumps(
        [[*key, line, column] for key, (line, column) in positions.items()],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _from_json(text: str) -> dict[PathKey, Position]:
    """Positions from the cache; anything malformed yields no positions, not an error."""
    built: dict[PathKey, Position] = {}
    try:
        for row in json.loads(text):
            line, column = row[-2], row[-1]
            key = tuple(row[:-2])
            if type(line) is not int or type(column) is not int:
                return {}
            if not all(type(part) in (str, int) for part in key):
                return {}
            built[key] = (line, column)
    except (ValueError, TypeError, IndexError):
        return {}
    return built
