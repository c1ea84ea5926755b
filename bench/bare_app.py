"""The start-up baseline: a bare Typer + rich app that loads claim files and prints a table.

It does what ``fcheck list`` minimally must (parse every claim with PyYAML's C loader,
print id, status, rating, source and claim in a rich table) and nothing more: no
validation, positions, configuration or error handling.
"""

from __future__ import annotations

from pathlib import Path

import typer
import yaml
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False)


@app.command()
def main(claims: Path) -> None:
    table = Table("ID", "Status", "Rating", "Source", "Claim")
    for path in sorted(claims.glob("*/*.yaml")):
        if path.name == "article.yaml":
            continue
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        table.add_row(
            data["id"], data["status"], data.get("rating"), data["source"]["name"], data["claim"]
        )
    Console().print(table)


if __name__ == "__main__":
    app()
