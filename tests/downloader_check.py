"""What a downloader can do with the package alone: run as a separate process by the tests.

    python -I downloader_check.py PACKAGE_DIR CALLS_JSON [--release]

Uses only frictionless and duckdb; importing this project's own code is blocked, so a pass proves
the package works without it. Prints one JSON object with what it found.
"""

import hashlib
import importlib.abc
import json
import os
import sys
from pathlib import Path


class _NoProjectCode(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "immigration_cooperation":
            raise ImportError("project code is not available to a downloader")
        return None


sys.meta_path.insert(0, _NoProjectCode())

import duckdb  # noqa: E402
import frictionless  # noqa: E402


def main() -> None:
    package_dir = Path(sys.argv[1])
    calls = json.loads(sys.argv[2])
    release = "--release" in sys.argv[3:]
    os.chdir(package_dir)  # views.sql reads data/*.csv relative to the package root
    result = {}

    report = frictionless.validate("datapackage.json")
    result["frictionless_valid"] = report.valid
    result["frictionless_errors"] = [f"{task.name}: {error.message}" for task in report.tasks
                                    for error in task.errors][:10]
    package = frictionless.Package("datapackage.json")
    result["frictionless_rows"] = {resource.name: len(resource.read_rows()) for resource in package.resources}

    connection = duckdb.connect()
    connection.execute(Path("sql/views.sql").read_text(encoding="utf-8"))
    result["contract_rows"] = {name: len(connection.execute(sql).fetchall()) for name, sql in calls}
    result["denver_status_inquiry_latest"] = connection.execute(
        "SELECT CAST(status_inquiry AS VARCHAR) FROM policy_matrix WHERE jurisdiction_id = 'denver-co'"
    ).fetchone()[0]

    if release:
        mismatched = []
        for line in Path("SHA256SUMS").read_text(encoding="utf-8").splitlines():
            digest, relative = line.split("  ", 1)
            if hashlib.sha256(Path(relative).read_bytes()).hexdigest() != digest:
                mismatched.append(relative)
        result["checksum_lines"] = len(Path("SHA256SUMS").read_text(encoding="utf-8").splitlines())
        result["checksum_mismatches"] = mismatched
        database = duckdb.connect("immigration_cooperation.duckdb", read_only=True)
        result["database_rows"] = {
            name: len(database.execute(sql).fetchall()) for name, sql in calls}
        result["parquet_rows"] = {
            path.stem: connection.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()[0]
            for path in sorted(Path("parquet").glob("*.parquet"))}
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
