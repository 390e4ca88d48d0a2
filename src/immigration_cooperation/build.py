"""The build: curate, write everything to a staging directory, validate it there, then move it in.

A build that fails at any step leaves the previous `data/`, `datapackage.json` and generated docs
byte-identical. Nothing here reads the clock, so the same inputs give the same bytes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import descriptor, explorer, notices, reports, sql
from .background import Background
from .curation import compile_tables
from .worksheets import project_root
from .schema import RESOURCES
from .tables import csv_bytes
from .findings import Finding, ValidationFailed

Progress = Callable[[str], None]

DATABASE = sql.DATABASE  # build output, git-ignored
# What a curator writes or vendors; the build writes everything else (README.md and
# docs/protocol.md are written by hand around generated sections).
CURATION_INPUTS = ("scripts", "seeds", "reference", "README.md", "docs/protocol.md")


@dataclass(frozen=True)
class Output:
    path: str  # relative to the project root
    data: bytes | None  # None: already written in the staging directory (the site's pages)

    def staged_bytes(self, staging: Path) -> bytes:
        return (staging / self.path).read_bytes() if self.data is None else self.data


def render(root: Path, progress: Progress = lambda message: None) -> list[Output]:
    """The tables, descriptor, views.sql and notices, in memory.

    Raises CurationError on curator mistakes, before anything is written anywhere.
    """
    progress("curating: reading scripts/ and placing every quote in its source")
    tables = compile_tables(root)
    progress("curated: " + ", ".join(f"{len(rows)} {name}" for name, rows in tables.items()))
    outputs = []
    csvs = {}
    for resource in RESOURCES:
        csvs[resource.name] = csv_bytes(resource, tables[resource.name])
        outputs.append(Output(resource.path, csvs[resource.name]))
    package = descriptor.package_descriptor(csvs, sorted(tables["sources"], key=lambda r: r["source_id"]))
    outputs.append(Output("datapackage.json", descriptor.package_json(package)))
    outputs.append(Output("sql/views.sql", sql.views_sql().encode("utf-8")))
    outputs.append(Output(notices.CITATION_FILE, notices.citation_cff(tables["sources"]).encode("utf-8")))
    outputs.append(Output(notices.SEEDS_NOTICE_FILE,
                          notices.seeds_notice_markdown(tables["sources"]).encode("utf-8")))
    return outputs


def render_documents(root: Path, staging: Path) -> list[Output]:
    """Documents made by querying the staged package: docs/codebook.md, docs/queries.md and the
    generated sections of README.md and docs/protocol.md (written around the hand-written text
    in `root`)."""
    readme = (root / "README.md").read_text(encoding="utf-8")
    protocol = (root / "docs" / "protocol.md").read_text(encoding="utf-8")
    return [
        Output("docs/codebook.md", descriptor.codebook_markdown(
            reports.reading_markdown(staging, "###")).encode("utf-8")),
        Output("docs/queries.md", reports.queries_markdown(staging).encode("utf-8")),
        Output("README.md", reports.readme_with_generated_sections(
            readme, staging, reports.readme_sections(root)).encode("utf-8")),
        Output("docs/protocol.md", reports.readme_with_generated_sections(
            protocol, staging, reports.PROTOCOL_SECTIONS, "docs/protocol.md").encode("utf-8")),
    ]


def render_reports(root: Path, staging: Path, progress: Progress = lambda message: None) -> list[Output]:
    """The documents (render_documents) and the evidence explorer in site/ (the pictures are
    drawn meanwhile in the background, see build_staged). The site's pages are written straight
    into `staging` as they are made (a national package's would not fit in memory): their
    Outputs carry no bytes."""
    documents = render_documents(root, staging)
    progress("writing the evidence explorer (site/) from the staged package")
    pages = explorer.write_site(staging, sql.connect(staging), staging, progress)
    return [*documents, *(Output(path, None) for path in pages)]


def stage(root: Path, outputs: list[Output], staging: Path) -> None:
    for output in outputs:
        if output.data is None:
            continue  # written there already
        target = staging / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(output.data)
    seeds = staging / "seeds"
    if not seeds.exists():
        # seeds/ are read in place; a link makes the staged package complete without copying.
        seeds.symlink_to((root / "seeds").resolve(), target_is_directory=True)


def publish(root: Path, outputs: list[Output], staging: Path) -> None:
    """Move staged files into place (each move atomic) and drop CSVs no resource writes any more."""
    for output in outputs:
        target = root / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / output.path, target)
    expected = {Path(output.path).name for output in outputs if output.path.startswith("data/")}
    for stale in (root / "data").glob("*.csv"):
        if stale.name not in expected:
            stale.unlink()
    # A page of a jurisdiction or source that is no longer in the package goes with it.
    pages = {output.path for output in outputs if output.path.startswith(f"{explorer.SITE}/")}
    for stale in (root / explorer.SITE).rglob("*.*"):
        if stale.relative_to(root).as_posix() not in pages:
            stale.unlink()


def build_staged(root: Path, staging: Path, progress: Progress = lambda message: None) -> list[Output]:
    """Render and stage everything in `staging`, then validate it there; returns all outputs."""
    # The pictures and the frictionless layer need only the staged tables: other processes do
    # them (started now, so they import while this one curates) while this one writes the
    # documents and runs the other checks.
    helpers = _helpers()
    try:
        outputs = render(root, progress)
        stage(root, outputs, staging)
        return outputs + complete_staged(root, staging, progress, helpers)
    finally:
        for helper in helpers:
            helper.cancel()


def _helpers() -> list[Background]:
    # Two helper processes beside this one, for the two cores this machine has (see background.py):
    # a third, for the schema layer alone, saved no time and cost its own imports.
    return [Background("pictures", "database"), Background("frictionless", "views", "schemas")]


def complete_staged(root: Path, staging: Path, progress: Progress = lambda message: None,
                    helpers: list[Background] | None = None) -> list[Output]:
    """What a build does once the tables, descriptor and views are staged in `staging`: the
    documents, the explorer, the pictures and the database file (written there), and the
    validation, which raises ValidationFailed with every finding. Returns the outputs it wrote.
    (The scale benchmark's build stage runs this on a synthetic corpus.)"""
    own_helpers = helpers is None
    drawing, checks = helpers = helpers or _helpers()
    try:
        # The tables, descriptor and views are what the helpers read; the documents written
        # next are made from them too (and checked against the committed ones by the tests).
        for helper in helpers:
            helper.start(staging)
        with sql.shared_connections():
            progress("generating docs/queries.md and the README's generated sections from the staged "
                     "package (meanwhile: the pictures, the database file and the validation)")
            reports_outputs = render_reports(root, staging, progress)
            stage(root, reports_outputs, staging)
        progress("validating the staged package (frictionless, pandera, cross-table checks, "
                 "DuckDB views)")
        findings = collected_findings(checks.result())
        drawn = drawing.result()
        picture_outputs = [Output(path, (staging / path).read_bytes()) for path in drawn["pictures"]]
    finally:
        if own_helpers:
            for helper in helpers:
                helper.cancel()
    if findings:
        raise ValidationFailed(findings)
    return reports_outputs + picture_outputs


def collected_findings(checks: dict) -> list[Finding]:
    """validate_package's findings, from the layers the checks helper computed."""
    from .findings import SchemaLayer, combined_findings

    def found(rows) -> list[Finding]:
        return [Finding(**row) for row in rows]

    layer = SchemaLayer(found(checks["schemas"]["reads"]), found(checks["schemas"]["pandera"]),
                        found(checks["schemas"]["cross"]))
    return combined_findings(layer, lambda: found(checks["frictionless"]), lambda: found(checks["views"]))


def build(root: Path | None = None, progress: Progress = lambda message: None,
          before_publish: Callable[[Path], None] | None = None) -> list[Output]:
    """Build and validate; publish only if everything is valid.

    `before_publish` runs on the staging directory after validation, just before anything is
    moved; tests use it to force a failure at the last moment.
    """
    root = root or project_root()
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=root))
    try:
        outputs = build_staged(root, staging, progress)  # the database file is written meanwhile
        if before_publish is not None:
            before_publish(staging)
        publish(root, outputs, staging)
        os.replace(staging / DATABASE, root / DATABASE)
        progress(f"wrote {len(outputs)} files (data/*.csv, datapackage.json, docs/, sql/views.sql, "
                 f"README.md sections, CITATION.cff, LICENSE-SEEDS.md, site/) and {DATABASE}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return outputs


def stale_outputs(root: Path | None = None) -> list[str]:
    """Generated files whose committed bytes differ from what a build would write now."""
    root = root or project_root()
    with tempfile.TemporaryDirectory(prefix=".stale-check-") as scratch:
        outputs = build_staged(root, Path(scratch))
        return [output.path for output in outputs
                if not (root / output.path).is_file()
                or (root / output.path).read_bytes() != output.staged_bytes(Path(scratch))]
