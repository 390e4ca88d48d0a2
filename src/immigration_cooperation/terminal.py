"""Writing answers to the terminal: a readable table, or CSV and JSON in the package's spellings."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


def _plain(value: Any) -> Any:
    """A value as the package's own CSV files spell it: ISO dates, `true`/`false`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return value


def emit(console: Console, columns: list[str], rows: list[tuple], output: str, title: str | None = None) -> None:
    if output == "json":
        # JSON has its own true/false; only dates need spelling out.
        records = [{name: value.isoformat() if isinstance(value, date) else value
                    for name, value in zip(columns, row)} for row in rows]
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    elif output == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if value is None else _plain(value) for value in row] for row in rows])
    else:
        # Text(...), not str: "[a]ll documents" or a cue such as "compl[yi]" is data, not markup.
        table = Table(title=Text(title) if title else None, show_lines=False)
        for name in columns:
            table.add_column(Text(name), overflow="fold")
        for row in rows:
            table.add_row(*(Text("" if value is None else str(_plain(value))) for value in row))
        console.print(table)
        console.print(f"{len(rows)} row(s)", style="dim")
