"""The database file a build writes, and whether it is current: light enough for a command that
only reads it to start fast (no SQL generation, no schema)."""

from __future__ import annotations

import hashlib
from pathlib import Path

DATABASE = "immigration_cooperation.duckdb"  # the database file a build writes (git-ignored)
BUILT_FROM = "built_from"  # a one-row table in the database file: the package it was written from


def package_fingerprint(package_dir: Path) -> str:
    """SHA-256 over datapackage.json (which holds every table's hash) and sql/views.sql."""
    digest = hashlib.sha256()
    for relative in ("datapackage.json", "sql/views.sql"):
        digest.update((Path(package_dir) / relative).read_bytes())
    return digest.hexdigest()


def without_progress_bar(connection):
    """`connection` with DuckDB's progress bar turned off, for every connection the package opens.
    DuckDB draws the bar on standard output once a query runs for two seconds, even when standard
    output is a pipe or a file: at national scale it would land inside `--format csv` output and
    inside a build helper's JSON result. (A setting of the session: DuckDB refuses it in the
    `config` of `duckdb.connect`.) Here, not in sql.py, so that a command reading the database
    file imports no SQL generation."""
    connection.execute("SET enable_progress_bar = false")
    return connection


def current_database(package_dir: Path):
    """A read-only connection to the package's database file if it was written from the package
    as it is now (same descriptor and views), else None. Opening it is much faster than running
    views.sql over the CSVs, and answers the same."""
    import duckdb

    path = Path(package_dir) / DATABASE
    if not path.is_file():
        return None
    try:
        connection = without_progress_bar(duckdb.connect(str(path), read_only=True))
        (recorded,) = connection.execute(f"SELECT package_sha256 FROM {BUILT_FROM}").fetchone()
        if recorded == package_fingerprint(package_dir):
            return connection
        connection.close()
    except (duckdb.Error, OSError, TypeError):
        pass  # an older file without the record, or one being written: read the CSVs instead
    return None
