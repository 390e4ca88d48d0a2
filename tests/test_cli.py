"""The `cooperation` command: same answers as the SQL, parameters bound, clear errors."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from cli_run import in_process
from immigration_cooperation.schema import RESOURCES

ROOT = Path(__file__).resolve().parents[1]
PROVISIONS = next(resource for resource in RESOURCES if resource.name == "provisions")


def cooperation(*arguments):
    return subprocess.run([sys.executable, "-m", "immigration_cooperation.cli", *arguments],
                          cwd=ROOT, capture_output=True, text=True)


def answer(*arguments):
    """What the command prints, from main() in this process (see cli_run.py): for the tests of
    answers and layout; exit codes, pipes and errors are tested on the real command."""
    return in_process(*arguments, cwd=ROOT)


def sql_rows(sql):
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        connection = duckdb.connect()
        connection.execute(open("sql/views.sql", encoding="utf-8").read())
        cursor = connection.execute(sql)
        names = [c[0] for c in cursor.description]
        return [{n: (v.isoformat() if hasattr(v, "isoformat") else v) for n, v in zip(names, row)}
                for row in cursor.fetchall()]
    finally:
        os.chdir(previous)


def test_compare_gives_the_same_answer_as_the_sql_macro():
    result = answer("compare", "denver-co", "aurora-co", "--as-of", "2018-01-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == sql_rows(
        "SELECT * FROM compare_jurisdictions('denver-co', 'aurora-co', as_of := DATE '2018-01-01')")


def test_matrix_as_of_gives_the_same_answer_as_the_sql_macro():
    result = answer("matrix", "--as-of", "2016-12-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == sql_rows("SELECT * FROM policy_matrix_as_of(DATE '2016-12-01')")


def test_evidence_prints_the_quotes_behind_one_cell():
    result = answer("evidence", "denver-co", "status_inquiry", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert "bans city officials from asking an arrested individual’s immigration status" in result.stdout


def test_an_unknown_jurisdiction_lists_close_matches_and_exits_non_zero():
    # The real process, once: its exit status is what main() returns (the messages below are
    # main()'s, asked in this process).
    result = cooperation("compare", "denver", "aurora-co")
    assert result.returncode == 1
    assert "unknown jurisdiction 'denver'" in result.stderr and "denver-co" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_dimension_lists_close_matches():
    result = answer("evidence", "denver-co", "status_enquiry")
    assert result.returncode == 1 and "status_inquiry" in result.stderr


def test_sql_in_a_jurisdiction_name_is_treated_as_data():
    result = answer("compare", "denver-co'; DROP VIEW provisions; --", "aurora-co")
    assert result.returncode == 1 and "unknown jurisdiction" in result.stderr
    assert answer("query", "SELECT count(*) AS n FROM provisions", "--format", "json").returncode == 0


def test_a_bad_date_and_a_failing_query_print_a_message_and_exit_non_zero():
    bad_date = answer("matrix", "--as-of", "2018-02-30")
    assert bad_date.returncode == 1 and "not a date" in bad_date.stderr
    failing = answer("query", "SELECT * FROM no_such_view")
    assert failing.returncode == 1 and "DuckDB" in failing.stderr and "no_such_view" in failing.stderr
    assert "Traceback" not in failing.stderr + bad_date.stderr


def test_sql_in_a_date_is_rejected_as_not_a_date():
    result = answer("compare", "denver-co", "aurora-co", "--as-of", "2018-01-01'; DROP VIEW provisions; --")
    assert result.returncode == 1 and "not a date" in result.stderr and "Traceback" not in result.stderr


def test_a_views_file_that_does_not_run_is_a_message_not_a_traceback(tmp_path):
    for entry in ("datapackage.json", "data", "seeds"):
        source = ROOT / entry
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, tmp_path / entry)
    (tmp_path / "sql").mkdir()
    (tmp_path / "sql" / "views.sql").write_text("garbage that is not SQL;", encoding="utf-8")
    query = answer("--root", str(tmp_path), "query", "SELECT 1")
    assert query.returncode == 1 and "cannot open the views" in query.stderr and "Traceback" not in query.stderr
    validate = answer("validate", str(tmp_path))
    assert validate.returncode == 1 and "sql/views.sql" in validate.stderr and "Traceback" not in validate.stderr


def test_release_problems_are_messages_not_tracebacks(tmp_path):
    not_a_directory = tmp_path / "a-file"
    not_a_directory.write_text("", encoding="utf-8")
    into_a_file = cooperation("release", "--dist", str(not_a_directory))
    assert into_a_file.returncode == 1 and "could not write the release" in into_a_file.stderr
    no_scripts = cooperation("--root", str(tmp_path), "release", "--dist", str(tmp_path / "dist"))
    assert no_scripts.returncode == 1 and "scripts/sources.py" in no_scripts.stderr
    assert "Traceback" not in into_a_file.stderr + no_scripts.stderr


def test_a_reader_that_stops_early_gets_no_traceback():
    # `cooperation query ... --format csv | head -1`: far more rows than a pipe buffer holds
    reader = subprocess.Popen([sys.executable, "-m", "immigration_cooperation.cli", "query",
                               "SELECT * FROM range(200000)", "--format", "csv"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout.readline() == b"range\n"
    reader.stdout.close()  # what `head -1` does after its line
    assert reader.wait(timeout=60) == 0
    errors = reader.stderr.read()
    assert b"Traceback" not in errors and b"BrokenPipe" not in errors


def test_csv_output_spells_booleans_and_dates_as_the_packages_csv_files_do():
    result = answer("query", "SELECT a_disputed, a_since FROM compare_jurisdictions('denver-co', "
                             "'aurora-co') WHERE dimension = 'release_notification'", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("true,")  # not True
    dated = answer("query", "SELECT DATE '2017-01-16' AS day, false AS flag", "--format", "csv")
    assert dated.stdout.splitlines() == ["day,flag", "2017-01-16,false"]


def test_validating_a_folder_that_is_not_a_package_is_one_line():
    missing = answer("validate", "/nonexistent-folder")
    assert missing.returncode == 1 and missing.stderr.strip() == "error: /nonexistent-folder is not a folder"
    empty = answer("validate", str(ROOT / "docs"))
    assert empty.returncode == 1 and len(empty.stderr.strip().splitlines()) == 1
    assert "no datapackage.json" in empty.stderr


def test_the_package_is_found_from_any_folder_inside_it_and_nowhere_else(tmp_path):
    inside = subprocess.run([sys.executable, "-m", "immigration_cooperation.cli", "query",
                             "SELECT count(*) AS n FROM sources", "--format", "json"],
                            cwd=ROOT / "docs", capture_output=True, text=True)
    assert inside.returncode == 0, inside.stderr
    assert json.loads(inside.stdout)[0]["n"] == len(json.loads(
        (ROOT / "datapackage.json").read_text(encoding="utf-8"))["sources"])
    outside = subprocess.run([sys.executable, "-m", "immigration_cooperation.cli", "matrix"],
                             cwd=tmp_path, capture_output=True, text=True,
                             env={key: value for key, value in os.environ.items()
                                  if key != "IMMIGRATION_COOPERATION_ROOT"})
    assert outside.returncode == 1 and "Traceback" not in outside.stderr
    assert outside.stderr.startswith(f"error: no data package in {tmp_path.resolve()}")
    assert len(outside.stderr.strip().splitlines()) == 1


def test_the_command_reads_the_database_file_only_while_it_is_current(tmp_path):
    from immigration_cooperation.database_file import DATABASE, current_database

    for entry in ("datapackage.json", "data", "sql", "seeds", DATABASE):
        source = ROOT / entry
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / entry)
    current = current_database(tmp_path)
    assert current is not None  # `make test` writes it from the committed package first
    current.close()
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(descriptor.read_text(encoding="utf-8").replace('"title"', '"title" ', 1),
                          encoding="utf-8")
    assert current_database(tmp_path) is None  # written from another package: read the CSVs
    from_csvs = in_process("--root", str(tmp_path), "compare", "denver-co", "aurora-co", "--format", "json",
                           cwd=tmp_path)
    assert from_csvs.returncode == 0, from_csvs.stderr
    assert json.loads(from_csvs.stdout) == json.loads(answer("compare", "denver-co", "aurora-co",
                                                             "--format", "json").stdout)


def in_a_terminal_of(width, *arguments):
    return in_process(*arguments, cwd=ROOT, env={"COLUMNS": str(width)})


def test_in_an_80_column_terminal_no_line_is_wider_and_no_value_is_cut_into_fragments():
    for arguments, values in [
        (("matrix",), [value for row in sql_rows("SELECT * FROM policy_matrix") for name, value in row.items()
                       if isinstance(value, str) and not name.endswith(("_basis", "_certainty"))]),
        (("compare", "denver-co", "aurora-co"),
         [value for row in sql_rows("SELECT * FROM compare_jurisdictions('denver-co', 'aurora-co')")
          for value in row.values() if isinstance(value, str)]),
        (("evidence", "denver-co", "release_notification"),
         [row["provision_id"] for row in sql_rows("SELECT provision_id FROM provision_evidence WHERE "
                                                   "jurisdiction_id = 'denver-co' AND dimension = "
                                                   "'release_notification'")]),
    ]:
        shown = in_a_terminal_of(80, *arguments)
        assert shown.returncode == 0, shown.stderr
        assert max(len(line) for line in shown.stdout.splitlines()) <= 80, arguments
        words = set(shown.stdout.split())
        cut = [value for value in values if value and " " not in value and value not in words]
        assert cut == [], (arguments, cut)


def test_in_a_30_column_terminal_records_keep_their_values_whole():
    shown = in_a_terminal_of(30, "matrix")
    assert shown.returncode == 0, shown.stderr
    assert max(len(line) for line in shown.stdout.splitlines()) <= 30
    assert "not_addressed" in shown.stdout.split() and "aurora-co" in shown.stdout.split()


def test_an_empty_answer_names_its_columns_in_any_terminal():
    shown = in_a_terminal_of(80, "query", "SELECT * FROM provisions WHERE jurisdiction_id = 'nowhere'")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == [
        "no rows; columns: " + ", ".join(field.name for field in PROVISIONS.fields), "0 row(s)"]


def test_a_table_that_fits_the_terminal_stays_a_grid():
    shown = in_a_terminal_of(80, "query", "SELECT 'denver-co' AS jurisdiction_id, 3 AS level")
    assert shown.stdout.splitlines()[1].split() == ["┃", "jurisdiction_id", "┃", "level", "┃"]
    wide = in_a_terminal_of(240, "compare", "denver-co", "aurora-co")
    assert "row 1" not in wide.stdout and "a_position" in wide.stdout.splitlines()[2]


HEAVY_MODULES = ("pandas", "pandera", "frictionless", "matplotlib", "pysbd", "rapidfuzz", "yaml", "openpyxl",
                 "jinja2")


def test_the_query_commands_import_only_what_they_need():
    """compare, matrix, evidence and query read the database file: none of the build's libraries
    load, so each call costs about what plain DuckDB does."""
    commands = [["compare", "denver-co", "aurora-co"], ["matrix"],
                ["evidence", "denver-co", "release_notification"], ["query", "SELECT 1"]]
    # One interpreter runs all four: a heavy import by any of them stays in sys.modules.
    probe = ("import sys, contextlib, io\n"
             "from immigration_cooperation.cli import main\n"
             f"for arguments in {commands!r}:\n"
             "    with contextlib.redirect_stdout(io.StringIO()):\n"
             "        assert main(arguments) == 0, arguments\n"
             f"print(sorted(m for m in {HEAVY_MODULES!r} if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "[]", loaded.stdout


def test_the_benchmark_times_each_command_against_plain_duckdb_running_its_sql():
    from immigration_cooperation.benchmark import command_latency

    from immigration_cooperation.benchmark import latency_cases

    assert [arguments[0] for arguments, _, _ in latency_cases()] == ["compare", "matrix", "evidence", "query"]
    (latency,) = command_latency(ROOT, repeats=1, commands=("evidence",))
    assert latency.command == "cooperation evidence denver-co release_notification"
    assert latency.command_ms > 0 and latency.plain_ms > 0 and latency.ratio == latency.command_ms / latency.plain_ms


def test_the_benchmark_asks_for_a_current_database_file(tmp_path):
    from immigration_cooperation.benchmark import command_latency

    for part in ("datapackage.json", "sql"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, tmp_path / part)
    try:
        command_latency(tmp_path, repeats=1)
    except FileNotFoundError as error:
        assert "run `cooperation database` first" in str(error)
    else:
        raise AssertionError("timed a package without its database file")
