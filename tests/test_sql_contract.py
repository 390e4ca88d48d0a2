"""The SQL contract: views.sql runs unchanged with nothing but DuckDB and answers the questions."""

import os
import subprocess
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import pytest

from immigration_cooperation.schema import RESOURCES

ROOT = Path(__file__).resolve().parents[1]
DUCKDB_1X_PYTHON = ROOT / ".venv-duckdb1" / "bin" / "python"


@contextmanager
def views_sql_from_the_package_root():
    """views.sql executed unchanged from the package root, as a downloader would run it; the
    views read data/*.csv relative to the working directory, so it stays the root meanwhile."""
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        connection = duckdb.connect()
        connection.execute(open("sql/views.sql", encoding="utf-8").read())
        yield connection
    finally:
        os.chdir(previous)


@pytest.fixture(scope="module")
def con():
    with views_sql_from_the_package_root() as connection:
        yield connection


def columns(con, sql):
    return [column[0] for column in con.execute(sql).description]


def fetch(con, sql, parameters=()):
    return con.execute(sql, list(parameters)).fetchall()


CONTRACT_COLUMNS = {
    "SELECT * FROM policy_timeline": [
        "jurisdiction_id", "dimension", "position", "level", "valid_from", "valid_from_latest", "valid_to",
        "valid_to_latest", "provision_id", "relation_to_record", "asserted_by", "asserted_by_actor_id",
        "confidence", "last_observed_on", "last_observed_on_latest", "sources", "corroborating_provisions",
        "conflicting_provisions", "disputed", "note"],
    "SELECT * FROM policy_as_of(DATE '2018-01-01')": [
        "jurisdiction_id", "dimension", "position", "level", "certainty", "valid_from", "valid_from_latest",
        "valid_to", "valid_to_latest", "last_observed_on", "last_observed_on_latest", "sources", "asserted_by",
        "asserted_by_actor_id", "confidence", "disputed", "provision_id"],
    "SELECT * FROM policy_cells": [
        "jurisdiction_id", "dimension", "is_core", "position", "level", "certainty", "since", "since_latest",
        "last_observed_on", "last_observed_on_latest", "sources", "asserted_by", "asserted_by_actor_id",
        "confidence", "disputed", "provision_id", "basis"],
    "SELECT * FROM record_sources": [
        "jurisdiction_id", "dimension", "record_provision_id", "source_id", "counted_from"],
    "SELECT * FROM policy_changes": [
        "jurisdiction_id", "dimension", "changed_on", "changed_on_latest", "from_position", "to_position",
        "direction", "from_provision_id", "to_provision_id", "asserted_by", "change_quote", "note"],
    "SELECT * FROM compare_jurisdictions('denver-co', 'aurora-co')": [
        "dimension", "is_core", "a_position", "a_level", "a_certainty", "a_since", "a_disputed", "b_position",
        "b_level", "b_certainty", "b_since", "b_disputed", "differs", "a_jurisdiction_id", "b_jurisdiction_id"],
    "SELECT * FROM coverage": [
        "jurisdiction_id", "dimension", "is_core", "provisions", "sources", "first_observed_on",
        "first_observed_on_latest", "last_observed_on", "last_observed_on_latest", "conflicting_provisions",
        "status"],
    "SELECT * FROM disputes": [
        "jurisdiction_id", "dimension", "from_date", "from_date_latest", "provision_id_a", "asserted_by_a",
        "actor_id_a", "position_a", "relation_a", "quote_a", "provision_id_b", "asserted_by_b", "actor_id_b",
        "position_b", "relation_b", "quote_b"],
}


@pytest.mark.parametrize("sql", sorted(CONTRACT_COLUMNS))
def test_every_contract_name_returns_its_documented_columns(con, sql):
    assert columns(con, sql) == CONTRACT_COLUMNS[sql]


