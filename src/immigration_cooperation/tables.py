"""Table rows to CSV bytes, in the package's one fixed format.

UTF-8 without a byte-order mark, LF line ends, header row in schema order, rows sorted by primary
key, blank for null, `true`/`false` for booleans, ISO dates. Reading back is validation.py's job.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from .schema import Resource


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def sort_key(resource: Resource):
    def key(row: dict[str, Any]) -> tuple[str, ...]:
        return tuple(_text(row[name]) for name in resource.primary_key)
    return key


def csv_bytes(resource: Resource, rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(resource.field_names)
    for row in sorted(rows, key=sort_key(resource)):
        unexpected = set(row) - set(resource.field_names)
        if unexpected:
            raise ValueError(f"{resource.name}: row has fields not in the schema: {sorted(unexpected)}")
        writer.writerow([_text(row.get(name)) for name in resource.field_names])
    return buffer.getvalue().encode("utf-8")
