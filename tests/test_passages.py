"""Candidate passages: the tool that suggests which sentences of an article a coder should read.

The recall rule is the point: every sentence the package cites as evidence for a provision must
be offered for that provision's dimension, on every seed, while the share of sentences offered
stays well below all of them, so that the list still saves a coder reading.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import time
from pathlib import Path

import pytest

from immigration_cooperation import codebook, cue_phrases
from immigration_cooperation.passages import (
    TABLE_COLUMNS, PassageError, _pattern, candidate_passages,
)
from immigration_cooperation.worksheets import load_scripts

MAIN = Path(__file__).resolve().parents[1]
SHARE_BOUND = 0.70
ORDINANCE_2017 = "ordinance-2017-denver-council"
JOHNSTON_2025 = "johnston-2025-denver-ice"
CHIEFS_2016 = "police1-summary-2016-police-chiefs"
DENVER7_2016 = "denver7-2016-aurora-denver-police"


def seed_ids() -> list[str]:
    registry, _ = load_scripts(MAIN)
    return [source.source_id for source in registry.items("SOURCES")]


def read_csv(name: str) -> list[dict]:
    with open(MAIN / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def reports() -> dict:
    return {source_id: candidate_passages(MAIN, source_id) for source_id in seed_ids()}


def passage_containing(report, words: str):
    matches = [passage for passage in report.sentences if words in passage.text]
    assert len(matches) == 1, f"{words!r} is in {len(matches)} passages"
    return matches[0]


# ----- the recall rule -----

def test_recall_rule_every_cited_evidence_sentence_is_a_candidate_for_its_dimension(reports):
    dimension_of = {row["provision_id"]: row["dimension"] for row in read_csv("provisions")}
    missed = []
    for row in read_csv("evidence"):
        dimension = dimension_of[row["provision_id"]]
        start, end = int(row["quote_start"]), int(row["quote_end"])
        overlapping = [passage for passage in reports[row["source_id"]].sentences
                       if passage.start < end and start < passage.end]
        assert overlapping, f"{row['evidence_id']}: no sentence overlaps the quote"
        missed += [f"{row['evidence_id']} ({dimension}): {passage.text!r}"
                   for passage in overlapping if dimension not in passage.dimensions]
    assert not missed, "cited evidence sentences not offered for their dimension:\n" + "\n".join(missed)


@pytest.mark.parametrize("source_id", seed_ids())
def test_the_share_of_sentences_flagged_stays_well_below_all(reports, source_id):
    report = reports[source_id]
    print(f"\n{source_id}: {len(report.flagged)} of {len(report.sentences)} sentences flagged "
          f"({report.flagged_share:.0%})")
    assert 0 < report.flagged_share < SHARE_BOUND


# ----- sentences and offsets -----

@pytest.mark.parametrize("source_id", seed_ids())
def test_offsets_are_the_source_text_and_never_outside_the_body(reports, source_id):
    report = reports[source_id]
    text = (MAIN / report.path).read_text(encoding="utf-8")
    built = {row["source_id"]: row for row in read_csv("sources")}[source_id]
    assert report.body == (int(built["body_start"]), int(built["body_end"]))
    previous_end = report.body[0]
    for passage in report.sentences:
        assert text[passage.start:passage.end] == passage.text
        assert previous_end <= passage.start < passage.end <= report.body[1]
        assert passage.text == passage.text.strip() and "\n" not in passage.text
        previous_end = passage.end


def test_site_chrome_and_reader_comments_are_never_passages(reports):
    ordinance = reports[ORDINANCE_2017]
    assert not any("HOLD IT RIGHT THERE" in passage.text for passage in ordinance.sentences)
    assert not any("Sign up" in passage.text for report in reports.values()
                   for passage in report.sentences)


def test_a_bullet_or_a_line_of_its_own_is_its_own_passage(reports):
    glance = [passage.text for passage in reports[JOHNSTON_2025].sentences][1:6]
    assert glance == [
        "At a Glance",
        "Denver will notify ICE when releasing violent criminals or those with serious criminal "
        "backgrounds",
        "The city does not proactively inquire about immigration status for non-violent offenses",
        "Johnston may reconsider policies if ICE requests increase significantly under the new "
        "administration",
        "Denver maintains its commitment to cooperate with ICE on active warrant cases",
    ]
    bullets = [passage.text for passage in reports[DENVER7_2016].sentences if passage.text.startswith("Aliens")]
    assert len(bullets) == 3 and bullets[-1] == 'Aliens convicted of an "aggravated felony.'


def test_each_quoted_sentence_is_a_passage_of_its_own(reports):
    passage = passage_containing(reports[JOHNSTON_2025], "We will partner on violent criminals")
    assert passage.text == "We will partner on violent criminals, as we have always done."


# ----- cues, names, citations -----

def test_the_passage_says_which_cue_found_which_words(reports):
    passage = passage_containing(reports[ORDINANCE_2017], "bans city officials from asking")
    [match, *_] = passage.dimensions["status_inquiry"]
    assert match.cue in cue_phrases.CUE_PHRASES["status_inquiry"]
    assert match.matched in passage.text and "status" in match.matched
    continuing = passage_containing(reports[ORDINANCE_2017], "Exceptions include")
    inherited = [m for m in continuing.dimensions["jail_access"] if m.continues is not None]
    assert inherited and inherited[0].matched == "Exceptions include"


def test_names_jurisdictions_actors_and_places(reports):
    status = passage_containing(reports[ORDINANCE_2017], "bans city officials from asking")
    assert [entry["jurisdiction_id"] for entry in status.names.jurisdictions] == ["denver-co"]
    _, scripts = load_scripts(MAIN)
    [denver] = [script.module.JURISDICTION for script in scripts
                if script.module.JURISDICTION.jurisdiction_id == "denver-co"]
    assert status.names.jurisdictions[0]["ocd_division_id"] == denver.ocd_division_id
    mayor = passage_containing(reports[ORDINANCE_2017], "Mayor Michael Hancock said")
    assert "michael-hancock" in [entry["actor_id"] for entry in mayor.names.actors]
    [el_paso] = [place for place in mayor.names.places if place["matched"] == "El Paso County"]
    assert el_paso["ocd_ids"][0] == "ocd-division/country:us/state:co/county:el_paso"
    assert el_paso["ocd_id_count"] >= len(el_paso["ocd_ids"])
    surname = passage_containing(reports[ORDINANCE_2017], "Hancock outlined")
    assert [entry["actor_id"] for entry in surname.names.actors] == ["michael-hancock"]
    tuscon = passage_containing(reports[CHIEFS_2016], "Tuscon Police Chief")
    assert {"tucson-az", "arizona"} <= {entry["jurisdiction_id"] for entry in tuscon.names.jurisdictions}
    # Lower-case words and capitalised words that merely are some town's name are not places.
    invitation = passage_containing(reports["colorado-politics-2018-doj-investigation"], "White House")
    assert invitation.names.places == ()


def test_a_passage_lists_the_quotes_of_the_last_build_that_cite_it(reports):
    status = passage_containing(reports[ORDINANCE_2017], "bans city officials from asking")
    assert "evidence:denver-co-status-inquiry-2017-1" in status.cited_by
    assert "instruments:denver-public-safety-enforcement-priorities-act" in status.cited_by


def test_cue_phrases_are_data_for_real_dimensions():
    assert set(cue_phrases.CUE_PHRASES) <= set(codebook.DIMENSION_NAMES)
    for cues in list(cue_phrases.CUE_PHRASES.values()) + [cue_phrases.CONTINUATION_CUES]:
        assert cues and all(isinstance(cue, str) and _pattern(cue) for cue in cues)
    # A gap begins and ends at a word: "with .{0,30}ICE" is not found in "with police".
    assert not _pattern(r"with .{0,30}ICE").search("working with police.")


# ----- filtering, output, errors -----

def test_dimension_filter_keeps_only_passages_that_may_speak_to_it(reports):
    report = candidate_passages(MAIN, JOHNSTON_2025, dimension="status_inquiry")
    assert report.flagged and all("status_inquiry" in passage.dimensions for passage in report.flagged)
    expected = [p for p in reports[JOHNSTON_2025].sentences if "status_inquiry" in p.dimensions]
    assert report.flagged == tuple(expected)
    assert len(report.flagged) < len(reports[JOHNSTON_2025].flagged)


def test_unknown_dimension_or_source_names_the_closest(reports):
    with pytest.raises(PassageError, match="status_inquiry"):
        candidate_passages(MAIN, JOHNSTON_2025, dimension="status_inquiries")
    with pytest.raises(PassageError, match="johnston-2025-denver-ice"):
        candidate_passages(MAIN, "johnston-2025-denver")


def test_json_and_table_rows(reports):
    report = reports[ORDINANCE_2017]
    document = json.loads(report.to_json())
    assert report.to_json() == candidate_passages(MAIN, ORDINANCE_2017).to_json()
    assert document["source_id"] == ORDINANCE_2017 and document["dimension"] is None
    assert document["sentence_count"] == len(report.sentences)
    assert document["flagged_count"] == len(document["passages"]) == len(report.flagged)
    first = document["passages"][0]
    assert set(first) == {"start", "end", "text", "dimensions", "names", "cited_by"}
    assert set(first["names"]) == {"jurisdictions", "actors", "places"}
    assert "—" in report.to_json()  # ensure_ascii=False: the article's own characters
    assert len(json.loads(report.to_json(all_sentences=True))["passages"]) == len(report.sentences)
    rows = report.table_rows()
    assert len(rows) == len(report.flagged) and all(len(row) == len(TABLE_COLUMNS) for row in rows)
    assert rows[1][0] == f"{report.flagged[1].start}-{report.flagged[1].end}"


def test_one_call_is_fast(reports):
    started = time.perf_counter()
    candidate_passages(MAIN, "colorado-politics-2018-doj-investigation")
    elapsed = time.perf_counter() - started
    print(f"\none call on the longest seed: {elapsed * 1000:.0f} ms")
    assert elapsed < 1.0


# ----- a source just registered -----

NEW_ARTICLE = """Sign up for detainer alerts from the Example Gazette
Sheriff changes detainer policy

