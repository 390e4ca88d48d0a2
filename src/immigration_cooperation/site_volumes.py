"""The volumes of a national package's explorer (site_layout.py): each volume's matrix page and
claims page, their data made as JSON by DuckDB, a whole volume in one value, and drawn by the
page's own script.

At national scale a template per cell and per claim is what costs: the Jinja pages took about
0.6 ms per jurisdiction (6 minutes for the 643k jurisdictions of a million provisions). Here the
SQL writes each volume's JSON, Python only places it in a small page, and the browser draws the
few hundred jurisdictions of the volume it opens. The small package's pages (explorer.py) stay
plain HTML made by the templates.
"""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

from . import site_snapshots
from .site_layout import VOLUMES_SQL, Layout
from .site_snapshots import CELL_COLUMNS


def _object(pairs: dict[str, str]) -> str:
    return "{" + ", ".join(f"'{key}': {value}" for key, value in pairs.items()) + "}"


def _text(column: str) -> str:
    return f"CAST({column} AS VARCHAR)"


def matrix_sql() -> str:
    """volume, jurisdiction_id and the JSON of the jurisdiction with its latest cells:
    {"jurisdiction_id", "name", "cells": {dimension: {column: value}}}."""
    cell = _object({name: name for name in CELL_COLUMNS})
    return f"""
    WITH volumes AS ({VOLUMES_SQL}),
    cells AS (
        SELECT jurisdiction_id,
               map_from_entries(list(({_text("dimension")}, {cell}) ORDER BY {_text("dimension")})) AS cells
        FROM policy_cells GROUP BY jurisdiction_id)
    SELECT volume, jurisdiction_id,
           CAST(to_json({{'jurisdiction_id': jurisdiction_id, 'name': j.name, 'cells': cells.cells}}) AS VARCHAR)
    FROM jurisdictions AS j JOIN volumes USING (jurisdiction_id) JOIN cells USING (jurisdiction_id)"""


def claims_sql() -> str:
    """volume, jurisdiction_id and the JSON of what the jurisdiction's section shows (the fields
    jurisdiction.html.j2 shows on a page of its own): identifiers, claims with their
    quotes, timeline periods, disputes, statements and events, each list in the order that page
    shows it."""
    quote = _object({"evidence_id": "e.evidence_id", "source_id": "e.source_id", "quote": "e.quote",
                     "source_title": "s.title"})
    claim = _object({"dimension": _text("c.dimension"), "provision_id": "c.provision_id",
                     "position": _text("c.position"), "relation_to_record": _text("c.relation_to_record"),
                     "asserted_by": _text("c.asserted_by"), "asserted_by_actor_id": "c.asserted_by_actor_id",
                     "observed_on": "c.observed_on", "observed_on_latest": "c.observed_on_latest",
                     "confidence": _text("c.confidence"), "note": "c.note", "quotes": "coalesce(q.quotes, [])"})
    period = _object({"dimension": _text("t.dimension"), "provision_id": "t.provision_id",
                      "position": _text("t.position"), "level": "t.level", "valid_from": "t.valid_from",
                      "valid_from_latest": "t.valid_from_latest", "valid_to": "t.valid_to",
                      "valid_to_latest": "t.valid_to_latest", "sources": "t.sources", "disputed": "t.disputed"})
    dispute = _object({"dimension": _text("dimension"), **{
        f"{name}_{side}": (_text(f"{name}_{side}") if name in ("asserted_by", "position") else f"{name}_{side}")
        for side in ("a", "b") for name in ("asserted_by", "position", "quote", "provision_id")}})
    statement = _object({"statement_id": "s.statement_id", "stance": _text("s.stance"), "actor_id": "s.actor_id",
                         "said_on": "s.said_on", "said_on_latest": "s.said_on_latest", "quote": "s.quote",
                         "source_id": "s.source_id"})
    event = _object({"event_id": "e.event_id", "kind": _text("e.kind"), "jurisdiction_role": _text("ej.role"),
                     "occurred_on": "e.occurred_on", "occurred_on_latest": "e.occurred_on_latest",
                     "description": "e.description", "quote": "e.quote", "source_id": "e.source_id"})
    jurisdiction = _object({"jurisdiction_id": "j.jurisdiction_id", "name": "j.name", "level": _text("j.level"),
                            "state_code": "j.state_code", "census_geoid": "j.census_geoid",
                            "census_geoid_kind": _text("j.census_geoid_kind"),
                            "ocd_division_id": "j.ocd_division_id", "identifiers_basis": "j.identifiers_basis",
                            **{kind: f"coalesce({kind}.rows, [])"
                               for kind in ("claims", "timeline", "disputes", "statements", "events")}})
    return f"""
    WITH volumes AS ({VOLUMES_SQL}),
    quotes AS (
        SELECT e.provision_id, list({quote} ORDER BY e.evidence_id) AS quotes
        FROM evidence AS e JOIN sources AS s ON s.source_id = e.source_id GROUP BY e.provision_id),
    claims AS (
        SELECT c.jurisdiction_id, list({claim} ORDER BY c.claim_order, c.provision_id) AS rows
        FROM provision_claims AS c LEFT JOIN quotes AS q USING (provision_id) GROUP BY c.jurisdiction_id),
    timeline AS (
        SELECT t.jurisdiction_id, list({period} ORDER BY c.claim_order, t.provision_id) AS rows
        FROM policy_timeline AS t JOIN provision_claims AS c USING (provision_id) GROUP BY t.jurisdiction_id),
    disputes AS (
        SELECT jurisdiction_id, list({dispute} ORDER BY from_date, provision_id_a, provision_id_b) AS rows
        FROM disputes GROUP BY jurisdiction_id),
    statements AS (
        SELECT sj.jurisdiction_id, list({statement} ORDER BY s.statement_id) AS rows
        FROM statements AS s JOIN statement_jurisdictions AS sj USING (statement_id) GROUP BY sj.jurisdiction_id),
    events AS (
        SELECT ej.jurisdiction_id, list({event} ORDER BY e.occurred_on, e.event_id) AS rows
        FROM events AS e JOIN event_jurisdictions AS ej USING (event_id) GROUP BY ej.jurisdiction_id)
    SELECT volume, jurisdiction_id, CAST(to_json({jurisdiction}) AS VARCHAR)
    FROM jurisdictions AS j JOIN volumes USING (jurisdiction_id)
    LEFT JOIN claims USING (jurisdiction_id) LEFT JOIN timeline USING (jurisdiction_id)
    LEFT JOIN disputes USING (jurisdiction_id) LEFT JOIN statements USING (jurisdiction_id)
    LEFT JOIN events USING (jurisdiction_id)"""


