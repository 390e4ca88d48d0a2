"""The curator's commands from the terminal: `source add`, `passages`, `scaffold` and `diff`, on
the seeds and on the fictional fixture, each mistake answered with one clear line.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_run import in_package, in_process
from test_growth import FIXTURE, ROOT, copy_project

STATUS_INQUIRY_EVIDENCE = "evidence:denver-co-status-inquiry-2017-1"


def cooperation(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    """The command's answer, from main() in this process (see cli_run.py): an exception main()
    lets through fails the test as a traceback would. The real process is tested below."""
    return in_package(root, *arguments)


def cooperation_process(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    completed = subprocess.run([sys.executable, "-m", "immigration_cooperation.cli", "--root", str(root),
                                *arguments], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in completed.stderr, completed.stderr
    return completed


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.mark.parametrize("command", ["source add", "passages", "scaffold", "diff", "build", "database",
                                     "validate", "query", "compare", "matrix", "evidence", "benchmark",
                                     "release"])
def test_every_command_has_help_with_examples(command):
    # main() in this process: the help is argparse's text; the real command's is tested below.
    shown = in_process(*command.split(), "--help", cwd=ROOT)
    assert shown.returncode == 0 and "examples:" in shown.stdout and "cooperation " in shown.stdout


def test_the_command_prints_a_commands_help_and_exits_zero():
    shown = cooperation_process(ROOT, "source", "add", "--help")
    assert shown.returncode == 0 and "examples:" in shown.stdout and "cooperation source add" in shown.stdout


def test_source_add_copies_the_article_and_registers_it_with_its_hash(project):
    added = cooperation(project, "source", "add", str(FIXTURE), "--id", "plainfield-ledger-2026")
    assert added.returncode == 0, added.stderr
    digest = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert digest in added.stdout
    copies = [path for path in (project / "seeds").iterdir() if path.read_bytes() == FIXTURE.read_bytes()]
    assert len(copies) == 1
    registry = (project / "scripts" / "sources.py").read_text(encoding="utf-8")
    assert f'sha256="{digest}"' in registry and '"plainfield-ledger-2026"' in registry
    checked = subprocess.run([sys.executable, str(project / "scripts" / "sources.py")],
                             capture_output=True, text=True)
    assert checked.returncode == 0 and f"ok       plainfield-ledger-2026: {copies[0].relative_to(project)}" \
        in checked.stdout


def test_adding_the_same_article_twice_is_one_clear_error_that_changes_nothing(project):
    assert cooperation(project, "source", "add", str(FIXTURE)).returncode == 0
    registry = (project / "scripts" / "sources.py").read_bytes()
    again = cooperation(project, "source", "add", str(FIXTURE))
    assert again.returncode == 1
    assert again.stderr.startswith("error: ") and "already" in again.stderr
    assert (project / "scripts" / "sources.py").read_bytes() == registry


def test_adding_a_file_that_does_not_exist_is_one_clear_error(project):
    missing = cooperation(project, "source", "add", str(project / "no-such-article.txt"))
    assert missing.returncode == 1 and missing.stderr.startswith("error: ")
    assert "no-such-article.txt" in missing.stderr


def test_passages_flag_the_sentence_the_package_cites_for_denvers_status_inquiry():
    listed = in_process("passages", "ordinance-2017-denver-council", "--dimension", "status_inquiry",
                        "--format", "json", cwd=ROOT)
    assert listed.returncode == 0, listed.stderr
    report = json.loads(listed.stdout)
    cited = [passage for passage in report["passages"] if STATUS_INQUIRY_EVIDENCE in passage["cited_by"]]
    assert len(cited) == 1 and "status_inquiry" in cited[0]["dimensions"]
    assert "bans city officials from asking an arrested individual’s immigration status" in cited[0]["text"]
    assert 0 < report["flagged_count"] < report["sentence_count"]


def test_passages_of_an_unknown_source_or_dimension_name_the_closest():
    source = cooperation(ROOT, "passages", "ordinance-2017-denver-councl")
    assert source.returncode == 1 and "ordinance-2017-denver-council" in source.stderr
    dimension = cooperation(ROOT, "passages", "ordinance-2017-denver-council", "--dimension", "status_inquirey")
    assert dimension.returncode == 1 and "status_inquiry" in dimension.stderr


def test_passages_work_on_a_source_just_added_before_any_build(project):
    cooperation(project, "source", "add", str(FIXTURE), "--id", "plainfield-ledger-2026")
    listed = cooperation(project, "passages", "plainfield-ledger-2026", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    report = json.loads(listed.stdout)
    flagged = {passage["text"]: passage["dimensions"] for passage in report["passages"]}
    status = "Police Chief Harlan Voss said officers do not ask people about immigration status."
    assert "status_inquiry" in flagged[status]
    assert not any(passage["cited_by"] for passage in report["passages"])  # nothing coded yet


def test_scaffold_drafts_a_worksheet_that_checks_clean_and_codes_nothing(project):
    cooperation(project, "source", "add", str(FIXTURE), "--id", "plainfield-ledger-2026")
    drafted = cooperation(project, "scaffold", "boulder-co", "--source", "plainfield-ledger-2026")
    assert drafted.returncode == 0, drafted.stderr
    worksheet = project / "scripts" / "jurisdictions" / "boulder_co.py"
    text = worksheet.read_text(encoding="utf-8")
    assert 'ocd_division_id="ocd-division/country:us/state:co/place:boulder"' in text
    assert 'parent="colorado"' in text and "PROVISIONS: list[Provision] = []" in text
    assert "#     Quote(PLAINFIELD_LEDGER_2026, \"Police Chief Harlan Voss said officers do not ask" in text
    checked = subprocess.run([sys.executable, str(worksheet)], capture_output=True, text=True)
    assert checked.returncode == 0 and "no problems" in checked.stdout, checked.stdout + checked.stderr


def test_scaffolding_an_existing_worksheet_adds_suggestions_once_and_keeps_its_coding(project):
    cooperation(project, "source", "add", str(FIXTURE), "--id", "plainfield-ledger-2026")
    worksheet = project / "scripts" / "jurisdictions" / "denver_co.py"
    before = worksheet.read_text(encoding="utf-8")
    for _ in range(2):
        assert cooperation(project, "scaffold", "denver-co", "--source", "plainfield-ledger-2026").returncode == 0
    after = worksheet.read_text(encoding="utf-8")
    assert after.count("# ----- candidate passages from plainfield-ledger-2026") == 1
    def code(text: str) -> list[str]:  # what Python runs: no comments, no blank lines
        return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]

    added = [line for line in code(after) if line not in code(before)]
    assert added == ['PLAINFIELD_LEDGER_2026 = "plainfield-ledger-2026"']
    assert [line for line in code(after) if line not in added] == code(before)


def test_scaffolding_a_place_the_identifier_table_lacks_names_close_ones(project):
    drafted = cooperation(project, "scaffold", "bouldr-co", "--source", "ordinance-2017-denver-council")
    assert drafted.returncode == 1
    assert "ocd-division/country:us/state:co/place:boulder" in drafted.stderr  # a close match
    assert not (project / "scripts" / "jurisdictions" / "bouldr_co.py").exists()


def test_diff_of_the_package_with_itself_says_nothing_changed(project):
    same = cooperation(project, "diff", str(ROOT))
    assert same.returncode == 0 and "No changes to the data" in same.stdout


def test_diff_against_an_unknown_ref_is_one_clear_error():
    unknown = cooperation(ROOT, "diff", "no-such-ref-anywhere")
    assert unknown.returncode == 1 and unknown.stderr.startswith("error: ")
    assert len(unknown.stderr.strip().splitlines()) == 1


def test_tables_print_bracketed_words_as_they_are_not_as_markup():
    shown = in_process("passages", "colorado-politics-2018-doj-investigation", "--all", cwd=ROOT)
    assert shown.returncode == 0, shown.stderr
    assert "[a]ll" in shown.stdout  # the quote as printed, brackets and all


def test_scaffold_names_a_county_as_the_worksheets_do_and_refuses_a_malformed_id(project):
    drafted = cooperation(project, "scaffold", "el-paso-county-co", "--source", "ordinance-2017-denver-council")
    assert drafted.returncode == 0, drafted.stderr
    text = (project / "scripts" / "jurisdictions" / "el_paso_county_co.py").read_text(encoding="utf-8")
    assert 'name="El Paso County"' in text and 'level="county"' in text
    malformed = cooperation(project, "scaffold", "Boulder CO", "--source", "ordinance-2017-denver-council",
                            "--ocd-id", "ocd-division/country:us/state:co/place:boulder")
    assert malformed.returncode == 1 and "not a jurisdiction id" in malformed.stderr
    assert not (project / "scripts" / "jurisdictions" / "Boulder CO.py").exists()


def test_a_second_source_whose_short_name_is_taken_gets_its_own_constant(project):
    # The worksheet already binds ORDINANCE_2017 ... here: give it a constant the new id would take.
    worksheet = project / "scripts" / "jurisdictions" / "denver_co.py"
    text = worksheet.read_text(encoding="utf-8")
    worksheet.write_text(text.replace("\nJURISDICTION = ", '\nPLAINFIELD_LEDGER_2026 = "some-other-source"\n'
                                      "\nJURISDICTION = ", 1), encoding="utf-8")
    cooperation(project, "source", "add", str(FIXTURE), "--id", "plainfield-ledger-2026-boulder")
    assert cooperation(project, "scaffold", "denver-co", "--source", "plainfield-ledger-2026-boulder").returncode == 0
    after = worksheet.read_text(encoding="utf-8")
    assert 'PLAINFIELD_LEDGER_2026_BOULDER = "plainfield-ledger-2026-boulder"' in after
    assert "#     Quote(PLAINFIELD_LEDGER_2026_BOULDER, " in after
    assert "#     Quote(PLAINFIELD_LEDGER_2026, " not in after
