"""The two sides of `cooperation diff`: a package version read from a directory, a git ref or a
release archive, copied into a temporary directory, and what each side's own files say.

Each side is read through its own datapackage.json and its own sql/views.sql, never through this
version's schema.py, so versions with other resources or columns can be compared.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Callable, Iterator

import duckdb

from .comparisons import quote_literal

VIEWS = "sql/views.sql"
DESCRIPTOR = "datapackage.json"
Reader = Callable[[str], "bytes | None"]


class DiffError(Exception):
    """A side of the comparison cannot be read; the message is one line saying why."""


@dataclass(frozen=True)
class Side:
    label: str          # as the user named it: "working tree", "HEAD", "dist/x.zip"
    kind: str           # "directory", "git" or "zip"
    directory: Path     # the temporary copy: datapackage.json, the tables, sql/views.sql
    descriptor: dict
    commit: str | None = None

    @property
    def version(self) -> str | None:
        return self.descriptor.get("version")

    @property
    def created(self) -> str | None:
        created = self.descriptor.get("created")
        return created[:10] if isinstance(created, str) else None

    def resources(self) -> dict[str, dict]:
        return {resource["name"]: resource for resource in self.descriptor.get("resources", [])}


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    key_columns: tuple[str, ...]
    rows: dict[str, dict[str, str]]     # key text ("a" or "a/b" for a composite key) -> row


@dataclass(frozen=True)
class Position:
    position: str
    level: int | None
    since: date | None
    provision_id: str | None


@contextlib.contextmanager
def open_side(spec: str | Path | None, root: Path) -> Iterator[Side]:
    """The side named by `spec` (None: the package in `root`; a .zip file; a directory; else a git
    ref of the repository holding `root`), copied into a temporary directory removed on exit."""
    with tempfile.TemporaryDirectory(prefix="cooperation-diff-") as scratch, contextlib.ExitStack() as stack:
        target = Path(scratch)
        root = Path(root)
        path = root if spec is None else Path(spec)
        if spec is not None and path.is_file():
            label = str(spec)
            bundle = stack.enter_context(_open_zip(path))
            yield Side(label, "zip", target, _materialise(_zip_reader(bundle, path), target, label))
        elif spec is None or path.is_dir():
            label = "working tree" if spec is None else str(spec)
            yield Side(label, "directory", target, _materialise(_directory_reader(path, label), target, label))
        else:
            commit = resolve_commit(root, str(spec))
            yield Side(str(spec), "git", target,
                       _materialise(_git_reader(root, commit), target, str(spec)), commit)


def _materialise(read: Reader, target: Path, label: str) -> dict:
    """Copy the descriptor, every table it lists and sql/views.sql (if any) into `target`."""
    raw = read(DESCRIPTOR)
    if raw is None:
        raise DiffError(f"{label} has no {DESCRIPTOR}")
    try:
        descriptor = json.loads(raw.decode("utf-8"))
        paths = [resource["path"] for resource in descriptor["resources"]]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise DiffError(f"{label}: {DESCRIPTOR} is not a data package descriptor ({error})") from None
    for relative in [DESCRIPTOR, *paths, VIEWS]:
        data = raw if relative == DESCRIPTOR else read(_safe_relative(relative, label))
        if data is None and relative != VIEWS:
            raise DiffError(f"{label}: {DESCRIPTOR} lists {relative} but there is no such file")
        if data is not None:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            (target / relative).write_bytes(data)
    return descriptor


def _safe_relative(relative: str, label: str) -> str:
    # A descriptor is data: a path that leaves the package must not make us read or write elsewhere.
    parts = PurePosixPath(relative).parts if isinstance(relative, str) else ()
    if not parts or relative.startswith("/") or ".." in parts:
        raise DiffError(f"{label}: {DESCRIPTOR} lists a path outside the package: {relative!r}")
    return relative


def _directory_reader(directory: Path, label: str) -> Reader:
    if not (directory / DESCRIPTOR).is_file():
        raise DiffError(f"{label} is not a package directory (no {DESCRIPTOR})")

    def read(relative: str) -> bytes | None:
        path = directory / relative
        return path.read_bytes() if path.is_file() else None
    return read


def _open_zip(archive: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as error:
        raise DiffError(f"{archive} is not a release archive ({error})") from None


def _zip_reader(bundle: zipfile.ZipFile, archive: Path) -> Reader:
    """A release archive holds the package under one top folder `<name>-<version>/`."""
    tops = {name.split("/", 1)[0] for name in bundle.namelist()}
    if len(tops) != 1 or f"{next(iter(tops))}/{DESCRIPTOR}" not in bundle.namelist():
        raise DiffError(f"{archive} is not a release archive: expected one top folder with {DESCRIPTOR}")
    top = next(iter(tops))

    def read(relative: str) -> bytes | None:
        try:
            return bundle.read(f"{top}/{relative}")
        except KeyError:
            return None
    return read


def _git(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, timeout=60)
    except FileNotFoundError:
        raise DiffError("git is not installed, so a git ref cannot be read") from None
    except subprocess.TimeoutExpired:
        raise DiffError(f"git {arguments[0]} did not answer within 60 s") from None


def resolve_commit(root: Path, ref: str) -> str:
    """The full commit id of `ref` in the repository holding `root`."""
    if ref.startswith("-"):
        raise DiffError(f"{ref!r} is not a git ref, a .zip file or a directory")
    if _git(root, "rev-parse", "--git-dir").returncode != 0:
        raise DiffError(f"{ref!r} is not a file or directory, and the package directory is not in a "
                        "git repository, so it cannot be read as a git ref")
    found = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if found.returncode != 0:
        raise DiffError(f"unknown git ref {ref!r} (not a commit, branch or tag of this repository, "
                        "nor a .zip file or directory)")
    return found.stdout.decode("ascii").strip()


def _git_reader(root: Path, commit: str) -> Reader:
    def read(relative: str) -> bytes | None:
        # "./" makes the path relative to the package directory, which may be below the
        # repository's top level.
        shown = _git(root, "show", f"{commit}:./{relative}")
        return shown.stdout if shown.returncode == 0 else None
    return read


def read_tables(side: Side) -> dict[str, Table]:
    return {name: read_table(side, resource) for name, resource in side.resources().items()}


def read_table(side: Side, resource: dict) -> Table:
    """Every row as text (blank = missing), keyed by the side's own primary key."""
    path = side.directory / resource["path"]
    try:
        records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error) as error:
        raise DiffError(f"{side.label}: {resource['path']} cannot be read as UTF-8 CSV ({error})") from None
    header = tuple(records[0]) if records else ()
    key_columns = tuple(primary_key(resource))
    if not key_columns or not set(key_columns) <= set(header):
        key_columns = header     # no usable key: a row is identified by all its values
    rows = {}
    for record in records[1:]:
        row = dict(zip(header, record + [""] * (len(header) - len(record))))
        rows[key_text(row, key_columns)] = row
    return Table(resource["name"], header, key_columns, rows)


