"""Hand-edited CSVs: validation names the file, row and field, and never raises.

Each test copies the built package (datapackage.json, data/, seeds/, sql/) into a sandbox, edits
one file as someone with a spreadsheet or a text editor might, and runs validate_package on it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from immigration_cooperation import findings as validation_findings
from immigration_cooperation.findings import frictionless_findings
from immigration_cooperation.validation import Finding, cell_findings, validate_package

MAIN = Path(__file__).resolve().parents[1]

PROVISIONS = "data/provisions.csv"
EVIDENCE = "data/evidence.csv"
SOURCES = "data/sources.csv"
STATUS_INQUIRY = "denver-co-status-inquiry-2017"


# ----- the sandbox -----

@pytest.fixture
def package(tmp_path: Path) -> Path:
    root = tmp_path / "package"
    root.mkdir()
    shutil.copy2(MAIN / "datapackage.json", root / "datapackage.json")
    for name in ("data", "seeds", "sql"):
        shutil.copytree(MAIN / name, root / name)
    return root


def read_rows(root: Path, relative: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((root / relative).read_bytes().decode("utf-8"), newline="")))


def write_rows(root: Path, relative: str, rows: list[list[str]]) -> None:
    """Write rows in the package's own CSV format (UTF-8, LF, minimal quoting)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    (root / relative).write_bytes(buffer.getvalue().encode("utf-8"))


def row_number(root: Path, relative: str, key: str) -> int:
    """The row number (header = 1, as in validation findings) of the record whose first cell is key."""
    for number, cells in enumerate(read_rows(root, relative), start=1):
        if cells and cells[0] == key:
            return number
    raise AssertionError(f"{relative}: no row {key!r}")


def set_cell(root: Path, relative: str, key: str, column: str, value: str) -> None:
    rows = read_rows(root, relative)
    index = rows[0].index(column)
    matching = [cells for cells in rows[1:] if cells[0] == key]
    assert len(matching) == 1, f"{relative}: expected one row {key!r}"
    matching[0][index] = value
    write_rows(root, relative, rows)


def replace_bytes(root: Path, relative: str, old: bytes, new: bytes) -> None:
    path = root / relative
    data = path.read_bytes()
    assert data.count(old) >= 1, f"{relative}: {old!r} not found"
    path.write_bytes(data.replace(old, new, 1))


def refresh_descriptor(root: Path, relative: str) -> None:
    """Record a resource's new sha256 and size, so only checks beyond the hash can catch an edit."""
    data = (root / relative).read_bytes()
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = [resource for resource in descriptor["resources"] if resource["path"] == relative]
    prefix = "sha256:" if str(resource.get("hash", "")).startswith("sha256:") else ""
    resource["hash"] = prefix + hashlib.sha256(data).hexdigest()
    resource["bytes"] = len(data)
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")


def findings_in(findings: list[Finding], file: str, row: int | None = None,
                field: str | None = None) -> list[Finding]:
    return [finding for finding in findings if finding.file == file
            and (row is None or finding.row == row) and (field is None or finding.field == field)]


def shown(findings: list[Finding]) -> str:
    return "\n".join(str(finding) for finding in findings) or "(no findings)"


# ----- the baseline -----

def test_an_untouched_copy_of_the_built_package_is_valid(package):
    assert validate_package(package) == []


# ----- one hand edit each -----

def test_a_byte_order_mark_is_reported_on_the_first_row(package):
    path = package / PROVISIONS
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    findings = validate_package(package)

    matching = findings_in(findings, PROVISIONS, row=1)
    assert any("byte-order mark" in finding.message for finding in matching), shown(findings)


def test_windows_line_ends_are_reported(package):
    path = package / PROVISIONS
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))

    findings = validate_package(package)

    matching = findings_in(findings, PROVISIONS, row=1)
    assert any("CR (Windows) line ends" in finding.message for finding in matching), shown(findings)


def test_an_extra_column_is_reported_in_the_header(package):
    rows = read_rows(package, PROVISIONS)
    write_rows(package, PROVISIONS, [rows[0] + ["reviewer"]] + [cells + ["jd"] for cells in rows[1:]])

    findings = validate_package(package)

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


def test_a_stray_quote_character_breaking_a_row_is_reported_at_that_row(package):
    row = row_number(package, PROVISIONS, STATUS_INQUIRY)
    # An opening quote the editor never closes: the rest of the row runs into the next ones.
    replace_bytes(package, PROVISIONS, f"{STATUS_INQUIRY},denver-co,".encode(),
                  f'{STATUS_INQUIRY},"denver-co,'.encode())

    findings = validate_package(package)

    assert findings_in(findings, PROVISIONS, row=row), shown(findings)


