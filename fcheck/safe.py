"""Making untrusted text safe for a terminal.

Claim files come from many hands. Their text must never reach a terminal as
control sequences (ANSI colours, OSC 8 hyperlinks, cursor moves, backspaces) or as
bidirectional overrides that reorder what a reviewer sees, so such characters are
shown as visible escapes. Rich markup is handled separately: reporters pass data
as :class:`rich.text.Text`, which rich never parses as markup.
"""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, C1, and the bidi controls of "Trojan Source".
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_INLINE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def clean(text: str) -> str:
    """Escape control characters, keeping newlines and tabs (for multi-line bodies)."""
    return _UNSAFE.sub(_escape, text)


def clean_inline(text: str) -> str:
    """Escape control characters including newlines and tabs (for one-line fields)."""
    return _UNSAFE_INLINE.sub(_escape, text)
