"""Validating a built package: frictionless, then pandera (schema_checks.py), the cross-table
rules (cross_checks.py, in DuckDB) and the DuckDB views (views_check.py), every layer every time.

Every problem is reported as `file: row N: field: what is wrong`, never as a traceback. Row
numbers count the header as row 1, as spreadsheets and frictionless do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from .schema import RESOURCES, Resource
from .views_check import views_findings
# Layer 1 and the finding type live apart so a process running only frictionless needs no pandas.
from .findings import (Finding, SchemaLayer, ValidationFailed,  # noqa: F401 (re-exported)
                       combined_findings, frictionless_checks_rows,
                       frictionless_findings)


# ----- everything -----

def read_csv_findings(resource: Resource, path: Path) -> list[Finding]:
    """Problems with the file itself that would make later messages misleading: a byte-order
    mark, CR line ends, bytes that are not UTF-8, a header other than the schema's."""
    from .file_scan import scan

    if not path.is_file():
        return [Finding(resource.path, None, None, "file is missing")]
    scanned = scan(path)
    findings = []
    if scanned.byte_order_mark:
        findings.append(Finding(resource.path, 1, None, "starts with a byte-order mark; save as UTF-8 "
                                                        "without BOM"))
    if scanned.carriage_return_line is not None:
        findings.append(Finding(resource.path, scanned.carriage_return_line, None,
                                "has CR (Windows) line ends; use LF only"))
    if scanned.utf8_error is not None:
        return findings + [Finding(resource.path, None, None, f"not UTF-8: {scanned.utf8_error}")]
    header = scanned.header.decode("utf-8")
    expected = ",".join(resource.field_names)
    if header.lstrip("\ufeff").rstrip("\r") != expected:
        findings.append(Finding(resource.path, 1, None, f"header is {header!r}; expected {expected!r}"))
    return findings


def schema_layer(package_dir: Path, seeds_root: Path | None = None,
                 check_cells: bool | None = None) -> SchemaLayer:
    """Layer 2: each file's shape, its cells against the pandera schema (where frictionless does
    not check the rows: see findings.FRICTIONLESS_ROW_LIMIT), the cross-table rules."""
    from .cross_checks import cross_table_findings

    if check_cells is None:
        check_cells = not frictionless_checks_rows(package_dir)
    return SchemaLayer(shape_findings(package_dir), cell_findings(package_dir) if check_cells else [],
                       cross_table_findings(package_dir, seeds_root))


def cell_findings(package_dir: Path) -> list[Finding]:
    from .schema_checks import table_findings

    return table_findings(package_dir)


def shape_findings(package_dir: Path) -> list[Finding]:
    findings: list[Finding] = []
    for resource in RESOURCES:
        findings += read_csv_findings(resource, package_dir / resource.path)
    return findings


def validate_package(package_dir: Path, seeds_root: Path | None = None, helper_process: bool = False,
                     row_limit: int | None = None) -> list[Finding]:
    """All findings for the package in `package_dir` (seeds/ read from `seeds_root`, default the same).

    Every layer runs, whatever an earlier one found. The cells of each row are checked by
    frictionless in a package of up to `row_limit` rows (default FRICTIONLESS_ROW_LIMIT), by
    pandera on polars above it. With `helper_process`, the DuckDB views (and pandera, when it
    runs) are checked in other processes meanwhile: worth it in a command, whose process has
    imported nothing yet.
    """
    from .file_scan import forget

    forget()  # each file is read once in this run, and afresh
    small = frictionless_checks_rows(package_dir, row_limit)
    if not helper_process:
        layer = schema_layer(package_dir, seeds_root, check_cells=not small)
        return combined_findings(layer, lambda: frictionless_findings(package_dir, check_rows=small),
                                 lambda: views_findings(package_dir, full=small))
    from .background import Background
    from .cross_checks import cross_table_findings

    helpers = {"views": Background("views" if small else "views-bound")}
    if not small:
        helpers["cells"] = Background("cells")
    try:
        for helper in helpers.values():
            helper.start(package_dir)
        layer1 = frictionless_findings(package_dir, check_rows=small)
        shapes, cross = shape_findings(package_dir), cross_table_findings(package_dir, seeds_root)
        results = {name: helper.result() for name, helper in helpers.items()}
    finally:
        for helper in helpers.values():
            helper.cancel()
    views = [Finding(**row) for row in next(iter(results["views"].values()))]
    cells = [Finding(**row) for row in results["cells"]["cells"]] if "cells" in results else []
    return combined_findings(SchemaLayer(shapes, cells, cross), lambda: layer1, lambda: views)
