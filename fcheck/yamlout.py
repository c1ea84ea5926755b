"""Writing YAML that loads back to exactly the values written."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# YAML reads these as line breaks even inside quotes, so a value holding one is only
# safe with every non-ASCII character escaped.
_BREAKS = ("\x85", "\u2028", "\u2029")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def dump_yaml(data: dict[str, Any], width: int = 100) -> str:
    """Block-style YAML in the given key order; quoting as each value needs.

    ``safe_dump`` quotes whatever YAML would otherwise read as a number, date,
    boolean or null, so every string loads back as the string it was.
    """
    import yaml

    unicode_ok = not any(b in s for s in _strings(data) for b in _BREAKS)
    text: str = yaml.safe_dump(data, allow_unicode=unicode_ok, sort_keys=False, width=width)
    return text
