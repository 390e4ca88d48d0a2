"""Curator mistakes, made on real cases from the articles, are stopped with a message that says where.

Each test copies the project into a sandbox, makes one mistake a coder could make in a curation
script (or in a seed file), and checks that curation refuses it with a CurationError whose
problem names the curation file, the record, what is wrong and what to do instead. A build that
stops, at any step, must leave every previous output byte-identical.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from immigration_cooperation import codebook
from immigration_cooperation.build import DATABASE, build
from immigration_cooperation.curation import compile_tables
from immigration_cooperation.problems import CurationError, Problem
from immigration_cooperation.worksheets import load_scripts

MAIN = Path(__file__).resolve().parents[1]

SOURCES_PY = "scripts/sources.py"
DENVER = "scripts/jurisdictions/denver_co.py"
AURORA = "scripts/jurisdictions/aurora_co.py"

ORDINANCE_2017 = "ordinance-2017-denver-council"
ORDINANCE_SEED = "seeds/001_a5b366c197054b6f.txt"
STATUS_INQUIRY = "denver-co-status-inquiry-2017"
STATUS_INQUIRY_RECORD = f"provision {STATUS_INQUIRY!r}"
STATUS_INQUIRY_QUOTE = "bans city officials from asking an arrested individual’s immigration status"

QUOTED_TABLES = ("actors", "instruments", "evidence", "statements", "events")


# ----- the sandbox -----

@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project: curation scripts, seeds, built outputs and top-level files."""
    root = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".build-*")
    for name in ("scripts", "seeds", "reference", "data", "sql", "docs"):
        shutil.copytree(MAIN / name, root / name, ignore=ignore)
    for path in MAIN.iterdir():  # datapackage.json, README.md (the build updates its coverage), ...
        if path.is_file() and not path.name.startswith(".") and path.suffix != ".duckdb":
            shutil.copy2(path, root / path.name)
    return root


def edit(root: Path, relative: str, old: str, new: str, *, after: str | None = None,
         regex: bool = False) -> None:
    """Replace the first `old` (after the unique text `after`, if given) in a sandbox file.

    Fails loudly if the worksheet no longer reads as the test expects, rather than editing nothing.
    """
    path = root / relative
    text = path.read_text(encoding="utf-8")
    start = 0
    if after is not None:
        assert text.count(after) == 1, f"{relative}: expected {after!r} exactly once"
        start = text.index(after)
    elif not regex:
        assert text.count(old) == 1, f"{relative}: expected {old!r} exactly once"
    pattern = old if regex else re.escape(old)
    replacement = new if regex else (lambda match: new)
    tail, count = re.subn(pattern, replacement, text[start:], count=1, flags=re.S)
    assert count == 1, f"{relative}: {old!r} not found{' after ' + repr(after) if after else ''}"
    path.write_text(text[:start] + tail, encoding="utf-8")


def curation_error(root: Path) -> CurationError:
    with pytest.raises(CurationError) as caught:
        compile_tables(root)
    return caught.value


def problems_for(error: CurationError, file: str, record: str) -> list[Problem]:
    found = [problem for problem in error.problems if problem.file == file and problem.record == record]
    assert found, f"no problem reported for {file}: {record}; the report was:\n{error}"
    # What the curator reads names the file and the record before saying what is wrong.
    for problem in found:
        assert f"{file}: {record}: {problem.message}" in str(error)
    return found


def the_only_problem(error: CurationError, file: str, record: str) -> str:
    """The message of the one problem a single mistake causes (no cascade of follow-on noise)."""
    assert len(error.problems) == 1, f"one mistake, one problem expected; got:\n{error}"
    return problems_for(error, file, record)[0].message


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root (bytecode caches aside), by relative path."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts}


