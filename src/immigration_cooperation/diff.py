"""`cooperation diff`: what changed in the data between two versions of the package.

Per resource: rows added, removed and changed (same primary key, other values), each attributed
to the jurisdictions it concerns; schema changes (resources, columns, keys, the views) apart, so a
new column is not every row changing; and the cells whose position of record changed, from each
side's own sql/views.sql. Rendering (JSON, table rows, Markdown) is in diff_report.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import diff_report
from .diff_sides import (VIEWS, DiffError, Position, Side, Table, key_text, open_side, positions_of_record,
                         read_tables)

__all__ = ["CellChange", "DataDiff", "DiffError", "RowChange", "SchemaChange", "SideSummary", "diff_packages"]

JURISDICTIONS = "jurisdictions"


@dataclass(frozen=True)
class SideSummary:
    label: str
    kind: str
    version: str | None
    created: str | None
    commit: str | None
    cells_view: str | None      # the view the positions of record came from, if any


@dataclass(frozen=True)
class SchemaChange:
    resource: str
    change: str                 # resource added/removed, column added/removed, primary key changed, changed
    detail: str = ""            # the column, or the keys, or the row count of a whole resource


@dataclass(frozen=True)
class RowChange:
    resource: str
    key: str
    change: str                 # added, removed or changed
    columns: tuple[str, ...] = ()           # for changed rows: the columns whose values differ
    jurisdictions: tuple[str, ...] = ()     # empty: concerns the package as a whole


@dataclass(frozen=True)
class CellChange:
    jurisdiction_id: str
    dimension: str
    change: str                 # changed, addressed (newly) or no_longer_addressed
    before: Position | None
    after: Position | None


@dataclass(frozen=True)
class DataDiff:
    old: SideSummary
    new: SideSummary
    resources: tuple[str, ...]                  # every resource of either side, in descriptor order
    schema_changes: tuple[SchemaChange, ...]
    rows: tuple[RowChange, ...]
    cells: tuple[CellChange, ...]
    cells_note: str | None = None               # why positions of record were not compared
    jurisdiction_ids: tuple[str, ...] = field(default=())   # every jurisdiction with a change

    @property
    def is_empty(self) -> bool:
        return not (self.schema_changes or self.rows or self.cells)

    def rows_of(self, jurisdiction_id: str | None) -> list[RowChange]:
        """Row changes concerning a jurisdiction; None: those concerning no jurisdiction."""
        if jurisdiction_id is None:
            return [row for row in self.rows if not row.jurisdictions]
        return [row for row in self.rows if jurisdiction_id in row.jurisdictions]

    def cells_of(self, jurisdiction_id: str) -> list[CellChange]:
        return [cell for cell in self.cells if cell.jurisdiction_id == jurisdiction_id]

    def summary_line(self) -> str:
        return f"{diff_report.describe_side(self.old)} → {diff_report.describe_side(self.new)}"

    def to_json(self) -> str:
        return diff_report.to_json(self)

    def to_table_rows(self) -> tuple[list[str], list[list[str]]]:
        return diff_report.to_table_rows(self)

    def to_markdown(self, heading_level: int = 2) -> str:
        return diff_report.to_markdown(self, heading_level)


def diff_packages(root: Path, old: str | Path | None, new: str | Path | None = None) -> DataDiff:
    """Compare two versions: each is None (the package in `root`), a git ref of root's repository,
    a release .zip or a package directory. Raises DiffError when a side cannot be read."""
    with open_side(old, root) as old_side, open_side(new, root) as new_side:
        return compare_sides(old_side, new_side)


def compare_sides(old: Side, new: Side) -> DataDiff:
    old_tables, new_tables = read_tables(old), read_tables(new)
    names = _resource_order(old, new)
    schema_changes = list(_resource_schema_changes(names, old_tables, new_tables))
    old_owner, new_owner = JurisdictionIndex(old, old_tables), JurisdictionIndex(new, new_tables)
    rows: list[RowChange] = []
    for name in names:
        if name in old_tables and name in new_tables:
            changes, keys_changed = _compare_table(old_tables[name], new_tables[name], old_owner, new_owner)
            schema_changes += _column_changes(old_tables[name], new_tables[name], keys_changed)
            rows += changes
    if _views_bytes(old) != _views_bytes(new):
        # The rules for the position of record live in the views: a changed view can move cells
        # with no row changing.
        schema_changes.append(SchemaChange(VIEWS, "changed"))
    cells, note, views_used = _compare_positions(old, new)
    jurisdiction_ids = sorted({j for row in rows for j in row.jurisdictions} | {c.jurisdiction_id for c in cells})
    return DataDiff(_summary(old, views_used[0]), _summary(new, views_used[1]), tuple(names),
                    tuple(schema_changes), tuple(rows), tuple(cells), note, tuple(jurisdiction_ids))


def _compare_positions(old: Side, new: Side) -> tuple[list[CellChange], str | None, tuple]:
    """(cell changes, why they could not be compared, the view each side's cells came from)."""
    (old_cells, old_answer), (new_cells, new_answer) = positions_of_record(old), positions_of_record(new)
    if old_cells is None or new_cells is None:
        reasons = [answer for cells, answer in ((old_cells, old_answer), (new_cells, new_answer)) if cells is None]
        return [], "; ".join(reasons), (old_answer if old_cells is not None else None,
                                         new_answer if new_cells is not None else None)
    return _compare_cells(old_cells, new_cells), None, (old_answer, new_answer)


def _views_bytes(side: Side) -> bytes | None:
    path = side.directory / VIEWS
    return path.read_bytes() if path.is_file() else None


def _summary(side: Side, cells_view: str | None) -> SideSummary:
    return SideSummary(side.label, side.kind, side.version, side.created, side.commit, cells_view)


def _resource_order(old: Side, new: Side) -> list[str]:
    names = list(new.resources())
    return names + [name for name in old.resources() if name not in names]


def _resource_schema_changes(names, old_tables, new_tables):
    for name in names:
        if name not in old_tables:
            yield SchemaChange(name, "resource added", _row_count(new_tables[name]))
        elif name not in new_tables:
            yield SchemaChange(name, "resource removed", _row_count(old_tables[name]))


def _row_count(table: Table) -> str:
    return f"{len(table.rows)} row" + ("" if len(table.rows) == 1 else "s")


def _column_changes(old: Table, new: Table, keys_changed: bool) -> list[SchemaChange]:
    changes = [SchemaChange(new.name, "column added", column) for column in new.columns if column not in old.columns]
    changes += [SchemaChange(new.name, "column removed", column) for column in old.columns if column not in new.columns]
    if keys_changed:
        changes.append(SchemaChange(new.name, "primary key changed",
                                    f"({', '.join(old.key_columns)}) → ({', '.join(new.key_columns)}); rows not compared"))
    return changes


def _compare_table(old: Table, new: Table, old_owner: JurisdictionIndex,
                   new_owner: JurisdictionIndex) -> tuple[list[RowChange], bool]:
    """Row changes of one resource, and whether its key changed (then rows cannot be matched)."""
    if old.key_columns != new.key_columns:
        return [], True
    # Only columns both sides have are compared: a column added or removed is a schema change.
    shared = [column for column in new.columns if column in old.columns]
    changes = []
    for key in sorted(new.rows.keys() - old.rows.keys()):
        changes.append(RowChange(new.name, key, "added", (), new_owner.of(new.name, key)))
    for key in sorted(old.rows.keys() - new.rows.keys()):
        changes.append(RowChange(new.name, key, "removed", (), old_owner.of(old.name, key)))
    for key in sorted(old.rows.keys() & new.rows.keys()):
        differing = tuple(c for c in shared if old.rows[key].get(c, "") != new.rows[key].get(c, ""))
        if differing:
            concerned = sorted(set(old_owner.of(old.name, key)) | set(new_owner.of(new.name, key)))
            changes.append(RowChange(new.name, key, "changed", differing, tuple(concerned)))
    return changes, False


def _compare_cells(old: dict, new: dict) -> list[CellChange]:
    changes = []
    for cell in sorted(old.keys() | new.keys()):
        before, after = old.get(cell), new.get(cell)
        if before is None:
            changes.append(CellChange(*cell, "addressed", None, after))
        elif after is None:
            changes.append(CellChange(*cell, "no_longer_addressed", before, None))
        elif (before.position, before.level) != (after.position, after.level):
            changes.append(CellChange(*cell, "changed", before, after))
    return changes


class JurisdictionIndex:
    """Which jurisdictions a row of one side concerns, read off that side's foreign keys.

    Directly: its `jurisdiction_id` or `*_jurisdiction_id` columns. Through a link resource named
    `*_jurisdictions` that refers to it. Otherwise one hop through a required foreign key (evidence
    -> provisions.jurisdiction_id): a required reference names what the row belongs to, an
    optional one (a speaker, an instrument) only a detail of it.
    """

    def __init__(self, side: Side, tables: dict[str, Table]):
        self.resources, self.tables = side.resources(), tables
        self.links = self._link_maps()

    def of(self, resource: str, key: str) -> tuple[str, ...]:
        found = self._direct_or_linked(resource, key)
        if found is None:
            found = set()
            for fields, target in self._required_references(resource):
                row = self.tables[resource].rows.get(key, {})
                found |= self._direct_or_linked(target, key_text(row, fields)) or set()
        return tuple(sorted(found))

    def _direct_or_linked(self, resource: str, key: str) -> set[str] | None:
        """The jurisdictions, or None when the resource has no direct column and no link."""
        columns = self._direct_columns(resource)
        if not columns and resource not in self.links:
            return None
        row = self.tables[resource].rows.get(key, {})
        found = {row.get(column, "") for column in columns} | self.links.get(resource, {}).get(key, set())
        return found - {""}

    def _direct_columns(self, resource: str) -> list[str]:
        if resource not in self.tables:
            return []
        # A reference to the resource itself (parent_jurisdiction_id) is a hierarchy, not whom the
        # row concerns: a county added does not change its state.
        own = {tuple(fk.get("fields", ())) for fk in self._foreign_keys(resource)
               if fk.get("reference", {}).get("resource", resource) in ("", resource)}
        return [column for column in self.tables[resource].columns
                if (column == "jurisdiction_id" or column.endswith("_jurisdiction_id")) and (column,) not in own]

    def _link_maps(self) -> dict[str, dict[str, set[str]]]:
        """{resource: {key: jurisdictions}} from every `*_jurisdictions` link resource."""
        links: dict[str, dict[str, set[str]]] = {}
        for name, table in self.tables.items():
            if not name.endswith("_" + JURISDICTIONS):
                continue
            columns = [c for c in table.columns if c == "jurisdiction_id" or c.endswith("_jurisdiction_id")]
            for fields, target in self._references(name):
                if target == JURISDICTIONS:
                    continue
                for row in table.rows.values():
                    owners = links.setdefault(target, {}).setdefault(key_text(row, fields), set())
                    owners |= {row.get(c, "") for c in columns} - {""}
        return links

    def _foreign_keys(self, resource: str) -> list[dict]:
        return self.resources.get(resource, {}).get("schema", {}).get("foreignKeys", []) or []

    def _references(self, resource: str):
        """(fields, target) of each foreign key that points at the target's primary key."""
        for fk in self._foreign_keys(resource):
            fields = fk.get("fields", [])
            fields = [fields] if isinstance(fields, str) else list(fields)
            reference = fk.get("reference", {})
            target = reference.get("resource") or resource
            target_fields = reference.get("fields", [])
            target_fields = [target_fields] if isinstance(target_fields, str) else list(target_fields)
            if target in self.tables and tuple(target_fields) == self.tables[target].key_columns:
                yield fields, target

    def _required_references(self, resource: str):
        schema = self.resources.get(resource, {}).get("schema", {})
        required = {f["name"] for f in schema.get("fields", []) if f.get("constraints", {}).get("required")}
        required |= set(self.tables[resource].key_columns)
        for fields, target in self._references(resource):
            if target != resource and set(fields) <= required:
                yield fields, target
