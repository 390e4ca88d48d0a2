"""The Excel workbook of a release: the same tables as data/*.csv, for people who open data in a
spreadsheet first.

One sheet per table, typed as in the SQL views (dates as dates, counts as numbers, flags as
TRUE/FALSE, a blank as an empty cell, never zero), after a first sheet that says what the package
is, how to read it, its licences, and every column with its meaning and allowed values. Written
with openpyxl, then re-zipped with fixed entry times so the same package gives the same bytes.
"""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

from . import codebook, release
from .schema import RESOURCES, Resource

WORKBOOK = "immigration_cooperation.xlsx"
ABOUT_SHEET = "About"
COLUMNS_SHEET = "Columns"
# Wider columns are cut off on screen; the full text is in the cell.
MAX_COLUMN_WIDTH = 60
_ENTRY_TIME = tuple(int(part) for part in release.RELEASED_ON.split("-")) + (0, 0, 0)


def header(name: str) -> str:
    """A column's header as a reader sees it: `observed_on_latest` -> `Observed on latest`.
    Lower-cased with underscores for spaces, it is the column's name in the CSV and SQL again."""
    words = name.replace("_", " ")
    return words[:1].upper() + words[1:]


def _table_rows(connection, resource: Resource) -> list[tuple]:
    columns = ", ".join(field.name for field in resource.fields)
    return connection.execute(f"SELECT {columns} FROM {resource.name}").fetchall()


# Excel holds at most this many characters in a cell, and none of these control characters.
MAX_CELL_CHARACTERS = 32767
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class WorkbookError(ValueError):
    """A value the workbook cannot hold as it is; the message names table, row and column."""


def unholdable(value) -> str | None:
    """Why Excel cannot hold `value` unchanged, or None."""
    if not isinstance(value, str):
        return None
    if len(value) > MAX_CELL_CHARACTERS:
        return f"{len(value):,} characters, more than the {MAX_CELL_CHARACTERS:,} an Excel cell holds"
    illegal = _ILLEGAL.search(value)
    if illegal:
        return (f"control character U+{ord(illegal.group()):04X} at character {illegal.start()}, "
                "which an Excel cell cannot hold")
    return None


def _check_holdable(resource: Resource, rows: list[tuple]) -> None:
    # Refused rather than altered: the workbook claims to hold the same data as the CSVs.
    for number, row in enumerate(rows, start=2):  # row 1 is the header, as in the CSV
        for field, value in zip(resource.fields, row):
            reason = unholdable(value)
            if reason:
                raise WorkbookError(f"data/{resource.name}.csv row {number}, column {field.name}: {reason}; "
                                    "the workbook would not hold the same text as the CSV. Change the "
                                    "value in its worksheet (or the article) and rebuild.")


