"""Hand-edited CSVs: validation names the file, row and field, and never raises.

Each test copies the built package (datapackage.json, data/, seeds/, sql/) into a sandbox, edits
one file as someone with a spreadsheet or a text editor might, and runs validate_package on it.
The rows of a package this small are checked by frictionless; tests/test_hostile_csv_engines.py
runs the same edits through pandera, as for a large package, and through each row engine alone.
"""

from __future__ import annotations

import json
from typing import Callable

import pytest

from hostile_edits import (EVIDENCE, HOSTILE_EDITS, MAIN, PROVISIONS, STATUS_INQUIRY, copy_built_package,
                           findings_in, package, read_rows, row_number, set_cell, shown, write_rows,
                           refresh_descriptor)
from immigration_cooperation.validation import Finding, validate_package

__all__ = ["package"]  # the sandbox fixture


@pytest.fixture(scope="module")
def validated(tmp_path_factory) -> Callable[[str], list[Finding]]:
    """validate_package's findings on a fresh copy with one of HOSTILE_EDITS made. Each edit is
    validated once: the test of its exact finding and the test that it never raises read the same
    findings (an exception while validating fails each test that asks)."""
    found: dict[str, list[Finding]] = {}

    def findings(edit: str) -> list[Finding]:
        if edit not in found:
            root = copy_built_package(tmp_path_factory.mktemp(edit) / "package")
            HOSTILE_EDITS[edit](root)
            found[edit] = validate_package(root)
        return list(found[edit])

    return findings


# ----- the baseline -----

def test_an_untouched_copy_of_the_built_package_is_valid(package):
    assert validate_package(package) == []


# ----- one hand edit each -----

def test_a_byte_order_mark_is_reported_on_the_first_row(validated):
    findings = validated("byte-order-mark")

    matching = findings_in(findings, PROVISIONS, row=1)
    assert any("byte-order mark" in finding.message for finding in matching), shown(findings)


def test_windows_line_ends_are_reported(validated):
    findings = validated("crlf-line-ends")

    matching = findings_in(findings, PROVISIONS, row=1)
    assert any("CR (Windows) line ends" in finding.message for finding in matching), shown(findings)


def test_an_extra_column_is_reported_in_the_header(validated):
    findings = validated("extra-column")  # a "reviewer" column, "jd" in every row

    matching = findings_in(findings, PROVISIONS, row=1)
    assert any("header" in finding.message and "reviewer" in finding.message for finding in matching), \
        shown(findings)


def test_a_missing_column_is_reported_in_the_header(package):
    rows = read_rows(package, PROVISIONS)
    index = rows[0].index("confidence")
    write_rows(package, PROVISIONS, [cells[:index] + cells[index + 1:] for cells in rows])

    findings = validate_package(package)

    matching = findings_in(findings, PROVISIONS, row=1)
    assert any("header" in finding.message and "confidence" in finding.message for finding in matching), \
        shown(findings)


def test_a_stray_quote_character_breaking_a_row_is_reported_at_that_row(validated):
    row = row_number(MAIN, PROVISIONS, STATUS_INQUIRY)
    # An opening quote the editor never closes: the rest of the row runs into the next ones.
    findings = validated("stray-quote")

    assert findings_in(findings, PROVISIONS, row=row), shown(findings)


def test_a_position_outside_its_enum_is_reported_at_its_row_and_field(validated):
    row = row_number(MAIN, PROVISIONS, STATUS_INQUIRY)
    findings = validated("value-outside-enum")  # position "declines_foo"

    matching = findings_in(findings, PROVISIONS, row=row, field="position")
    assert matching, shown(findings)
    assert any("declines_foo" in finding.message for finding in matching), shown(findings)


def test_a_broken_foreign_key_is_reported_at_its_row(validated):
    row = row_number(MAIN, PROVISIONS, STATUS_INQUIRY)
    findings = validated("broken-foreign-key")  # jurisdiction_id "denver"

    matching = [finding for finding in findings_in(findings, PROVISIONS, row=row)
                if "jurisdiction_id" in str(finding) and "denver" in finding.message]
    assert matching, shown(findings)


