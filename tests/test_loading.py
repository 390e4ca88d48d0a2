"""Loading the package from the tools users have: DuckDB (views file and database file), pandas
through the package's loader, and frictionless."""

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import frictionless
import pandas as pd
import pytest

from immigration_cooperation.build import DATABASE
from immigration_cooperation.load import NotAPackage, PackageFileChanged, read_table, read_tables
from immigration_cooperation.schema import RESOURCES

ROOT = Path(__file__).resolve().parents[1]


def views_file_connection() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    connection.execute("SET file_search_path = ?", [str(ROOT)])
    connection.execute((ROOT / "sql" / "views.sql").read_text(encoding="utf-8"))
    return connection


def test_duckdb_views_file_answers_from_the_package_root():
    # Denver's status inquiry stays prohibited: the 2025 account is a re-description, not a repeal.
    assert views_file_connection().execute("SELECT CAST(status_inquiry AS VARCHAR) FROM policy_matrix "
                                           "WHERE jurisdiction_id = 'denver-co'").fetchone() == ("prohibited",)


def test_duckdb_database_file_holds_every_table_and_the_views():
    database = ROOT / DATABASE
    if not database.is_file():
        pytest.fail(f"{DATABASE} is missing; `make test` writes it with `cooperation database`")
    connection = duckdb.connect(str(database), read_only=True)
    for resource in RESOURCES:
        rows = connection.execute(f"SELECT count(*) FROM {resource.name}").fetchone()[0]
        assert rows == len(read_table(resource.name, ROOT)), resource.name
    same = "SELECT * FROM policy_matrix ORDER BY jurisdiction_id"
    assert connection.execute(same).fetchall() == views_file_connection().execute(same).fetchall()


def test_pandas_loader_gives_dates_as_datetimes_and_positions_as_ordered_categoricals():
    provisions = read_table("provisions", ROOT)
    assert provisions["observed_on"].dtype == "datetime64[s]"
    assert isinstance(provisions["position"].dtype, pd.CategoricalDtype)
    assert provisions["position"].dtype.ordered
    assert provisions["judicial_warrant_exception"].dtype == "boolean"
    events = read_table("events", ROOT)
    assert events["occurred_on"].dtype == "datetime64[s]"


def test_in_pandas_denvers_2017_status_inquiry_ban_is_followed_by_a_2025_re_description_not_a_change():
    provisions = read_table("provisions", ROOT)
    denver = provisions[(provisions["jurisdiction_id"] == "denver-co")
                        & (provisions["dimension"] == "status_inquiry")].sort_values("observed_on")
    assert list(denver["position"].astype(str)) == ["prohibited", "not_proactive"]
    assert list(denver["relation_to_record"].astype(str)) == ["first_report", "consistent_redescription"]
    assert [day.year for day in denver["observed_on"]] == [2017, 2025]
    assert denver["observed_on_latest"].dtype == "datetime64[s]"
    # ordered by codebook level: prohibited (3) is more restrictive than not_proactive (2)
    assert denver["position"].iloc[0] > denver["position"].iloc[1]


def test_pandas_loader_keeps_blank_as_missing_never_zero():
    instruments = read_table("instruments", ROOT)
    assert instruments["votes_for"].dtype == "Int64"
    assert instruments["votes_for"].isna().any() and not (instruments["votes_for"] == 0).any()


def test_pandas_loader_reads_every_resource_with_every_column():
    tables = read_tables(ROOT)
    for resource in RESOURCES:
        assert list(tables[resource.name].columns) == list(resource.field_names)


def copy_with_edited_provisions(target: Path, old: bytes, new: bytes) -> None:
    """The tables and descriptor in `target`, with one edit to data/provisions.csv."""
    shutil.copytree(ROOT / "data", target / "data")
    shutil.copyfile(ROOT / "datapackage.json", target / "datapackage.json")
    path = target / "data" / "provisions.csv"
    path.write_bytes(path.read_bytes().replace(old, new, 1))


def test_pandas_loader_refuses_a_file_that_no_longer_matches_its_hash(tmp_path):
    copy_with_edited_provisions(tmp_path, b"prohibited", b"permitted")
    with pytest.raises(PackageFileChanged, match=r"data/provisions.csv does not match"):
        read_table("provisions", tmp_path)
    sources = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))["sources"]
    assert read_table("sources", tmp_path)["source_id"].size == len(sources)  # others still load


