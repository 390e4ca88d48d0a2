"""A downloader's copy: only the published files, no project code, and everything still works."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from immigration_cooperation.comparisons import CONTRACT_CALLS as CALLS
from immigration_cooperation.distribution import DOWNLOAD_DOCUMENTS, copy_package

ROOT = Path(__file__).resolve().parents[1]
CHECK = Path(__file__).resolve().parent / "downloader_check.py"


def run_downloader_check(package_dir: Path, *flags: str) -> dict:
    """Run tests/downloader_check.py in an isolated interpreter (-I: no PYTHONPATH, no cwd on path)."""
    completed = subprocess.run(
        [sys.executable, "-I", str(CHECK), str(package_dir), json.dumps(CALLS), *flags],
        capture_output=True, text=True, cwd=package_dir, timeout=300)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def copy_download(target: Path) -> list[str]:
    return copy_package(ROOT, target, DOWNLOAD_DOCUMENTS)


def test_every_view_and_macro_in_views_sql_is_exercised_by_the_contract_calls():
    created = set(re.findall(r"CREATE OR REPLACE (?:VIEW|MACRO) (\w+)",
                             (ROOT / "sql" / "views.sql").read_text(encoding="utf-8")))
    assert created == {name for name, _ in CALLS}


@pytest.fixture(scope="module")
def untouched(tmp_path_factory) -> tuple[Path, list[str], dict]:
    """A downloader's copy as published, the files copied and what downloader_check.py finds in it:
    made and checked once, read by the tests that leave the copy as it is."""
    folder = tmp_path_factory.mktemp("download")
    copied = copy_download(folder)
    return folder, copied, run_downloader_check(folder)


def test_a_downloaders_copy_validates_and_answers_every_contract_view_without_project_code(untouched):
    folder, copied, result = untouched
    assert sorted(path.name for path in folder.iterdir()) == [
        "LICENSE", "LICENSE-DATA.md", "LICENSE-SEEDS.md", "README.md", "data", "datapackage.json", "seeds", "sql"]
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(path for path in copied if path.startswith("seeds/")) == \
        sorted(source["path"] for source in package["sources"])
    assert sorted(path for path in copied if path.startswith("data/")) == \
        sorted(resource["path"] for resource in package["resources"])
    assert result["frictionless_valid"], result["frictionless_errors"]
    assert result["frictionless_rows"]["provisions"] == \
        len((ROOT / "data" / "provisions.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert set(result["contract_rows"]) == {name for name, _ in CALLS}
    # policy_changes lists only changes a source reports, and none of the articles reports one.
    empty = {name for name, rows in result["contract_rows"].items() if rows == 0}
    assert empty <= {"policy_changes"}, f"contract calls that returned nothing in the copy: {empty}"
    assert result["denver_status_inquiry_latest"] == "prohibited"


def test_the_downloader_check_cannot_import_project_code(tmp_path):
    script = tmp_path / "probe.py"
    script.write_text(CHECK.read_text(encoding="utf-8").split("import duckdb")[0]
                      + "import immigration_cooperation\n", encoding="utf-8")
    completed = subprocess.run([sys.executable, "-I", str(script)], capture_output=True, text=True)
    assert completed.returncode != 0 and "not available to a downloader" in completed.stderr


def test_a_downloaders_copy_with_one_edited_byte_fails_validation_naming_the_resource(tmp_path):
    copy_download(tmp_path)
    statements = tmp_path / "data" / "statements.csv"
    data = bytearray(statements.read_bytes())
    data[-5] = ord("X") if data[-5] != ord("X") else ord("Y")
    statements.write_bytes(bytes(data))
    completed = subprocess.run(
        [sys.executable, "-I", str(CHECK), str(tmp_path), json.dumps(CALLS)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300)
    result = json.loads(completed.stdout)
    assert not result["frictionless_valid"]
    assert result["frictionless_errors"], "no error reported"
    assert all(message.startswith("statements: ") and "hash" in message
               for message in result["frictionless_errors"]), result["frictionless_errors"]


def test_the_views_in_a_copy_read_the_copys_own_data_files(tmp_path):
    # Guards against views.sql pointing anywhere but the package it sits in (an absolute path
    # to the build machine would pass the other tests here, since this checkout still exists).
    copy_download(tmp_path)
    events = tmp_path / "data" / "events.csv"
    lines = events.read_bytes().splitlines(keepends=True)
    events.write_bytes(b"".join(lines[:-1]))
    result = run_downloader_check(tmp_path)
    assert result["contract_rows"]["events"] == len(lines) - 2  # header and the dropped row
    assert not result["frictionless_valid"]  # and the hash catches the edit


DUCKDB_1X_PYTHON = ROOT / ".venv-duckdb1" / "bin" / "python"
RUN_VIEWS_IN_1X = """
import json, sys
import duckdb
assert duckdb.__version__.startswith("1."), duckdb.__version__
calls = json.loads(sys.argv[1])
connection = duckdb.connect()
views = open("sql/views.sql", encoding="utf-8").read()
connection.execute(views)
connection.execute(views)  # a second run in the same session, as a user re-running the file
print(json.dumps({"version": duckdb.__version__,
                  "rows": {name: len(connection.execute(sql).fetchall()) for name, sql in calls}}))
"""


def test_the_views_file_runs_unchanged_in_duckdb_1x_from_a_downloaders_copy(untouched):
    if not DUCKDB_1X_PYTHON.exists():
        pytest.fail("make test installs DuckDB 1.x into .venv-duckdb1; run `make test`")
    folder, _, checked = untouched
    completed = subprocess.run([str(DUCKDB_1X_PYTHON), "-I", "-c", RUN_VIEWS_IN_1X, json.dumps(CALLS)],
                               cwd=folder, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    older = json.loads(completed.stdout)
    newer = checked["contract_rows"]  # the current DuckDB, in the same copy
    assert older["rows"] == newer  # every contract view and macro, with the same number of rows
