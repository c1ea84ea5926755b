"""Making untrusted text safe for a terminal, a CI log and a JSON or YAML reader.

Claim files come from many hands. Their text must never reach a terminal as
control sequences (ANSI colours, OSC 8 hyperlinks, cursor moves, backspaces) or as
bidirectional overrides that reorder what a reviewer sees, so such characters are
shown as visible escapes. Rich markup is handled separately: reporters pass data
as :class:`rich.text.Text`, which rich never parses as markup.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Bidi controls of "Trojan Source" (and the Arabic letter mark), line and paragraph
# separators; terminals and editors act on them although they are not C0/C1. Then
# characters that show nothing and so can hide text or make two different strings
# look alike: the zero-width space, word joiner and invisible operators, the
# zero-width no-break space (BOM), the soft hyphen, the Mongolian vowel separator,
# Unicode tag characters (an invisible copy of ASCII) and the Hangul and Braille
# fillers. The zero-width joiner and non-joiner are kept: Persian, the Indic scripts
# and emoji need them, and they only change how neighbouring characters join.
_INVISIBLE = (
    "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\u00ad\u180e\u200b\u2060-\u2064\ufeff\U000e0000-\U000e007f"
    "\u115f\u1160\u3164\uffa0\u2800"
)
# C0 except tab and newline, DEL, C1, and the above.
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
_UNSAFE_INLINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
# What json.dumps(ensure_ascii=False) leaves raw although a terminal acts on it; it
# escapes C0 itself, and these characters can only occur inside JSON strings.
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_INVISIBLE}]")
# GitHub Actions runs a log line as a workflow command (`::error::`, `::add-mask::`,
# `::stop-commands::`) when it starts with `::` after leading white space. Rich may
# wrap or fold data anywhere, so no `::` may be left in it at all: the second colon
# is shown as an escape.
_WORKFLOW_COMMAND = re.compile("::")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _defuse(text: str) -> str:
    return _WORKFLOW_COMMAND.sub(r":\\x3a", text)


def escape_controls(text: str) -> str:
    """Escape control characters, keeping newlines and tabs, and nothing else.

    For formats with their own escaping (HTML, Markdown, CSV); terminal output
    uses :func:`clean`, which also defuses workflow commands.
    """
    return _UNSAFE.sub(_escape, text)


def clean(text: str) -> str:
    """Escape control characters, keeping newlines and tabs (for multi-line bodies)."""
    return _defuse(_UNSAFE.sub(_escape, text))


def clean_inline(text: str) -> str:
    """Escape control characters including newlines and tabs (for one-line fields)."""
    return _defuse(_UNSAFE_INLINE.sub(_escape, text))


def escape_controls_inline(text: str) -> str:
    """:func:`clean_inline` without defusing ``::``, for formats that escape ``:``
    themselves (the properties of a GitHub workflow command)."""
    return _UNSAFE_INLINE.sub(_escape, text)


def http_url(value: object) -> str | None:
    """``value`` as text if it is an http(s) URL, else None: outputs turn URLs into
    links, and data must not bring ``javascript:``, ``data:`` or ``file:`` ones."""
    text = "" if value is None else str(value)
    return text if text.lower().startswith(("http://", "https://")) else None


def has_unsafe(text: str) -> bool:
    """Whether text holds a character that :func:`clean` would escape."""
    return _UNSAFE.search(text) is not None


def dumps_json(data: Any, indent: int | None = 2, compact: bool = False) -> str:
    """JSON with non-ASCII text kept readable but terminal controls as ``\\uXXXX``.

    The escapes are part of JSON, so a program reads exactly the same data; they also
    keep NEL and the Unicode line separators from splitting a JSON Lines record.
    """
    separators = (",", ":") if compact else None
    text = json.dumps(data, indent=indent, ensure_ascii=False, separators=separators)
    return json_safe(text)


def json_safe(text: str) -> str:
    """Escape, in JSON text, what a terminal acts on although JSON allows it raw."""
    return _UNSAFE_IN_JSON.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)  # JSON spells the others as a UTF-16 pair
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def script_safe_json(text: str) -> str:
    """JSON text that can sit inside an HTML ``<script>`` element as it is.

    ``<``, ``>`` and ``&`` only occur inside JSON strings, where ``\\u`` escapes mean
    the same, so no data can close the element or open a comment in it.
    """
    for char in "<>&":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text