EL PASO COUNTY, Colo. — Sheriff Jane Roe said Tuesday the county jail will no longer hold people on ICE detainers without a judicial warrant.
Deputies will not ask about immigration status during traffic stops, Roe said.
  • ICE agents may interview inmates only with their consent
  • The jail will notify ICE before releasing anyone convicted of a violent felony
The sheriff spoke at a meeting in Aurora.
Comments
Reader: detainers keep us safe!
"""

NEW_SOURCE = '''    Source(
        "gazette-2026-sheriff-detainers",
        path="seeds/005_new.txt",
        sha256="0" * 64,
        bytes=0,
        title="Sheriff changes detainer policy",
        publisher=None,
        published_on="2026",
        published_on_basis="inferred",
        published_on_reasoning="A test article.",
        body_starts_with="EL PASO COUNTY, Colo. — Sheriff Jane Roe",
        body_ends_with="spoke at a meeting in Aurora.",
        excluded_text="Sign-up line and headline before; reader comments after.",
    ),
'''


@pytest.fixture
def new_source(tmp_path: Path) -> Path:
    """A copy of the package with one article registered and nothing coded or built for it."""
    root = tmp_path / "package"
    for folder in ("scripts", "seeds", "reference"):
        shutil.copytree(MAIN / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "seeds" / "005_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    registry = root / "scripts" / "sources.py"
    text = registry.read_text(encoding="utf-8")
    closing = re.search(r"\n\]\n", text[text.index("SOURCES = ["):]).start() + text.index("SOURCES = [")
    registry.write_text(text[:closing + 1] + NEW_SOURCE + text[closing + 1:], encoding="utf-8")
    return root


def test_a_newly_registered_source_works_with_no_data_at_all(new_source):
    assert not (new_source / "data").exists()
    report = candidate_passages(new_source, "gazette-2026-sheriff-detainers")
    texts = [passage.text for passage in report.sentences]
    assert texts[0].startswith("EL PASO COUNTY") and texts[-1] == "The sheriff spoke at a meeting in Aurora."
    assert "ICE agents may interview inmates only with their consent" in texts
    assert not any("Sign up" in text or "Reader" in text for text in texts)
    assert all(passage.cited_by == () for passage in report.sentences)
    detainer = report.sentences[0]
    assert {"detainer_handling", "jail_access"} <= set(detainer.dimensions)
    assert "Colo" not in texts[1]  # "Colo." does not end the dateline's sentence
    assert [p.text for p in report.flagged] == texts[:4]
    aurora = report.sentences[-1]
    assert [entry["jurisdiction_id"] for entry in aurora.names.jurisdictions] == ["aurora-co"]
    filtered = candidate_passages(new_source, "gazette-2026-sheriff-detainers", "release_notification")
    assert [p.text for p in filtered.flagged] == [texts[3]]


def test_quotes_are_found_by_their_column_names_and_a_missing_column_is_named(tmp_path):
    # The quoting tables are read by header name, as a hand-edited CSV may order its columns
    # otherwise; a table that lacks a column gets one clear line, not a traceback.
    shutil.copytree(MAIN / "data", tmp_path / "data")
    with open(MAIN / "data" / "evidence.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))

    def rewrite(columns: list[int]) -> None:
        with open(tmp_path / "data" / "evidence.csv", "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows([[row[index] for index in columns] for row in rows])

    def cited(built: Path) -> list[tuple]:
        report = candidate_passages(MAIN, ORDINANCE_2017, built=built)
        return [(passage.start, passage.end, passage.cited_by) for passage in report.sentences]

    rewrite(list(reversed(range(len(rows[0])))))
    assert cited(tmp_path) == cited(MAIN)
    assert any(labels for *_, labels in cited(MAIN))
    rewrite([index for index, name in enumerate(rows[0]) if name != "quote_end"])
    with pytest.raises(PassageError, match=r"evidence\.csv: its quotes cannot be read .*quote_end"):
        candidate_passages(MAIN, ORDINANCE_2017, built=tmp_path)