def test_every_resource_has_a_typed_view_with_the_schema_columns(con):
    for resource in RESOURCES:
        assert columns(con, f"SELECT * FROM {resource.name}") == list(resource.field_names)
    types = dict(fetch(con, "SELECT column_name, column_type FROM (DESCRIBE provisions)"))
    assert types["observed_on"] == types["observed_on_latest"] == "DATE"
    # Closed lists read as text (checked against their ENUM on the way in): plain in any client.
    assert types["dimension"] == types["position"] == types["relation_to_record"] == "VARCHAR"


def test_the_matrix_has_a_position_and_a_basis_column_per_dimension_and_the_limits_index(con):
    matrix = columns(con, "SELECT * FROM policy_matrix")
    dimensions = [row[0] for row in fetch(con, "SELECT CAST(dimension AS VARCHAR) FROM dimensions ORDER BY sort_order")]
    assert matrix == ["jurisdiction_id", "name", "jurisdiction_level", *dimensions, "coded_core_dimensions",
                      "limits_index", *(f"{dimension}_certainty" for dimension in dimensions),
                      *(f"{dimension}_basis" for dimension in dimensions)]
    assert {"provision_id", "jurisdiction_name", "level", "quote", "source_title", "source_published_on",
            "source_published_on_latest", "relation_to_record", "reports_change"} <= \
        set(columns(con, "SELECT * FROM provision_evidence"))


def test_positions_cast_to_their_enum_sort_by_level(con):
    ordered = [row[0] for row in fetch(con, "SELECT DISTINCT position FROM codebook "
                                            "ORDER BY CAST(position AS enum_position)")]
    levels = dict(fetch(con, "SELECT DISTINCT CAST(position AS VARCHAR), level FROM codebook"))
    assert [levels[p] for p in ordered] == sorted(levels[p] for p in ordered)


@pytest.mark.parametrize("earliest, latest, text", [
    ("2016-11-14", "2016-11-14", "2016-11-14"), ("2016-11-01", "2016-11-30", "2016-11"),
    ("2016-02-01", "2016-02-29", "2016-02"), ("2017-01-01", "2017-12-31", "2017"),
    ("2017-01-16", "2017-12-31", "2017-01-16..2017-12-31"), ("2016-12-01", "2017-01-31", "2016-12-01..2017-01-31"),
    (None, "2017-12-31", "..2017-12-31"), (None, None, None)])
def test_date_text_writes_bounds_as_exactly_as_they_are(con, earliest, latest, text):
    assert fetch(con, "SELECT date_text(CAST(? AS DATE), CAST(? AS DATE))", [earliest, latest]) == [(text,)]


def test_a_day_no_source_speaks_to_returns_nothing_not_a_guess(con):
    assert fetch(con, "SELECT * FROM policy_as_of(DATE '2025-06-01') WHERE jurisdiction_id = 'chicago-il'") == []
    row = fetch(con, "SELECT detainer_handling, detainer_handling_basis, limits_index FROM policy_matrix "
                     "WHERE jurisdiction_id = 'chicago-il'")
    assert row == [("not_addressed", None, None)]


def test_policy_matrix_and_policy_cells_list_every_jurisdiction_and_every_cell(con):
    assert fetch(con, "SELECT count(*) FROM policy_matrix") == fetch(con, "SELECT count(*) FROM jurisdictions")
    assert fetch(con, "SELECT count(*) FROM policy_cells") == \
        fetch(con, "SELECT count(*) FROM jurisdictions CROSS JOIN dimensions")


def test_limits_index_follows_its_formula_and_is_null_below_two_core_dimensions(con):
    for as_of in ("9999-12-31", "2018-01-01", "2017-03-01"):
        cells = fetch(con, "SELECT jurisdiction_id, level FROM policy_cells_as_of(CAST(? AS DATE)) "
                           "WHERE is_core AND level IS NOT NULL", [as_of])
        by_jurisdiction: dict[str, list[int]] = {}
        for jurisdiction, level in cells:
            by_jurisdiction.setdefault(jurisdiction, []).append(level)
        for jurisdiction, coded, index in fetch(con, "SELECT jurisdiction_id, coded_core_dimensions, limits_index "
                                                     "FROM policy_matrix_as_of(CAST(? AS DATE))", [as_of]):
            levels = by_jurisdiction.get(jurisdiction, [])
            assert coded == len(levels)
            expected = round(100 * sum(levels) / 3 / len(levels), 1) if len(levels) >= 2 else None
            assert index == expected, (as_of, jurisdiction)
    assert fetch(con, "SELECT coded_core_dimensions, limits_index FROM policy_matrix "
                      "WHERE jurisdiction_id = 'aurora-co'") == [(0, None)]


