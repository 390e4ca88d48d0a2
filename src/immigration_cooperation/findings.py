"""Validation findings, and layer 1: frictionless.

Kept apart from validation.py (pandera and pandas) so that a process that runs only the
frictionless layer, as a build does in the background, imports neither.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass(frozen=True)
class Finding:
    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(self.field)
        return ": ".join(where) + ": " + self.message


class ValidationFailed(Exception):
    def __init__(self, findings: list[Finding]):
        self.findings = findings
        lines = [f"{len(findings)} validation problem(s):"] + [f"  - {f}" for f in findings[:200]]
        if len(findings) > 200:
            lines.append(f"  … and {len(findings) - 200} more")
        super().__init__("\n".join(lines))


# ----- layer 1: frictionless -----

# One engine checks the cells of each row against the schema, chosen by the package's size; both
# are generated from schema.py and catch the same faults (tests/test_hostile_csv.py runs every
# fault through each). Frictionless reads rows at about 3 s per 10k provisions: it checks the
# rows of a package up to this many (the five-article package has a few hundred), where its
# start-up is the cheaper. Above it, frictionless checks the descriptor and this module each
# file's recorded hash and size, and pandera on polars (schema_checks.py) checks the rows.
FRICTIONLESS_ROW_LIMIT = 20_000


def package_rows(package_dir: Path, stop_above: int | None = None) -> int:
    """How many lines the package's tables hold, counted in blocks; with `stop_above`, counting
    stops once the count passes it (choosing the row engine then reads a few blocks, not a
    national package's gigabytes)."""
    from .schema import RESOURCES

    count = 0
    for resource in RESOURCES:
        path = package_dir / resource.path
        if not path.is_file():
            continue
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                count += block.count(b"\n")
                if stop_above is not None and count > stop_above:
                    return count
    return count


def frictionless_checks_rows(package_dir: Path, row_limit: int | None = None) -> bool:
    limit = FRICTIONLESS_ROW_LIMIT if row_limit is None else row_limit
    return package_rows(package_dir, stop_above=max(limit, 0)) <= limit


def frictionless_findings(package_dir: Path, check_rows: bool | None = None) -> list[Finding]:
    """Layer 1: the descriptor against the Data Package v2 profile, each file's hash and size,
    and (with `check_rows`, by default for a package within FRICTIONLESS_ROW_LIMIT) every row."""
    descriptor_path = package_dir / "datapackage.json"
    if not descriptor_path.is_file():
        return [Finding("datapackage.json", None, None, "missing")]
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return [Finding("datapackage.json", None, None, f"not valid JSON: {error}")]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return [Finding("datapackage.json", None, None, "not a data package descriptor (an object with "
                                                        "a list of resources)")]
    if check_rows is None:
        check_rows = frictionless_checks_rows(package_dir)
    if not check_rows:
        return _descriptor_findings(descriptor) + _file_findings(package_dir, descriptor)
    return _package_findings(package_dir, descriptor_path)


def _resource_paths(descriptor: dict) -> list[tuple[dict, str]]:
    return [(resource, resource["path"]) for resource in descriptor["resources"]
            if isinstance(resource, dict) and isinstance(resource.get("path"), str)]


def _inside(package_dir: Path, relative: str) -> Path | None:
    """The file a descriptor path names, if it stays inside the package folder."""
    path = (package_dir / relative).resolve()
    return path if path.is_relative_to(package_dir.resolve()) else None


def _descriptor_findings(descriptor: dict) -> list[Finding]:
    from frictionless import Package

    report = Package.validate_descriptor(descriptor)
    return [Finding("datapackage.json", None, None, f"invalid descriptor: {error.message}")
            for error in report.errors]


def _file_findings(package_dir: Path, descriptor: dict) -> list[Finding]:
    """Each resource file exists inside the package and has its recorded sha256 and size."""
    from .file_scan import scan

    findings = []
    for resource, relative in _resource_paths(descriptor):
        path = _inside(package_dir, relative)
        if path is None:
            findings.append(Finding("datapackage.json", None, None, f"{relative} lies outside the package"))
            continue
        if not path.is_file():
            findings.append(Finding(relative, None, None, "file is missing"))
            continue
        scanned = scan(path)  # the same read serves the shape checks (validation.py)
        size = scanned.size
        recorded = str(resource.get("hash", "")).removeprefix("sha256:")
        if recorded and recorded != scanned.sha256:
            findings.append(Finding(relative, None, None, f"hash-count: expected hash sha256:{recorded} "
                                                          f"but got sha256:{scanned.sha256}"))
        if resource.get("bytes") is not None and resource["bytes"] != size:
            findings.append(Finding(relative, None, None, f"byte-count: expected {resource['bytes']} "
                                                          f"bytes but got {size}"))
    return findings


def _package_findings(package_dir: Path, descriptor_path: Path) -> list[Finding]:
    from frictionless import FrictionlessException, Package, system

    try:
        # trusted=False: a descriptor may not point outside the package directory.
        with system.use_context(trusted=False):
            package = Package(str(descriptor_path), basepath=str(package_dir))
            # Foreign keys are checked by the cross-table layer, from the same schema, in one
            # pass; frictionless re-opens every referenced table for each key, which cost two
            # thirds of this layer's time.
            for resource in package.resources:
                if resource.schema is not None:
                    resource.schema.foreign_keys = []
            report = package.validate()
    except FrictionlessException as error:
        return [Finding("datapackage.json", None, None, f"invalid descriptor: {error}")]
    findings = []
    for error in report.errors:
        findings.append(Finding("datapackage.json", None, None, error.message))
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None) or ",".join(getattr(error, "field_names", None) or []) or None
            cell = getattr(error, "cell", None)
            found = f"; found {cell!r}" if row is not None and field and isinstance(cell, str) else ""
            findings.append(Finding(task.place or task.name, row, field, f"{error.type}: {error.note}{found}"))
    return findings


@dataclass
class SchemaLayer:
    """Layer 2's findings: CSV shape (`reads`), the pandera schemas (`pandera`) and the
    cross-table checks (`cross`)."""

    reads: list[Finding]
    pandera: list[Finding]
    cross: list[Finding]


def combined_findings(layer: SchemaLayer, frictionless: Callable[[], list[Finding]],
                      views: Callable[[], list[Finding]]) -> list[Finding]:
    """Every layer's findings, in one list: CSV shape, frictionless, pandera, the cross-table
    checks and the DuckDB views. Every layer runs, also when an earlier one found something, so
    a curator sees every fault in one run; a finding two layers word alike is listed once."""
    return _unique(layer.reads + frictionless() + layer.pandera + layer.cross + views())


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, result = set(), []
    for finding in findings:
        if str(finding) not in seen:
            seen.add(str(finding))
            result.append(finding)
    return result
