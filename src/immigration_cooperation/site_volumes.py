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
import tempfile
from contextlib import contextmanager
from pathlib import Path

from . import site_snapshots
from .comparisons import quote_literal
from .site_layout import Layout
from .site_snapshots import CELL_COLUMNS, NOT_ADDRESSED
from .streams import Grouped, fetched


def _object(pairs: dict[str, str]) -> str:
    return "{" + ", ".join(f"'{key}': {value}" for key, value in pairs.items()) + "}"


def _text(column: str) -> str:
    return f"CAST({column} AS VARCHAR)"


# What each jurisdiction's object holds, in this order: its identifiers, then lists of records.
KINDS = ("place", "cells", "claims", "quotes", "timeline", "disputes", "statements", "events")


def kinds_sql() -> dict[str, str]:
    """Per kind of record a volume's pages show (KINDS), the query of its rows: jurisdiction_id
    and the record as JSON, ordered by jurisdiction, then as the page of one jurisdiction shows
    them (jurisdiction.html.j2). No aggregate: the rows are only sorted (lists per jurisdiction
    made in SQL held their states in memory and ran out at 2GB at a million provisions).
    "cells" holds the addressed cells only; a page reads a missing cell as not addressed
    (NOT_ADDRESSED)."""
    cell = _object({"dimension": _text("dimension"), **{name: name for name in CELL_COLUMNS}})
    place = _object({"jurisdiction_id": "jurisdiction_id", "name": "name", "level": _text("level"),
                     "state_code": "state_code", "census_geoid": "census_geoid",
                     "census_geoid_kind": _text("census_geoid_kind"), "ocd_division_id": "ocd_division_id",
                     "identifiers_basis": "identifiers_basis"})
    claim = _object({"dimension": _text("dimension"), "provision_id": "provision_id",
                     "position": _text("position"), "relation_to_record": _text("relation_to_record"),
                     "asserted_by": _text("asserted_by"), "asserted_by_actor_id": "asserted_by_actor_id",
                     "observed_on": "observed_on", "observed_on_latest": "observed_on_latest",
                     "confidence": _text("confidence"), "note": "note"})
    quote = _object({"provision_id": "e.provision_id", "evidence_id": "e.evidence_id", "source_id": "e.source_id",
                     "quote": "e.quote", "source_title": "s.title"})
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
    # (kind, jurisdiction column, JSON, FROM, the order within a jurisdiction)
    parts = [
        ("place", "jurisdiction_id", place, "jurisdictions", ""),
        ("cells", "jurisdiction_id", cell, "policy_cells WHERE provision_id IS NOT NULL", ""),  # read by dimension
        ("claims", "jurisdiction_id", claim, "provision_claims", ", claim_order, provision_id"),
        ("quotes", "c.jurisdiction_id", quote, "evidence AS e JOIN provision_claims AS c USING (provision_id) "
         "JOIN sources AS s ON s.source_id = e.source_id", ", e.evidence_id"),
        ("timeline", "t.jurisdiction_id", period, "policy_timeline AS t JOIN provision_claims AS c USING (provision_id)",
         ", c.claim_order, t.provision_id"),
        ("disputes", "jurisdiction_id", dispute, "disputes", ", from_date, provision_id_a, provision_id_b"),
        ("statements", "sj.jurisdiction_id", statement,
         "statements AS s JOIN statement_jurisdictions AS sj USING (statement_id)", ", s.statement_id"),
        ("events", "ej.jurisdiction_id", event, "events AS e JOIN event_jurisdictions AS ej USING (event_id)",
         ", e.occurred_on, e.event_id"),
    ]
    assert tuple(name for name, *_ in parts) == KINDS
    return {name: f"SELECT {owner} AS jurisdiction_id, CAST(to_json({json}) AS VARCHAR) AS json FROM {source} "
                  f"ORDER BY {owner}{order}"
            for name, owner, json, source, order in parts}


def _script_safe(text: str) -> str:
    # Inside a <script> element nothing may close it.
    return text.replace("</", "<\\/")


