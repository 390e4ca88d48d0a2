"""Generated documents stay readable at national scale: answers are shown in part and counted,
sentences count jurisdictions instead of naming hundreds of thousands."""

import duckdb

from immigration_cooperation.prose import jurisdictions_phrase
from immigration_cooperation.reports import SHOWN_ROWS, answer_markdown


def body_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("| ")][1:]


def test_a_long_answer_shows_its_first_fifty_rows_in_order_and_says_how_many_there_are():
    connection = duckdb.connect()
    shown = answer_markdown(connection, "SELECT range AS n FROM range(120) ORDER BY n DESC;")
    assert SHOWN_ROWS == 50
    assert body_rows(shown) == [f"| {n} |" for n in range(119, 69, -1)]
    assert shown.endswith("*The first 50 of 120 rows; run the query for all of them.*")


def test_an_answer_of_fifty_rows_or_fewer_is_shown_whole_with_no_count():
    connection = duckdb.connect()
    shown = answer_markdown(connection, "SELECT range AS n FROM range(50)")
    assert len(body_rows(shown)) == 50 and "first" not in shown
    assert answer_markdown(connection, "SELECT 1 WHERE false") == "*(no rows)*"


def test_a_sentence_names_twelve_jurisdictions_at_most_and_counts_more():
    names = [f"Place {number}" for number in range(1, 14)]
    assert jurisdictions_phrase(names[:12]) == ", ".join(names[:11]) + " and Place 12"
    assert jurisdictions_phrase(names) == "13 jurisdictions"
    assert jurisdictions_phrase([f"Town {number}" for number in range(642_869)]) == "642,869 jurisdictions"


def test_jurisdictions_that_share_a_name_are_counted_one_by_one():
    # Washington County is the name of some thirty counties: each is a jurisdiction of its own.
    from immigration_cooperation.prose import coverage_sentences

    connection = duckdb.connect()
    connection.execute("CREATE TABLE dimensions AS SELECT * FROM (VALUES ('status_inquiry', true), "
                       "('jail_access', true)) AS d(dimension, is_core)")
    connection.execute("CREATE TABLE jurisdictions AS SELECT 'washington-county-' || range AS jurisdiction_id, "
                       "'Washington County' AS name, 'mentioned' AS role_in_sources FROM range(14)")
    connection.execute("CREATE TABLE provisions AS SELECT 'washington-county-0' AS jurisdiction_id, "
                       "dimension FROM dimensions")
    assert coverage_sentences(connection) == (
        "Washington County has provisions on all two core dimensions. 13 jurisdictions are named without "
        "any coded provision.")
