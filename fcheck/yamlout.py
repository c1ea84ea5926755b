"""Writing YAML that loads back to exactly the values written."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fcheck.safe import has_unsafe

# YAML reads NEL, U+2028 and U+2029 as line breaks even inside quotes, and PyYAML writes
# them, C1 and the bidi controls raw when allowed Unicode; a value holding any of them
# (has_unsafe) is only safe, and only shown as it is, with every non-ASCII character
# escaped. (C0 controls PyYAML always escapes.)


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

    unicode_ok = not any(has_unsafe(s) for s in _strings(data))
    text: str = yaml.safe_dump(data, allow_unicode=unicode_ok, sort_keys=False, width=width)
    return text
