"""The result of `cooperation diff` as JSON, as rows of a terminal table and as release notes.

Everything is ordered the same way: schema changes, then per jurisdiction (those whose positions
of record changed first, then the rest, each by id) the cells and the rows, then what concerns the
package as a whole. Resources keep the order of the newer descriptor.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # diff.py imports this module; the types are only for annotations
    from .diff import CellChange, DataDiff, RowChange, SchemaChange, SideSummary
    from .diff_sides import Position

CHANGE_ORDER = ("added", "removed", "changed")
TABLE_COLUMNS = ["scope", "table", "id", "change", "detail"]
NO_CHANGES = "No changes to the data."
PACKAGE = "package"


def describe_side(side: SideSummary) -> str:
    facts = [f"version {side.version}" if side.version else "no version"]
    if side.commit:
        facts.append(f"commit {side.commit[:12]}")
    return f"{side.label} ({', '.join(facts)})"


def ordered_jurisdictions(diff: DataDiff) -> list[str]:
    with_cells = sorted({cell.jurisdiction_id for cell in diff.cells})
    return with_cells + [j for j in diff.jurisdiction_ids if j not in with_cells]


def _resource_rank(diff: DataDiff, row: RowChange) -> tuple:
    return diff.resources.index(row.resource), CHANGE_ORDER.index(row.change), row.key


# ----- JSON -----

def to_json(diff: DataDiff) -> str:
    """Keys in a fixed order, dates as ISO strings, booleans as true/false."""
    document = {
        "old": _side_json(diff.old),
        "new": _side_json(diff.new),
        "has_changes": not diff.is_empty,
        "schema_changes": [{"resource": c.resource, "change": c.change, "detail": c.detail}
                           for c in diff.schema_changes],
        "cells": {"compared": diff.cells_note is None, "note": diff.cells_note,
                  "changes": [_cell_json(cell) for cell in diff.cells]},
        "resources": [_resource_json(diff, name) for name in diff.resources],
        "jurisdictions": [{"jurisdiction_id": j, "cells": [_cell_json(c) for c in diff.cells_of(j)],
                           "rows": [_row_json(r) for r in sorted(diff.rows_of(j), key=lambda r: _resource_rank(diff, r))]}
                          for j in ordered_jurisdictions(diff)],
        "package": {"rows": [_row_json(r) for r in diff.rows_of(None)]},
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _side_json(side: SideSummary) -> dict:
    return {"label": side.label, "kind": side.kind, "version": side.version, "created": side.created,
            "commit": side.commit, "cells_view": side.cells_view}


def _position_json(position: Position | None) -> dict | None:
    if position is None:
        return None
    return {"position": position.position, "level": position.level,
            "since": position.since.isoformat() if position.since else None,
            "provision_id": position.provision_id}


def _cell_json(cell: CellChange) -> dict:
    return {"jurisdiction_id": cell.jurisdiction_id, "dimension": cell.dimension, "change": cell.change,
            "from": _position_json(cell.before), "to": _position_json(cell.after)}


def _row_json(row: RowChange) -> dict:
    return {"resource": row.resource, "id": row.key, "change": row.change, "columns": list(row.columns),
            "jurisdictions": list(row.jurisdictions)}


def _resource_json(diff: DataDiff, name: str) -> dict:
    rows = [row for row in diff.rows if row.resource == name]
    return {"resource": name,
            "added": [row.key for row in rows if row.change == "added"],
            "removed": [row.key for row in rows if row.change == "removed"],
            "changed": [{"id": row.key, "columns": list(row.columns)} for row in rows if row.change == "changed"]}


# ----- terminal table -----

def to_table_rows(diff: DataDiff) -> tuple[list[str], list[list[str]]]:
    """Columns and rows for a terminal table; a row concerning two jurisdictions appears under each."""
    rows = [["schema", c.resource, c.detail, c.change, ""] if c.change.startswith("column ")
            else ["schema", c.resource, "", c.change, c.detail] for c in diff.schema_changes]
    if diff.cells_note:
        rows.append(["note", "positions of record", "", "not compared", diff.cells_note])
    for jurisdiction in ordered_jurisdictions(diff):
        rows += [[jurisdiction, "position of record", c.dimension, c.change.replace("_", " "), cell_text(c, "")]
                 for c in diff.cells_of(jurisdiction)]
        rows += [[jurisdiction, r.resource, r.key, r.change, ", ".join(r.columns)]
                 for r in sorted(diff.rows_of(jurisdiction), key=lambda r: _resource_rank(diff, r))]
    rows += [[PACKAGE, r.resource, r.key, r.change, ", ".join(r.columns)] for r in diff.rows_of(None)]
    return list(TABLE_COLUMNS), rows


def position_text(position: Position, mark: str = "`") -> str:
    level = f" (level {position.level})" if position.level is not None else ""
    return f"{mark}{position.position}{mark}{level}"


def cell_text(cell: CellChange, mark: str = "`") -> str:
    """The change in words; `mark` quotes ids as code in Markdown, nothing in a terminal."""
    if cell.change == "addressed":
        text = f"newly addressed: {position_text(cell.after, mark)}"
    elif cell.change == "no_longer_addressed":
        text = f"no longer addressed (was {position_text(cell.before, mark)})"
    else:
        text = f"{position_text(cell.before, mark)} → {position_text(cell.after, mark)}"
    record = cell.after or cell.before
    return text + (f", provision {mark}{record.provision_id}{mark}" if record.provision_id else "")


# ----- Markdown release notes -----

def to_markdown(diff: DataDiff, heading_level: int = 2) -> str:
    if diff.is_empty:
        return NO_CHANGES + "\n"
    heading = "#" * heading_level
    blocks = []
    if diff.schema_changes:
        blocks.append(f"{heading} Schema\n\n" + "\n".join(_schema_line(c) for c in diff.schema_changes))
    if diff.cells_note:
        blocks.append(f"Positions of record were not compared: {diff.cells_note}.")
    for jurisdiction in ordered_jurisdictions(diff):
        lines = [f"- `{cell.dimension}`: {cell_text(cell)}" for cell in diff.cells_of(jurisdiction)]
        body = ("Positions of record:\n\n" + "\n".join(lines) + "\n\n") if lines else ""
        body += _rows_markdown(diff, diff.rows_of(jurisdiction))
        blocks.append(f"{heading} {jurisdiction}\n\n{body.rstrip()}")
    package_rows = diff.rows_of(None)
    if package_rows:
        blocks.append(f"{heading} Package as a whole\n\n{_rows_markdown(diff, package_rows).rstrip()}")
    return "\n\n".join(blocks) + "\n"


def _schema_line(change: SchemaChange) -> str:
    if change.change.startswith("column "):      # "column added" -> "column `x` added"
        return f"- `{change.resource}`: column `{change.detail}` {change.change.split(' ', 1)[1]}"
    if change.change.startswith("resource "):
        return f"- `{change.resource}`: {change.change} ({change.detail})"
    return f"- `{change.resource}`: {change.change}" + (f": {change.detail}" if change.detail else "")


def _rows_markdown(diff: DataDiff, rows: list[RowChange]) -> str:
    """One line per resource: how many rows were added, removed and changed, and which."""
    lines = []
    for name in diff.resources:
        parts = []
        for change in CHANGE_ORDER:
            picked = [row for row in rows if row.resource == name and row.change == change]
            if picked:
                ids = "; ".join(f"`{row.key}`" + (f" ({', '.join(row.columns)})" if row.columns else "")
                                for row in picked)
                parts.append(f"{len(picked)} {change}: {ids}")
        if parts:
            lines.append(f"- {name}: " + "; ".join(parts))
    return "\n".join(lines) + ("\n" if lines else "")