def primary_key(resource: dict) -> list[str]:
    key = resource.get("schema", {}).get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def key_text(row: dict[str, str], columns: tuple[str, ...] | list[str]) -> str:
    return "/".join(row.get(column, "") for column in columns)


# The latest position of record per (jurisdiction, dimension). policy_cells (0.2.0 on) says so
# directly; older versions have only policy_timeline, whose open-ended rows are the same thing.
CELL_QUERIES = (
    ("policy_cells",
     "SELECT jurisdiction_id, CAST(dimension AS VARCHAR), CAST(position AS VARCHAR), level, since, "
     "provision_id FROM policy_cells WHERE CAST(position AS VARCHAR) <> 'not_addressed' "
     "ORDER BY 1, 2"),
    ("policy_timeline",
     "SELECT jurisdiction_id, CAST(dimension AS VARCHAR), CAST(position AS VARCHAR), level, valid_from, "
     "provision_id FROM policy_timeline WHERE valid_to IS NULL ORDER BY 1, 2, 5, 6"),
)


def positions_of_record(side: Side) -> tuple[dict[tuple[str, str], Position] | None, str]:
    """({(jurisdiction_id, dimension): position}, the view it came from), or (None, why not)."""
    views = side.directory / VIEWS
    if not views.is_file():
        return None, f"{side.label} has no {VIEWS}"
    from .sql import without_progress_bar

    connection = without_progress_bar(duckdb.connect())
    try:
        connection.execute(_absolute_paths(views.read_text(encoding="utf-8"), side))
    except duckdb.Error as error:
        connection.close()
        return None, f"the {VIEWS} of {side.label} does not run ({_first_line(error)})"
    available = {row[0] for row in connection.execute("SELECT view_name FROM duckdb_views()").fetchall()}
    try:
        for view, query in CELL_QUERIES:
            if view in available:
                cells = {}
                for jurisdiction, dimension, position, level, since, provision in connection.execute(query).fetchall():
                    cells[(jurisdiction, dimension)] = Position(position, level, since, provision)
                return cells, view
        return None, f"the {VIEWS} of {side.label} has neither a policy_cells nor a policy_timeline view"
    except duckdb.Error as error:
        return None, f"the {VIEWS} of {side.label} does not answer {view} ({_first_line(error)})"
    finally:
        connection.close()


def _absolute_paths(text: str, side: Side) -> str:
    # DuckDB resolves read_csv('data/x.csv') against the process's working directory; point each
    # table at this side's copy instead (the idea of sql.connect, for any version's paths).
    for resource in side.resources().values():
        absolute = (side.directory / resource["path"]).resolve().as_posix()
        text = text.replace(quote_literal(resource["path"]), quote_literal(absolute))
    return text


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