def test_an_evidence_quote_that_no_longer_equals_the_source_at_its_offsets_is_reported(validated):
    evidence_id = f"{STATUS_INQUIRY}-1"
    rows = read_rows(MAIN, EVIDENCE)
    header = rows[0]
    (cells,) = [cells for cells in rows[1:] if cells[0] == evidence_id]
    quote = cells[header.index("quote")]
    assert quote.startswith("bans city officials")
    start, end = cells[header.index("quote_start")], cells[header.index("quote_end")]
    source_id = cells[header.index("source_id")]
    # "bans" becomes "bars"; hash and size agree: only the quote check can catch it
    findings = validated("edited-quote-with-hash-fixed")

    row = row_number(MAIN, EVIDENCE, evidence_id)
    assert findings == [Finding(EVIDENCE, row, "quote", f"does not equal {source_id} at offsets {start}-{end}")], \
        shown(findings)


def test_a_precision_the_bounds_do_not_support_is_reported(package):
    # The 2017 article's date is a range of days; calling it a year would claim 1 January.
    row = row_number(package, PROVISIONS, STATUS_INQUIRY)
    set_cell(package, PROVISIONS, STATUS_INQUIRY, "observed_on_precision", "year")
    refresh_descriptor(package, PROVISIONS)

    findings = validate_package(package)

    assert findings == [Finding(PROVISIONS, row, "observed_on_precision", "is 'year' but the bounds "
                                "2017-01-16..2017-12-31 make it 'range'")], shown(findings)


def test_a_latest_day_before_the_earliest_is_reported(package):
    row = row_number(package, PROVISIONS, STATUS_INQUIRY)
    set_cell(package, PROVISIONS, STATUS_INQUIRY, "observed_on_latest", "2016-12-31")
    refresh_descriptor(package, PROVISIONS)

    findings = validate_package(package)

    assert Finding(PROVISIONS, row, "observed_on", "2017-01-16 is after observed_on_latest 2016-12-31") \
        in findings, shown(findings)


def test_a_re_description_hand_edited_into_a_reported_change_is_reported(package):
    # The views would list it in policy_changes; only a quote that reports a change may put it there.
    provision_id = "denver-co-status-inquiry-2025"
    row = row_number(package, PROVISIONS, provision_id)
    set_cell(package, PROVISIONS, provision_id, "relation_to_record", "reported_change")
    refresh_descriptor(package, PROVISIONS)

    findings = validate_package(package)

    matching = findings_in(findings, PROVISIONS, row=row, field="relation_to_record")
    assert len(matching) == 1 and "reports_change=True" in matching[0].message, shown(findings)


def test_a_second_first_report_in_a_cell_is_reported(package):
    provision_id = "denver-co-information-sharing-2018-outlet"
    row = row_number(package, PROVISIONS, provision_id)
    set_cell(package, PROVISIONS, provision_id, "relation_to_record", "first_report")
    refresh_descriptor(package, PROVISIONS)

    findings = validate_package(package)

    matching = findings_in(findings, PROVISIONS, row=row, field="relation_to_record")
    assert matching and "already has a first report" in matching[0].message, shown(findings)


def test_a_claim_start_with_only_a_latest_day_is_reported_not_skipped(package):
    # effective_from_latest alone would let the views start the claim on observed_on while the
    # relation checks had no start for it.
    provision_id = "denver-co-status-inquiry-2025"
    row = row_number(package, PROVISIONS, provision_id)
    set_cell(package, PROVISIONS, provision_id, "effective_from_latest", "2025-06-01")
    set_cell(package, PROVISIONS, provision_id, "effective_from_precision", "on_or_before")
    refresh_descriptor(package, PROVISIONS)

    findings = validate_package(package)

    matching = findings_in(findings, PROVISIONS, row=row, field="effective_from")
    assert matching and "needs its earliest possible day too" in matching[0].message, shown(findings)


def test_a_one_byte_edit_is_caught_by_the_recorded_hash(validated):
    descriptor = json.loads((MAIN / "datapackage.json").read_text(encoding="utf-8"))
    (recorded,) = [resource["hash"] for resource in descriptor["resources"] if resource["path"] == PROVISIONS]
    # A valid-looking edit: one letter of a note, same size, every value still allowed.
    findings = validated("one-byte-edit")

    matching = findings_in(findings, PROVISIONS)
    assert any("hash" in finding.message and recorded.split(":")[-1] in finding.message
               for finding in matching), shown(findings)


# ----- never a traceback -----

@pytest.mark.parametrize("hostile_edit", list(HOSTILE_EDITS))
def test_validate_package_reports_hostile_input_as_findings_and_never_raises(validated, hostile_edit):
    findings = validated(hostile_edit)  # an exception here is the failure

    assert findings, "a damaged package was reported valid"
    assert all(isinstance(finding, Finding) and finding.file for finding in findings)