@contextmanager
def _sorted_kinds(connection):
    """Each kind's rows, sorted once into a table of a temporary database file (its blocks go to
    disk, not memory, and each is read back in its order without sorting again), as a stream of
    (jurisdiction_id, json) rows grouped by jurisdiction."""
    with tempfile.TemporaryDirectory(prefix="cooperation-site-") as work:
        connection.execute(f"ATTACH {quote_literal(str(Path(work) / 'site.duckdb'))} AS site_work")
        try:
            for kind, sql in kinds_sql().items():
                connection.execute(f"CREATE TABLE site_work.{kind} AS {sql}")
            yield {kind: Grouped(fetched(connection.cursor().execute(
                f"SELECT jurisdiction_id, json FROM site_work.{kind}")), key=lambda row: row[0]) for kind in KINDS}
        finally:
            connection.execute("DETACH site_work")


def _volume_objects(streams: dict[str, Grouped], volume: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The matrix objects ({"place", "cells"}) and the claims objects ({"place", "claims",
    "quotes", …}) of a volume's jurisdictions, as JSON."""
    matrices, objects = [], []
    for jurisdiction_id in volume:
        ((_, place),) = streams["place"].take(jurisdiction_id)
        lists = {kind: "[" + ",".join(row[1] for row in streams[kind].take(jurisdiction_id)) + "]"
                 for kind in KINDS[1:]}
        matrices.append('{"place":' + place + ',"cells":' + lists["cells"] + "}")
        objects.append('{"place":' + place + "".join(f',"{kind}":{text}' for kind, text in lists.items()
                                                     if kind != "cells") + "}")
    return matrices, objects


def write_volumes(connection, layout: Layout, dimensions: list[dict], days: list[str], render, write,
                  progress=lambda message: None) -> list[dict]:
    """Write each volume's matrix page and claims page; returns, per volume, what the index lists
    (its page, its first and last jurisdiction's names, how many it holds)."""
    progress(f"explorer: the as-of changes on {len(days)} days")
    changes = site_snapshots.volume_changes(connection, days)
    progress("explorer: each kind of record sorted by jurisdiction")
    with _sorted_kinds(connection) as streams:
        progress("explorer: writing the volumes")
        listed = _write_each_volume(streams, changes, layout, dimensions, days, render, write, progress)
        for kind, stream in streams.items():
            stream.finish(kind)
    return listed


def _write_each_volume(streams, changes, layout, dimensions, days, render, write, progress) -> list[dict]:
    listed = []
    dimension_names = [dimension["dimension"] for dimension in dimensions]
    not_addressed = json.dumps(dict(zip(CELL_COLUMNS, NOT_ADDRESSED)))
    for number, volume in enumerate(layout.volumes, start=1):
        matrices, objects = _volume_objects(streams, volume)
        names = [json.loads(matrices[index])["place"]["name"] for index in (0, -1)]
        matrix_page, claims_page = layout.matrix_page(number), layout.claims_page(number, "")
        volume_json = ('{"claims_page":' + json.dumps(f"../{claims_page}") + ',"dimensions":'
                       + json.dumps(dimension_names) + ',"not_addressed":' + not_addressed
                       + ',"jurisdictions":[' + ",".join(matrices) + "]}")
        neighbours = {"previous_page": Path(layout.matrix_page(max(number - 1, 1))).name,
                      "next_page": Path(layout.matrix_page(min(number + 1, len(layout.volumes)))).name}
        write(matrix_page, render(
            "matrix_page.html.j2", jurisdictions=[], dimensions=dimensions, cells={}, claims_pages={},
            anchor_prefixes={}, volume=_script_safe(volume_json), first_day=days[0],
            snapshots=site_snapshots.snapshots_json(days, changes.get(number)), number=number,
            volumes=len(layout.volumes), first=names[0], last=names[-1], count=len(volume), depth="../",
            title=f"Policy matrix, volume {number}", **neighbours))
        write(claims_page, render(
            "jurisdictions_volume.html.j2", claims=_script_safe("[" + ",".join(objects) + "]"), number=number,
            volumes=len(layout.volumes), matrix_page=matrix_page, first=names[0], last=names[-1],
            count=len(volume), dimensions=dimensions, depth="../", title=f"Jurisdictions, volume {number}"))
        listed.append({"page": matrix_page, "first": names[0], "last": names[-1], "count": len(volume)})
        if number % 200 == 0:
            progress(f"explorer: {number:,} of {len(layout.volumes):,} volumes written")
    return listed
