"""Layer 3 of validation: the package's own sql/views.sql runs, as a user runs it, and every
resource view, comparison view and macro of the SQL contract answers.

Apart from validation.py so that a process running only this layer imports no pandas.
"""

from __future__ import annotations

from pathlib import Path

from .comparisons import CONTRACT_CALLS
from .findings import Finding
from .sql import connect


def views_findings(package_dir: Path) -> list[Finding]:
    import duckdb

    try:
        # fresh: the published views.sql itself, reading every CSV with its declared types
        connection = connect(package_dir, fresh=True)
    except (FileNotFoundError, ValueError, duckdb.Error) as error:
        return [Finding("sql/views.sql", None, None, f"does not run: {error}")]
    findings = []
    for name, statement in CONTRACT_CALLS:
        try:
            connection.execute(statement).fetchall()
        except duckdb.Error as error:
            findings.append(Finding("sql/views.sql", None, None, f"{name}: {error}"))
    connection.close()
    return findings