def _text_cell(sheet, value):
    """A cell holding `value` as text whatever it starts with: openpyxl would take "=…" for a
    formula, and a spreadsheet would run it."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _cells(sheet, row: tuple) -> list:
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in row:
        if isinstance(value, date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = "yyyy-mm-dd"
        else:
            cell = _text_cell(sheet, value)
        cells.append(cell)
    return cells


def _bold(sheet, values: list) -> list:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _widths(sheet, rows: list[list], minimum: int = 8) -> None:
    from openpyxl.utils import get_column_letter

    for index in range(max((len(row) for row in rows), default=0)):
        longest = max((len(str(row[index])) for row in rows if index < len(row) and row[index] is not None),
                      default=minimum)
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(longest + 2, minimum),
                                                                         MAX_COLUMN_WIDTH)


def about_rows(package_dir: Path, counts: dict[str, int]) -> list[list]:
    descriptor = json.loads((Path(package_dir) / "datapackage.json").read_text(encoding="utf-8"))
    licences = "; ".join(f"{licence['title']} ({licence['name']}, {licence['path']})"
                         for licence in descriptor.get("licenses", []))
    rows: list[list] = [
        [descriptor["title"]],
        [],
        ["Version", f"{descriptor['version']} ({release.RELEASED_ON})"],
        ["What it is", descriptor["description"]],
        ["How to read it", "A blank cell is no data, never zero. A jurisdiction and dimension with no "
                           "row in the provisions sheet is not addressed by any source. Dates are bounds: a "
                           "date and its '… latest' column give the earliest and latest day the "
                           "text allows; equal bounds are an exact day."],
        ["Positions", f"Each position has a level from 0 to {len(codebook.LEVEL_MEANINGS) - 1} (see the codebook sheet): "
                      + "; ".join(f"{level} = {meaning}" for level, meaning in enumerate(codebook.LEVEL_MEANINGS))
                      + ". Levels order positions within a dimension; they are not a score."],
        ["Evidence", "Every provision rests on quotes (sheet evidence): each quote is the source "
                     "file's text between quote start and quote end (character offsets into the "
                     "article in seeds/)."],
        ["Licence of the data", licences],
        ["The articles", "The articles in seeds/ and the passages quoted from them (the Quote "
                         "columns) remain the copyright of their publishers; they are included "
                         "only so that every coded value can be checked. See LICENSE-SEEDS.md."],
        ["Same data as", "data/*.csv (UTF-8), sql/views.sql, immigration_cooperation.duckdb and "
                         "parquet/ in this release. Each sheet is named as its table; headers are "
                         "the CSV column names with spaces for underscores (sheet Columns)."],
        [],
        ["Sheet", "Rows", "What it holds"],
    ]
    rows += [[resource.name, counts[resource.name], f"{resource.title}: {resource.description}"]
             for resource in RESOURCES]
    return rows


def column_rows() -> list[list]:
    rows: list[list] = [["Sheet", "Header", "Column in CSV and SQL", "Type", "Required", "Allowed values",
                         "Meaning"]]
    for resource in RESOURCES:
        for field in resource.fields:
            allowed = ", ".join(field.allowed_values) if field.allowed_values else ""
            rows.append([resource.name, header(field.name), field.name, field.type,
                         "yes" if field.required else "no", allowed, field.description])
    return rows


def write_workbook(package_dir: Path, target: Path) -> Path:
    """Write the workbook of the package in `package_dir` to `target`; returns `target`."""
    from openpyxl import Workbook

    from .sql import connect

    connection = connect(package_dir, fresh=True)
    tables = {resource.name: _table_rows(connection, resource) for resource in RESOURCES}
    connection.close()
    for resource in RESOURCES:
        _check_holdable(resource, tables[resource.name])

    workbook = Workbook(write_only=True)
    # The release date, not the time of writing: the same package gives the same workbook.
    stamp = datetime.fromisoformat(release.RELEASED_ON)
    workbook.properties.created = workbook.properties.modified = stamp
    workbook.properties.creator = "cooperation release"
    workbook.properties.title = json.loads(
        (Path(package_dir) / "datapackage.json").read_text(encoding="utf-8"))["title"]

    about = workbook.create_sheet(ABOUT_SHEET)
    rows = about_rows(package_dir, {name: len(rows) for name, rows in tables.items()})
    _widths(about, [row[:1] for row in rows], minimum=12)
    about.column_dimensions["B"].width = MAX_COLUMN_WIDTH
    about.column_dimensions["C"].width = MAX_COLUMN_WIDTH
    for number, row in enumerate(rows):
        bold = number == 0 or (row and row[0] == "Sheet")
        about.append(_bold(about, row) if bold else [_text_cell(about, value) for value in row])

    columns = workbook.create_sheet(COLUMNS_SHEET)
    described = column_rows()
    _widths(columns, described)
    columns.freeze_panes = "A2"
    columns.append(_bold(columns, described[0]))
    for row in described[1:]:
        columns.append([_text_cell(columns, value) for value in row])

    for resource in RESOURCES:
        # Sheets are named as the tables are in SQL and Parquet (all within Excel's 31 characters).
        table = workbook.create_sheet(resource.name)
        headers = [header(field.name) for field in resource.fields]
        _widths(table, [headers, *tables[resource.name]])
        table.freeze_panes = "A2"
        table.auto_filter.ref = f"A1:{_last_column(len(headers))}{len(tables[resource.name]) + 1}"
        table.append(_bold(table, headers))
        for row in tables[resource.name]:
            table.append(_cells(table, row))

    partial = target.with_name(target.name + ".partial")
    workbook.save(partial)
    _fix_entry_times(partial, target)
    partial.unlink()
    return target


def _last_column(count: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(count)


# openpyxl sets the workbook's "modified" property to the time of saving, whatever it was given.
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fix_entry_times(source: Path, target: Path) -> None:
    """Copy the xlsx zip with every entry, and the "modified" property, dated the release day
    (openpyxl stamps both with the clock)."""
    modified = f"{release.RELEASED_ON}T00:00:00Z".encode()
    with zipfile.ZipFile(source) as original, \
            zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as fixed:
        for entry in original.infolist():
            data = original.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + modified + rb"\g<2>", data)
            copy = zipfile.ZipInfo(entry.filename, _ENTRY_TIME)
            copy.compress_type = zipfile.ZIP_DEFLATED
            copy.external_attr = entry.external_attr
            fixed.writestr(copy, data)