def test_frictionless_package_reads_every_resource():
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        package = frictionless.Package("datapackage.json")
        rows = {resource.name: resource.read_rows() for resource in package.resources}
    finally:
        os.chdir(previous)
    with open(ROOT / "data" / "provisions.csv", encoding="utf-8", newline="") as handle:
        assert len(rows["provisions"]) == len(list(csv.DictReader(handle)))
    denver = [row for row in rows["provisions"]
              if row["jurisdiction_id"] == "denver-co" and row["dimension"] == "status_inquiry"]
    assert sorted(row["observed_on"].year for row in denver) == [2017, 2025]


def test_a_folder_without_the_package_is_a_clear_error(tmp_path):
    with pytest.raises(NotAPackage, match=r"datapackage.json is missing.*pass the folder"):
        read_table("provisions", tmp_path)


def test_a_table_with_another_layout_is_a_clear_error_not_a_key_error(tmp_path):
    copy_with_edited_provisions(tmp_path, b"observed_on,", b"seen_on,")
    with pytest.raises(NotAPackage, match=r"has columns .*seen_on.*expects .*observed_on"):
        read_table("provisions", tmp_path, verify=False)


def test_the_readme_python_examples_run_as_written_from_the_package_root():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    assert len(blocks) >= 4  # views file, database file, pandas, frictionless
    program = "\n".join(blocks) + "\nprint('README examples ran')\n"
    completed = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True,
                               text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert "denver-co" in completed.stdout and "README examples ran" in completed.stdout


def test_every_connection_the_package_opens_draws_no_progress_bar_on_standard_output():
    # DuckDB draws its bar on standard output after two seconds of a query, also into a pipe: at
    # national scale it would corrupt `cooperation query --format csv` and a build helper's JSON.
    # Asked in a process of its own: under pytest, DuckDB starts with the bar off.
    program = ("import json, sys\n"
               "from pathlib import Path\n"
               "import duckdb\n"
               "from immigration_cooperation.cross_checks import bounded_connection\n"
               "from immigration_cooperation.database_file import current_database\n"
               "from immigration_cooperation.sql import connect\n"
               "root = Path(sys.argv[1])\n"
               "def bar(connection):\n"
               "    return connection.execute(\"SELECT current_setting('enable_progress_bar')\").fetchone()[0]\n"
               "with bounded_connection() as bounded:\n"
               "    bounded_bar = bar(bounded)\n"
               "database = current_database(root)\n"
               "print(json.dumps({'plain DuckDB': bar(duckdb.connect()),\n"
               "                  'views over the CSVs': bar(connect(root, fresh=True)),\n"
               "                  'views as tables': bar(connect(root, fresh=True, materialize=True)),\n"
               "                  'cross-table checks': bounded_bar,\n"
               "                  'database file': None if database is None else bar(database)}))\n")
    finished = subprocess.run([sys.executable, "-c", program, str(ROOT)], capture_output=True, text=True,
                              timeout=120)
    assert finished.returncode == 0, finished.stderr
    bars = json.loads(finished.stdout)
    assert bars.pop("plain DuckDB") is True, "DuckDB's default changed: this test no longer checks anything"
    if bars["database file"] is None:
        pytest.skip(f"{DATABASE} is missing or stale; run cooperation database")
    assert bars == dict.fromkeys(bars, False)


def test_a_build_helper_sends_what_a_job_prints_to_standard_error_and_keeps_its_result_readable(tmp_path):
    # A library writing to file descriptor 1 (as DuckDB's progress bar does) must not land in the
    # JSON result the build reads from the helper's standard output.
    program = ("import os, sys\n"
               "import immigration_cooperation.background as background\n"
               "def noisy(package_dir):\n"
               "    os.write(1, b'\\r 50% progress')\n"
               "    print('a library speaking')\n"
               "    return 'written'\n"
               "background.JOBS['database'] = noisy\n"
               "raise SystemExit(background.main(['database']))\n")
    finished = subprocess.run([sys.executable, "-c", program], input=f"{tmp_path}\n", capture_output=True,
                              text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert json.loads(finished.stdout) == {"database": "written"}
    assert "50% progress" in finished.stderr and "a library speaking" in finished.stderr
