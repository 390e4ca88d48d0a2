"""Table rows to CSV bytes and back, in the package's one fixed format.

UTF-8 without a byte-order mark, LF line ends, header row in schema order, rows sorted by primary
key, blank for null, `true`/`false` for booleans, ISO dates.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pandas as pd

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


def read_frame(resource: Resource, data: bytes) -> pd.DataFrame:
    """A CSV as a DataFrame typed from the schema: Int64, nullable boolean, strings (dates stay ISO text)."""
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    for field in resource.fields:
        if field.name not in frame.columns:
            continue
        column = frame[field.name].replace("", None)
        if field.type == "integer":
            frame[field.name] = pd.to_numeric(column, errors="coerce").astype("Int64")
        elif field.type == "boolean":
            frame[field.name] = column.map({"true": True, "false": False}, na_action="ignore").astype("boolean")
        else:
            frame[field.name] = column.astype(object).where(column.notna(), None)
    return frame
