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

def frictionless_findings(package_dir: Path) -> list[Finding]:
    from frictionless import Package, system

    descriptor_path = package_dir / "datapackage.json"
    if not descriptor_path.is_file():
        return [Finding("datapackage.json", None, None, "missing")]
    from frictionless import FrictionlessException

    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return [Finding("datapackage.json", None, None, f"not valid JSON: {error}")]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return [Finding("datapackage.json", None, None, "not a data package descriptor (an object with "
                                                        "a list of resources)")]
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
            findings.append(Finding(task.place or task.name, row, field, f"{error.type}: {error.note}"))
    return findings


@dataclass
class SchemaLayer:
    """Layer 2's findings: CSV shape (`reads`), pandera schemas (`pandera`) and the cross-table
    checks (`cross`, None where the tables could not all be typed, so cross checks would only
    repeat the same faults)."""

    reads: list[Finding]
    pandera: list[Finding]
    cross: list[Finding] | None


def combined_findings(layer: SchemaLayer, frictionless: Callable[[], list[Finding]],
                      views: Callable[[], list[Finding]]) -> list[Finding]:
    """The findings of the three layers as validation reports them: CSV shape, frictionless,
    pandera and the cross-table checks together (these run whenever every table could be typed;
    a hash that no longer matches does not hide a broken key), and the DuckDB views only when
    no earlier check finds anything (they would repeat earlier faults in other words)."""
    findings = layer.reads + frictionless() + layer.pandera + (layer.cross or [])
    if findings or layer.cross is None:
        return _unique(findings)
    return views()


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, result = set(), []
    for finding in findings:
        if str(finding) not in seen:
            seen.add(str(finding))
            result.append(finding)
    return result
