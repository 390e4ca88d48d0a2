"""Validating a built package: frictionless first, then pandera and the cross-table checks.

Every problem is reported as `file: row N: field: what is wrong`, never as a traceback. Row
numbers count the header as row 1, as spreadsheets and frictionless do.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pandas as pd
import pandera.pandas as pa

from . import codebook
from .claims import Claim, relation_problems
from .dates import DateBounds
from .schema import QUOTED_RESOURCES, RESOURCES, RESOURCE_BY_NAME, Resource
from .views_check import views_findings
# Layer 1 and the finding type live apart so a process running only frictionless needs no pandas.
from .findings import (Finding, SchemaLayer, ValidationFailed,  # noqa: F401 (re-exported)
                       combined_findings, frictionless_findings)


# ----- layer 2: pandera -----

def _is_real_iso_date(value: Any) -> bool:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return True
    try:
        return date.fromisoformat(value).isoformat() == value
    except (TypeError, ValueError):
        return False


_DTYPES = {"string": "object", "date": "object", "integer": "Int64", "boolean": "boolean"}


def pandera_schema(resource: Resource) -> pa.DataFrameSchema:
    """The pandera schema of a resource, generated from schema.py like datapackage.json."""
    columns = {}
    for field in resource.fields:
        checks = []
        if field.allowed_values is not None:
            checks.append(pa.Check.isin(list(field.allowed_values)))
        if field.pattern:
            checks.append(pa.Check.str_matches(field.pattern))
        if field.minimum is not None:
            checks.append(pa.Check.ge(field.minimum))
        if field.type == "date":
            checks.append(pa.Check(_is_real_iso_date, element_wise=True,
                                   error="a real calendar date in YYYY-MM-DD form"))
        columns[field.name] = pa.Column(_DTYPES[field.type], checks=checks, nullable=not field.required,
                                        unique=field.unique, coerce=field.type in ("integer", "boolean"),
                                        description=field.description)
    unique = list(resource.primary_key) if len(resource.primary_key) > 1 else None
    return pa.DataFrameSchema(columns, strict=True, ordered=True, unique=unique, name=resource.name,
                              description=resource.description)


def read_raw(resource: Resource, data: bytes) -> pd.DataFrame:
    """A CSV as strings, blank as None, booleans parsed strictly (anything else stays text and fails)."""
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    frame = frame.astype(object).where(frame != "", None)
    for field in resource.fields:
        if field.type == "boolean" and field.name in frame.columns:
            frame[field.name] = frame[field.name].map(
                lambda value: {"true": True, "false": False}.get(value, value))
    return frame


def pandera_findings(resource: Resource, frame: pd.DataFrame) -> tuple[list[Finding], pd.DataFrame | None]:
    try:
        return [], pandera_schema(resource).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        findings = []
        for case in errors.failure_cases.itertuples(index=False):
            index = case.index
            row = int(index) + 2 if index is not None and not pd.isna(index) else None
            findings.append(Finding(resource.path, row, case.column if isinstance(case.column, str) else None,
                                    f"{case.check}: found {case.failure_case!r}"))
        return findings, None


# ----- layer 2b: cross-table checks the schemas cannot express -----

@dataclass
class Package:
    root: Path  # where seeds/ lives
    frames: dict[str, pd.DataFrame]

    def rows(self, name: str):
        frame = self.frames[name]
        for index, row in enumerate(frame.to_dict("records")):
            yield index + 2, row


def _foreign_key_findings(package: Package) -> list[Finding]:
    findings = []
    for resource in RESOURCES:
        for key in resource.foreign_keys:
            target = package.frames[key.resource]
            allowed = set(zip(*[target[name] for name in key.reference_fields]))
            for row_number, row in package.rows(resource.name):
                values = tuple(row[name] for name in key.fields)
                if any(value is None for value in values):
                    continue
                if values not in allowed:
                    shown = ", ".join(f"{n}={v!r}" for n, v in zip(key.fields, values))
                    findings.append(Finding(resource.path, row_number, ",".join(key.fields),
                                            f"{shown} does not exist in {key.resource}"))
    return findings


def _source_texts(package: Package) -> tuple[dict[str, str], list[Finding]]:
    texts, findings = {}, []
    for row_number, row in package.rows("sources"):
        path = package.root / row["path"]
        if not path.is_file():
            findings.append(Finding("data/sources.csv", row_number, "path", f"{row['path']} is missing"))
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != row["sha256"] or len(data) != row["bytes"]:
            findings.append(Finding("data/sources.csv", row_number, "sha256",
                                    f"{row['path']} does not match its recorded sha256 and size"))
            continue
        try:
            texts[row["source_id"]] = data.decode("utf-8")
        except UnicodeDecodeError as error:
            findings.append(Finding("data/sources.csv", row_number, "path", f"{row['path']} is not UTF-8: {error}"))
            continue
        if not 0 <= row["body_start"] < row["body_end"] <= len(texts[row["source_id"]]):
            findings.append(Finding("data/sources.csv", row_number, "body_start",
                                    "body offsets must satisfy 0 <= body_start < body_end <= length"))
    return texts, findings


QUOTED = tuple(resource.name for resource in QUOTED_RESOURCES)


def _quote_findings(package: Package, texts: dict[str, str]) -> list[Finding]:
    bodies = {row["source_id"]: (row["body_start"], row["body_end"]) for _, row in package.rows("sources")}
    findings = []
    for name in QUOTED:
        path = RESOURCE_BY_NAME[name].path
        for row_number, row in package.rows(name):
            text = texts.get(row["source_id"])
            if text is None:
                continue
            start, end = row["quote_start"], row["quote_end"]
            if not (0 <= start < end <= len(text)) or text[start:end] != row["quote"]:
                findings.append(Finding(path, row_number, "quote",
                                        f"does not equal {row['source_id']} at offsets {start}-{end}"))
                continue
            body_start, body_end = bodies[row["source_id"]]
            if start < body_start or end > body_end:
                findings.append(Finding(path, row_number, "quote",
                                        f"lies outside the article text of {row['source_id']} "
                                        "(site chrome or reader comment is never evidence)"))
    return findings


def _provision_findings(package: Package) -> list[Finding]:
    findings = []
    with_evidence = set(package.frames["evidence"]["provision_id"])
    levels = {(d.name, p.name) for d in codebook.DIMENSIONS for p in d.positions}
    for row_number, row in package.rows("provisions"):
        if row["provision_id"] not in with_evidence:
            findings.append(Finding("data/provisions.csv", row_number, "provision_id",
                                    f"{row['provision_id']} has no evidence row"))
        if (row["dimension"], row["position"]) not in levels:
            findings.append(Finding("data/provisions.csv", row_number, "position",
                                    f"{row['position']!r} is not a position of {row['dimension']!r}"))
    return findings


def _bounds(row: dict, prefix: str) -> DateBounds | None:
    """The date stored in a row's `prefix`, `prefix_latest` columns, if both are well formed."""
    earliest, latest = row[prefix], row[f"{prefix}_latest"]
    if latest is None or not _is_real_iso_date(latest) or not _is_real_iso_date(earliest):
        return None
    return DateBounds(date.fromisoformat(earliest) if earliest else None, date.fromisoformat(latest))


