"""Messages a curator can act on: each mistake gives one message that names the file, the record
and what to do, and the identifiers a curator writes are checked against the vendored table.

Every test makes one mistake in a private copy of the project (the `project` fixture of
test_curator_mistakes) and checks the message, word for word where it matters.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

import pytest

from immigration_cooperation.curation import compile_tables
from immigration_cooperation.evidence import closest_passage, describe_closest
from immigration_cooperation.identifiers import REFERENCE_DIRECTORY, identifier_table

from test_curator_mistakes import (AURORA, DENVER, MAIN, SOURCES_PY, STATUS_INQUIRY_RECORD,  # noqa: F401
                                   curation_error, edit, project, row, the_only_problem)

CHICAGO = "scripts/jurisdictions/chicago_il.py"
NASHVILLE = "scripts/jurisdictions/nashville_tn.py"
CHIEFS_2016 = "police1-summary-2016-police-chiefs"
AURORA_PROVISION = "provision 'aurora-co-enforcement-participation-2016'"


# ----- quotes -----

def test_a_quote_from_another_article_names_the_article_and_offsets_it_is_in(project):
    # Charlie Beck's words are in the police-chiefs summary, not in Denver7's article.
    edit(project, AURORA, 'Quote(DENVER7_2016, "Currently, the cities practice non-enforcement',
         'Quote(DENVER7_2016, "We are not going to work in conjunction with Homeland Security"),\n'
         '            Quote(DENVER7_2016, "Currently, the cities practice non-enforcement')

    message = the_only_problem(curation_error(project), AURORA, AURORA_PROVISION)

    text = (MAIN / "seeds/002_f41dbdb8e5310ce2.txt").read_text(encoding="utf-8")
    start = text.index("We are not going to work in conjunction with Homeland Security")
    assert f"not in denver7-2016-aurora-denver-police but occurs in {CHIEFS_2016} (offsets " \
           f"{start}-{start + 62})" in message
    assert f"Quote('{CHIEFS_2016}', ...)" in message  # what to write instead


@pytest.mark.parametrize("seed", sorted(path.name for path in (MAIN / "seeds").glob("*.txt")))
def test_the_closest_passage_to_a_misquote_is_whole_words_and_its_differences_are_real_words(seed):
    text = (MAIN / "seeds" / seed).read_text(encoding="utf-8")
    words = text.split()
    checked = 0
    for first in range(0, len(words) - 12, 7):
        # A curator's typo: one letter dropped from the middle word of a twelve-word quote.
        quote_words = words[first:first + 12]
        middle = quote_words[6]
        if len(middle) < 4 or not middle.isalpha():
            continue
        quote_words[6] = middle[:-1]
        passage = closest_passage(text, " ".join(quote_words))
        assert passage is not None
        before = text[passage.start - 1] if passage.start else " "
        after = text[passage.end] if passage.end < len(text) else " "
        assert before.isspace() and after.isspace(), (seed, passage.text)
        assert not passage.text[0].isspace() and not passage.text[-1].isspace()
        message = describe_closest(text, " ".join(quote_words))
        differences = message.split("Differences: ", 1)[1]
        for typed, printed in re.findall(r"quote has '([^']*)' where the source has '([^']*)'", differences):
            assert printed.split() and all(piece in passage.text.split() or piece.strip("“”\"',.;:!?")
                                           for piece in printed.split())
        checked += 1
    assert checked >= 5, f"{seed}: too few words to check"


def test_a_misquote_reports_the_whole_word_it_differs_in(project):
    edit(project, DENVER, "an arrested individual’s", "an arres individual’s", after='"denver-co-status-inquiry-2017"')

    message = the_only_problem(curation_error(project), DENVER, STATUS_INQUIRY_RECORD)

    assert "quote has 'arres' where the source has 'arrested'" in message


# ----- keywords -----

def test_a_misspelt_keyword_is_one_problem_naming_the_keyword_meant(project):
    edit(project, AURORA, 'asserted_by_actor="nick-metz"', 'asserted_by_actr="nick-metz"')

    message = the_only_problem(curation_error(project), AURORA, AURORA_PROVISION)

    assert message == "unknown keyword asserted_by_actr=; did you mean asserted_by_actor=?"


def test_a_misspelt_required_keyword_is_one_problem_not_also_a_missing_one(project):
    edit(project, AURORA, 'dimension="enforcement_participation"', 'dimenson="enforcement_participation"')

    message = the_only_problem(curation_error(project), AURORA, AURORA_PROVISION)

    assert message == "unknown keyword dimenson=; did you mean dimension=? (dimension is required)"


def test_a_misspelt_keyword_in_a_quote_names_the_record_and_the_quote(project):
    edit(project, AURORA, 'speaker="nick-metz"', 'speakr="nick-metz"', after="evidence=[")

    message = the_only_problem(curation_error(project), AURORA, AURORA_PROVISION + ": evidence 2")

    assert message == "unknown keyword speakr=; did you mean speaker=?"


def test_a_worksheet_python_cannot_run_is_a_problem_with_its_line(project):
    edit(project, CHICAGO, 'name="Chicago",', 'name="Chicago"')  # a missing comma

    error = curation_error(project)

    assert len(error.problems) == 1, str(error)
    problem = error.problems[0]
    assert problem.file == CHICAGO and re.fullmatch(r"line \d+", problem.record)
    assert problem.message.startswith("Python cannot run this file (SyntaxError:")


def test_a_duplicate_actor_id_in_one_file_is_one_message(project):
    edit(project, AURORA, 'role_quote=Quote(DENVER7_2016, "Aurora Police Chief Nick Metz")),',
         'role_quote=Quote(DENVER7_2016, "Aurora Police Chief Nick Metz")),\n'
         '    Actor("nick-metz", "Nick Metz", kind="person", role="Police chief",\n'
         '          role_quote=Quote(DENVER7_2016, "Aurora Police Chief Nick Metz")),')

    message = the_only_problem(curation_error(project), AURORA, "actor 'nick-metz'")

    assert message == ("id used twice: already defined in scripts/jurisdictions/aurora_co.py; give one "
                       "of them a new id")


# ----- sources -----

def test_a_wrong_hash_in_the_registry_shows_the_right_values(project):
    seed = "seeds/000_5382a5cd4b268f5f.txt"
    data = (project / seed).read_bytes()
    right = hashlib.sha256(data).hexdigest()
    edit(project, SOURCES_PY, right, "0" * 64)

    message = the_only_problem(curation_error(project), SOURCES_PY,
                               "source 'denver7-2016-aurora-denver-police'")

    assert f'write sha256="{right}", bytes={len(data)}' in message
    assert "../shared" not in message  # a new source never came from there
    checked = subprocess.run([sys.executable, str(project / SOURCES_PY)], capture_output=True, text=True)
    assert checked.returncode == 1
    assert f'sha256="{right}"' in checked.stdout and "Traceback" not in checked.stderr


# ----- identifiers -----

def test_the_vendored_identifier_table_is_byte_for_byte_the_recorded_copy():
    provenance = (MAIN / REFERENCE_DIRECTORY / "PROVENANCE.md").read_text(encoding="utf-8")
    for digest, name in re.findall(r"^([0-9a-f]{64})  (\S+)$", provenance, re.M):
        assert hashlib.sha256((MAIN / REFERENCE_DIRECTORY / name).read_bytes()).hexdigest() == digest
    assert (MAIN / REFERENCE_DIRECTORY / "LICENSE.md").read_text(encoding="utf-8").startswith(
        "All copyright and related rights are waived")


def test_denver_and_nashville_get_their_canonical_ids_and_census_geoids_from_the_table():
    tables = compile_tables(MAIN)
    denver = row(tables, "jurisdictions", "jurisdiction_id", "denver-co")
    nashville = row(tables, "jurisdictions", "jurisdiction_id", "nashville-tn")
    table = identifier_table(MAIN)
    for record, ocd_id in ((denver, "ocd-division/country:us/state:co/county:denver"),
                           (nashville, "ocd-division/country:us/state:tn/county:davidson")):
        assert record["ocd_division_id"] == ocd_id
        census_name, geoid = table.rows[ocd_id]
        assert (record["census_geoid"], record["census_geoid_kind"]) == (geoid, "county")
        assert census_name in record["identifiers_basis"]


def test_every_jurisdiction_has_an_ocd_id_the_table_holds_or_the_documented_pattern():
    tables = compile_tables(MAIN)
    table = identifier_table(MAIN)
    for record in tables["jurisdictions"]:
        ocd_id = record["ocd_division_id"]
        if record["level"] == "state":
            assert re.fullmatch(r"ocd-division/country:us/state:[a-z]{2}", ocd_id)
            assert record["census_geoid"] == table.state_fips[ocd_id.rsplit("/", 1)[1]]
        elif record["level"] == "federal":
            assert ocd_id == "ocd-division/country:us" and record["census_geoid"] is None
        else:
            assert ocd_id in table.rows and ocd_id not in table.aliases


def test_an_alias_is_resolved_to_the_canonical_id_and_says_so(project):
    edit(project, DENVER, "ocd-division/country:us/state:co/county:denver",
         "ocd-division/country:us/state:co/place:denver")

    denver = row(compile_tables(project), "jurisdictions", "jurisdiction_id", "denver-co")

    assert denver["ocd_division_id"] == "ocd-division/country:us/state:co/county:denver"
    assert denver["census_geoid"] == "08031"
    assert "Written as the alias ocd-division/country:us/state:co/place:denver" in denver["identifiers_basis"]


def test_an_ocd_id_the_table_does_not_hold_is_rejected_with_close_matches(project):
    edit(project, NASHVILLE, "county:davidson", "county:davidsn")

    message = the_only_problem(curation_error(project), NASHVILLE, "jurisdiction 'nashville-tn'")

    assert message.startswith("OCD division id 'ocd-division/country:us/state:tn/county:davidsn' is "
                              "not in the Open Civic Data division-id table")
    assert "close matches: ocd-division/country:us/state:tn/county:davidson" in message


# ----- one record for one sentence -----

def test_the_outlets_list_of_five_cities_is_one_statement_linked_to_each():
    tables = compile_tables(MAIN)
    quote = "Aurora, Chicago, Seattle, New York City, Nashville – the list goes on"
    listed = [statement for statement in tables["statements"] if statement["quote"].startswith(quote)]
    assert [statement["statement_id"] for statement in listed] == ["police-chiefs-2016-list"]
    linked = {link["jurisdiction_id"] for link in tables["statement_jurisdictions"]
              if link["statement_id"] == "police-chiefs-2016-list"}
    assert linked == {"aurora-co", "chicago-il", "seattle-wa", "new-york-city-ny", "nashville-tn"}


def test_linking_a_statement_to_an_unknown_jurisdiction_is_rejected_with_close_matches(project):
    edit(project, AURORA, '"new-york-city-ny", "nashville-tn"', '"new-york-city-ny", "nashvile-tn"')

    message = the_only_problem(curation_error(project), AURORA, "statement 'police-chiefs-2016-list'")

    assert "unknown jurisdiction in also_about 'nashvile-tn'" in message
    assert "did you mean 'nashville-tn'" in message


# ----- the shape of a worksheet -----

def test_a_single_record_where_a_list_belongs_is_one_message(project):
    edit(project, AURORA, "PROVISIONS = [\n", "PROVISIONS = (\n")
    edit(project, AURORA, "        ],\n    ),\n]\n\nSTATEMENTS", "        ],\n    )\n)\n\nSTATEMENTS")

    message = the_only_problem(curation_error(project), AURORA, "PROVISIONS")

    assert message.startswith("PROVISIONS must be a list of records, [Provision(...), ...]")


def test_evidence_given_as_one_quote_instead_of_a_list_is_one_message(project):
    edit(project, AURORA, r"evidence=\[\n.*?\n        \],",
         'evidence=Quote(DENVER7_2016, "the department would not change its policies on immigration"),',
         regex=True, after='"aurora-co-enforcement-participation-2016"')

    error = curation_error(project)

    assert "evidence is a list: evidence=[Quote(...), ...]" in [p.message for p in error.problems], str(error)
    assert "Traceback" not in str(error)


def test_a_quote_whose_words_are_not_text_is_one_message(project):
    edit(project, AURORA, 'Quote(DENVER7_2016, "the department would not change its policies on immigration")',
         "Quote(DENVER7_2016, 42)")

    message = the_only_problem(curation_error(project), AURORA, AURORA_PROVISION)

    assert message == 'evidence 3: a Quote is Quote(source_id, "the exact words"), both text'


def test_a_value_given_twice_is_one_message(project):
    edit(project, AURORA, '"aurora-co-enforcement-participation-2016",',
         '"aurora-co-enforcement-participation-2016", provision_id="aurora-co-x",')

    message = the_only_problem(curation_error(project), AURORA, AURORA_PROVISION)

    assert message == "provision_id= is given twice, once without its keyword; keep one"


def test_two_jurisdictions_with_one_ocd_division_are_rejected(project):
    # Chicago's worksheet names Aurora's division by mistake.
    edit(project, CHICAGO, "ocd-division/country:us/state:il/place:chicago",
         "ocd-division/country:us/state:co/place:aurora")

    error = curation_error(project)

    messages = [problem.message for problem in error.problems]
    assert any("ocd-division/country:us/state:co/place:aurora is already the division of 'aurora-co'"
               in message for message in messages), str(error)
