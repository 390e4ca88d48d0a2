"""The SQL contract: views.sql runs unchanged with nothing but DuckDB and answers the questions."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from immigration_cooperation.schema import RESOURCES

ROOT = Path(__file__).resolve().parents[1]
DUCKDB_1X_PYTHON = ROOT / ".venv-duckdb1" / "bin" / "python"


@pytest.fixture(scope="module")
def con():
    """views.sql executed unchanged from the package root, as a downloader would run it."""
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        connection = duckdb.connect()
        connection.execute(open("sql/views.sql", encoding="utf-8").read())
        yield connection
    finally:
        os.chdir(previous)


def columns(con, sql):
    return [column[0] for column in con.execute(sql).description]


def fetch(con, sql, parameters=()):
    return con.execute(sql, list(parameters)).fetchall()


CONTRACT_COLUMNS = {
    "SELECT * FROM policy_timeline": ["jurisdiction_id", "dimension", "position", "level", "valid_from",
                                      "valid_to", "provision_id", "asserted_by"],
    "SELECT * FROM policy_as_of(DATE '2018-01-01')": ["jurisdiction_id", "dimension", "position", "level",
                                                     "valid_from", "valid_to", "provision_id", "asserted_by"],
    "SELECT * FROM policy_changes": ["jurisdiction_id", "dimension", "changed_on", "from_position",
                                     "to_position", "direction", "from_provision_id", "to_provision_id"],
    "SELECT * FROM compare_jurisdictions('denver-co', 'aurora-co')": [
        "dimension", "is_core", "a_position", "a_level", "b_position", "b_level", "differs",
        "a_jurisdiction_id", "b_jurisdiction_id"],
    "SELECT * FROM coverage": ["jurisdiction_id", "dimension", "is_core", "provisions", "sources",
                               "first_observed_on", "last_observed_on", "status"],
}


@pytest.mark.parametrize("sql", sorted(CONTRACT_COLUMNS))
def test_every_contract_name_returns_its_documented_columns(con, sql):
    assert columns(con, sql) == CONTRACT_COLUMNS[sql]


def test_every_resource_has_a_typed_view_with_the_schema_columns(con):
    for resource in RESOURCES:
        assert columns(con, f"SELECT * FROM {resource.name}") == list(resource.field_names)
    types = dict(fetch(con, "SELECT column_name, column_type FROM (DESCRIBE provisions)"))
    assert types["observed_on"] == "DATE" and types["dimension"].startswith("ENUM")


def test_provision_evidence_and_matrix_and_disputes_have_their_key_columns(con):
    assert {"provision_id", "jurisdiction_name", "level", "quote", "source_title",
            "source_published_on"} <= set(columns(con, "SELECT * FROM provision_evidence"))
    matrix = columns(con, "SELECT * FROM policy_matrix")
    assert {"detainer_handling", "status_inquiry", "jail_access", "release_notification",
            "limits_index", "coded_core_dimensions"} <= set(matrix)
    assert {"jurisdiction_id", "dimension", "position_a", "position_b"} <= set(columns(con, "SELECT * FROM disputes"))


def test_positions_sort_by_level_because_the_enum_is_ordered_by_level(con):
    ordered = [row[0] for row in fetch(con, "SELECT DISTINCT position FROM codebook ORDER BY position")]
    levels = dict(fetch(con, "SELECT DISTINCT CAST(position AS VARCHAR), level FROM codebook"))
    assert [levels[p] for p in ordered] == sorted(levels[p] for p in ordered)


def test_denver_status_inquiry_is_unaddressed_the_day_before_the_2017_ordinance_and_prohibited_on_it(con):
    sql = "SELECT position FROM policy_as_of(CAST(? AS DATE)) WHERE jurisdiction_id = 'denver-co' AND dimension = 'status_inquiry'"
    assert fetch(con, sql, ["2016-12-31"]) == []
    assert fetch(con, sql, ["2017-01-01"]) == [("prohibited",)]
    assert fetch(con, sql, ["2024-12-31"]) == [("prohibited",)]
    assert fetch(con, sql, ["2025-01-01"]) == [("not_proactive",)]


def test_a_provision_holds_until_the_next_one_for_the_same_cell(con):
    rows = fetch(con, "SELECT position, valid_from, valid_to FROM policy_timeline "
                      "WHERE jurisdiction_id = 'denver-co' AND dimension = 'enforcement_participation' ORDER BY valid_from")
    assert rows == [("declines_participation", date(2016, 11, 15), date(2025, 1, 1)),
                    ("case_by_case", date(2025, 1, 1), None)]


def test_cells_no_source_addresses_return_nothing_not_a_guess(con):
    assert fetch(con, "SELECT * FROM policy_as_of(DATE '2025-06-01') WHERE jurisdiction_id = 'chicago-il'") == []
    row = fetch(con, "SELECT detainer_handling, limits_index FROM policy_matrix WHERE jurisdiction_id = 'chicago-il'")
    assert row == [("not_addressed", None)]


def test_policy_matrix_lists_every_jurisdiction(con):
    assert fetch(con, "SELECT count(*) FROM policy_matrix") == fetch(con, "SELECT count(*) FROM jurisdictions")


def test_limits_index_follows_its_formula_and_is_null_below_two_core_dimensions(con):
    # Denver latest: judicial_warrant_required (2), not_proactive (2), judicial_warrant_required (2), on_request_limited (2)
    assert fetch(con, "SELECT coded_core_dimensions, limits_index FROM policy_matrix WHERE jurisdiction_id = 'denver-co'") == [(4, 66.7)]
    # As of 2018-01-01 Denver has three core cells coded: 2, 3, 2 -> 100 * (7/9) / 3 ... = 77.8
    assert fetch(con, "SELECT coded_core_dimensions, limits_index FROM policy_matrix_as_of(DATE '2018-01-01') "
                      "WHERE jurisdiction_id = 'denver-co'") == [(3, round(100 * (2 / 3 + 3 / 3 + 2 / 3) / 3, 1))]
    assert fetch(con, "SELECT coded_core_dimensions, limits_index FROM policy_matrix WHERE jurisdiction_id = 'aurora-co'") == [(0, None)]


def test_denver_against_aurora_differs_where_one_is_not_addressed(con):
    rows = dict((r[0], r[1:]) for r in fetch(con, "SELECT dimension, a_position, b_position, differs "
                                                  "FROM compare_jurisdictions('denver-co', 'aurora-co', as_of := DATE '2016-12-01')"))
    assert rows["enforcement_participation"] == ("declines_participation", "declines_participation", False)
    assert rows["status_inquiry"] == ("not_addressed", "not_addressed", False)


def test_what_changed_in_denver_between_2016_and_2025(con):
    rows = fetch(con, "SELECT dimension, from_position, to_position, direction FROM policy_changes WHERE jurisdiction_id = 'denver-co'")
    assert ("status_inquiry", "prohibited", "not_proactive", "fewer_limits") in rows
    assert ("enforcement_participation", "declines_participation", "case_by_case", "fewer_limits") in rows


def test_the_2018_information_sharing_claims_surface_as_disputes(con):
    rows = fetch(con, "SELECT asserted_by_a, position_a, asserted_by_b, position_b FROM disputes "
                      "WHERE jurisdiction_id = 'denver-co' AND dimension = 'information_sharing'")
    assert ("jurisdiction_officials", "shares_on_request", "federal_agency", "restricted") in rows


def test_the_database_file_has_the_tables_comments_and_views():
    database = ROOT / "immigration_cooperation.duckdb"
    if not database.exists():
        pytest.fail("run `make build` first: immigration_cooperation.duckdb is missing")
    connection = duckdb.connect(str(database), read_only=True)
    assert connection.execute("SELECT count(*) FROM provisions").fetchone()[0] > 0
    comment = connection.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'evidence' "
                                 "AND column_name = 'quote_start'").fetchone()[0]
    assert "Unicode code points" in comment
    assert connection.execute("SELECT count(*) FROM policy_matrix").fetchone()[0] == \
        connection.execute("SELECT count(*) FROM jurisdictions").fetchone()[0]


def test_the_database_file_opens_in_a_duckdb_1x_reader():
    if not DUCKDB_1X_PYTHON.exists():
        pytest.fail("make test installs DuckDB 1.x into .venv-duckdb1; run `make test`")
    script = ("import duckdb; c = duckdb.connect('immigration_cooperation.duckdb', read_only=True); "
              "assert duckdb.__version__.startswith('1.'); "
              "print(duckdb.__version__, c.execute('SELECT limits_index FROM policy_matrix "
              "WHERE jurisdiction_id = \\'denver-co\\'').fetchone()[0])")
    result = subprocess.run([str(DUCKDB_1X_PYTHON), "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "66.7"