def _date_prefixes(resource: Resource) -> list[str]:
    return [field.name[: -len("_precision")] for field in resource.fields
            if field.vocabulary == "date_precision"]


def _bounds_findings(package: Package) -> list[Finding]:
    """Every date is a pair of bounds in order, and its precision is what the bounds amount to."""
    findings = []
    for resource in RESOURCES:
        for prefix in _date_prefixes(resource):
            open_start = resource.field(f"{prefix}_precision").open_start
            for row_number, row in package.rows(resource.name):
                earliest, latest, precision = row[prefix], row[f"{prefix}_latest"], row[f"{prefix}_precision"]
                if latest is None:
                    if earliest is not None or precision is not None:
                        findings.append(Finding(resource.path, row_number, f"{prefix}_latest",
                                                f"missing: {prefix} needs its latest possible day"))
                    continue
                when = _bounds(row, prefix)
                if when is None:
                    continue  # not a real date: reported by pandera
                if when.earliest is None and not open_start:
                    findings.append(Finding(resource.path, row_number, prefix,
                                            f"missing: {prefix}_latest is {latest}, and this date needs "
                                            "its earliest possible day too"))
                elif when.earliest is not None and when.earliest > when.latest:
                    findings.append(Finding(resource.path, row_number, prefix,
                                            f"{earliest} is after {prefix}_latest {latest}"))
                elif precision != when.precision:
                    findings.append(Finding(resource.path, row_number, f"{prefix}_precision",
                                            f"is {precision!r} but the bounds {when} make it "
                                            f"{when.precision!r}"))
    return findings


def _date_findings(package: Package) -> list[Finding]:
    """No date may fall after an article that reports it."""
    findings = _bounds_findings(package)
    published = {}
    for _, row in package.rows("sources"):
        when = _bounds(row, "published_on")
        if when is not None:
            published[row["source_id"]] = when.latest
    evidence_sources: dict[str, list[str]] = {}
    for _, row in package.rows("evidence"):
        evidence_sources.setdefault(row["provision_id"], []).append(row["source_id"])
    checks: list[tuple[str, str, Callable[[dict], list[str]]]] = [
        ("provisions", "observed_on", lambda row: evidence_sources.get(row["provision_id"], [])),
        ("statements", "said_on", lambda row: [row["source_id"]]),
        ("events", "occurred_on", lambda row: [row["source_id"]]),
        ("instruments", "dated_on", lambda row: [row["source_id"]]),
    ]
    for name, column, sources_of in checks:
        path = RESOURCE_BY_NAME[name].path
        for row_number, row in package.rows(name):
            when = _bounds(row, column)
            reporting = [published[source] for source in sources_of(row) if source in published]
            if when is not None and reporting and when.latest > min(reporting):
                findings.append(Finding(path, row_number, f"{column}_latest",
                                        f"{when.latest} may fall after a source that reports it was "
                                        f"published (by {min(reporting)})"))
    return findings


