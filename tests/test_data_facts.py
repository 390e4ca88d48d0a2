"""Statements about the coded data, each a real case from the articles."""

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def rows(name):
    with open(ROOT / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def provision(provision_id):
    matches = [row for row in rows("provisions") if row["provision_id"] == provision_id]
    assert len(matches) == 1, provision_id
    return matches[0]


def quotes_for(provision_id):
    return [row["quote"] for row in rows("evidence") if row["provision_id"] == provision_id]


def test_denver_prohibits_status_inquiry_after_the_2017_ordinance():
    row = provision("denver-co-status-inquiry-2017")
    assert (row["dimension"], row["position"]) == ("status_inquiry", "prohibited")
    assert row["instrument_id"] == "denver-public-safety-enforcement-priorities-act"
    assert row["relation_to_record"] == "first_report"
    # the ordinance passed on a Monday of 2017, no earlier than 2017-01-16 (see the source's date)
    assert (row["observed_on"], row["observed_on_latest"], row["observed_on_precision"]) == \
        ("2017-01-16", "2017-12-31", "range")
    assert row["observed_on_basis"].startswith("The date of instrument denver-public-safety-enforcement-priorities-act")
    assert quotes_for(row["provision_id"]) == [
        "bans city officials from asking an arrested individual’s immigration status"]


def test_the_denver_ordinance_passed_ten_to_none():
    instrument = next(r for r in rows("instruments")
                      if r["instrument_id"] == "denver-public-safety-enforcement-priorities-act")
    assert (instrument["kind"], instrument["votes_for"], instrument["votes_against"]) == ("ordinance", "10", "0")
    assert "passed, 10-0" in instrument["quote"]


def test_denver_requires_a_judicial_warrant_for_jail_interviews_from_2017():
    row = provision("denver-co-jail-access-2017")
    assert row["position"] == "judicial_warrant_required"
    assert row["judicial_warrant_exception"] == "true"
    assert "ban ICE from conducting in-person jail interviews without a warrant" in quotes_for(row["provision_id"])


def test_in_2025_denver_notifies_ice_of_releases_only_on_request_and_only_for_criminals():
    row = provision("denver-co-release-notification-2025")
    assert row["position"] == "on_request_limited"
    assert row["only_on_federal_request"] == "true"
    assert row["offense_scope"] == "violent_or_serious_offenses"
    assert row["asserted_by_actor_id"] == "mike-johnston"


def test_no_2025_source_speaks_of_detainers_so_that_cell_is_not_recoded():
    detainer_rows = [r for r in rows("provisions")
                     if r["jurisdiction_id"] == "denver-co" and r["dimension"] == "detainer_handling"]
    assert [r["observed_on"][:4] for r in detainer_rows] == ["2017"]


def test_denver_and_the_justice_department_disagree_on_information_sharing_and_both_claims_are_kept():
    claims = {r["asserted_by"]: r["position"] for r in rows("provisions")
              if r["jurisdiction_id"] == "denver-co" and r["dimension"] == "information_sharing"}
    assert claims == {"jurisdiction_officials": "shares_on_request", "outlet": "restricted",
                      "federal_agency": "restricted"}


def test_the_police_statement_of_2016_rests_on_two_sources():
    sources = {r["source_id"] for r in rows("evidence")
               if r["provision_id"] == "denver-co-enforcement-participation-2016"}
    assert sources == {"denver7-2016-aurora-denver-police", "police1-summary-2016-police-chiefs"}


def test_every_jurisdiction_the_articles_name_is_present_including_those_named_only_in_a_list():
    names = {r["jurisdiction_id"]: r for r in rows("jurisdictions")}
    named = {"denver-co", "aurora-co", "los-angeles-ca", "los-angeles-county-ca", "tucson-az",
             "chicago-il", "seattle-wa", "new-york-city-ny", "nashville-tn", "illinois", "california",
             "united-states"}
    assert named <= set(names)
    assert all(names[j]["role_in_sources"] == "takes_position" for j in named)


def test_tucson_is_named_correctly_while_its_quote_keeps_the_source_spelling():
    tucson = next(r for r in rows("jurisdictions") if r["jurisdiction_id"] == "tucson-az")
    assert tucson["name"] == "Tucson"
    magnus = next(r for r in rows("actors") if r["actor_id"] == "chris-magnus")
    assert magnus["quote"] == "Tuscon Police Chief Chris Magnus"


def test_each_core_dimension_has_at_least_one_coded_provision():
    coded = {r["dimension"] for r in rows("provisions")}
    for dimension in ("detainer_handling", "status_inquiry", "jail_access", "release_notification"):
        assert dimension in coded


def test_every_provision_has_evidence_and_every_quote_is_an_exact_span_of_article_text():
    sources = {r["source_id"]: r for r in rows("sources")}
    texts = {sid: (ROOT / r["path"]).read_text(encoding="utf-8") for sid, r in sources.items()}
    with_evidence = {r["provision_id"] for r in rows("evidence")}
    assert {r["provision_id"] for r in rows("provisions")} <= with_evidence
    for name in ("evidence", "statements", "events", "actors", "instruments"):
        for row in rows(name):
            start, end = int(row["quote_start"]), int(row["quote_end"])
            assert texts[row["source_id"]][start:end] == row["quote"], (name, row)
            source = sources[row["source_id"]]
            assert int(source["body_start"]) <= start and end <= int(source["body_end"]), (name, row)


@pytest.mark.parametrize("chrome", ["HOLD IT RIGHT THERE", "Define ‘our people’", "Sign up for",
                                    "RECOMMENDED FOR YOU", "Stay Connected", "AP_832718961039.jpg",
                                    "Read the full story"])
def test_no_quote_comes_from_site_chrome_or_the_reader_comment(chrome):
    for name in ("evidence", "statements", "events", "actors", "instruments"):
        assert not [row for row in rows(name) if chrome in row["quote"]]


def test_dates_are_exact_only_where_the_articles_state_them():
    by_id = {r["source_id"]: r for r in rows("sources")}
    stated = {sid for sid, r in by_id.items() if r["published_on_basis"] == "stated"}
    assert {"denver7-2016-aurora-denver-police", "colorado-politics-2018-doj-investigation"} <= stated
    assert by_id["denver7-2016-aurora-denver-police"]["published_on"] == "2016-11-15"
    assert by_id["colorado-politics-2018-doj-investigation"]["published_on"] == "2018-01-25"
    for source in by_id.values():
        exact = source["published_on"] == source["published_on_latest"]
        assert exact == (source["published_on_precision"] == "day")
        if source["published_on_basis"] == "inferred":
            assert not exact and source["published_on_reasoning"]


def test_the_undated_2017_article_is_no_earlier_than_seven_weeks_after_a_december_2016_release():
    source = next(r for r in rows("sources") if r["source_id"] == "ordinance-2017-denver-council")
    assert (source["published_on"], source["published_on_latest"]) == ("2017-01-19", "2017-12-31")
    assert "seven weeks after he was released" in source["published_on_reasoning"]


def test_the_police_chiefs_summary_lies_between_the_statement_it_quotes_and_the_inauguration():
    source = next(r for r in rows("sources") if r["source_id"] == "police1-summary-2016-police-chiefs")
    assert (source["published_on"], source["published_on_latest"]) == ("2016-11-14", "2017-01-20")
    assert "president-elect" in source["published_on_reasoning"]
    assert "general knowledge" in source["published_on_reasoning"]  # the inauguration date is labelled


def test_ices_account_of_the_december_2016_release_is_coded_as_its_claim_about_release_notification():
    row = provision("denver-co-release-notification-2016-ice")
    assert (row["dimension"], row["position"], row["confidence"]) == ("release_notification", "declines", "low")
    assert (row["asserted_by"], row["asserted_by_actor_id"]) == ("federal_agency", "jeffrey-lynch")
    assert (row["observed_on"], row["observed_on_latest"]) == ("2016-12-01", "2016-12-31")
    assert quotes_for(row["provision_id"]) == [
        "who was released in December 2016 by Denver County without ICE being properly notified"]
    assert [r["event_id"] for r in rows("events") if r["kind"] == "release_incident"] == \
        ["denver-ever-valles-release-2016-12"]  # the event stays


def test_the_mayors_2025_accounts_relate_to_what_was_on_record_as_the_articles_allow():
    assert provision("denver-co-status-inquiry-2025")["relation_to_record"] == "consistent_redescription"
    assert provision("denver-co-enforcement-participation-2025")["relation_to_record"] == "conflicting_account"
    assert provision("denver-co-release-notification-2025")["relation_to_record"] == "conflicting_account"


def test_a_quoted_statement_the_text_does_not_date_is_only_on_or_before_its_article():
    statement = next(r for r in rows("statements") if r["statement_id"] == "beck-2016-not-our-job")
    assert (statement["said_on"], statement["said_on_latest"], statement["said_on_precision"]) == \
        ("", "2017-01-20", "on_or_before")
    assert "said on or before the latest publication day of police1-summary-2016-police-chiefs" in \
        statement["said_on_basis"]


def test_the_outlets_own_words_are_dated_by_the_article_they_are_written_in():
    statement = next(r for r in rows("statements") if r["statement_id"] == "police-chiefs-2016-list")
    assert (statement["said_on"], statement["said_on_latest"]) == ("2016-11-14", "2017-01-20")


def test_a_letter_the_text_dates_only_before_the_ordinance_has_no_earliest_day():
    event = next(r for r in rows("events") if r["event_id"] == "williams-requests-investigation-of-denver-2017")
    assert (event["occurred_on"], event["occurred_on_latest"], event["occurred_on_precision"]) == \
        ("", "2017-12-31", "on_or_before")


def test_the_outlets_closing_opinion_in_2025_is_attributed_to_the_outlet_not_the_mayor():
    statement = next(r for r in rows("statements") if r["statement_id"] == "outlet-2025-deportations-happening")
    assert statement["actor_id"] == ""


def test_the_federal_investigation_of_23_jurisdictions_is_an_event_dated_the_wednesday_before_publication():
    event = next(r for r in rows("events") if r["kind"] == "federal_investigation")
    assert (event["occurred_on"], event["occurred_on_latest"], event["occurred_on_precision"]) == \
        ("2018-01-24", "2018-01-24", "day")
    roles = {(link["jurisdiction_id"], link["role"]) for link in rows("event_jurisdictions")
             if link["event_id"] == event["event_id"]}
    assert roles == {("united-states", "acting"), ("denver-co", "affected")}


def test_the_release_incident_ice_cites_is_ices_account():
    event = next(r for r in rows("events") if r["kind"] == "release_incident")
    assert event["reported_by_actor_id"] == "jeffrey-lynch"
    assert (event["occurred_on"], event["occurred_on_latest"], event["occurred_on_precision"]) == \
        ("2016-12-01", "2016-12-31", "month")
