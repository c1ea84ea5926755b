"""Positioned findings: the one record every check in fcheck produces."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

Position = tuple[int, int]  # 1-based line and column
PathKey = tuple[str | int, ...]  # where a value is in a record: keys and list indexes


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file.

    ``line`` and ``column`` are 1-based and ``None`` where the problem has no
    position (a missing file, say).
    """

    path: str
    line: int | None
    column: int | None
    rule: str
    severity: Severity
    message: str

    @property
    def location(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
        }


def sort_key(f: Finding) -> tuple[str, int, int, str, str]:
    return (f.path, f.line or 0, f.column or 0, f.rule, f.message)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
