"""Comparisons say only what the sources say: uncertain dates, changes versus re-descriptions, disputes.

Every rule is checked through the SQL views of a downloader's copy (the published files only), run
by tests/downloader_queries.py in a separate interpreter that cannot import project code. The
cases are the articles' own; one rule with no case in the articles (a reported change) is checked
on a copy with one synthetic claim added, marked as such.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from immigration_cooperation.distribution import DOWNLOAD_DOCUMENTS, copy_package

ROOT = Path(__file__).resolve().parents[1]
RUNNER = Path(__file__).resolve().parent / "downloader_queries.py"

DENVER = "denver-co"
POLICE_2016 = "denver-co-enforcement-participation-2016"
MAYOR_2025_PARTICIPATION = "denver-co-enforcement-participation-2025"
BAN_2017 = "denver-co-status-inquiry-2017"
MAYOR_2025_STATUS = "denver-co-status-inquiry-2025"
MAYOR_2018 = "denver-co-information-sharing-2018-mayor"
OUTLET_2018 = "denver-co-information-sharing-2018-outlet"
JUSTICE_2018 = "denver-co-information-sharing-2018-justice-department"
ICE_2016_RELEASE = "denver-co-release-notification-2016-ice"


def cell(jurisdiction: str, dimension: str) -> str:
    return f"jurisdiction_id = '{jurisdiction}' AND CAST(dimension AS VARCHAR) = '{dimension}'"


QUERIES = {
    "as_of": "SELECT d, jurisdiction_id, CAST(dimension AS VARCHAR) AS dimension, CAST(position AS VARCHAR) "
             "AS position, certainty, valid_from, valid_from_latest, CAST(asserted_by AS VARCHAR) AS "
             "asserted_by, disputed, provision_id "
             "FROM (SELECT unnest([DATE '2016-11-13', DATE '2016-11-30', DATE '2017-01-15', DATE '2017-01-17', "
             "DATE '2017-03-01', DATE '2018-01-01', DATE '2020-06-01', DATE '2025-06-01']) AS d) AS days, "
             "LATERAL (SELECT * FROM policy_as_of(days.d))",
    "cells": "SELECT jurisdiction_id, CAST(dimension AS VARCHAR) AS dimension, position, level, certainty, "
             "since, since_latest, last_observed_on, last_observed_on_latest, sources, "
             "CAST(asserted_by AS VARCHAR) AS asserted_by, disputed, provision_id, basis FROM policy_cells",
    "cells_2018": "SELECT jurisdiction_id, CAST(dimension AS VARCHAR) AS dimension, position, certainty, "
                  "disputed FROM policy_cells_as_of(DATE '2018-01-01')",
    "cells_2020": "SELECT jurisdiction_id, CAST(dimension AS VARCHAR) AS dimension, position, certainty "
                  "FROM policy_cells_as_of(DATE '2020-06-01')",
    "cells_2019_12": "SELECT jurisdiction_id, CAST(dimension AS VARCHAR) AS dimension, position, certainty, "
                     "last_observed_on, sources, basis FROM policy_cells_as_of(DATE '2019-12-01')",
    "matrix_2017_03": "SELECT * FROM policy_matrix_as_of(DATE '2017-03-01')",
    "matrix": "SELECT * FROM policy_matrix",
    "timeline": "SELECT jurisdiction_id, CAST(dimension AS VARCHAR) AS dimension, CAST(position AS VARCHAR) "
                "AS position, level, valid_from, valid_from_latest, valid_to, valid_to_latest, provision_id, "
                "last_observed_on, last_observed_on_latest, sources, disputed, note FROM policy_timeline",
    "changes": "SELECT jurisdiction_id, CAST(dimension AS VARCHAR) AS dimension, changed_on, changed_on_latest, "
               "CAST(from_position AS VARCHAR) AS from_position, CAST(to_position AS VARCHAR) AS to_position, "
               "direction, change_quote, note FROM policy_changes",
    "disputes": "SELECT * FROM disputes",
    "compare_denver_aurora": "SELECT CAST(dimension AS VARCHAR) AS dimension, a_position, b_position, differs, "
                             "a_certainty, a_since FROM compare_jurisdictions('denver-co', 'aurora-co')",
    "compare_chicago_seattle": "SELECT CAST(dimension AS VARCHAR) AS dimension, a_position, b_position, differs "
                               "FROM compare_jurisdictions('chicago-il', 'seattle-wa')",
    "compare_2016_11_30": "SELECT CAST(dimension AS VARCHAR) AS dimension, a_position, a_certainty, b_position, "
                          "b_certainty, differs FROM compare_jurisdictions('denver-co', 'los-angeles-ca', "
                          "as_of := DATE '2016-11-30')",
    "timeline_columns": "SELECT * FROM policy_timeline LIMIT 0",
    "changes_columns": "SELECT * FROM policy_changes LIMIT 0",
}


def run_queries(package_dir: Path) -> dict[str, list[dict]]:
    completed = subprocess.run(
        [sys.executable, "-I", str(RUNNER), str(package_dir), json.dumps(QUERIES)],
        capture_output=True, text=True, cwd=package_dir, timeout=300)
    assert completed.returncode == 0, completed.stderr
    results = json.loads(completed.stdout)
    answers: dict = {}
    for name, result in results.items():
        answers[name] = [dict(zip(result["columns"], row)) for row in result["rows"]]
        answers[f"{name}:columns"] = result["columns"]
    return answers


@pytest.fixture(scope="module")
def answers(tmp_path_factory) -> dict:
    copy = tmp_path_factory.mktemp("download")
    copy_package(ROOT, copy, DOWNLOAD_DOCUMENTS)
    return run_queries(copy)


def where(rows: list[dict], **match) -> list[dict]:
    return [row for row in rows if all(row.get(key) == value for key, value in match.items())]


def one(rows: list[dict], **match) -> dict:
    found = where(rows, **match)
    assert len(found) == 1, (match, found)
    return found[0]


# ----- 1. dates are bounds -----

def test_the_2017_ordinance_positions_start_within_the_bounds_the_undated_article_allows(answers):
    ban = one(answers["timeline"], provision_id=BAN_2017)
    # passed on a Monday before an article from 2017-01-19 at the earliest ("seven weeks after" a
    # December 2016 release), and no later than the article's year
    assert (ban["valid_from"], ban["valid_from_latest"]) == ("2017-01-16", "2017-12-31")


def test_the_police_chiefs_summary_cannot_put_a_position_in_force_before_the_statement_it_quotes(answers):
    for jurisdiction in ("los-angeles-ca", "tucson-az"):
        row = one(answers["timeline"], jurisdiction_id=jurisdiction, dimension="enforcement_participation")
        assert (row["valid_from"], row["valid_from_latest"]) == ("2016-11-14", "2017-01-20")
        assert where(answers["as_of"], d="2016-11-13", jurisdiction_id=jurisdiction) == []


# ----- 2. as-of answers say how sure they are -----

def test_denvers_status_inquiry_is_not_certainly_prohibited_on_2017_01_15_nor_on_2017_01_17(answers):
    rows = where(answers["as_of"], d="2017-01-15", jurisdiction_id=DENVER, dimension="status_inquiry")
    assert where(rows, certainty="certain") == []
    # inside the ordinance's bounds (2017-01-16..2017-12-31) it may have been in force, no more
    row = one(answers["as_of"], d="2017-01-17", jurisdiction_id=DENVER, dimension="status_inquiry")
    assert (row["position"], row["certainty"]) == ("prohibited", "possible")


def test_denvers_2017_ordinance_positions_are_only_possibly_in_force_on_2017_03_01(answers):
    for dimension in ("status_inquiry", "detainer_handling", "jail_access"):
        row = one(answers["as_of"], d="2017-03-01", jurisdiction_id=DENVER, dimension=dimension)
        assert row["certainty"] == "possible"


def test_denvers_status_inquiry_is_certainly_prohibited_on_2018_01_01(answers):
    row = one(answers["as_of"], d="2018-01-01", jurisdiction_id=DENVER, dimension="status_inquiry")
    assert (row["position"], row["certainty"]) == ("prohibited", "certain")
    assert one(answers["cells_2018"], jurisdiction_id=DENVER, dimension="status_inquiry")["certainty"] == "certain"


def test_the_matrix_as_of_a_day_has_a_certainty_column_per_dimension_to_filter_on(answers):
    denver = one(answers["matrix_2017_03"], jurisdiction_id=DENVER)
    assert (denver["status_inquiry"], denver["status_inquiry_certainty"]) == ("prohibited", "possible")
    assert "(possibly in force)" in denver["status_inquiry_basis"]
    assert (denver["enforcement_participation"], denver["enforcement_participation_certainty"]) == \
        ("declines_participation", "certain")
    assert (denver["information_sharing"], denver["information_sharing_certainty"]) == ("not_addressed", None)


def test_at_the_end_of_november_2016_los_angeles_is_possibly_and_denver_certainly_declining(answers):
    rows = {row["jurisdiction_id"]: row["certainty"] for row in
            where(answers["as_of"], d="2016-11-30", dimension="enforcement_participation")}
    assert rows["denver-co"] == "certain" and rows["aurora-co"] == "certain"
    assert rows["los-angeles-ca"] == "possible" and rows["tucson-az"] == "possible"
    compared = one(answers["compare_2016_11_30"], dimension="enforcement_participation")
    assert (compared["a_certainty"], compared["b_certainty"], compared["differs"]) == ("certain", "possible", False)


# ----- 3. a change is a change only when a source reports one -----

def test_denvers_status_inquiry_stays_prohibited_in_2025_because_no_repeal_is_reported(answers):
    assert one(answers["as_of"], d="2025-06-01", jurisdiction_id=DENVER,
               dimension="status_inquiry")["position"] == "prohibited"
    assert one(answers["matrix"], jurisdiction_id=DENVER)["status_inquiry"] == "prohibited"
    assert where(answers["changes"], jurisdiction_id=DENVER, dimension="status_inquiry") == []
    assert where(answers["timeline"], jurisdiction_id=DENVER, dimension="status_inquiry") == [
        one(answers["timeline"], provision_id=BAN_2017)]


def test_the_mayors_2025_description_corroborates_the_ban(answers):
    ban = one(answers["cells"], jurisdiction_id=DENVER, dimension="status_inquiry")
    assert ban["provision_id"] == BAN_2017
    # the last observation advances to the 2025 interview, and its sources grow to two
    assert (ban["last_observed_on"], ban["last_observed_on_latest"]) == ("2025-01-20", "2025-12-31")
    assert ban["sources"] == 2 and ban["disputed"] is False


def test_a_conflicting_account_never_moves_the_position_of_record(answers):
    participation = one(answers["cells"], jurisdiction_id=DENVER, dimension="enforcement_participation")
    assert (participation["position"], participation["provision_id"]) == ("declines_participation", POLICE_2016)
    release = one(answers["cells"], jurisdiction_id=DENVER, dimension="release_notification")
    assert (release["position"], release["provision_id"]) == ("declines", ICE_2016_RELEASE)
    # the mayor's 2025 accounts are not reported changes, so they change nothing
    assert where(answers["changes"], jurisdiction_id=DENVER, dimension="enforcement_participation") == []
    assert where(answers["changes"], jurisdiction_id=DENVER, dimension="release_notification") == []


def test_a_conflicting_account_neither_advances_the_last_observation_nor_adds_a_source(answers):
    # The mayor's 2025 account disputes the 2016 police statement; it does not confirm it.
    participation = one(answers["cells"], jurisdiction_id=DENVER, dimension="enforcement_participation")
    assert (participation["last_observed_on"], participation["last_observed_on_latest"]) == \
        ("2016-11-14", "2016-11-14")
    assert participation["sources"] == 2  # Denver7 and the police-chiefs summary, not the 2025 article


def test_ices_account_of_the_december_2016_release_reaches_the_comparison_views(answers):
    row = one(answers["as_of"], d="2017-01-15", jurisdiction_id=DENVER, dimension="release_notification")
    assert (row["position"], row["asserted_by"], row["provision_id"]) == ("declines", "federal_agency",
                                                                          ICE_2016_RELEASE)
    assert (row["valid_from"], row["valid_from_latest"]) == ("2016-12-01", "2016-12-31")


# ----- 4. disputes are real conflicts -----

def dispute_pairs(answers, dimension):
    return {(row["provision_id_a"], row["provision_id_b"])
            for row in where(answers["disputes"], jurisdiction_id=DENVER, dimension=dimension)}


def test_the_police_in_2016_and_the_mayor_in_2025_dispute_denvers_past_participation(answers):
    assert dispute_pairs(answers, "enforcement_participation") == {(POLICE_2016, MAYOR_2025_PARTICIPATION)}
    row = one(answers["disputes"], provision_id_b=MAYOR_2025_PARTICIPATION)
    assert row["asserted_by_a"] == row["asserted_by_b"] == "jurisdiction_officials"  # the same side


def test_in_2018_the_mayor_disputes_the_outlet_and_the_justice_department_who_agree(answers):
    # The mayor "responded to the Justice Department letter": the accusation is the first report.
    assert dispute_pairs(answers, "information_sharing") == {(JUSTICE_2018, MAYOR_2018), (MAYOR_2018, OUTLET_2018)}


def test_the_2017_ban_and_the_2025_description_of_status_inquiry_are_not_a_dispute(answers):
    assert dispute_pairs(answers, "status_inquiry") == set()
    assert one(answers["cells"], jurisdiction_id=DENVER, dimension="status_inquiry")["disputed"] is False


def test_every_dispute_carries_both_positions_parties_provisions_and_first_quotes(answers):
    assert answers["disputes"]
    for row in answers["disputes"]:
        for side in ("a", "b"):
            for column in ("provision_id", "asserted_by", "position", "relation", "quote"):
                assert row[f"{column}_{side}"], (column, side, row)
        assert row["position_a"] != row["position_b"]
    mayor = one(answers["disputes"], provision_id_a=JUSTICE_2018)
    assert mayor["quote_b"] == "Denver does not violate section 1373 and complies with all federal laws"


# ----- 5. cells carry their basis -----

def test_denvers_information_sharing_cell_says_who_asserts_it_since_when_and_that_it_is_disputed(answers):
    row = one(answers["cells"], jurisdiction_id=DENVER, dimension="information_sharing")
    assert (row["position"], row["level"], row["asserted_by"]) == ("restricted", 2, "federal_agency")
    assert (row["since"], row["since_latest"]) == ("2018-01-24", "2018-01-24")
    # the outlet's account of the same day corroborates; the mayor's disputes
    assert (row["last_observed_on"], row["last_observed_on_latest"]) == ("2018-01-25", "2018-01-25")
    assert row["disputed"] is True and row["sources"] == 1
    assert row["basis"] == "since 2018-01-24; last 2018-01-25; 1 source; federal_agency (low confidence); disputed"
    assert one(answers["matrix"], jurisdiction_id=DENVER)["information_sharing_basis"] == row["basis"]


def test_a_not_addressed_cell_has_no_basis_at_all(answers):
    row = one(answers["cells"], jurisdiction_id="chicago-il", dimension="status_inquiry")
    assert row["position"] == "not_addressed"
    assert all(row[column] is None for column in ("level", "certainty", "since", "sources", "disputed", "basis"))


def test_differs_is_null_where_either_side_is_not_addressed(answers):
    compared = {row["dimension"]: row for row in answers["compare_denver_aurora"]}
    assert compared["detainer_handling"]["b_position"] == "not_addressed"
    assert compared["detainer_handling"]["differs"] is None
    assert compared["enforcement_participation"]["differs"] is False
    assert all(row["differs"] is None for row in answers["compare_chicago_seattle"])
    assert compared["status_inquiry"]["a_since"] == "2017-01-16..2017-12-31"


def test_the_limits_index_follows_the_positions_of_record(answers):
    levels = [row["level"] for row in where(answers["cells"], jurisdiction_id=DENVER)
              if row["dimension"] in ("detainer_handling", "status_inquiry", "jail_access",
                                      "release_notification")]
    assert one(answers["cells"], jurisdiction_id=DENVER, dimension="status_inquiry")["level"] == 3
    assert one(answers["matrix"], jurisdiction_id=DENVER)["limits_index"] == round(100 * sum(levels) / 3 / len(levels), 1)


def test_the_timeline_and_the_changes_carry_date_bounds_and_the_note(answers):
    for name in ("timeline_columns", "changes_columns"):
        assert "note" in answers[f"{name}:columns"]
    assert {"valid_from", "valid_from_latest", "valid_to", "valid_to_latest"} <= set(answers["timeline_columns:columns"])
    assert {"changed_on", "changed_on_latest", "change_quote"} <= set(answers["changes_columns:columns"])
    assert one(answers["timeline"], provision_id=BAN_2017)["note"]


# ----- a reported change (no article reports one: a synthetic claim in a copy) -----

SYNTHETIC = "synthetic-denver-co-status-inquiry-repeal"
SYNTHETIC_CONFLICT = "synthetic-denver-co-status-inquiry-conflict-2018"
SYNTHETIC_DATED_BACK = "synthetic-denver-co-detainer-handling-change-2019"


def append_row(path: Path, values: dict) -> None:
    text = path.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text)))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([values.get(name, "") for name in header])
    path.write_text(text + buffer.getvalue(), encoding="utf-8")


def add_synthetic_claim(copy: Path, provision_id: str, quote: str, reports_change: bool, **fields) -> None:
    """One made-up Denver claim with one evidence row, as a hand edit of the copy's CSVs."""
    append_row(copy / "data" / "provisions.csv", {
        "provision_id": provision_id, "jurisdiction_id": DENVER,
        "observed_on_basis": "Synthetic, for this test only.", "asserted_by": "outlet", **fields})
    append_row(copy / "data" / "evidence.csv", {
        "evidence_id": f"{provision_id}-1", "provision_id": provision_id,
        "source_id": "johnston-2025-denver-ice", "quote": quote, "quote_start": "0", "quote_end": "1",
        "reports_change": "true" if reports_change else "false"})


