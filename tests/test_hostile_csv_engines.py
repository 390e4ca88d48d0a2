"""Hand-edited CSVs through each row engine: pandera on polars, which checks the rows of a large
package, reports every edit of tests/test_hostile_csv.py as findings and never raises; each engine
alone reports every cell fault at its row and field; and the validate command exits non-zero.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from hostile_edits import (CELL_FAULTS, EVIDENCE, HOSTILE_EDITS, PROVISIONS, STATUS_INQUIRY,
                           duplicate_evidence_row, findings_in, package, read_rows, row_number, set_cell,
                           shown)
from immigration_cooperation import findings as validation_findings
from immigration_cooperation.findings import frictionless_findings
from immigration_cooperation.validation import Finding, cell_findings, validate_package

__all__ = ["package"]  # the sandbox fixture


@pytest.fixture
def pandera_rows(monkeypatch) -> None:
    """Validation as it runs on a large package: pandera on polars checks the rows (a limit of -1
    makes every package large)."""
    monkeypatch.setattr(validation_findings, "FRICTIONLESS_ROW_LIMIT", -1)


@pytest.mark.parametrize("hostile_edit", list(HOSTILE_EDITS.values()), ids=list(HOSTILE_EDITS))
def test_validate_package_with_pandera_rows_reports_hostile_input_as_findings_and_never_raises(
        package, hostile_edit, pandera_rows):
    hostile_edit(package)

    findings = validate_package(package)  # an exception here is the failure

    assert findings, "a damaged package was reported valid"
    assert all(isinstance(finding, Finding) and finding.file for finding in findings)


@pytest.mark.parametrize("text", ["{}", "[]", '{"resources": 5}'], ids=["empty-object", "list", "resources-not-a-list"])
def test_a_descriptor_that_is_json_but_not_a_data_package_is_a_finding(package, text):
    (package / "datapackage.json").write_text(text, encoding="utf-8")

    findings = validate_package(package)  # an exception here is the failure

    assert findings_in(findings, "datapackage.json"), shown(findings)


# ----- both row engines catch every cell fault -----

@pytest.mark.parametrize("fault", list(CELL_FAULTS), ids=list(CELL_FAULTS))
@pytest.mark.parametrize("engine", ["frictionless", "pandera"])
def test_each_row_engine_reports_a_cell_fault_at_its_row_and_field(package, engine, fault):
    edit, relative, key, field = CELL_FAULTS[fault]
    row = row_number(package, relative, key)
    edit(package)

    found = frictionless_findings(package, check_rows=True) if engine == "frictionless" \
        else cell_findings(package)

    assert findings_in(found, relative, row=row, field=field), shown(found)


def test_both_row_engines_report_a_duplicated_evidence_row(package):
    duplicate_evidence_row(package)
    row = len(read_rows(package, EVIDENCE))  # the copy is the last row

    for found in (frictionless_findings(package, check_rows=True), cell_findings(package)):
        assert findings_in(found, EVIDENCE, row=row), shown(found)


# ----- the command line -----

def test_the_validate_command_exits_non_zero_naming_the_file_without_a_traceback(package):
    set_cell(package, PROVISIONS, STATUS_INQUIRY, "position", "declines_foo")

    result = subprocess.run([sys.executable, "-m", "immigration_cooperation.cli", "validate", str(package)],
                            capture_output=True, text=True, timeout=120, cwd=package)

    assert result.returncode != 0
    assert PROVISIONS in result.stderr, result.stderr
    assert "declines_foo" in result.stderr
    assert "Traceback" not in result.stderr, result.stderr
