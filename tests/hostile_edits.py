"""The sandbox and the hand edits of tests/test_hostile_csv*.py: a copy of the built package
(datapackage.json, data/, seeds/, sql/), and the edits someone with a spreadsheet or a text editor
might make to it."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path
from typing import Callable

import pytest

from immigration_cooperation.validation import Finding

MAIN = Path(__file__).resolve().parents[1]

PROVISIONS = "data/provisions.csv"
EVIDENCE = "data/evidence.csv"
SOURCES = "data/sources.csv"
STATUS_INQUIRY = "denver-co-status-inquiry-2017"


# ----- the sandbox -----

def copy_built_package(root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy2(MAIN / "datapackage.json", root / "datapackage.json")
    for name in ("data", "seeds", "sql"):
        shutil.copytree(MAIN / name, root / name)
    return root


@pytest.fixture
def package(tmp_path: Path) -> Path:
    return copy_built_package(tmp_path / "package")


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


# ----- hand edits, each leaving the package invalid -----

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


# ----- both row engines catch every cell fault -----

def duplicate_evidence_row(root):
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