@pytest.fixture(scope="module")
def changed(tmp_path_factory) -> dict:
    copy = tmp_path_factory.mktemp("download-with-a-change")
    copy_package(ROOT, copy, DOWNLOAD_DOCUMENTS)
    add_synthetic_claim(
        copy, SYNTHETIC, "(synthetic) the council repealed the ban", True,
        dimension="status_inquiry", position="permitted", relation_to_record="reported_change",
        observed_on="2020-01-01", observed_on_latest="2020-12-31", observed_on_precision="year",
        confidence="high", note="Synthetic: a repeal reported by a made-up source.")
    # a conflicting account of the ban, before the change
    add_synthetic_claim(
        copy, SYNTHETIC_CONFLICT, "(synthetic) officers still ask", False,
        dimension="status_inquiry", position="not_proactive", relation_to_record="conflicting_account",
        observed_on="2018-06-01", observed_on_latest="2018-06-01", observed_on_precision="day",
        confidence="low", note="Synthetic: an account that the ban is not applied.")
    # a change a later source dates back: in force from 2019-07-01, reported in 2020
    add_synthetic_claim(
        copy, SYNTHETIC_DATED_BACK, "(synthetic) since July the city declines", True,
        dimension="detainer_handling", position="declines_all", relation_to_record="reported_change",
        observed_on="2020-01-01", observed_on_latest="2020-12-31", observed_on_precision="year",
        effective_from="2019-07-01", effective_from_latest="2019-07-01", effective_from_precision="day",
        confidence="high", note="Synthetic: a change reported in 2020 as in force since July 2019.")
    return run_queries(copy)