def test_the_claim_order_puts_the_position_of_record_first_and_links_each_claim_to_it(con):
    rows = fetch(con, "SELECT provision_id, relation_to_record, claim_order, record_provision_id "
                      "FROM provision_claims WHERE jurisdiction_id = 'denver-co' "
                      "AND dimension = 'information_sharing' ORDER BY claim_order")
    justice_department = "denver-co-information-sharing-2018-justice-department"
    assert rows[0][:3] == (justice_department, "first_report", 1)
    assert {record for *_, record in rows} == {justice_department}


def test_each_claim_says_when_the_next_position_of_record_of_its_cell_starts():
    # next_record_from .. _latest: both bounds of the first record-setting claim after it in claim
    # order; on a record-setting claim, that is where its period in the timeline ends. No article
    # reports a change, so copies of one Denver claim are added as later reported changes, the
    # first with a blank latest bound (validation would refuse it; the views still say what it
    # says rather than borrow the next claim's bound).
    with views_sql_from_the_package_root() as con:
        con.execute("""
        CREATE TABLE with_changes AS
        SELECT * FROM provisions UNION ALL
        SELECT * REPLACE (change.provision_id AS provision_id, 'reported_change' AS relation_to_record,
                          change.position AS position, change.observed_on AS observed_on,
                          change.observed_on_latest AS observed_on_latest, NULL AS effective_from,
                          NULL AS effective_from_latest)
        FROM provisions,
             (VALUES ('synthetic-repeal', 'permitted', DATE '2020-01-01', NULL::DATE),
                     ('synthetic-restoration', 'prohibited', DATE '2021-01-01', DATE '2021-12-31'))
             AS change(provision_id, position, observed_on, observed_on_latest)
        WHERE jurisdiction_id = 'denver-co' AND dimension = 'status_inquiry'
              AND relation_to_record = 'first_report'""")
        con.execute("CREATE OR REPLACE VIEW provisions AS SELECT * FROM with_changes")  # what the views read
        cells: dict[tuple, list[tuple]] = {}
        for jurisdiction, dimension, *claim in fetch(con, """
                SELECT jurisdiction_id, dimension, sets_record, valid_from, valid_from_latest, next_record_from,
                       next_record_from_latest, provision_id
                FROM provision_claims ORDER BY jurisdiction_id, dimension, claim_order"""):
            cells.setdefault((jurisdiction, dimension), []).append(tuple(claim))
        ends = {}
        for claims in cells.values():
            for index, (sets_record, _, _, next_from, next_latest, provision_id) in enumerate(claims):
                following = [(start, latest) for record, start, latest, *_ in claims[index + 1:] if record]
                assert (next_from, next_latest) == (following[0] if following else (None, None)), provision_id
                ends[provision_id] = (next_from, next_latest)
        timeline = fetch(con, "SELECT provision_id, valid_to, valid_to_latest FROM policy_timeline")
        assert {provision_id: (to, latest) for provision_id, to, latest in timeline} == \
            {provision_id: ends[provision_id] for provision_id, _, _ in timeline}
        assert ends["synthetic-repeal"] == (date(2021, 1, 1), date(2021, 12, 31))
        assert ends["synthetic-restoration"] == (None, None)
        # The first report the copies replace ends where the repeal starts, its latest bound blank.
        (first_report,) = fetch(con, """
            SELECT provision_id FROM provisions WHERE jurisdiction_id = 'denver-co'
            AND dimension = 'status_inquiry' AND relation_to_record = 'first_report'""")
        assert ends[first_report[0]] == (date(2020, 1, 1), None)