def changed_paths(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def source_texts(root: Path, tables: dict) -> dict[str, str]:
    return {row["source_id"]: (root / row["path"]).read_bytes().decode("utf-8")
            for row in tables["sources"]}


def row(tables: dict, table: str, key: str, value: str) -> dict:
    rows = [candidate for candidate in tables[table] if candidate[key] == value]
    assert len(rows) == 1, f"{table}: expected one row with {key}={value!r}, found {len(rows)}"
    return rows[0]


# ----- quotes -----

def test_a_misquoted_passage_is_rejected_with_the_closest_passage(project):
    edit(project, DENVER, "bans city officials from asking", "bars city officials from asking")

    message = the_only_problem(curation_error(project), DENVER, STATUS_INQUIRY_RECORD)

    assert "not in the source" in message
    assert ORDINANCE_2017 in message  # which source it was looked for in
    assert STATUS_INQUIRY_QUOTE in message  # the closest passage, as the article prints it
    assert re.search(r"'bars'.*'bans'", message), f"the word difference is not named: {message}"


def test_a_quote_found_only_in_a_reader_comment_is_never_evidence(project):
    # The ordinance article ends with a reader comment, "HOLD IT RIGHT THERE!!! Define 'our people'."
    edit(project, DENVER, r'"bans city officials from asking an arrested individual’s immigration "\s*"status"',
         '"HOLD IT RIGHT THERE!!!"', after=f'"{STATUS_INQUIRY}"', regex=True)

    message = the_only_problem(curation_error(project), DENVER, STATUS_INQUIRY_RECORD)

    assert ORDINANCE_2017 in message
    assert "outside the article text" in message
    assert "never evidence" in message


def test_a_quote_found_only_in_site_chrome_is_never_evidence(project):
    # Denver7's sign-up prompt follows the article; it is the page, not the story.
    edit(project, DENVER, '"Denver Police spokesman Doug Schepman"', '"Sign up for Denver7 email alerts"',
         after='Actor("doug-schepman"')

    message = the_only_problem(curation_error(project), DENVER, "actor 'doug-schepman'")

    assert "denver7-2016-aurora-denver-police" in message
    assert "outside the article text" in message
    assert "never evidence" in message


def test_straight_quotes_and_hyphens_typed_by_the_curator_match_the_curly_original(project):
    typed_as_printed = compile_tables(project)
    # The ordinance article prints individual’s (curly); the police-chiefs summary prints an em dash.
    edit(project, DENVER, "individual’s", "individual's", after=f'"{STATUS_INQUIRY}"')
    edit(project, DENVER, "federal level — not", "federal level - not",
         after='"denver-police-2016-federal-level-summary"')

    typed_plainly = compile_tables(project)

    evidence = row(typed_plainly, "evidence", "evidence_id", f"{STATUS_INQUIRY}-1")
    assert evidence["quote"] == STATUS_INQUIRY_QUOTE
    statement = row(typed_plainly, "statements", "statement_id", "denver-police-2016-federal-level-summary")
    assert statement["quote"] == ("Immigration enforcement is handled at the federal level — not by local "
                                  "law enforcement.")
    texts = source_texts(project, typed_plainly)
    for quoted in (evidence, statement):
        assert texts[quoted["source_id"]][quoted["quote_start"]:quoted["quote_end"]] == quoted["quote"]
    # Typing plain characters changes nothing in the data.
    assert typed_plainly == typed_as_printed


def test_every_stored_quote_is_the_original_text_at_its_offsets():
    tables = compile_tables(MAIN)

    evidence = row(tables, "evidence", "evidence_id", f"{STATUS_INQUIRY}-1")
    assert evidence["quote"] == STATUS_INQUIRY_QUOTE  # with the article's curly apostrophe
    texts = source_texts(MAIN, tables)
    checked = 0
    for table in QUOTED_TABLES:
        for quoted in tables[table]:
            text = texts[quoted["source_id"]]
            assert text[quoted["quote_start"]:quoted["quote_end"]] == quoted["quote"], (table, quoted)
            checked += 1
    assert checked > 50


# ----- names that must come from a list -----

def test_an_unknown_position_lists_the_closest_and_the_allowed_positions(project):
    edit(project, DENVER, 'position="prohibited"', 'position="prohibitted"', after=f'"{STATUS_INQUIRY}"')

    message = the_only_problem(curation_error(project), DENVER, STATUS_INQUIRY_RECORD)

    assert "unknown position" in message and "'prohibitted'" in message
    assert "did you mean 'prohibited'" in message
    allowed = sorted(position.name for position in codebook.DIMENSION_BY_NAME["status_inquiry"].positions)
    assert "allowed: " + ", ".join(allowed) in message


@pytest.mark.parametrize(
    ("anchor", "old", "new", "record", "what", "closest"),
    [
        pytest.param(f'"{STATUS_INQUIRY}"', 'dimension="status_inquiry"', 'dimension="status_inquiries"',
                     STATUS_INQUIRY_RECORD, "unknown dimension 'status_inquiries'", "status_inquiry",
                     id="dimension"),
        pytest.param("JURISDICTION = Jurisdiction(", 'parent="colorado"', 'parent="colorodo"',
                     "jurisdiction 'denver-co'", "unknown jurisdiction in parent 'colorodo'", "colorado",
                     id="jurisdiction-as-parent"),
        pytest.param(f'"{STATUS_INQUIRY}"', f'"{STATUS_INQUIRY}",', f'"{STATUS_INQUIRY}", jurisdiction="denver",',
                     STATUS_INQUIRY_RECORD, "unknown jurisdiction in jurisdiction 'denver'", "denver-co",
                     id="jurisdiction-of-a-provision"),
        pytest.param('"hancock-2018-wont-back-down"', 'speaker="michael-hancock"', 'speaker="michael-hancok"',
                     "statement 'hancock-2018-wont-back-down'", "unknown actor in quote speaker 'michael-hancok'",
                     "michael-hancock", id="actor-as-speaker"),
        pytest.param(f'"{STATUS_INQUIRY}"', "Quote(ORDINANCE_2017, ", 'Quote("ordinance-2017-denver-counsil", ',
                     STATUS_INQUIRY_RECORD, "unknown source 'ordinance-2017-denver-counsil'", ORDINANCE_2017,
                     id="source-of-a-quote"),
    ],
)
def test_an_unknown_name_is_rejected_with_the_closest_allowed_names(project, anchor, old, new, record,
                                                                    what, closest):
    edit(project, DENVER, old, new, after=anchor)

    message = the_only_problem(curation_error(project), DENVER, record)

    assert what in message
    assert f"did you mean {closest!r}" in message  # the best suggestion comes first
    assert "allowed: " in message


# ----- ids -----

def test_a_provision_id_used_twice_names_the_other_file(project):
    edit(project, AURORA, '"aurora-co-enforcement-participation-2016"', f'"{STATUS_INQUIRY}"')

    error = curation_error(project)

    duplicates = [problem for problem in error.problems if problem.record == STATUS_INQUIRY_RECORD]
    assert len(duplicates) == 1, str(error)
    problem = duplicates[0]
    assert "id used twice" in problem.message
    assert problem.file in (AURORA, DENVER)
    other = AURORA if problem.file == DENVER else DENVER
    assert other in problem.message
    assert "new id" in problem.message  # what to do


def test_a_second_actor_with_an_existing_id_names_the_first_definition(project):
    # Aurora's worksheet defines its own 'michael-hancock', though Denver's already does.
    edit(project, AURORA, 'role_quote=Quote(DENVER7_2016, "Aurora Police Chief Nick Metz")),',
         'role_quote=Quote(DENVER7_2016, "Aurora Police Chief Nick Metz")),\n'
         '    Actor("michael-hancock", "Michael Hancock", kind="person", role="Mayor of Denver",\n'
         '          role_quote=Quote(DENVER7_2016, "Aurora Police Chief Nick Metz")),')

    error = curation_error(project)

    assert len(error.problems) == 1, str(error)
    problem = error.problems[0]
    assert problem.record == "actor 'michael-hancock'"
    assert "id used twice" in problem.message
    assert {problem.file, AURORA if problem.file == DENVER else DENVER} == {AURORA, DENVER}
    assert (AURORA if problem.file == DENVER else DENVER) in problem.message


# ----- dates -----

def test_an_impossible_calendar_date_is_rejected(project):
    edit(project, DENVER, f'"{STATUS_INQUIRY}",', f'"{STATUS_INQUIRY}", effective_from="2017-02-30",')

    message = the_only_problem(curation_error(project), DENVER, STATUS_INQUIRY_RECORD)

    assert "effective_from" in message
    assert "'2017-02-30' does not exist" in message


def test_a_date_after_the_article_that_reports_it_is_rejected(project):
    # Hancock's "Denver won't back down." is quoted from the Colorado Politics article of 2018-01-25.
    edit(project, DENVER, 'said_on="2018-01-24..2018-01-25"', 'said_on="2019"',
         after='"hancock-2018-wont-back-down"')

    message = the_only_problem(curation_error(project), DENVER, "statement 'hancock-2018-wont-back-down'")

    assert "said_on 2019" in message
    assert "after its source colorado-politics-2018-doj-investigation" in message
    assert "2018-01-25" in message


def test_a_malformed_date_is_rejected_with_the_forms_that_are_accepted(project):
    edit(project, DENVER, 'said_on="2016-11-14"', 'said_on="Nov 2016"',
         after='"denver-police-2016-federal-level-summary"')

    message = the_only_problem(curation_error(project), DENVER,
                               "statement 'denver-police-2016-federal-level-summary'")

    assert "said_on" in message and "'Nov 2016'" in message
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in message


def test_a_range_whose_earliest_day_is_after_its_latest_is_rejected(project):
    edit(project, DENVER, 'dated_on="2017-01-16..2017"', 'dated_on="2017..2016"',
         after='    Instrument(\n        "denver-public-safety-enforcement-priorities-act"')

    message = the_only_problem(curation_error(project), DENVER,
                               "instrument 'denver-public-safety-enforcement-priorities-act'")

    assert "dated_on" in message and "2017-01-01 is after the latest 2016-12-31" in message


def test_a_claim_dated_with_no_earliest_day_is_rejected(project):
    # "..2016-12" would say the claim holds since any time at all.
    edit(project, DENVER, 'observed_on="2016-12"', 'observed_on="..2016-12"')

    message = the_only_problem(curation_error(project), DENVER,
                               "provision 'denver-co-release-notification-2016-ice'")

    assert "observed_on '..2016-12' needs an earliest day" in message


def test_a_typed_observation_date_needs_the_words_that_date_it(project):
    edit(project, DENVER, r'        observed_on_basis="ICE.*?",\n', "", regex=True,
         after='"denver-co-release-notification-2016-ice"')

    message = the_only_problem(curation_error(project), DENVER,
                               "provision 'denver-co-release-notification-2016-ice'")

    assert "observed_on needs observed_on_basis" in message


def test_a_statement_date_needs_its_basis(project):
    edit(project, DENVER, r'        said_on_basis="Part of his response.*?",\n', "", regex=True,
         after='"hancock-2018-wont-back-down"')

    message = the_only_problem(curation_error(project), DENVER, "statement 'hancock-2018-wont-back-down'")

    assert "said_on needs said_on_basis" in message


# ----- how a claim relates to the position of record -----

STATUS_INQUIRY_2025 = "denver-co-status-inquiry-2025"
STATUS_INQUIRY_2025_RECORD = f"provision {STATUS_INQUIRY_2025!r}"


def test_a_re_description_cannot_be_called_a_reported_change_without_words_that_report_one(project):
    # The 2025 article never mentions the 2017 ordinance or a repeal.
    edit(project, DENVER, 'relation_to_record="consistent_redescription"', 'relation_to_record="reported_change"',
         after=f'"{STATUS_INQUIRY_2025}"')

    message = the_only_problem(curation_error(project), DENVER, STATUS_INQUIRY_2025_RECORD)

    assert "a reported_change needs an evidence Quote(..., reports_change=True)" in message


def test_a_quote_marked_as_reporting_a_change_needs_a_reported_change(project):
    edit(project, DENVER, '"bans city officials from asking an arrested individual’s immigration "\n'
                          '                                  "status"),',
         '"bans city officials from asking an arrested individual’s immigration "\n'
         '                                  "status", reports_change=True),')

    message = the_only_problem(curation_error(project), DENVER, STATUS_INQUIRY_RECORD)

    assert "reports_change=True marks the quote of a reported_change; this claim is first_report" in message


def test_only_a_provisions_evidence_may_report_a_change(project):
    edit(project, DENVER, 'role_quote=Quote(ORDINANCE_2017, "Mayor Michael Hancock")',
         'role_quote=Quote(ORDINANCE_2017, "Mayor Michael Hancock", reports_change=True)')

    message = the_only_problem(curation_error(project), DENVER, "actor 'michael-hancock'")

    assert "reports_change=True belongs only in a provision's evidence" in message


def test_a_cell_has_exactly_one_first_report(project):
    edit(project, DENVER, 'relation_to_record="consistent_redescription"', 'relation_to_record="first_report"',
         after=f'"{STATUS_INQUIRY_2025}"')

    message = the_only_problem(curation_error(project), DENVER, STATUS_INQUIRY_2025_RECORD)

    assert f"denver-co / status_inquiry already has a first report ({STATUS_INQUIRY})" in message


def test_a_cell_without_a_first_report_is_rejected_naming_the_claim_that_starts_first(project):
    edit(project, DENVER, 'relation_to_record="first_report"', 'relation_to_record="consistent_redescription"',
         after=f'"{STATUS_INQUIRY}"')

    message = the_only_problem(curation_error(project), DENVER, STATUS_INQUIRY_RECORD)

    assert "no claim about denver-co / status_inquiry is its first_report" in message
    assert "2017-01-16..2017-12-31" in message


def test_a_claim_certainly_older_than_its_cells_first_report_is_rejected(project):
    # ICE's account of December 2016 cannot follow the mayor's 2025 account as a later claim.
    edit(project, DENVER, 'relation_to_record="first_report"', 'relation_to_record="conflicting_account"',
         after='"denver-co-release-notification-2016-ice"')
    edit(project, DENVER, 'relation_to_record="conflicting_account"', 'relation_to_record="first_report"',
         after='"denver-co-release-notification-2025"')

    message = the_only_problem(curation_error(project), DENVER,
                               "provision 'denver-co-release-notification-2016-ice'")

    assert "starts (2016-12) certainly before denver-co-release-notification-2025" in message


def make_the_2025_status_account_a_reported_change(project, observed_on: str) -> None:
    edit(project, DENVER, 'relation_to_record="consistent_redescription"',
         f'relation_to_record="reported_change", observed_on="{observed_on}", '
         'observed_on_basis="Test."', after=f'"{STATUS_INQUIRY_2025}"')
    edit(project, DENVER, 'for drunk driving", speaker="mike-johnston")',
         'for drunk driving", speaker="mike-johnston", reports_change=True)')


def test_a_reported_change_that_may_start_before_what_it_changes_is_rejected(project):
    # 2017 (from 1 January) may precede the ban it would change (2017-01-16 at the earliest).
    make_the_2025_status_account_a_reported_change(project, "2017")

    message = the_only_problem(curation_error(project), DENVER, STATUS_INQUIRY_2025_RECORD)

    assert "a change must start later than what it changes" in message
    assert STATUS_INQUIRY in message


def test_a_reported_change_on_the_same_earliest_day_as_what_it_changes_is_rejected(project):
    make_the_2025_status_account_a_reported_change(project, "2017-01-16..2018")

    message = the_only_problem(curation_error(project), DENVER, STATUS_INQUIRY_2025_RECORD)

    assert "starts on the same earliest day (2017-01-16)" in message


def test_a_conflicting_account_must_name_another_position_than_the_record(project):
    edit(project, DENVER, 'position="shares_on_request"', 'position="restricted"',
         after='"denver-co-information-sharing-2018-mayor"')

    message = the_only_problem(curation_error(project), DENVER,
                               "provision 'denver-co-information-sharing-2018-mayor'")

    assert "a conflicting_account names the position of record itself (restricted" in message


def test_a_re_description_coded_at_another_position_must_say_why_it_agrees(project):
    edit(project, DENVER, r'        note="The mayor describes practice in his own words.*?",\n', "", regex=True,
         after=f'"{STATUS_INQUIRY_2025}"')

    message = the_only_problem(curation_error(project), DENVER, STATUS_INQUIRY_2025_RECORD)

    assert "codes not_proactive as consistent with the position of record prohibited" in message


def test_an_unknown_relation_is_rejected_with_the_allowed_ones(project):
    edit(project, DENVER, 'relation_to_record="consistent_redescription"', 'relation_to_record="consistent"',
         after=f'"{STATUS_INQUIRY_2025}"')

    message = the_only_problem(curation_error(project), DENVER, STATUS_INQUIRY_2025_RECORD)

    assert "unknown relation to record 'consistent'" in message and "consistent_redescription" in message


# ----- evidence -----

def test_a_provision_without_evidence_is_rejected(project):
    edit(project, DENVER, r"evidence=\[.*?\],", "evidence=[],", after=f'"{STATUS_INQUIRY}"', regex=True)

    message = the_only_problem(curation_error(project), DENVER, STATUS_INQUIRY_RECORD)

    assert "needs at least one evidence" in message


# ----- seeds -----

def test_a_seed_whose_bytes_changed_is_reported_against_the_sources_registry(project):
    seed = project / ORDINANCE_SEED
    changed = seed.read_bytes() + b" "
    seed.write_bytes(changed)
    registry, _ = load_scripts(project)
    recorded = next(source for source in registry.items("SOURCES") if source.source_id == ORDINANCE_2017)

    error = curation_error(project)

    (problem,) = problems_for(error, SOURCES_PY, f"source {ORDINANCE_2017!r}")
    assert ORDINANCE_SEED in problem.message
    assert recorded.sha256 in problem.message
    assert hashlib.sha256(changed).hexdigest() in problem.message  # the right value, to copy
    assert "never edited" in problem.message  # for a registered source: restore, not re-hash
    assert f"git checkout -- {ORDINANCE_SEED}" in problem.message


def test_quotes_from_a_changed_seed_are_not_misreported_as_citing_an_unknown_source(project):
    # The source id is right and defined in scripts/sources.py; only its file changed. Telling the
    # curator of every worksheet quoting it that the id is unknown (and suggesting other ids)
    # sends them to fix the wrong thing.
    seed = project / ORDINANCE_SEED
    seed.write_bytes(seed.read_bytes() + b" ")

    error = curation_error(project)

    misleading = [str(problem) for problem in error.problems
                  if f"unknown source {ORDINANCE_2017!r}" in problem.message]
    assert not misleading, (f"{len(misleading)} problem(s) call a registered source unknown, e.g.:\n"
                            + "\n".join(misleading[:3]))


# ----- all at once -----

def test_every_problem_is_reported_at_once_even_across_files(project):
    edit(project, DENVER, "bans city officials from asking", "bars city officials from asking")
    edit(project, AURORA, 'position="declines_participation"', 'position="declines_participatoin"')

    error = curation_error(project)

    assert len(error.problems) == 2, str(error)
    assert {problem.file for problem in error.problems} == {DENVER, AURORA}
    problems_for(error, DENVER, STATUS_INQUIRY_RECORD)
    problems_for(error, AURORA, "provision 'aurora-co-enforcement-participation-2016'")
    assert str(error).startswith("2 curation problem(s); nothing was written")


# ----- a failed build writes nothing -----

def test_a_build_that_stops_on_a_curator_mistake_writes_nothing(project):
    edit(project, DENVER, "bans city officials from asking", "bars city officials from asking")
    before = snapshot(project)

    with pytest.raises(CurationError):
        build(project)

    assert changed_paths(before, snapshot(project)) == []
    assert not list(project.glob(".build-*"))
    assert not (project / DATABASE).exists()


def test_a_build_that_fails_after_staging_leaves_the_previous_outputs_byte_identical(project):
    # A real, valid change, so a build that published anything would change data/provisions.csv.
    new_note = "Sandbox note: the staged build carries this change."
    edit(project, DENVER, "The ban the article reports covers asking arrested people about their status.",
         new_note, after=f'"{STATUS_INQUIRY}"')
    before = snapshot(project)
    staged: list[Path] = []

    def fail_before_publishing(staging: Path) -> None:
        staged.append(staging)
        assert new_note in (staging / "data" / "provisions.csv").read_text(encoding="utf-8")
        raise RuntimeError("forced failure before publishing")

    with pytest.raises(RuntimeError, match="forced failure"):
        build(project, before_publish=fail_before_publishing)

    assert staged, "the build never reached before_publish"
    assert changed_paths(before, snapshot(project)) == []
    assert not list(project.glob(".build-*"))
    assert not staged[0].exists()
    assert not (project / DATABASE).exists()

    # The same build, not interrupted, does publish the change: the comparison above was meaningful.
    build(project)
    assert new_note in (project / "data" / "provisions.csv").read_text(encoding="utf-8")
    assert not list(project.glob(".build-*"))


def test_a_readme_whose_generated_section_markers_were_deleted_is_a_curation_problem(project):
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(text.replace("<!-- END GENERATED: coverage -->\n", ""), encoding="utf-8")
    before = snapshot(project)
    with pytest.raises(CurationError) as caught:
        build(project)
    message = the_only_problem(caught.value, "README.md", "generated section 'coverage'")
    assert "must appear exactly once" in message and "restore them" in message
    assert changed_paths(before, snapshot(project)) == []