def test_an_as_of_answer_counts_only_what_sources_had_said_by_that_day(changed):
    # In force since 2019-07-01 by a 2020 account: on 2019-12-01 it holds, but no source had spoken.
    cell = one(changed["cells_2019_12"], jurisdiction_id=DENVER, dimension="detainer_handling")
    assert (cell["position"], cell["certainty"]) == ("declines_all", "certain")
    assert (cell["last_observed_on"], cell["sources"]) == (None, 0)
    assert "last none yet; 0 sources" in cell["basis"]


def test_a_reported_change_moves_the_position_of_record_and_is_listed_with_its_quote(changed):
    (change,) = where(changed["changes"], jurisdiction_id=DENVER, dimension="status_inquiry")
    assert (change["from_position"], change["to_position"], change["direction"]) == \
        ("prohibited", "permitted", "fewer_limits")
    assert (change["changed_on"], change["changed_on_latest"]) == ("2020-01-01", "2020-12-31")
    assert change["change_quote"] == "(synthetic) the council repealed the ban"
    assert change["note"].startswith("Synthetic")
    ban = one(changed["timeline"], provision_id=BAN_2017)
    assert (ban["valid_to"], ban["valid_to_latest"]) == ("2020-01-01", "2020-12-31")


def test_while_a_changes_date_is_uncertain_both_positions_are_only_possible(changed):
    before = where(changed["as_of"], d="2018-01-01", jurisdiction_id=DENVER, dimension="status_inquiry")
    assert [(row["position"], row["certainty"]) for row in before] == [("prohibited", "certain")]
    during = where(changed["as_of"], d="2020-06-01", jurisdiction_id=DENVER, dimension="status_inquiry")
    assert sorted((row["position"], row["certainty"]) for row in during) == [("permitted", "possible"),
                                                                              ("prohibited", "possible")]
    # one value per cell: the matrix keeps the earlier position and says it is only possible
    cell_2020 = one(changed["cells_2020"], jurisdiction_id=DENVER, dimension="status_inquiry")
    assert (cell_2020["position"], cell_2020["certainty"]) == ("prohibited", "possible")
    # the 2025 re-description now corroborates the new position, not the ban
    after = one(changed["as_of"], d="2025-06-01", jurisdiction_id=DENVER, dimension="status_inquiry")
    assert (after["position"], after["certainty"]) == ("permitted", "certain")
    # A change is not a dispute, and a conflicting account of the old position does not dispute
    # the new one (it names another position, but the periods do not overlap).
    assert dispute_pairs(changed, "status_inquiry") == {(BAN_2017, SYNTHETIC_CONFLICT)}
