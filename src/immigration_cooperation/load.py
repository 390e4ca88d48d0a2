"""Loading the tables into pandas with the types the schema gives them.

    from immigration_cooperation.load import read_table, read_tables
    provisions = read_table("provisions", "path/to/package")   # the folder with datapackage.json

Dates become datetime64 columns, positions an ordered categorical (by level, so `<` and sorting
follow the codebook within a dimension), other closed lists categoricals, integers `Int64`,
booleans `boolean`, text `string`. A blank cell is missing (<NA>/NaT), never zero. Each file is
checked against the sha256 recorded in datapackage.json before it is read.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pandas as pd

from .codebook import DIMENSION_NAMES, positions_by_level
from .release import VERSION
from .schema import RESOURCE_BY_NAME, RESOURCES, Field


class PackageFileChanged(ValueError):
    """A data file whose bytes differ from the hash in datapackage.json."""


class NotAPackage(ValueError):
    """A directory without the package's datapackage.json, or with tables of another layout."""


def dtype(field: Field):
    """The pandas dtype of a schema field."""
    if field.vocabulary == "position":
        return pd.CategoricalDtype(positions_by_level(), ordered=True)
    if field.vocabulary == "dimension":
        return pd.CategoricalDtype(DIMENSION_NAMES, ordered=False)
    if field.vocabulary is not None:
        return pd.CategoricalDtype(field.allowed_values, ordered=False)
    return {"string": "string", "integer": "Int64", "boolean": "boolean",
            "number": "Float64", "date": "datetime64[s]"}[field.type]


def _recorded_hashes(package_dir: Path) -> dict[str, str]:
    descriptor_path = package_dir / "datapackage.json"
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        return {resource["name"]: resource.get("hash", "") for resource in descriptor["resources"]}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise NotAPackage(f"{descriptor_path} is missing or not this package's descriptor ({error}); "
                          "pass the folder that holds datapackage.json") from None


def read_table(name: str, package_dir: Path | str, verify: bool = True) -> pd.DataFrame:
    """One resource as a typed DataFrame, columns in schema order."""
    if name not in RESOURCE_BY_NAME:
        raise KeyError(f"no resource {name!r}; resources: {', '.join(r.name for r in RESOURCES)}")
    resource = RESOURCE_BY_NAME[name]
    package_dir = Path(package_dir)
    hashes = _recorded_hashes(package_dir)
    try:
        data = (package_dir / resource.path).read_bytes()
    except OSError as error:
        raise NotAPackage(f"cannot read {resource.path} in {package_dir}: {error}") from None
    if verify:
        recorded = hashes.get(name, "")
        actual = "sha256:" + hashlib.sha256(data).hexdigest()
        if recorded != actual:
            raise PackageFileChanged(
                f"{resource.path} does not match the hash recorded in datapackage.json "
                f"({recorded or 'none'} vs {actual}); re-download the package or run "
                "`cooperation validate` to see what changed")
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    if tuple(frame.columns) != resource.field_names:
        raise NotAPackage(
            f"{resource.path} has columns {', '.join(frame.columns)}; this loader (package version "
            f"{VERSION}) expects {', '.join(resource.field_names)}. Use the loader of the package "
            "version you downloaded (see CHANGELOG.md).")
    frame = frame.astype(object).where(frame != "", None)
    for field in resource.fields:
        column = frame[field.name]
        if field.type == "boolean":
            column = column.map({"true": True, "false": False, None: None})
        elif field.type == "date":
            column = pd.to_datetime(column, format="%Y-%m-%d")
        frame[field.name] = column.astype(dtype(field))
    return frame


def read_tables(package_dir: Path | str, verify: bool = True) -> dict[str, pd.DataFrame]:
    """Every resource, by name."""
    return {resource.name: read_table(resource.name, package_dir, verify) for resource in RESOURCES}
