"""Run SQL against a downloaded copy with nothing but DuckDB: run as a separate process by the tests.

    python -I downloader_queries.py PACKAGE_DIR QUERIES_JSON

QUERIES_JSON maps a name to a SQL statement. Runs the package's own sql/views.sql from the package
root, then each statement, and prints one JSON object: name -> {"columns": [...], "rows": [...]},
dates as ISO text. Importing this project's code is blocked, so what the tests assert on these
results is what a downloader gets.
"""

import importlib.abc
import json
import os
import sys
from datetime import date
from pathlib import Path


class _NoProjectCode(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "immigration_cooperation":
            raise ImportError("project code is not available to a downloader")
        return None


sys.meta_path.insert(0, _NoProjectCode())

import duckdb  # noqa: E402


def plain(value):
    return value.isoformat() if isinstance(value, date) else value


def main() -> None:
    package_dir = Path(sys.argv[1])
    queries = json.loads(sys.argv[2])
    os.chdir(package_dir)  # views.sql reads data/*.csv relative to the package root
    connection = duckdb.connect()
    connection.execute(Path("sql/views.sql").read_text(encoding="utf-8"))
    results = {}
    for name, sql in queries.items():
        cursor = connection.execute(sql)
        results[name] = {"columns": [column[0] for column in cursor.description],
                         "rows": [[plain(value) for value in row] for row in cursor.fetchall()]}
    print(json.dumps(results, sort_keys=True))


if __name__ == "__main__":
    main()
