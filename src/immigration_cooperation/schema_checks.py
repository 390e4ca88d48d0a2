"""Layer 2 of validation: each table against its pandera schema, on polars.

The schemas are generated from schema.py, like datapackage.json. They check the cells as the CSV
holds them (text), so a cell that is not a number, date or boolean is reported where it stands,
named by file, row and field, instead of failing a whole column's conversion. Polars reads a
table of a million rows in well under a second and pandera's polars backend runs each check as
one column expression, so this layer keeps its pace at national scale.

Row numbers count the header as row 1, as spreadsheets and frictionless do.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _import_pandera_polars():
    """pandera.polars, imported without hypothesis: pandera registers data-synthesis strategies
    when hypothesis is installed (it is, for the tests), which validation never uses and which
    cost half a second per process."""
    if "hypothesis" in sys.modules:
        import pandera.polars as module
        return module
    sys.modules["hypothesis"] = None  # makes `import hypothesis` fail, so pandera skips it
    try:
        import pandera.polars as module
        from pandera.backends.polars import register  # the strategies load with the backends

        register.register_polars_backends()
    finally:
        del sys.modules["hypothesis"]
    return module


pa = _import_pandera_polars()
import polars as pl  # noqa: E402

from .findings import Finding
from .schema import RESOURCES, Field, Resource

# The package's own spellings; read_csv_findings (validation.py) reports a file's shape first.
BOOLEAN_SPELLINGS = ("true", "false")
INTEGER_PATTERN = r"^-?[0-9]+$"


def _real_iso_date(data: pa.PolarsData) -> pl.LazyFrame:
    """A blank or a calendar day written YYYY-MM-DD (2017-02-30 and 2017-2-3 are not)."""
    column = pl.col(data.key)
    parsed = column.str.strptime(pl.Date, "%Y-%m-%d", strict=False)
    # A text that is no date parses to null, and null compares to null: fill it as a failure.
    return data.lazyframe.select(column.is_null() | (parsed.dt.strftime("%Y-%m-%d") == column).fill_null(False))


def _at_least(minimum: int):
    def check(data: pa.PolarsData) -> pl.LazyFrame:
        number = pl.col(data.key).cast(pl.Int64, strict=False)
        # A cell that is no integer at all is reported by the integer check, once.
        return data.lazyframe.select(number.is_null() | (number >= minimum).fill_null(False))
    return check


def _field_checks(field: Field) -> list[pa.Check]:
    checks = []
    if field.type == "integer":
        checks.append(pa.Check.str_matches(INTEGER_PATTERN, error="an integer"))
        if field.minimum is not None:
            checks.append(pa.Check(_at_least(field.minimum), error=f"at least {field.minimum}"))
    elif field.type == "boolean":
        checks.append(pa.Check.isin(list(BOOLEAN_SPELLINGS), error="true or false"))
    elif field.type == "date":
        checks.append(pa.Check(_real_iso_date, error="a real calendar date in YYYY-MM-DD form"))
    if field.allowed_values is not None:
        checks.append(pa.Check.isin(list(field.allowed_values)))
    if field.pattern:
        checks.append(pa.Check.str_matches(field.pattern))
    return checks


def _primary_key(resource: Resource) -> list[str] | None:
    return list(resource.primary_key) if len(resource.primary_key) > 1 else None


# A table's schema, generated from schema.py, in two parts: what each batch of rows can be
# checked for alone, and its unique keys, checked over the key columns of the whole table.

def _row_schema(resource: Resource) -> pa.DataFrameSchema:
    columns = {field.name: pa.Column(pl.String, checks=_field_checks(field), nullable=not field.required,
                                     description=field.description)
               for field in resource.fields}
    return pa.DataFrameSchema(columns, strict=True, ordered=True, name=resource.name,
                              description=resource.description)


def _key_schema(resource: Resource) -> tuple[list[str], pa.DataFrameSchema]:
    names = [field.name for field in resource.fields if field.unique or field.name in resource.primary_key]
    columns = {name: pa.Column(pl.String, nullable=True, unique=resource.field(name).unique)
               for name in names}
    return names, pa.DataFrameSchema(columns, unique=_primary_key(resource), name=resource.name)


BATCH_ROWS = 200_000  # rows checked at a time: a national table never sits in memory whole


def read_cells(resource: Resource, path: Path) -> pl.LazyFrame:
    """A CSV's cells as text, blank as null (the package writes no quoted empty strings)."""
    return pl.scan_csv(path, infer_schema=False, encoding="utf8", quote_char='"',
                       empty_string_is_null=True, raise_if_empty=True, truncate_ragged_lines=False)


def schema_findings(resource: Resource, frame: pl.DataFrame, first_row: int,
                    schema: pa.DataFrameSchema) -> list[Finding]:
    """Findings for `frame`, whose first row is row `first_row` of the file."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return _findings(resource, errors.failure_cases, first_row)
    return []


def _findings(resource: Resource, failure_cases: pl.DataFrame, first_row: int) -> list[Finding]:
    findings = []
    for case in failure_cases.iter_rows(named=True):
        index, column = case.get("index"), case.get("column")
        row = int(index) + first_row if index is not None else None
        found = case.get("failure_case")
        findings.append(Finding(resource.path, row, column if isinstance(column, str) and column else None,
                                f"{case['check']}: found {found!r}"))
    return findings


def _table(resource: Resource, path: Path) -> list[Finding]:
    """One table, checked in batches of rows, then its unique keys over the whole table."""
    row_schema, (key_names, key_schema) = _row_schema(resource), _key_schema(resource)
    findings: list[Finding] = []
    key_columns: list[pl.DataFrame] = []
    first_row = 2
    cells = read_cells(resource, path)
    for batch in cells.collect_batches(chunk_size=BATCH_ROWS, maintain_order=True):
        findings += schema_findings(resource, batch, first_row, row_schema)
        if set(key_names) <= set(batch.columns):
            key_columns.append(batch.select(key_names))
        first_row += batch.height
    if first_row == 2:  # a header and no rows: the columns are still checked
        findings += schema_findings(resource, cells.head(0).collect(), first_row, row_schema)
    if key_columns:
        findings += schema_findings(resource, pl.concat(key_columns), 2, key_schema)
    return findings


def table_findings(package_dir: Path) -> list[Finding]:
    """Every table's cells against its schema (tables that are missing or unreadable as CSV are
    reported once each; their shape is read_csv_findings' to describe)."""
    findings: list[Finding] = []
    for resource in RESOURCES:
        path = package_dir / resource.path
        if not path.is_file():
            continue
        try:
            findings += _table(resource, path)
        except (pl.exceptions.PolarsError, OSError, UnicodeDecodeError) as error:
            message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            findings.append(Finding(resource.path, None, None, f"cannot be read as CSV: {message}"))
    return findings