def _relation_findings(package: Package) -> list[Finding]:
    """The rules of claims.py on the published provisions (the SQL views rely on them)."""
    change_quotes: dict[str, int] = {}
    for _, row in package.rows("evidence"):
        if bool(row["reports_change"]):
            change_quotes[row["provision_id"]] = change_quotes.get(row["provision_id"], 0) + 1
    claims, row_of = [], {}
    for row_number, row in package.rows("provisions"):
        start = _bounds(row, "effective_from") or _bounds(row, "observed_on")
        if start is None or start.earliest is None:
            continue  # reported by the bounds checks: a claim needs an earliest day
        row_of[row["provision_id"]] = row_number
        claims.append(Claim(row["provision_id"], row["jurisdiction_id"], row["dimension"],
                            row["position"], row["relation_to_record"], row["asserted_by"], start,
                            row["note"], change_quotes.get(row["provision_id"], 0)))
    return [Finding("data/provisions.csv", row_of[provision_id], "relation_to_record", message)
            for provision_id, message in relation_problems(claims)]


def cross_table_findings(package: Package) -> list[Finding]:
    texts, findings = _source_texts(package)
    findings += _foreign_key_findings(package)
    findings += _quote_findings(package, texts)
    findings += _provision_findings(package)
    findings += _date_findings(package)
    findings += _relation_findings(package)
    return findings


# ----- everything -----

def read_csv_findings(resource: Resource, path: Path) -> list[Finding]:
    """Problems with the file itself that would make later messages misleading."""
    if not path.is_file():
        return [Finding(resource.path, None, None, "file is missing")]
    data = path.read_bytes()
    findings = []
    if data.startswith(b"\xef\xbb\xbf"):
        findings.append(Finding(resource.path, 1, None, "starts with a byte-order mark; save as UTF-8 "
                                                        "without BOM"))
    if b"\r" in data:
        line = data[: data.index(b"\r")].count(b"\n") + 1
        findings.append(Finding(resource.path, line, None, "has CR (Windows) line ends; use LF only"))
    try:
        header = data.decode("utf-8").split("\n", 1)[0]
    except UnicodeDecodeError as error:
        return findings + [Finding(resource.path, None, None, f"not UTF-8: {error}")]
    expected = ",".join(resource.field_names)
    if header.lstrip("\ufeff").rstrip("\r") != expected:
        findings.append(Finding(resource.path, 1, None, f"header is {header!r}; expected {expected!r}"))
    return findings


def schema_layer(package_dir: Path, seeds_root: Path | None = None) -> SchemaLayer:
    seeds_root = seeds_root or package_dir
    reads: list[Finding] = []
    for resource in RESOURCES:
        reads += read_csv_findings(resource, package_dir / resource.path)
    schemas: list[Finding] = []
    frames = {}
    for resource in RESOURCES:
        path = package_dir / resource.path
        if not path.is_file():
            continue
        try:
            raw = read_raw(resource, path.read_bytes())
        except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            schemas.append(Finding(resource.path, None, None, f"cannot be read as CSV: {error}"))
            continue
        problems, typed = pandera_findings(resource, raw)
        schemas += problems
        if typed is not None:
            frames[resource.name] = typed
    complete = not reads and not schemas and len(frames) == len(RESOURCES)
    cross = cross_table_findings(Package(seeds_root, frames)) if complete else None
    return SchemaLayer(reads, schemas, cross)


def validate_package(package_dir: Path, seeds_root: Path | None = None,
                     frictionless: Callable[[], list[Finding]] | None = None,
                     views: Callable[[], list[Finding]] | None = None,
                     schemas: Callable[[], SchemaLayer] | None = None) -> list[Finding]:
    """All findings for the package in `package_dir` (seeds/ read from `seeds_root`, default the same).

    `frictionless`, `schemas` and `views`, if given, supply the findings of layers 1, 2 and 3
    (a build computes them in other processes meanwhile); by default they are computed here.
    Cross-table checks run whenever every table could be typed, and layer 3 only when no earlier
    check finds anything: it would repeat earlier faults in other words.
    """
    layer = schemas() if schemas is not None else schema_layer(package_dir, seeds_root)
    return combined_findings(
        layer, frictionless or (lambda: frictionless_findings(package_dir)),
        views or (lambda: views_findings(package_dir)))
