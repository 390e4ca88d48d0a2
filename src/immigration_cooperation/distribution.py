"""What a downloader gets: the files of the open data package and the versioned release archive.

The archive holds the committed package as it is (never rebuilt from scripts at release time),
plus what is derived from it for convenience: the DuckDB database file, a Parquet copy of every
table and a SHA-256 checksums file. It is written under a temporary name and renamed only when
complete, so a failed release never leaves a half-written archive behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path
from typing import Callable

import duckdb

from . import pictures, release, sql
from .build import DATABASE, stale_outputs
from .schema import RESOURCES
from .validation import ValidationFailed, validate_package

Progress = Callable[[str], None]

# Besides the tables and the articles the descriptor lists, the minimum a user needs to validate
# the data and run the SQL contract with no project code.
DOWNLOAD_DOCUMENTS: tuple[str, ...] = (
    "datapackage.json", "sql/views.sql", "README.md", "LICENSE", "LICENSE-DATA.md", "LICENSE-SEEDS.md",
)
# The release adds the citation, the change history, the codebook, protocol, queries and pictures.
RELEASE_DOCUMENTS: tuple[str, ...] = DOWNLOAD_DOCUMENTS + (
    "CITATION.cff", "CHANGELOG.md", "docs/codebook.md", "docs/protocol.md", "docs/queries.md",
    *pictures.PICTURES,
)
PARQUET_DIRECTORY = "parquet"
CHECKSUMS = "SHA256SUMS"
# Zip entries carry the release date, not the time the archive was made, and Unix regular-file
# permissions whatever system builds the archive, so the same package gives the same bytes.
_ENTRY_TIME = tuple(int(part) for part in release.RELEASED_ON.split("-")) + (0, 0, 0)
_ENTRY_ATTRIBUTES = (stat.S_IFREG | 0o644) << 16
_UNIX = 3


class ReleaseError(Exception):
    """The package is not in a state that may be released; the message says what to do."""


def release_name() -> str:
    return f"{release.NAME}-{release.VERSION}"


def package_files(root: Path, documents: tuple[str, ...]) -> list[str]:
    """The documents, every table and every article the descriptor lists, as relative paths.

    Listed, not globbed, so stray files (editor backups, .DS_Store) never ship.
    """
    descriptor = root / "datapackage.json"
    if not descriptor.is_file():
        raise ReleaseError(f"{descriptor} is missing; run `make build` first")
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    paths = list(documents)
    paths += [resource["path"] for resource in package["resources"]]
    paths += [source["path"] for source in package.get("sources", []) if source.get("path")]
    missing = [path for path in paths if not (root / path).is_file()]
    if missing:
        raise ReleaseError(f"missing from {root}: {', '.join(missing)}. Generated files come back "
                           "with `make build`; hand-written ones (docs/protocol.md, CHANGELOG.md, "
                           "LICENSE*, seeds/) are kept in git: restore them with `git checkout -- PATH`.")
    return sorted(set(paths))


def copy_package(root: Path, target: Path, documents: tuple[str, ...] = DOWNLOAD_DOCUMENTS) -> list[str]:
    """Copy the package files of `root` into `target`; returns the relative paths."""
    paths = package_files(root, documents)
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
        connection.execute(f"COPY (SELECT * FROM {resource.name}) TO {sql.quote_literal(target.as_posix())} "
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
            entry.create_system = _UNIX
            entry.external_attr = _ENTRY_ATTRIBUTES
            bundle.writestr(entry, path.read_bytes())


def check_releasable(root: Path) -> None:
    """Refuse to release a package whose generated files are stale or that does not validate."""
    if not (root / "scripts" / "sources.py").is_file():
        raise ReleaseError(f"{root} is not a checkout of the package sources (no scripts/sources.py): "
                           "a release is made where the package is built, so that its generated "
                           "files can be checked against the curation scripts")
    stale = stale_outputs(root)
    if stale:
        raise ReleaseError("these generated files differ from what a build writes now: "
                           f"{', '.join(stale)}. Run `make build`, review and commit, then release.")
    findings = validate_package(root)
    if findings:
        raise ValidationFailed(findings)


def write_release(root: Path, dist: Path, progress: Progress = lambda message: None) -> Path:
    """Write dist/<name>-<version>.zip and its .sha256; returns the archive's path.

    Re-releasing a version gives the same bytes; an existing archive of this version with other
    content is never replaced: the version must be bumped (see CHANGELOG.md).
    """
    try:
        return _write_release(root, dist, progress)
    except (OSError, duckdb.Error) as error:
        raise ReleaseError(f"could not write the release in {dist}: {error}") from error


def _write_release(root: Path, dist: Path, progress: Progress) -> Path:
    progress("checking that the committed package is current and valid")
    check_releasable(root)
    dist.mkdir(parents=True, exist_ok=True)
    name = release_name()
    archive = dist / f"{name}.zip"
    with tempfile.TemporaryDirectory(prefix=".release-", dir=dist) as scratch:
        folder = Path(scratch) / name
        progress(f"copying the package files into {name}/")
        copied = copy_package(root, folder, RELEASE_DOCUMENTS)
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
        if archive.is_file() and hashlib.sha256(archive.read_bytes()).hexdigest() != digest:
            raise ReleaseError(
                f"{archive} already exists with different content. A released version never "
                "changes: bump VERSION and RELEASED_ON in src/immigration_cooperation/release.py "
                "(see the versioning policy in CHANGELOG.md), or delete the old archive if it was "
                "never published.")
        checksum = Path(scratch) / f"{name}.zip.sha256"
        checksum.write_text(f"{digest}  {archive.name}\n", encoding="utf-8")
        # Drop the old checksum first: an interruption leaves a zip without a .sha256, never a
        # .sha256 that does not match its zip.
        (dist / checksum.name).unlink(missing_ok=True)
        os.replace(partial, archive)
        os.replace(checksum, dist / checksum.name)
    progress(f"wrote {archive} ({archive.stat().st_size:,} bytes, sha256 {digest[:12]}…)")
    return archive
