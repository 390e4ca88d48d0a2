"""What a downloader gets: the files of the open data package and the versioned release archive.

The archive holds the committed package as it is (never rebuilt from scripts at release time),
plus what is derived from it for convenience: the DuckDB database file, a Parquet copy of every
table, an Excel workbook, a README written for downloaders (in place of the repository's) and a
SHA-256 checksums file. It is written under a temporary name and renamed only when
complete, so a failed release never leaves a half-written archive behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path
from typing import Callable

import duckdb

from . import explorer, pictures, release, sql
from .background import database_in_fresh_process
from .build import DATABASE, stale_outputs
from .diff import DataDiff, DiffError, diff_packages
from .downloader_readme import downloader_readme
from .explorer_screenshots import SCREENSHOTS, stale as stale_screenshots
from .schema import RESOURCES
from .validation import ValidationFailed, validate_package
from .workbook import WORKBOOK, WorkbookError, write_workbook

Progress = Callable[[str], None]

# Besides the tables and the articles the descriptor lists, the minimum a user needs to validate
# the data and run the SQL contract with no project code.
DOWNLOAD_DOCUMENTS: tuple[str, ...] = (
    "datapackage.json", "sql/views.sql", "README.md", "LICENSE", "LICENSE-DATA.md", "LICENSE-SEEDS.md",
)
# The release adds the citation, the change history, the codebook, protocol, queries and pictures.
RELEASE_DOCUMENTS: tuple[str, ...] = DOWNLOAD_DOCUMENTS + (
    "CITATION.cff", "CHANGELOG.md", "docs/codebook.md", "docs/protocol.md", "docs/queries.md",
    *pictures.PICTURES, *(screenshot.path for screenshot in SCREENSHOTS),
)
PARQUET_DIRECTORY = "parquet"
CHECKSUMS = "SHA256SUMS"
RELEASE_NOTES = "RELEASE_NOTES.md"
CHANGELOG = "CHANGELOG.md"
# The block of the newest CHANGELOG.md entry that `cooperation release` fills with the changes
# since the previous release; everything around it is hand-written and left alone.
CHANGES_BLOCK = re.compile(r"<!-- BEGIN GENERATED: changes since [^\n]*? \(cooperation release\) -->\n"
                           r".*?<!-- END GENERATED: [^\n]*?-->", re.DOTALL)
CHANGELOG_ENTRY = re.compile(r"^## \d+\.\d+\.\d+\b.*$", re.MULTILINE)
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


def compare_with_previous_release(root: Path) -> DataDiff | str:
    """The diff from release.PREVIOUS_RELEASE to the package in `root`, or why there is none.

    A tarball without history, a shallow clone or a machine without git still releases: the
    notes then say the comparison was unavailable.
    """
    version, commit = release.PREVIOUS_RELEASE
    try:
        return diff_packages(root, commit)
    except DiffError as error:
        return f"The comparison with {version} (commit {commit[:12]}) was unavailable: {error}."


def changes_markdown(comparison: DataDiff | str, heading_level: int) -> str:
    if isinstance(comparison, str):
        return comparison + "\n"
    version, commit = release.PREVIOUS_RELEASE
    return (f"Changes in the data since {version} (commit {commit[:12]}).\n\n"
            + comparison.to_markdown(heading_level))


def release_notes_text(comparison: DataDiff | str) -> str:
    return f"# {release_name()}: release notes\n\n" + changes_markdown(comparison, 2)


def replace_changes_block(changelog: str, markdown: str) -> str:
    """`changelog` with the generated block of its newest entry holding `markdown`.

    Unchanged when the newest entry has no such block, so older entries and hand-written text are
    never touched; applying it twice gives the same text.
    """
    found = _changes_block(changelog)
    if not found:
        return changelog
    since = release.PREVIOUS_RELEASE[0]
    block = (f"<!-- BEGIN GENERATED: changes since {since} (cooperation release) -->\n"
             f"{markdown.rstrip()}\n<!-- END GENERATED: changes since {since} -->")
    return changelog[:found.start()] + block + changelog[found.end():]


def _changes_block(changelog: str) -> re.Match | None:
    """The generated block of the newest entry (the first `## x.y.z` heading), if it has one."""
    entries = list(CHANGELOG_ENTRY.finditer(changelog))
    if not entries:
        return None
    end = entries[1].start() if len(entries) > 1 else len(changelog)
    return CHANGES_BLOCK.search(changelog, entries[0].end(), end)


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(text.encode("utf-8"))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _update_changelog(path: Path, markdown: str, progress: Progress) -> None:
    """Fill the generated block of `path`'s newest entry (re-read now, so only the block changes)."""
    current = path.read_bytes().decode("utf-8")
    if not _changes_block(current):
        progress(f"{CHANGELOG}: its newest entry has no generated block for the changes since the "
                 "previous release; add one to have `cooperation release` fill it")
        return
    updated = replace_changes_block(current, markdown)
    if updated == current:
        return
    _write_atomically(path, updated)
    progress(f"updated the changes since {release.PREVIOUS_RELEASE[0]} in {CHANGELOG}")


