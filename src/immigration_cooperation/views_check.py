"""Layer 3 of validation: the package's own sql/views.sql runs, as a user runs it, and every
resource view, comparison view and macro of the SQL contract answers.

Apart from validation.py so that a process running only this layer imports no pandas.
"""

from __future__ import annotations

from pathlib import Path

from .comparisons import CONTRACT_CALLS
from .findings import Finding
from .sql import connect


def views_findings(package_dir: Path, full: bool = True) -> list[Finding]:
    """Each view and macro of the contract answers. With `full`, each runs to its last row (a
    small package: this finds a value the views cannot read wherever it is); without, each is
    bound and planned only (`LIMIT 0`): every table, column, type and macro it names must exist
    and fit, in a tenth of a second at national scale, where running them would take minutes and
    the schema and cross-table layers read every cell anyway."""
    import duckdb

    if full:
        # The published views.sql itself (fresh), reading every CSV with its declared types, each
        # view computed once, to its last row, into a table, so that later views and the macros
        # do not read the CSVs again: the same statements, rows and types, in half the time.
        try:
            return _calls_findings(connect(package_dir, fresh=True, materialize=True), full)
        except duckdb.Error:
            pass  # a view cannot compute its rows: as plain views, the calls say which it breaks
        except (FileNotFoundError, ValueError) as error:
            return [Finding("sql/views.sql", None, None, f"does not run: {error}")]
    try:
        connection = connect(package_dir, fresh=True)
    except (FileNotFoundError, ValueError, duckdb.Error) as error:
        return [Finding("sql/views.sql", None, None, f"does not run: {error}")]
    return _calls_findings(connection, full)


def _calls_findings(connection, full: bool) -> list[Finding]:
    import duckdb

    failing: dict[str, list[str]] = {}  # one fault in a table fails every view built on it
    for name, statement in CONTRACT_CALLS:
        try:
            if full:
                connection.execute(statement).fetchall()
            else:
                connection.execute(f"SELECT * FROM ({statement}) LIMIT 0").fetchall()
        except duckdb.Error as error:
            failing.setdefault(str(error), []).append(name)
    connection.close()
    return [Finding("sql/views.sql", None, None, f"{', '.join(names)}: {error}")
            for error, names in failing.items()]
