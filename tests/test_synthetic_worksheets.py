"""The scale benchmark's worksheets: copies of the package's own, under real divisions of the
vendored Open Civic Data table, that curate clean, with many worksheets quoting one article."""

from collections import Counter
from pathlib import Path

import pytest

from immigration_cooperation.curation import compile_tables
from immigration_cooperation.identifiers import identifier_table
from immigration_cooperation.synthetic_worksheets import COPIES_PER_SOURCE_GROUP, SHARED_LEVELS, write_worksheets

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def real():
    """The package's own tables, compiled from its worksheets."""
    return compile_tables(ROOT)


@pytest.fixture(scope="module")
def local_worksheets(real) -> int:
    """The package's city and county worksheets are copied; state and federal ones are written once."""
    return sum(1 for row in real["jurisdictions"] if row["level"] not in SHARED_LEVELS)


@pytest.fixture(scope="module")
def curated(tmp_path_factory, local_worksheets):
    folder = tmp_path_factory.mktemp("worksheets") / "root"
    # Enough copies for a second group of articles.
    summary = write_worksheets(folder, local_worksheets * (COPIES_PER_SOURCE_GROUP + 2), ROOT)
    return folder, summary, compile_tables(folder)


def test_every_synthetic_worksheet_curates_clean_and_every_quote_is_placed(curated, local_worksheets):
    folder, summary, tables = curated
    assert len(tables["provisions"]) == summary.provisions
    assert len(tables["evidence"]) == summary.quotes
    assert len(tables["jurisdictions"]) == summary.worksheets
    local = [row for row in tables["jurisdictions"] if row["level"] not in SHARED_LEVELS]
    assert len(local) == summary.jurisdictions == local_worksheets * (COPIES_PER_SOURCE_GROUP + 2)
    for row in tables["evidence"]:
        source = next(source for source in tables["sources"] if source["source_id"] == row["source_id"])
        text = (folder / source["path"]).read_bytes().decode("utf-8")
        assert text[row["quote_start"]:row["quote_end"]] == row["quote"]


def test_each_copied_jurisdiction_is_a_real_division_of_its_originals_state_and_kind(curated, real):
    folder, _, tables = curated
    table = identifier_table(ROOT)
    real_ids = {row["jurisdiction_id"] for row in real["jurisdictions"]}
    copies = [row for row in tables["jurisdictions"] if row["jurisdiction_id"] not in real_ids]
    assert copies
    for row in copies:
        division = table.resolve(row["ocd_division_id"])  # raises if the table does not hold it
        assert division.state_code == row["state_code"]
        # a city or county copy, or the bare worksheet of a state no real one covers, its parent
        assert row["census_geoid_kind"] == ("state" if row["level"] == "state" else "place" if row["level"] == "city"
                                            else "county")  # county or consolidated city and county
    assert len({row["ocd_division_id"] for row in tables["jurisdictions"]}) == len(tables["jurisdictions"])


def test_many_worksheets_quote_the_same_article_and_each_group_has_its_own_copy(curated):
    folder, summary, tables = curated
    quoting = Counter()
    for row in tables["evidence"]:
        quoting[row["source_id"]] += 1
    assert max(quoting.values()) >= COPIES_PER_SOURCE_GROUP
    shifted = [source for source in tables["sources"] if source["source_id"].endswith("-g1")]
    assert shifted and all(source["path"].startswith("seeds/g1/") for source in shifted)
    assert not (ROOT / "seeds" / "g1").exists()  # never in the package's own seeds/
    assert summary.source_files == len(tables["sources"])


def test_a_copys_links_between_its_own_worksheets_stay_in_the_copy(curated, real):
    _, _, tables = curated
    real_ids = {row["jurisdiction_id"] for row in real["jurisdictions"]}
    real_links = {(row["statement_id"], row["jurisdiction_id"]) for row in real["statement_jurisdictions"]}
    local = {row["jurisdiction_id"] for row in real["jurisdictions"] if row["level"] not in SHARED_LEVELS}
    copy = "-copy1"
    linked = [row for row in tables["statement_jurisdictions"] if row["statement_id"].endswith(copy)]
    assert linked
    copied = {row["statement_id"] for row in tables["statements"]}
    for statement_id, jurisdiction_id in real_links:
        # a statement of a local worksheet that names a local jurisdiction: in its copy it names
        # that jurisdiction's copy, never the original
        if jurisdiction_id in local and statement_id + copy in copied:
            links = {row["jurisdiction_id"] for row in linked if row["statement_id"] == statement_id + copy}
            assert links and not links & real_ids, (statement_id, links)