def _claim_computations(con, statement: str) -> int:
    """How many times the query plan computes the claims: the window that links each claim to its
    position of record, from the provisions."""
    import json

    def windows(node) -> int:
        projections = json.dumps(node.get("extra_info", {}))
        own = node.get("name") == "WINDOW" and "sets_record" in projections and "IGNORE NULLS" in projections
        return own + sum(windows(child) for child in node.get("children", []))

    return sum(windows(node) for node in json.loads(con.execute(f"EXPLAIN (FORMAT JSON) {statement}").fetchall()[0][1]))


def test_over_the_csvs_each_view_computes_the_claims_once_and_each_as_of_macro_twice(con):
    # Over the CSVs a view is recomputed wherever it is read, so a view read twice in a query
    # reads the provisions and sorts them twice: at a million provisions, each time a second.
    # The claims are read once per query (a materialized CTE); an as-of macro reads them once
    # for its periods and basis and once more inside record_sources (which the database file stores).
    from immigration_cooperation.comparisons import CONTRACT_CALLS

    expected = {"provision_claims": 1, "record_sources": 1, "policy_timeline": 1, "policy_changes": 1,
                "disputes": 1, "policy_as_of": 2, "policy_cells_as_of": 2, "policy_cells": 2,
                "policy_matrix_as_of": 2, "policy_matrix": 2, "compare_jurisdictions": 2}
    counted = {name: _claim_computations(con, statement) for name, statement in CONTRACT_CALLS}
    assert {name: counted[name] for name in expected} == expected
    assert all(count == 0 for name, count in counted.items() if name not in expected)


@pytest.fixture(scope="module", params=[0, -30, 30], ids=["as coded", "taking effect a month early",
                                                           "taking effect a month late"])
def con_shifted(request):
    """views.sql over the package as coded, or with every claim taking effect a month before
    (then it holds before it counts) or after its source observes it (then it counts only once it
    holds); no claim of the package does either."""
    with views_sql_from_the_package_root() as connection:
        if request.param:
            connection.execute(f"CREATE TABLE shifted AS SELECT * REPLACE (observed_on + {request.param} "
                               f"AS effective_from, observed_on_latest + {request.param} AS effective_from_latest) "
                               "FROM provisions")
            connection.execute("CREATE OR REPLACE VIEW provisions AS SELECT * FROM shifted")
        yield connection


def test_a_source_counts_for_a_position_as_of_a_day_once_a_claim_agreeing_with_it_has_possibly_begun_and_been_observed(
        con_shifted):
    # Said directly of the claims and their quotes, on every day a claim may begin or be seen
    # and the day before: what policy_as_of counts through record_sources.
    con = con_shifted
    days = [day for (day,) in fetch(con, """
        SELECT DISTINCT unnest([valid_from, valid_from - 1, observed_on, observed_on - 1]) FROM provision_claims
        ORDER BY 1""")]
    counted = {}
    for day in days:
        answered = fetch(con, "SELECT provision_id, sources FROM policy_as_of(?) ORDER BY provision_id", [day])
        expected = fetch(con, """
            SELECT r.provision_id, count(DISTINCT e.source_id) FILTER (WHERE e.source_id IS NOT NULL)
            FROM policy_as_of(?) AS r
            LEFT JOIN provision_claims AS c ON c.record_provision_id = r.provision_id
                 AND c.relation_to_record <> 'conflicting_account' AND c.valid_from <= ? AND c.observed_on <= ?
            LEFT JOIN evidence AS e ON e.provision_id = c.provision_id
            GROUP BY r.provision_id ORDER BY r.provision_id""", [day, day, day])
        assert answered == expected, day
        for provision_id, sources in answered:
            counted.setdefault(provision_id, set()).add(sources)
    # The package must hold a position whose sources grow over time, or this says nothing.
    assert any(len(counts) > 1 for counts in counted.values())


def test_the_database_file_has_the_tables_comments_and_the_stored_views():
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
    (expected,) = duckdb.connect(str(ROOT / "immigration_cooperation.duckdb"), read_only=True).execute(
        "SELECT limits_index FROM policy_matrix WHERE jurisdiction_id = 'denver-co'").fetchone()
    assert result.stdout.split()[1] == str(expected)


