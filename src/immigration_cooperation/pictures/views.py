"""What the pictures show, read from the package's own DuckDB views, so a picture shows exactly
what a downloader gets from SQL. Every query has an ORDER BY: same rows, same order, same bytes."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..sql import connect
from .style import NOT_ADDRESSED
from .wording import years_range


@contextmanager
def package_views(package_dir: Path):
    """`sql.connect(package_dir)`, closed when done."""
    connection = connect(Path(package_dir).resolve())
    try:
        yield connection
    finally:
        connection.close()


@dataclass(frozen=True)
class DimensionInfo:
    name: str
    label: str
    is_core: bool


@dataclass(frozen=True)
class PositionInfo:
    dimension: str
    name: str
    level: int
    label: str


@dataclass(frozen=True)
class Row:
    jurisdiction_id: str
    name: str
    level: str
    state_code: str | None


@dataclass(frozen=True)
class Cell:
    """One row of `policy_cells`: the latest position of record, or NOT_ADDRESSED; when it was last
    observed, by how many sources, who asserts it and with what confidence."""
    jurisdiction_id: str
    dimension: str
    position: str
    level: int | None
    label: str | None
    since: date | None
    since_latest: date | None
    disputed: bool
    last_observed_on: date | None = None
    last_observed_on_latest: date | None = None
    sources: int = 0
    asserted_by: str | None = None
    confidence: str | None = None


@dataclass(frozen=True)
class Record:
    """One row of `policy_timeline`: a position of record and the bounds of its start and end."""
    dimension: str
    position: str
    level: int
    label: str
    valid_from: date | None
    valid_from_latest: date
    valid_to: date | None
    valid_to_latest: date | None
    provision_id: str
    relation_to_record: str
    last_observed_on: date | None
    last_observed_on_latest: date
    disputed: bool


@dataclass(frozen=True)
class Claim:
    """One row of `provision_claims`: a source speaking, with the bounds of the day it speaks."""
    dimension: str
    provision_id: str
    position: str
    level: int
    label: str
    relation_to_record: str
    sets_record: bool
    observed_on: date | None
    observed_on_latest: date
    record_provision_id: str


def dimensions(con) -> list[DimensionInfo]:
    rows = con.execute("SELECT CAST(dimension AS VARCHAR), label, is_core FROM dimensions "
                       "ORDER BY sort_order, dimension").fetchall()
    return [DimensionInfo(name, label, bool(is_core)) for name, label, is_core in rows]


def positions(con) -> list[PositionInfo]:
    rows = con.execute("""
        SELECT CAST(c.dimension AS VARCHAR), CAST(c.position AS VARCHAR), c.level, c.label
        FROM codebook AS c JOIN dimensions AS d ON d.dimension = c.dimension
        ORDER BY d.sort_order, c.level, CAST(c.position AS VARCHAR)""").fetchall()
    return [PositionInfo(*row) for row in rows]


def matrix_rows(con) -> list[Row]:
    rows = con.execute("""
        SELECT jurisdiction_id, name, CAST(level AS VARCHAR), state_code
        FROM jurisdictions ORDER BY jurisdiction_id""").fetchall()
    return [Row(*row) for row in rows]


def cells(con) -> dict[tuple[str, str], Cell]:
    """Every (jurisdiction, dimension) of `policy_cells`, with the position's codebook label."""
    rows = con.execute("""
        SELECT p.jurisdiction_id, CAST(p.dimension AS VARCHAR), p.position, p.level, c.label,
               p.since, p.since_latest, coalesce(p.disputed, false), p.last_observed_on,
               p.last_observed_on_latest, coalesce(p.sources, 0), CAST(p.asserted_by AS VARCHAR),
               CAST(p.confidence AS VARCHAR)
        FROM policy_cells AS p
        LEFT JOIN codebook AS c
               ON c.dimension = p.dimension AND CAST(c.position AS VARCHAR) = p.position
        ORDER BY p.jurisdiction_id, CAST(p.dimension AS VARCHAR)""").fetchall()
    found = {}
    for row in rows:
        cell = Cell(*row[:7], bool(row[7]), *row[8:10], int(row[10]), *row[11:])
        if cell.position != NOT_ADDRESSED and cell.label is None:
            raise ValueError(f"{cell.jurisdiction_id} {cell.dimension}: position {cell.position!r} "
                             "not in the codebook")
        found[(cell.jurisdiction_id, cell.dimension)] = cell
    return found


def coverage_counts(con) -> tuple[int, int]:
    coded, total = con.execute(
        "SELECT count(*) FILTER (WHERE status = 'coded'), count(*) FROM coverage").fetchone()
    return coded, total


def records(con, jurisdiction_id: str) -> list[Record]:
    rows = con.execute("""
        SELECT CAST(t.dimension AS VARCHAR), CAST(t.position AS VARCHAR), t.level, c.label,
               t.valid_from, t.valid_from_latest, t.valid_to, t.valid_to_latest, t.provision_id,
               CAST(t.relation_to_record AS VARCHAR), t.last_observed_on, t.last_observed_on_latest,
               t.disputed
        FROM policy_timeline AS t
        JOIN codebook AS c ON c.dimension = t.dimension AND c.position = t.position
        JOIN dimensions AS d ON d.dimension = t.dimension
        WHERE t.jurisdiction_id = ?
        ORDER BY d.sort_order, t.valid_from, t.valid_from_latest, t.provision_id""",
                       [jurisdiction_id]).fetchall()
    return [Record(*row[:12], bool(row[12])) for row in rows]


def claims(con, jurisdiction_id: str) -> list[Claim]:
    rows = con.execute("""
        SELECT CAST(p.dimension AS VARCHAR), p.provision_id, CAST(p.position AS VARCHAR), p.level,
               c.label, CAST(p.relation_to_record AS VARCHAR), p.sets_record, p.observed_on,
               p.observed_on_latest, p.record_provision_id
        FROM provision_claims AS p
        JOIN codebook AS c ON c.dimension = p.dimension AND c.position = p.position
        JOIN dimensions AS d ON d.dimension = p.dimension
        WHERE p.jurisdiction_id = ?
        ORDER BY d.sort_order, p.claim_order""", [jurisdiction_id]).fetchall()
    return [Claim(*row[:6], bool(row[6]), *row[7:]) for row in rows]


def source_years(con) -> tuple[int, int]:
    """The first and last year any source may have been published in."""
    return con.execute("SELECT min(year(coalesce(published_on, published_on_latest))), "
                       "max(year(published_on_latest)) FROM sources").fetchone()


def sources_phrase(con) -> str:
    """'5 news articles (2016–2025)', from the sources table."""
    (count,) = con.execute("SELECT count(*) FROM sources").fetchone()
    noun = "news article" if count == 1 else "news articles"
    return f"{count} {noun} ({years_range(*source_years(con))})"


def jurisdiction_name(con, jurisdiction_id: str) -> str:
    return con.execute("SELECT name FROM jurisdictions WHERE jurisdiction_id = ?",
                       [jurisdiction_id]).fetchone()[0]