def test_a_position_outside_its_enum_is_reported_at_its_row_and_field(package):
    row = row_number(package, PROVISIONS, STATUS_INQUIRY)
    set_cell(package, PROVISIONS, STATUS_INQUIRY, "position", "declines_foo")

    findings = validate_package(package)

    matching = findings_in(findings, PROVISIONS, row=row, field="position")
    assert matching, shown(findings)
    assert any("declines_foo" in finding.message for finding in matching), shown(findings)


def test_a_broken_foreign_key_is_reported_at_its_row(package):
    row = row_number(package, PROVISIONS, STATUS_INQUIRY)
    set_cell(package, PROVISIONS, STATUS_INQUIRY, "jurisdiction_id", "denver")

    findings = validate_package(package)

    matching = [finding for finding in findings_in(findings, PROVISIONS, row=row)
                if "jurisdiction_id" in str(finding) and "denver" in finding.message]
    assert matching, shown(findings)


def test_an_evidence_quote_that_no_longer_equals_the_source_at_its_offsets_is_reported(package):
    evidence_id = f"{STATUS_INQUIRY}-1"
    rows = read_rows(package, EVIDENCE)
    header = rows[0]
    (cells,) = [cells for cells in rows[1:] if cells[0] == evidence_id]
    quote = cells[header.index("quote")]
    assert quote.startswith("bans city officials")
    start, end = cells[header.index("quote_start")], cells[header.index("quote_end")]
    source_id = cells[header.index("source_id")]
    set_cell(package, EVIDENCE, evidence_id, "quote", quote.replace("bans", "bars", 1))
    refresh_descriptor(package, EVIDENCE)  # hash and size agree: only the quote check can catch it

    findings = validate_package(package)

    row = row_number(package, EVIDENCE, evidence_id)
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


def test_a_one_byte_edit_is_caught_by_the_recorded_hash(package):
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    (recorded,) = [resource["hash"] for resource in descriptor["resources"] if resource["path"] == PROVISIONS]
    # A valid-looking edit: one letter of a note, same size, every value still allowed.
    replace_bytes(package, PROVISIONS, b"necessary peacekeeping", b"Necessary peacekeeping")

    findings = validate_package(package)

    matching = findings_in(findings, PROVISIONS)
    assert any("hash" in finding.message and recorded.split(":")[-1] in finding.message
               for finding in matching), shown(findings)


# ----- never a traceback -----

def _bom(root):
    (root / PROVISIONS).write_bytes(b"\xef\xbb\xbf" + (root / PROVISIONS).read_bytes())


def _crlf(root):
    (root / PROVISIONS).write_bytes((root / PROVISIONS).read_bytes().replace(b"\n", b"\r\n"))


def _extra_column(root):
    rows = read_rows(root, PROVISIONS)
    write_rows(root, PROVISIONS, [rows[0] + ["reviewer"]] + [cells + ["jd"] for cells in rows[1:]])


def _missing_column(root):
    rows = read_rows(root, PROVISIONS)
    write_rows(root, PROVISIONS, [cells[:-1] for cells in rows])


def _stray_quote(root):
    replace_bytes(root, PROVISIONS, f"{STATUS_INQUIRY},denver-co,".encode(), f'{STATUS_INQUIRY},"denver-co,'.encode())


def _unterminated_quote_at_the_end(root):
    (root / PROVISIONS).write_bytes((root / PROVISIONS).read_bytes() + b'x,"never closed\n')


def _enum(root):
    set_cell(root, PROVISIONS, STATUS_INQUIRY, "position", "declines_foo")


def _foreign_key(root):
    set_cell(root, PROVISIONS, STATUS_INQUIRY, "jurisdiction_id", "denver")


def _quote_with_fixed_hash(root):
    rows = read_rows(root, EVIDENCE)
    index = rows[0].index("quote")
    (cells,) = [cells for cells in rows[1:] if cells[0] == f"{STATUS_INQUIRY}-1"]
    cells[index] = cells[index].replace("bans", "bars", 1)
    write_rows(root, EVIDENCE, rows)
    refresh_descriptor(root, EVIDENCE)


def _one_byte(root):
    replace_bytes(root, PROVISIONS, b"necessary peacekeeping", b"Necessary peacekeeping")


def _text_in_an_integer_column(root):
    set_cell(root, EVIDENCE, f"{STATUS_INQUIRY}-1", "quote_start", "two hundred")


def _empty_file(root):
    (root / PROVISIONS).write_bytes(b"")


def _header_only(root):
    (root / PROVISIONS).write_bytes((root / PROVISIONS).read_bytes().split(b"\n", 1)[0] + b"\n")


