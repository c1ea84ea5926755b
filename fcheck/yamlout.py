"""Writing YAML: the one writer, for files meant to be edited and for output.

Both load back to exactly the values written (``safe_dump`` quotes whatever YAML would
otherwise read as a number, date, boolean or null); they differ in what they do about
characters a terminal or a CI log would act on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fcheck.safe import has_unsafe, json_safe

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


def _dump(data: Any, unicode: bool, width: int = 100, style: str | None = None) -> str:
    import yaml

    text: str = yaml.safe_dump(
        data, allow_unicode=unicode, sort_keys=False, width=width, default_style=style
    )
    return text


def dump_yaml(data: dict[str, Any], width: int = 100) -> str:
    """A file meant to be edited (``new``, ``add-article``): block-style YAML in the given
    key order, quoting as each value needs, non-ASCII text written as it is unless a
    value holds a character that is only safe escaped."""
    return _dump(data, not any(has_unsafe(s) for s in _strings(data)), width)


def dumps_yaml(data: Any) -> str:
    """Output (``list``/``show --format yaml``) that never holds a raw terminal control
    or a workflow command.

    PyYAML escapes C0 and C1 itself but writes bidi controls raw, and a multi-line
    string may put `::` at the start of a line. For the rare document where either
    happens, every string is written double-quoted on one line, with every
    non-ASCII character escaped: the same data, only less readable.
    """
    text = _dump(data, True)
    if json_safe(text) != text or any(line.lstrip().startswith("::") for line in text.splitlines()):
        text = _dump(data, False, width=2**31, style='"')
    return text
