"""Growth never breaks the checks: a curator adds a source with the curator's tools and codes a
jurisdiction, and the build and every validation layer pass with no other edit.

The article is the fictional fixture in tests/fixtures (see its README): it is added only to a
temporary copy of the project, never to this package's seeds/.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_run import in_package
from immigration_cooperation.build import CURATION_INPUTS

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "fictional-article.txt"
SOURCE_ID = "plainfield-ledger-2026"

BOULDER_PROVISIONS = '''PROVISIONS = [
    Provision(
        "boulder-co-detainer-handling-2026",
        dimension="detainer_handling",
        position="judicial_warrant_required",
        relation_to_record="first_report",
        asserted_by="outlet",
        confidence="high",
        judicial_warrant_exception=True,
        evidence=[Quote(PLAINFIELD_LEDGER_2026, "The jail will hold a person past their release time "
                                                "only when a federal judge has signed a warrant.")],
    ),
    Provision(
        "boulder-co-status-inquiry-2026",
        dimension="status_inquiry",
        position="not_proactive",
        relation_to_record="first_report",
        asserted_by="outlet",
        confidence="medium",
        evidence=[Quote(PLAINFIELD_LEDGER_2026, "Police Chief Harlan Voss said officers do not ask "
                                                "people about immigration status.")],
    ),
]'''


def cooperation(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    """The real command, as the curator runs it: for the build and the validation."""
    completed = subprocess.run([sys.executable, "-m", "immigration_cooperation.cli", "--root", str(root),
                                *arguments], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in completed.stderr, completed.stderr
    return completed


def answer(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    """The command's answer from main() in this process (see cli_run.py), for the curator's tools
    and the queries, whose process the CLI and curator-command tests check."""
    return in_package(root, *arguments)


def rows(root: Path, table: str) -> list[dict]:
    with open(root / "data" / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def copy_project(root: Path) -> Path:
    """A private copy of the curator's files and the built package, as a checkout has them."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for entry in CURATION_INPUTS + ("data", "sql", "docs", "datapackage.json", "CITATION.cff",
                                    "CHANGELOG.md", "LICENSE", "LICENSE-DATA.md", "LICENSE-SEEDS.md"):
        source = ROOT / entry
        if source.is_dir():
            shutil.copytree(source, root / entry, ignore=ignore, dirs_exist_ok=True)
        else:
            (root / entry).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / entry)
    return root


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> Path:
    """A copy of the project with the fictional article added and Boulder coded, then built."""
    root = copy_project(tmp_path_factory.mktemp("grown") / "project")

    added = answer(root, "source", "add", str(FIXTURE), "--id", SOURCE_ID)
    assert added.returncode == 0, added.stderr
    scaffolded = answer(root, "scaffold", "boulder-co", "--source", SOURCE_ID)
    assert scaffolded.returncode == 0, scaffolded.stderr
    worksheet = root / "scripts" / "jurisdictions" / "boulder_co.py"
    text = worksheet.read_text(encoding="utf-8")
    assert text.count("PROVISIONS: list[Provision] = []") == 1
    worksheet.write_text(text.replace("PROVISIONS: list[Provision] = []", BOULDER_PROVISIONS),
                         encoding="utf-8")

    built = cooperation(root, "build")
    assert built.returncode == 0, built.stderr
    return root


def test_the_fictional_article_is_never_in_the_packages_own_seeds():
    fixture = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert fixture not in {hashlib.sha256(path.read_bytes()).hexdigest()
                           for path in (ROOT / "seeds").iterdir()}


def test_the_added_source_is_copied_byte_for_byte_and_registered_with_its_hash(grown):
    source = next(row for row in rows(grown, "sources") if row["source_id"] == SOURCE_ID)
    assert (grown / source["path"]).read_bytes() == FIXTURE.read_bytes()
    assert source["sha256"] == hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert (source["published_on"], source["published_on_precision"], source["published_on_basis"]) \
        == ("2026-03-03", "day", "stated")


def test_the_grown_package_validates_in_every_layer(grown):
    validated = cooperation(grown, "validate", str(grown))
    assert validated.returncode == 0, validated.stderr
    assert "valid:" in validated.stdout


def test_boulder_is_coded_from_the_added_article_with_identifiers_from_the_table(grown):
    boulder = next(row for row in rows(grown, "jurisdictions") if row["jurisdiction_id"] == "boulder-co")
    assert boulder["ocd_division_id"] == "ocd-division/country:us/state:co/place:boulder"
    assert (boulder["census_geoid"], boulder["census_geoid_kind"], boulder["state_code"]) == \
        ("0807850", "place", "CO")
    positions = {row["dimension"]: row["position"] for row in rows(grown, "provisions")
                 if row["jurisdiction_id"] == "boulder-co"}
    assert positions == {"detainer_handling": "judicial_warrant_required",
                         "status_inquiry": "not_proactive"}
    compared = answer(grown, "compare", "boulder-co", "denver-co", "--format", "json")
    cells = {cell["dimension"]: cell for cell in json.loads(compared.stdout)}
    assert cells["status_inquiry"]["a_position"] == "not_proactive"
    assert cells["status_inquiry"]["b_position"] == "prohibited"


def test_the_words_about_the_package_count_the_added_source(grown):
    readme = (grown / "README.md").read_text(encoding="utf-8")
    description = json.loads((grown / "datapackage.json").read_text(encoding="utf-8"))["description"]
    citation = (grown / "CITATION.cff").read_text(encoding="utf-8")
    original = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["description"]
    for words in (readme, description, citation):
        assert "2016\u20132026" in words
    assert "2016\u20132026" not in original  # the real package's sources end earlier
    assert "Boulder has provisions on two dimensions" in readme


def test_the_diff_since_the_last_commit_names_the_added_source_and_boulders_cells(grown):
    diff = answer(grown, "diff", str(ROOT), "--format", "json")
    assert diff.returncode == 0, diff.stderr
    report = json.loads(diff.stdout)
    text = json.dumps(report)
    assert SOURCE_ID in text and "boulder-co-status-inquiry-2026" in text