def test_every_contract_call_answers_from_the_database_file_exactly_as_views_sql_over_the_csvs(con):
    # The database file stores each comparison view as a table of its rows; what a query of the
    # file returns must be what the views over the CSVs return, row for row and in order.
    from immigration_cooperation.comparisons import CONTRACT_CALLS

    database = duckdb.connect(str(ROOT / "immigration_cooperation.duckdb"), read_only=True)
    stored = {name for (name,) in database.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert {"provision_claims", "policy_timeline", "policy_cells", "coverage", "disputes"} <= stored
    assert database.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall() == []
    for name, statement in CONTRACT_CALLS:
        assert database.execute(statement).fetchall() == con.execute(statement).fetchall(), name


@pytest.mark.parametrize("day", ["2016-11-30", "2017-03-01", "2025-06-01", "9999-12-31"])
def test_policy_cells_as_of_for_some_jurisdictions_is_exactly_those_rows_of_every_jurisdictions(con, day):
    every = fetch(con, f"SELECT * FROM policy_cells_as_of(DATE '{day}') "
                       "WHERE jurisdiction_id IN ('denver-co', 'aurora-co')")
    some = fetch(con, f"SELECT * FROM policy_cells_as_of(DATE '{day}', "
                      "only_jurisdictions := ['denver-co', 'aurora-co'])")
    assert some == every and {row[0] for row in some} == {"denver-co", "aurora-co"}
    assert fetch(con, f"SELECT * FROM policy_as_of(DATE '{day}', only_jurisdictions := ['denver-co'])") == \
        fetch(con, f"SELECT * FROM policy_as_of(DATE '{day}') WHERE jurisdiction_id = 'denver-co'")


def test_compare_jurisdictions_is_the_two_rows_of_policy_cells_as_of_for_each_dimension(con):
    for day in ("2017-03-01", "9999-12-31"):
        compared = fetch(con, f"SELECT dimension, a_position, a_level, a_certainty, b_position, b_level, "
                              f"b_certainty FROM compare_jurisdictions('denver-co', 'aurora-co', as_of := DATE '{day}')")
        cells = {(jurisdiction, dimension): (position, level, certainty) for jurisdiction, dimension, position, level, certainty
                 in fetch(con, f"SELECT jurisdiction_id, dimension, position, level, certainty "
                               f"FROM policy_cells_as_of(DATE '{day}')")}
        assert compared == [(dimension, *cells[("denver-co", dimension)], *cells[("aurora-co", dimension)])
                            for (dimension,) in fetch(con, "SELECT dimension FROM dimensions ORDER BY sort_order")]


@pytest.mark.parametrize("day", ["2016-11-30", "2017-03-01", "2025-06-01", "9999-12-31"])
def test_policy_matrix_as_of_is_policy_cells_as_of_one_row_per_jurisdiction_in_id_order(con, day):
    # The matrix reads only addressed cells; a dimension without one must still say
    # not_addressed, with no certainty and no basis, exactly as its cell does.
    dimensions = [name for (name,) in fetch(con, "SELECT dimension FROM dimensions ORDER BY sort_order")]
    cells: dict[str, dict[str, tuple]] = {}
    for jurisdiction, dimension, position, certainty, basis in fetch(
            con, f"SELECT jurisdiction_id, dimension, position, certainty, basis FROM policy_cells_as_of(DATE '{day}')"):
        cells.setdefault(jurisdiction, {})[dimension] = (position, certainty, basis)
    pivoted = ", ".join([*dimensions, *(f"{name}_certainty" for name in dimensions),
                         *(f"{name}_basis" for name in dimensions)])
    matrix = fetch(con, f"SELECT jurisdiction_id, {pivoted} FROM policy_matrix_as_of(DATE '{day}')")
    assert [row[0] for row in matrix] == sorted(cells)
    count = len(dimensions)
    for jurisdiction, *values in matrix:
        assert [tuple(values[index + count * part] for part in range(3)) for index in range(count)] == \
            [cells[jurisdiction][name] for name in dimensions], jurisdiction
    assert any(all(position == "not_addressed" for position, _, _ in row.values()) for row in cells.values())