def _script_safe(text: str) -> str:
    # Inside a <script> element nothing may close it.
    return text.replace("</", "<\\/")


def volume_rows_sql() -> str:
    """volume, jurisdiction_id, its matrix JSON and its claims JSON, in jurisdiction order: one
    query, so one sort holds the rows (it spills past the connection's memory limit). A row per
    jurisdiction, joined into volumes by the caller: a list per volume made in SQL took twice as
    long."""
    return f"""
    SELECT matrix.volume, jurisdiction_id, matrix.json, claims.json
    FROM ({matrix_sql()}) AS matrix(volume, jurisdiction_id, json)
    JOIN ({claims_sql()}) AS claims(volume, jurisdiction_id, json) USING (jurisdiction_id)
    ORDER BY jurisdiction_id"""


def _volumes(cursor):
    """(volume, [jurisdiction ids], matrix JSON array, claims JSON array) from volume_rows_sql's
    rows, read a chunk at a time."""
    def rows():
        while chunk := cursor.fetchmany(2_000):
            yield from chunk

    for volume, group in groupby(rows(), key=lambda row: row[0]):
        group = list(group)
        yield (volume, [row[1] for row in group], "[" + ",".join(row[2] for row in group) + "]",
               "[" + ",".join(row[3] for row in group) + "]")


def write_volumes(connection, layout: Layout, dimensions: list[dict], days: list[str], render, write,
                  progress=lambda message: None) -> list[dict]:
    """Write each volume's matrix page and claims page; returns, per volume, what the index lists
    (its page, its first and last jurisdiction's names, how many it holds)."""
    changes = site_snapshots.volume_changes(connection, days)
    rows = _volumes(connection.execute(volume_rows_sql()))
    listed = []
    dimension_names = [dimension["dimension"] for dimension in dimensions]
    for number, volume in enumerate(layout.volumes, start=1):
        sql_number, ids, matrix_json, claims_json = next(rows)
        if not (sql_number == number and ids == list(volume)):
            raise RuntimeError(f"explorer: the SQL's volume {sql_number} is not volume {number} of the layout")
        names = [row["name"] for row in json.loads(matrix_json)]
        matrix_page, claims_page = layout.matrix_page(number), layout.claims_page(number, "")
        volume_json = ('{"claims_page":' + json.dumps(f"../{claims_page}") + ',"dimensions":'
                       + json.dumps(dimension_names) + ',"jurisdictions":' + matrix_json + "}")
        neighbours = {"previous_page": Path(layout.matrix_page(max(number - 1, 1))).name,
                      "next_page": Path(layout.matrix_page(min(number + 1, len(layout.volumes)))).name}
        write(matrix_page, render(
            "matrix_page.html.j2", jurisdictions=[], dimensions=dimensions, cells={}, claims_pages={},
            anchor_prefixes={}, volume=_script_safe(volume_json), first_day=days[0],
            snapshots=site_snapshots.snapshots_json(days, changes.get(number)), number=number,
            volumes=len(layout.volumes), first=names[0], last=names[-1], count=len(names), depth="../",
            title=f"Policy matrix, volume {number}", **neighbours))
        write(claims_page, render(
            "jurisdictions_volume.html.j2", claims=_script_safe(claims_json), number=number,
            volumes=len(layout.volumes), matrix_page=matrix_page, first=names[0], last=names[-1],
            count=len(names), dimensions=dimensions, depth="../", title=f"Jurisdictions, volume {number}"))
        listed.append({"page": matrix_page, "first": names[0], "last": names[-1], "count": len(names)})
        if number % 200 == 0:
            progress(f"explorer: {number:,} of {len(layout.volumes):,} volumes written")
    return listed
