"""Where a quote sits in the original article text.

The validator matches quotes against the whitespace-normalized text
(:func:`fcheck.textmatch.normalize_space`); reports need the span in the text as
written, so the normalized offsets are mapped back here.
"""

from __future__ import annotations

from dataclasses import dataclass

from fcheck.textmatch import normalize_space


@dataclass(frozen=True)
class NormalizedText:
    """The normalized text and, for each of its characters, the original offset."""

    text: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, original: str) -> NormalizedText:
        chars: list[str] = []
        origin: list[int] = []
        pending_space: int | None = None
        for i, char in enumerate(original):
            # str.isspace() is the definition str.split() (and so normalize_space) uses.
            if char.isspace():
                if pending_space is None and chars:
                    pending_space = i
                continue
            if pending_space is not None:
                chars.append(" ")
                origin.append(pending_space)
                pending_space = None
            chars.append(char)
            origin.append(i)
        return cls("".join(chars), tuple(origin))

    def locate(self, quote: str) -> tuple[int, int] | None:
        """The ``[start, end)`` span of the first occurrence of ``quote`` in the original."""
        wanted = normalize_space(quote)
        if not wanted:
            return None
        at = self.text.find(wanted)
        if at < 0:
            return None
        return self.origin[at], self.origin[at + len(wanted) - 1] + 1
