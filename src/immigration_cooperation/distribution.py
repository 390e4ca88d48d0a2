"""What a downloader gets: the files of the open data package and the versioned release archive.

The archive holds the committed package as it is (never rebuilt from scripts at release time),
plus what is derived from it for convenience: the DuckDB database file, a Parquet copy of every
table and a SHA-256 checksums file. It is written under a temporary name and renamed only when
complete, so a failed release never leaves a half-written archive behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Callable

from . import release, sql
from .build import DATABASE, stale_outputs
from .schema import RESOURCES
from .validation import ValidationFailed, validate_package

Progress = Callable[[str], None]

# The minimum a user needs to validate the data and run the SQL contract with no project code.
DOWNLOAD_FILES: tuple[str, ...] = (
    "datapackage.json", "data", "sql", "seeds",
    "README.md", "LICENSE", "LICENSE-DATA.md", "LICENSE-SEEDS.md",
)
# The release adds the citation, the change history and the documents behind the codebook.
RELEASE_FILES: tuple[str, ...] = DOWNLOAD_FILES + (
    "CITATION.cff", "CHANGELOG.md",
    "docs/codebook.md", "docs/protocol.md", "docs/queries.md",
    "docs/policy-matrix.svg", "docs/denver-timeline.svg",
)
PARQUET_DIRECTORY = "parquet"
CHECKSUMS = "SHA256SUMS"
# Zip entries carry the release date, not the time the archive was made.
_ENTRY_TIME = tuple(int(part) for part in release.RELEASED_ON.split("-")) + (0, 0, 0)


class ReleaseError(Exception):
    """The package is not in a state that may be released; the message says what to do."""


def release_name() -> str:
    return f"{release.NAME}-{release.VERSION}"


def _files_under(root: Path, entries: tuple[str, ...]) -> list[str]:
    """Relative paths of every file named by `entries` (files, or directories taken whole)."""
    paths = []
    for entry in entries:
        path = root / entry
        if path.is_dir():
            paths += [file.relative_to(root).as_posix() for file in sorted(path.rglob("*"))
                      if file.is_file() and "__pycache__" not in file.parts]
        elif path.is_file():
            paths.append(entry)
        else:
            raise ReleaseError(f"{entry} is missing from {root}; run `make build` first")
    return paths


def copy_package(root: Path, target: Path, entries: tuple[str, ...] = DOWNLOAD_FILES) -> list[str]:
    """Copy the named files of the package at `root` into `target`; returns the relative paths."""
    paths = _files_under(root, entries)
    for relative in paths:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / relative, destination)
    return paths


def write_parquet(package_dir: Path, target_dir: Path) -> list[str]:
    """A Parquet copy of every table, typed as in the SQL views (dates as DATE, enums as strings)."""
    target_dir.mkdir(parents=True, exist_ok=True)
    connection = sql.connect(package_dir)
    written = []
    for resource in RESOURCES:
        target = target_dir / f"{resource.name}.parquet"
        connection.execute(f"COPY (SELECT * FROM {resource.name}) TO '{target.as_posix()}' "
                           "(FORMAT parquet, COMPRESSION zstd)")
        written.append(target.name)
    connection.close()
    return written


def checksums_text(directory: Path) -> str:
    """`sha256sum -c`-compatible lines for every file under `directory`, sorted by path."""
    lines = []
    for path in sorted(directory.rglob("*")):
        if path.is_file() and path.name != CHECKSUMS:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            lines.append(f"{digest}  {path.relative_to(directory).as_posix()}")
    return "\n".join(lines) + "\n"


def _zip_directory(directory: Path, archive: Path) -> None:
    top = directory.name
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for path in sorted(directory.rglob("*")):
            if not path.is_file():
                continue
            entry = zipfile.ZipInfo(f"{top}/{path.relative_to(directory).as_posix()}", _ENTRY_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            bundle.writestr(entry, path.read_bytes())


def check_releasable(root: Path) -> None:
    """Refuse to release a package whose generated files are stale or that does not validate."""
    stale = stale_outputs(root)
    if stale:
        raise ReleaseError("these generated files differ from what a build writes now: "
                           f"{', '.join(stale)}. Run `make build`, review and commit, then release.")
    findings = validate_package(root)
    if findings:
        raise ValidationFailed(findings)


def write_release(root: Path, dist: Path, progress: Progress = lambda message: None) -> Path:
    """Write dist/<name>-<version>.zip and its .sha256; returns the archive's path."""
    progress("checking that the committed package is current and valid")
    check_releasable(root)
    dist.mkdir(parents=True, exist_ok=True)
    name = release_name()
    archive = dist / f"{name}.zip"
    with tempfile.TemporaryDirectory(prefix=".release-", dir=dist) as scratch:
        folder = Path(scratch) / name
        progress(f"copying the package files into {name}/")
        copied = copy_package(root, folder, RELEASE_FILES)
        progress(f"writing the DuckDB database {DATABASE}")
        sql.write_database(folder, folder / DATABASE)
        progress(f"writing a Parquet copy of each of the {len(RESOURCES)} tables")
        write_parquet(folder, folder / PARQUET_DIRECTORY)
        (folder / CHECKSUMS).write_text(checksums_text(folder), encoding="utf-8")
        progress(f"checking the assembled release validates ({len(copied)} package files)")
        findings = validate_package(folder)
        if findings:
            raise ValidationFailed(findings)
        partial = Path(scratch) / f"{name}.zip"
        _zip_directory(folder, partial)
        digest = hashlib.sha256(partial.read_bytes()).hexdigest()
        checksum = Path(scratch) / f"{name}.zip.sha256"
        checksum.write_text(f"{digest}  {archive.name}\n", encoding="utf-8")
        os.replace(partial, archive)
        os.replace(checksum, dist / checksum.name)
    progress(f"wrote {archive} ({archive.stat().st_size:,} bytes, sha256 {digest[:12]}…)")
    return archive
