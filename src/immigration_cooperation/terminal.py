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
        if not rows:
            # No records to lay out: the column names still say what the answer would hold.
            console.print(Text(f"{title}: " if title else "") + Text("no rows; columns: " + ", ".join(columns)),
                          soft_wrap=True)
            console.print("0 row(s)", style="dim")
            return
        if _fits(console, columns, rows):
            console.print(_grid(columns, rows, title))
        else:
            _print_records(console, columns, rows, title)
        console.print(f"{len(rows)} row(s)", style="dim")


def _text(value: Any) -> Text:
    # Text(...), not str: "[a]ll documents" or a cue such as "compl[yi]" is data, not markup.
    return Text("" if value is None else str(_plain(value)))


def _grid(columns: list[str], rows: list[tuple], title: str | None) -> Table:
    table = Table(title=Text(title) if title else None, show_lines=False)
    for name in columns:
        table.add_column(Text(name), overflow="fold")
    for row in rows:
        table.add_row(*(_text(value) for value in row))
    return table


# Narrower than this, a column folds its values into fragments too short to read.
READABLE_COLUMN = 12


def _fits(console: Console, columns: list[str], rows: list[tuple]) -> bool:
    """Whether a grid shows every column at a readable width in this console: whole, or folded
    no narrower than READABLE_COLUMN (3 characters of border and padding per column)."""
    widest = [max([len(name), *(len(line) for row in rows for line in str(_text(row[index])).splitlines())])
              for index, name in enumerate(columns)]
    borders = 3 * len(columns) + 1
    readable = sum(min(width, READABLE_COLUMN) for width in widest)
    # Rich narrows the widest columns first, so short ones stay whole and no column gets
    # narrower than READABLE_COLUMN while the sum of these minimums fits.
    return sum(widest) + borders <= console.width or readable + borders <= console.width


def _print_records(console: Console, columns: list[str], rows: list[tuple], title: str | None) -> None:
    """One record after another, a line per column: what a grid too wide for the terminal
    becomes (as `psql`'s expanded display), so no value is cut into fragments."""
    if title:
        console.print(Text(title), style="italic")
    # The names take at most a third of the width (folding if longer), the values the rest.
    label_width = min(max(map(len, columns), default=0), max(console.width // 3, 8))
    for number, row in enumerate(rows, start=1):
        console.rule(Text(f"row {number}"), align="left", style="dim")
        record = Table(show_header=False, box=None, padding=(0, 1, 0, 0), pad_edge=False)
        record.add_column(width=label_width, overflow="fold", style="bold")
        record.add_column(overflow="fold")
        for name, value in zip(columns, row):
            record.add_row(Text(name), _text(value))
        console.print(record)
