"""The scale benchmark at a small N: the same machinery as at a million provisions, and the
known faults written into its corpus are each reported at their file, row and field."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from immigration_cooperation.findings import Finding
from immigration_cooperation.synthetic_faults import InjectedFault

ROOT = Path(__file__).resolve().parents[1]

# The faults the issue names, each a mistake a curator makes in a large package.
EXPECTED_FAULTS = {
    "a position its dimension does not have", "an impossible date", "a reversed pair of date bounds",
    "a provision with no evidence", "a duplicated evidence id",
    "evidence citing a source that does not exist", "a quote shifted by one character",
    "a byte changed in an article file",
}


@pytest.fixture(scope="module")
def scale_run(tmp_path_factory) -> dict:
    output = tmp_path_factory.mktemp("scale") / "scale.json"
    completed = subprocess.run(
        [sys.executable, "-m", "immigration_cooperation.cli", "--root", str(ROOT), "benchmark",
         "--scale", "5000", "--stages", "curation,validate,reference,documents,faults", "--json", str(output),
         "--format", "csv"], capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr
    (run,) = json.loads(output.read_text(encoding="utf-8"))
    return {"run": run, "stdout": completed.stdout,
            "stages": {stage["stage"]: stage for stage in run["stages"]}}


def test_the_synthetic_corpus_of_5000_provisions_is_valid_before_any_fault(scale_run):
    stages = scale_run["stages"]
    assert stages["generate"]["detail"]["rows"]["provisions"] >= 5000
    assert stages["validate"]["detail"]["valid"] is True
    assert stages["reference"]["detail"]["failing"] == {}


def test_the_worksheets_of_a_tenth_as_many_jurisdictions_curate_into_every_provision_they_hold(scale_run):
    written = scale_run["stages"]["generate"]["detail"]["worksheets"]
    curated = scale_run["stages"]["curation"]["detail"]
    assert written["jurisdictions"] >= 5000 // 10 and not written["capped"]
    assert curated["worksheets"] == written["worksheets"]
    assert (curated["provisions"], curated["evidence"]) == (written["provisions"], written["quotes"])


def test_every_injected_fault_is_reported_at_its_file_row_and_field(scale_run):
    faults = scale_run["stages"]["faults"]["detail"]["faults"]
    assert {fault["name"] for fault in faults} == EXPECTED_FAULTS
    missed = [fault for fault in faults if not fault["reported"]]
    assert missed == []
    # the faults sit deep in the tables, not on their first rows
    assert all(fault["row"] > 100 for fault in faults if fault["file"] != "data/sources.csv")


def test_the_benchmark_prints_each_stage_with_its_time_and_memory(scale_run):
    lines = scale_run["stdout"].splitlines()
    assert lines[0] == "stage,seconds,peak_mib,result"
    assert [line.split(",")[0] for line in lines[1:]] == ["generate", "curation", "validate", "reference",
                                                         "documents", "faults"]
    assert "8 of 8 faults reported" in scale_run["stdout"]


def test_the_documents_of_a_national_package_show_at_most_fifty_rows_of_any_answer(scale_run):
    # Thousands of jurisdictions: the README's coverage table alone would have a row for each.
    from immigration_cooperation.reports import SHOWN_ROWS

    documents = scale_run["stages"]["documents"]["detail"]["documents"]
    assert set(documents) == {"docs/codebook.md", "docs/queries.md", "README.md", "docs/protocol.md"}
    assert max(shown["longest_table_rows"] for shown in documents.values()) == SHOWN_ROWS == 50


def test_a_finding_counts_for_a_fault_only_at_the_same_file_row_and_field():
    fault = InjectedFault("a quote shifted by one character", "data/evidence.csv", 40, "quote")
    assert fault.found_in([Finding("data/evidence.csv", 40, "quote", "does not equal …")])
    assert not fault.found_in([Finding("data/evidence.csv", 41, "quote", "does not equal …")])
    assert not fault.found_in([Finding("data/evidence.csv", 40, "quote_start", "…")])
    assert not fault.found_in([Finding("data/provisions.csv", 40, "quote", "…")])
