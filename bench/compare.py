"""Put two bench/run.py tables side by side: before and after a change.

    python bench/compare.py BEFORE.txt AFTER.txt

Both are the outputs of ``bench/run.py`` on the same machine (ideally one right after
the other). Prints one Markdown table with both ratios, the target, and whether the
"after" ratio meets it; a row only one run has shows "—" for the other.
"""

from __future__ import annotations

import sys
from pathlib import Path

Row = tuple[str, str, str, str]  # measurement, ratio, target, met


def rows(text: str) -> list[Row | str]:
    """The table rows of a bench output, section headings as plain strings."""
    out: list[Row | str] = []
    for line in text.splitlines():
        if not line.startswith("| ") or line.startswith(("| Measurement", "| ---")):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0].startswith("**"):
            out.append(cells[0])
        elif len(cells) >= 4:
            out.append((cells[0], cells[1], cells[2], cells[3]))
    return out


def compare(before: str, after: str) -> str:
    old = {row[0]: row for row in rows(before) if isinstance(row, tuple)}
    lines = [
        "| Measurement | Before | After | Target | Met (after) |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    seen: set[str] = set()
    for row in rows(after):
        if isinstance(row, str):
            lines.append(f"| {row} | | | | |")
            continue
        name, ratio, target, met = row
        seen.add(name)
        was = old[name][1] if name in old else "—"
        lines.append(f"| {name} | {was} | {ratio} | {target} | {met} |")
    for name, row in old.items():
        if name not in seen:
            lines.append(f"| {name} | {row[1]} | — | {row[2]} | |")
    return "\n".join(lines)


def main() -> None:
    before, after = (Path(arg).read_text(encoding="utf-8") for arg in sys.argv[1:3])
    print(compare(before, after))


if __name__ == "__main__":
    main()