def _truncated_mid_row(root):
    data = (root / PROVISIONS).read_bytes()
    (root / PROVISIONS).write_bytes(data[: len(data) // 2])


def _not_utf8(root):
    (root / PROVISIONS).write_bytes("provision_id\nd\u00e9nver\n".encode("latin-1"))


def _deleted(root):
    (root / PROVISIONS).unlink()


def _seed_replaced_by_a_non_utf8_file_with_its_hash_recorded(root):
    # sources.csv hand-edited to describe a re-encoded (Latin-1) copy of an article.
    seed = root / "seeds" / "001_a5b366c197054b6f.txt"
    data = seed.read_bytes() + "\u00e9".encode("latin-1")  # a lone 0xE9 byte: not UTF-8
    seed.write_bytes(data)
    set_cell(root, SOURCES, "ordinance-2017-denver-council", "sha256", hashlib.sha256(data).hexdigest())
    set_cell(root, SOURCES, "ordinance-2017-denver-council", "bytes", str(len(data)))
    refresh_descriptor(root, SOURCES)


HOSTILE_EDITS: dict[str, Callable[[Path], None]] = {
    "byte-order-mark": _bom,
    "crlf-line-ends": _crlf,
    "extra-column": _extra_column,
    "missing-column": _missing_column,
    "stray-quote": _stray_quote,
    "unterminated-quote-at-the-end": _unterminated_quote_at_the_end,
    "value-outside-enum": _enum,
    "broken-foreign-key": _foreign_key,
    "edited-quote-with-hash-fixed": _quote_with_fixed_hash,
    "one-byte-edit": _one_byte,
    "text-in-an-integer-column": _text_in_an_integer_column,
    "empty-file": _empty_file,
    "header-only": _header_only,
    "truncated-mid-row": _truncated_mid_row,
    "not-utf8": _not_utf8,
    "deleted-file": _deleted,
    "seed-not-utf8-with-hash-recorded": _seed_replaced_by_a_non_utf8_file_with_its_hash_recorded,
}


@pytest.fixture(params=["frictionless", "pandera"])
def row_engine(request, monkeypatch) -> str:
    """Validation as it runs on a package of each size: frictionless checks the rows of a small
    package, pandera on polars those of a large one (a limit of -1 makes every package large)."""
    if request.param == "pandera":
        monkeypatch.setattr(validation_findings, "FRICTIONLESS_ROW_LIMIT", -1)
    return request.param


@pytest.mark.parametrize("hostile_edit", list(HOSTILE_EDITS.values()), ids=list(HOSTILE_EDITS))
def test_validate_package_reports_hostile_input_as_findings_and_never_raises(package, hostile_edit, row_engine):
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

def _duplicate_key(root):
    rows = read_rows(root, EVIDENCE)
    (cells,) = [cells for cells in rows[1:] if cells[0] == f"{STATUS_INQUIRY}-1"]
    rows.append(list(cells))
    write_rows(root, EVIDENCE, rows)


CELL_FAULTS = {
    # name: (edit, file, key of the row, field)
    "value-outside-enum": (_enum, PROVISIONS, STATUS_INQUIRY, "position"),
    "text-in-an-integer-column": (_text_in_an_integer_column, EVIDENCE, f"{STATUS_INQUIRY}-1", "quote_start"),
    "impossible-date": (lambda root: set_cell(root, PROVISIONS, STATUS_INQUIRY, "observed_on_latest",
                                              "2017-02-30"), PROVISIONS, STATUS_INQUIRY, "observed_on_latest"),
    "blank-required-cell": (lambda root: set_cell(root, PROVISIONS, STATUS_INQUIRY, "asserted_by", ""),
                            PROVISIONS, STATUS_INQUIRY, "asserted_by"),
    "identifier-against-its-pattern": (lambda root: set_cell(root, PROVISIONS, STATUS_INQUIRY,
                                                             "jurisdiction_id", "Denver CO"),
                                       PROVISIONS, STATUS_INQUIRY, "jurisdiction_id"),
    "boolean-spelt-otherwise": (lambda root: set_cell(root, EVIDENCE, f"{STATUS_INQUIRY}-1",
                                                      "reports_change", "yes"),
                                EVIDENCE, f"{STATUS_INQUIRY}-1", "reports_change"),
    "negative-offset": (lambda root: set_cell(root, EVIDENCE, f"{STATUS_INQUIRY}-1", "quote_start", "-3"),
                        EVIDENCE, f"{STATUS_INQUIRY}-1", "quote_start"),
}


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
    _duplicate_key(package)
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
