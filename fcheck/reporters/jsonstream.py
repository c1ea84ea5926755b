"""JSON written claim by claim, byte for byte what ``fcheck.safe.dumps_json`` writes.

``list --format json`` and ``report --format json`` write each claim as it comes
instead of first building one list of every claim's dictionary; and this writer,
which leaves scalars to the json module's C string encoder, is several times faster
than the pure-Python encoder that ``json`` falls back to whenever ``indent`` is set.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from json.encoder import encode_basestring
from typing import Any, TextIO

from fcheck.safe import json_safe


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        # as fcheck.safe.dumps_json: terminal controls JSON allows raw become \\u escapes
        return json_safe(str(encode_basestring(value)))
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float) and math.isfinite(value):
        return float.__repr__(value)
    return json_safe(json.dumps(value, ensure_ascii=False))  # NaN, Infinity, the unusual


def _encode(value: Any, indent: str, out: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = indent + "  "
        lead = "{\n" + inner
        for key, item in value.items():
            out.append(lead)
            out.append(_scalar(key if isinstance(key, str) else json.dumps(key)))
            out.append(": ")
            _encode(item, inner, out)
            lead = ",\n" + inner
        out.append("\n" + indent + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        lead = "[\n" + inner
        for item in value:
            out.append(lead)
            _encode(item, inner, out)
            lead = ",\n" + inner
        out.append("\n" + indent + "]")
    else:
        out.append(_scalar(value))


def dumps(value: Any, indent: str = "") -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)`` for plain data."""
    out: list[str] = []
    _encode(value, indent, out)
    return "".join(out)


def write_array(items: Iterable[Any], stream: TextIO, indent: str = "") -> None:
    """Write a JSON array of ``items`` one item at a time, as ``json.dump`` would."""
    inner = indent + "  "
    lead = "[\n" + inner
    for item in items:
        stream.write(lead)
        stream.write(dumps(item, inner))
        lead = ",\n" + inner
    stream.write("[]" if lead.startswith("[") else "\n" + indent + "]")