def check_releasable(root: Path) -> None:
    """Refuse to release a package whose generated files are stale or that does not validate."""
    if not (root / "scripts" / "sources.py").is_file():
        raise ReleaseError(f"{root} is not a checkout of the package sources (no scripts/sources.py): "
                           "a release is made where the package is built, so that its generated "
                           "files can be checked against the curation scripts")
    # The staged build behind this check validates every layer (it raises ValidationFailed),
    # and a package with no stale file is byte for byte what it validated: no second run here.
    stale = stale_outputs(root)
    if stale:
        raise ReleaseError("these generated files differ from what a build writes now: "
                           f"{', '.join(stale)}. Run `make build`, review and commit, then release.")
    # Screenshots are not build output (pixels differ between machines), but they must show the
    # explorer being released.
    old_screenshots = stale_screenshots(root)
    if old_screenshots:
        raise ReleaseError(f"the explorer's screenshots are out of date: {'; '.join(old_screenshots)}. "
                           "Run `make screenshot`, look at them, commit, then release.")


def write_release(root: Path, dist: Path, progress: Progress = lambda message: None,
                  update_changelog: bool = True) -> Path:
    """Write dist/<name>-<version>.zip, its .sha256 and its release notes; returns the archive's path.

    The notes (changes since release.PREVIOUS_RELEASE) are RELEASE_NOTES.md in the archive,
    dist/<name>-<version>-notes.md beside it, and the generated block of CHANGELOG.md's newest
    entry, in the archive and, once the archive is written (and unless `update_changelog` is
    False, as in tests that must leave the checkout untouched), in `root`.
    Re-releasing a version gives the same bytes; an existing archive of this version with other
    content is never replaced: the version must be bumped (see CHANGELOG.md).
    """
    try:
        return _write_release(root, dist, progress, update_changelog)
    except (OSError, duckdb.Error) as error:
        raise ReleaseError(f"could not write the release in {dist}: {error}") from error
    except WorkbookError as error:
        raise ReleaseError(f"the Excel workbook cannot be written: {error}") from None


def _write_release(root: Path, dist: Path, progress: Progress, update_changelog: bool) -> Path:
    # A folder that cannot be written is said at once, before the checks that take seconds.
    dist.mkdir(parents=True, exist_ok=True)
    progress("checking that the committed package is current and valid")
    check_releasable(root)
    progress(f"comparing the package with the previous release {release.PREVIOUS_RELEASE[0]}")
    comparison = compare_with_previous_release(root)
    name = release_name()
    archive = dist / f"{name}.zip"
    with tempfile.TemporaryDirectory(prefix=".release-", dir=dist) as scratch:
        folder = Path(scratch) / name
        progress(f"copying the package files into {name}/")
        copied = copy_package(root, folder, RELEASE_DOCUMENTS + tuple(explorer.page_paths(root)))
        changes = changes_markdown(comparison, 3)
        changelog = replace_changes_block((folder / CHANGELOG).read_bytes().decode("utf-8"), changes)
        (folder / CHANGELOG).write_bytes(changelog.encode("utf-8"))
        notes = release_notes_text(comparison)
        (folder / RELEASE_NOTES).write_bytes(notes.encode("utf-8"))
        progress(f"writing the DuckDB database {DATABASE}")
        database_in_fresh_process(folder)
        progress(f"writing a Parquet copy of each of the {len(RESOURCES)} tables")
        write_parquet(folder, folder / PARQUET_DIRECTORY)
        progress(f"writing the Excel workbook {WORKBOOK}")
        write_workbook(folder, folder / WORKBOOK)
        # The repository's README is for people who build the package; this one is for downloaders.
        (folder / "README.md").write_bytes(
            downloader_readme(folder, archive.name, CHECKSUMS, WORKBOOK).encode("utf-8"))
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
        notes_file = Path(scratch) / f"{name}-notes.md"
        notes_file.write_bytes(notes.encode("utf-8"))
        # Drop the old checksum first: an interruption leaves a zip without a .sha256, never a
        # .sha256 that does not match its zip.
        (dist / checksum.name).unlink(missing_ok=True)
        os.replace(partial, archive)
        os.replace(notes_file, dist / notes_file.name)
        os.replace(checksum, dist / checksum.name)
    progress(f"wrote {archive} ({archive.stat().st_size:,} bytes, sha256 {digest[:12]}…)")
    if update_changelog:
        _update_changelog(root / CHANGELOG, changes, progress)
    return archive
