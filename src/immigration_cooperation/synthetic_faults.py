"""Known faults written into a synthetic corpus, to prove validation catches them at any size.

`inject_faults(folder)` edits a valid package in place (a corpus from synthetic_corpus.py) and
returns where each fault is: the file, row (the header is row 1) and field a finding must name.
The faults are the mistakes a curator makes in a large package: a position its dimension does
not have, an impossible date, a reversed pair of date bounds, a provision with no evidence, a
duplicated evidence id, evidence citing a source that does not exist, a quote shifted by one
character, and a byte changed in an article file. Rows are taken from the middle of each table,
so the faults sit deep in a large file. The descriptor's hashes are recomputed afterwards: the
faults are in the rows and the article, not in a stale descriptor.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

from .schema import RESOURCE_BY_NAME
from .synthetic_corpus import refresh_descriptor_hashes


@dataclass(frozen=True)
class InjectedFault:
    name: str
    file: str
    row: int
    field: str

    def found_in(self, findings) -> bool:
        return any(finding.file == self.file and finding.row == self.row and finding.field == self.field
                   for finding in findings)


def _rewrite(path: Path, edit: Callable[[int, dict[str, str]], dict[str, str] | None],
             appended: list[dict[str, str]] = ()) -> None:
    """Stream the table through `edit(row_number, row)` (None keeps the row) into a new file."""
    temporary = path.with_suffix(".csv.part")
    with path.open(encoding="utf-8", newline="") as source, \
            temporary.open("w", encoding="utf-8", newline="") as target:
        reader = csv.DictReader(source)
        writer = csv.DictWriter(target, fieldnames=reader.fieldnames, lineterminator="\n")
        writer.writeheader()
        for row_number, row in enumerate(reader, start=2):
            writer.writerow(edit(row_number, row) or row)
        writer.writerows(appended)
    temporary.replace(path)


def _rows(path: Path, wanted: set[int]) -> dict[int, dict[str, str]]:
    found = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row_number, row in enumerate(csv.DictReader(handle), start=2):
            if row_number in wanted:
                found[row_number] = row
            if len(found) == len(wanted):
                break
    return found


def _count(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def _provision_faults(folder: Path) -> list[InjectedFault]:
    path = folder / RESOURCE_BY_NAME["provisions"].path
    rows = _count(path)
    middle = rows // 2 + 2
    bad_position, impossible_date, reversed_dates = middle, middle + 1, middle + 2
    template = _rows(path, {2})[2]
    orphan = {**template, "provision_id": "synthetic-fault-provision-without-evidence"}

    def edit(row_number: int, row: dict[str, str]) -> dict[str, str] | None:
        if row_number == bad_position:
            return {**row, "position": "not_a_position"}
        if row_number == impossible_date:
            return {**row, "observed_on": "2019-02-30"}
        if row_number == reversed_dates:
            after = date.fromisoformat(row["observed_on_latest"]) + timedelta(days=1)
            return {**row, "observed_on": after.isoformat()}
        return None

    orphan_row = rows + 2  # the row after the last
    _rewrite(path, edit, appended=[orphan])
    file = "data/provisions.csv"
    return [InjectedFault("a position its dimension does not have", file, bad_position, "position"),
            InjectedFault("an impossible date", file, impossible_date, "observed_on"),
            InjectedFault("a reversed pair of date bounds", file, reversed_dates, "observed_on"),
            InjectedFault("a provision with no evidence", file, orphan_row, "provision_id")]


def _evidence_faults(folder: Path) -> list[InjectedFault]:
    path = folder / RESOURCE_BY_NAME["evidence"].path
    middle = _count(path) // 2 + 2
    duplicate, dangling = middle, middle + 1
    sources = {row["source_id"]: row for row in _read_all(folder / RESOURCE_BY_NAME["sources"].path)}
    candidates = _rows(path, set(range(middle - 1, middle + 200)))
    previous_id = candidates[duplicate - 1]["evidence_id"]
    shifted = next(row_number for row_number, row in sorted(candidates.items())
                   if row_number > dangling and _shift_changes_quote(folder, sources[row["source_id"]], row))

    def edit(row_number: int, row: dict[str, str]) -> dict[str, str] | None:
        if row_number == duplicate:
            return {**row, "evidence_id": previous_id}
        if row_number == dangling:
            return {**row, "source_id": "synthetic-fault-no-such-source"}
        if row_number == shifted:
            return {**row, "quote_start": str(int(row["quote_start"]) + 1),
                    "quote_end": str(int(row["quote_end"]) + 1)}
        return None

    _rewrite(path, edit)
    file = "data/evidence.csv"
    return [InjectedFault("a duplicated evidence id", file, duplicate, "evidence_id"),
            InjectedFault("evidence citing a source that does not exist", file, dangling, "source_id"),
            InjectedFault("a quote shifted by one character", file, shifted, "quote")]


def _read_all(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _shift_changes_quote(folder: Path, source: dict[str, str], row: dict[str, str]) -> bool:
    text = (folder / source["path"]).read_text(encoding="utf-8")
    start, end = int(row["quote_start"]) + 1, int(row["quote_end"]) + 1
    return text[start:end] != row["quote"]


def _source_fault(folder: Path) -> InjectedFault:
    """One letter of the last source's article changed: same size, another sha256."""
    sources = _read_all(folder / RESOURCE_BY_NAME["sources"].path)
    row_number, source = len(sources) + 1, sources[-1]
    path = folder / source["path"]
    data = bytearray(path.read_bytes())
    at = next(index for index in range(int(source["body_start"]), len(data)) if chr(data[index]).isalpha())
    data[at] = ord("x") if data[at] != ord("x") else ord("y")
    path.write_bytes(bytes(data))
    return InjectedFault("a byte changed in an article file", "data/sources.csv", row_number, "sha256")


def inject_faults(folder: Path) -> list[InjectedFault]:
    """Write every fault into the package in `folder`; returns where each must be reported."""
    faults = _provision_faults(folder) + _evidence_faults(folder) + [_source_fault(folder)]
    refresh_descriptor_hashes(folder)
    return faults
