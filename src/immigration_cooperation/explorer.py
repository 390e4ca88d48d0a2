"""The evidence explorer: a static web site (site/) where every matrix cell leads to its claim and
from there to the highlighted words in its article.

Made by the build from the staged package's own SQL views, with Jinja2 templates
(templates/site/). Everything a page needs is in the page or beside it: no network, no fonts, no
remote scripts, so it works opened from disk and from any static host.

The as-of control needs no server and no copy of the SQL rules in JavaScript: the answer of
`policy_cells_as_of(d)` can change only on a day that some claim's dates name, so the build asks
the SQL for each such day and embeds the answers; the page shows the one for the latest such day
on or before the chosen date.
"""

from __future__ import annotations

import json
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from pathlib import Path

from . import codebook, palette
from .schema import QUOTED_RESOURCES

SITE = "site"
TEMPLATES = Path(__file__).parent / "templates" / "site"


def record_kind(resource) -> str:
    """What a source page calls a quoted record of `resource`: its key without `_id`
    (`statement_id` -> `statement`); its marks carry the id in `data-<kind>-id`."""
    return resource.primary_key[0].removesuffix("_id")


@dataclass
class Span:
    kind: str
    record_id: str
    start: int
    end: int
    link: str | None  # the page (and anchor) of the claim or record it supports
    label: str


@dataclass
class Page:
    path: str
    html: str


@dataclass
class _Context:
    connection: object
    jurisdictions: list[dict] = field(default_factory=list)
    dimensions: list[dict] = field(default_factory=list)


def _rows(connection, sql: str, parameters=()) -> list[dict]:
    cursor = connection.execute(sql, list(parameters))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    return value


@lru_cache(maxsize=1)
def _environment():
    """One template environment per process: compiling the templates is the slow part."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    environment = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                              autoescape=select_autoescape(["html", "html.j2"]), keep_trailing_newline=True,
                              trim_blocks=True, lstrip_blocks=True)
    environment.globals.update(level_fill=palette.LEVEL_FILL, level_ink=palette.LEVEL_INK,
                               not_addressed=palette.NOT_ADDRESSED, palette=palette,
                               level_meanings=codebook.LEVEL_MEANINGS)
    return environment


def as_of_days(connection) -> list[str]:
    """Every day on which an as-of answer can change: the dates the claims name (a claim's start
    bounds and its observation), and so every period's start and end."""
    rows = connection.execute("""
        SELECT DISTINCT day FROM (
            SELECT valid_from AS day FROM provision_claims UNION ALL
            SELECT valid_from_latest FROM provision_claims UNION ALL
            SELECT observed_on FROM provision_claims)
        WHERE day IS NOT NULL ORDER BY day""").fetchall()
    return [day.isoformat() for (day,) in rows]


CELL_COLUMNS = ("position", "level", "certainty", "basis", "provision_id", "disputed")


def matrix_snapshots(connection) -> dict:
    """{"days": [...], "cells": {day: {jurisdiction: {dimension: [position, level, …]}}}}, the
    first day being the one before every date, when nothing is addressed."""
    days = as_of_days(connection)
    first = (date.fromisoformat(days[0]) - timedelta(days=1)).isoformat() if days else "0001-01-01"
    snapshots = {}
    for day in [first, *days]:
        cells: dict[str, dict[str, list]] = {}
        for row in _rows(connection, "SELECT jurisdiction_id, CAST(dimension AS VARCHAR) AS dimension, "
                                     f"{', '.join(CELL_COLUMNS)} FROM policy_cells_as_of(CAST(? AS DATE))", [day]):
            cells.setdefault(row["jurisdiction_id"], {})[row["dimension"]] = [
                _plain(row[name]) for name in CELL_COLUMNS]
        snapshots[day] = cells
    return {"columns": list(CELL_COLUMNS), "days": [first, *days], "cells": snapshots}


def snapshot_for(snapshots: dict, day: str) -> dict:
    """The embedded answer the page shows for `day` (the rule its script applies)."""
    chosen = snapshots["days"][0]
    for candidate in snapshots["days"]:
        if candidate <= day:
            chosen = candidate
    return snapshots["cells"][chosen]


def _spans(connection, source_id: str) -> list[Span]:
    spans = []
    for row in _rows(connection, """
            SELECT e.evidence_id, e.quote_start, e.quote_end, p.jurisdiction_id, p.provision_id
            FROM evidence AS e JOIN provisions AS p USING (provision_id)
            WHERE e.source_id = ? ORDER BY e.quote_start, e.evidence_id""", [source_id]):
        spans.append(Span("evidence", row["evidence_id"], row["quote_start"], row["quote_end"],
                          f"../jurisdictions/{row['jurisdiction_id']}.html#provision-{row['provision_id']}",
                          f"evidence for {row['provision_id']}"))
    for resource in QUOTED_RESOURCES:
        if resource.name == "evidence":
            continue  # above, with the claim it supports
        kind, key = record_kind(resource), resource.primary_key[0]
        for row in _rows(connection, f"SELECT {key} AS record_id, quote_start, quote_end FROM {resource.name} "
                                     "WHERE source_id = ? AND quote_start IS NOT NULL "
                                     "ORDER BY quote_start, record_id", [source_id]):
            spans.append(Span(kind, row["record_id"], row["quote_start"], row["quote_end"],
                              f"#{kind}-{row['record_id']}", f"{kind} {row['record_id']}"))
    return spans


def _characters(text: str) -> str:
    # A carriage return would be folded into the next line feed by the HTML parser; as a
    # character reference it survives, so the page's text stays the file's text.
    return escape(text, quote=False).replace("\r", "&#13;")


def highlighted_article(text: str, spans: list[Span]) -> str:
    """The article text as HTML, every span marked. Spans may overlap, so the text is cut at every
    span boundary and each piece is wrapped in one element per span covering it: a record's
    elements, in order, hold exactly its quote."""
    cuts = sorted({0, len(text), *(span.start for span in spans), *(span.end for span in spans)})
    opened: set[tuple[str, str]] = set()
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [span for span in spans if span.start <= start and end <= span.end]
        html = _characters(text[start:end])
        for span in reversed(covering):
            key = (span.kind, span.record_id)
            anchor = "" if key in opened else f' id="{span.kind}-{escape(span.record_id)}"'
            opened.add(key)
            html = (f'<mark class="cited {span.kind}"{anchor} data-{span.kind}-id="{escape(span.record_id)}" '
                    f'title="{escape(span.label)}">{html}</mark>')
        pieces.append(html)
    return "".join(pieces)


def _source_page(context: _Context, source: dict, root: Path) -> str:
    from markupsafe import Markup

    data = (root / source["path"]).read_bytes()
    text = data.decode("utf-8")
    spans = _spans(context.connection, source["source_id"])
    start, end = source["body_start"], source["body_end"]
    inside = [span for span in spans if start <= span.start and span.end <= end]
    outside = [span for span in spans if span not in inside]
    body = highlighted_article(text[start:end], [Span(span.kind, span.record_id, span.start - start,
                                                      span.end - start, span.link, span.label)
                                                 for span in inside])
    return _environment().get_template("source.html.j2").render(
        source=source, before=Markup(_characters(text[:start])), body=Markup(body),
        after=Markup(_characters(text[end:])), spans=spans, outside=outside, depth="../",
        title=source["title"])


def _by_jurisdiction(rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["jurisdiction_id"], []).append(row)
    return grouped


def _jurisdiction_records(connection) -> dict[str, dict[str, list[dict]]]:
    """What the jurisdiction pages show, one query per kind of record for all jurisdictions."""
    return {
        "timeline": _by_jurisdiction(_rows(connection, "SELECT * FROM policy_timeline")),
        "claims": _by_jurisdiction(_rows(connection, "SELECT * FROM provision_claims")),
        "evidence": _by_jurisdiction(_rows(connection, """
            SELECT p.jurisdiction_id, e.*, s.title AS source_title FROM evidence AS e
            JOIN provisions AS p USING (provision_id) JOIN sources AS s ON s.source_id = e.source_id
            ORDER BY e.evidence_id""")),
        "statements": _by_jurisdiction(_rows(connection, """
            SELECT sj.jurisdiction_id, s.* FROM statements AS s JOIN statement_jurisdictions AS sj
            USING (statement_id) ORDER BY s.statement_id""")),
        "events": _by_jurisdiction(_rows(connection, """
            SELECT ej.jurisdiction_id, e.*, ej.role AS jurisdiction_role FROM events AS e
            JOIN event_jurisdictions AS ej USING (event_id) ORDER BY e.occurred_on, e.event_id""")),
        "disputes": _by_jurisdiction(_rows(connection, "SELECT * FROM disputes")),
    }


def _jurisdiction_page(context: _Context, jurisdiction: dict, records: dict[str, dict[str, list[dict]]]) -> str:
    def own(kind: str) -> list[dict]:
        return records[kind].get(jurisdiction["jurisdiction_id"], [])

    by_dimension = []
    for dimension in context.dimensions:
        name = dimension["dimension"]
        claims = [dict(claim) for claim in own("claims") if claim["dimension"] == name]
        for claim in claims:
            claim["quotes"] = [row for row in own("evidence") if row["provision_id"] == claim["provision_id"]]
        by_dimension.append({**dimension,
                             "timeline": [row for row in own("timeline") if row["dimension"] == name],
                             "claims": claims,
                             "disputes": [row for row in own("disputes") if row["dimension"] == name]})
    return _environment().get_template("jurisdiction.html.j2").render(
        jurisdiction=jurisdiction, dimensions=by_dimension, statements=own("statements"),
        events=own("events"), depth="../", title=jurisdiction["name"])


def page_paths(package_dir: Path) -> list[str]:
    """The files the build writes into site/ for the package in `package_dir` (read from its
    tables, so a release lists them exactly and never ships a stray file)."""
    import csv

    def ids(table: str, key: str) -> list[str]:
        with (Path(package_dir) / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            return [row[key] for row in csv.DictReader(handle)]

    return [f"{SITE}/index.html", f"{SITE}/style.css", f"{SITE}/codebook.html",
            *(f"{SITE}/jurisdictions/{name}.html" for name in ids("jurisdictions", "jurisdiction_id")),
            *(f"{SITE}/sources/{name}.html" for name in ids("sources", "source_id"))]


def site_pages(package_dir: Path, connection) -> list[Page]:
    """Every page of the site, made from the package in `package_dir` through `connection` (its
    views)."""
    context = _Context(connection)
    context.jurisdictions = _rows(connection, "SELECT * FROM jurisdictions ORDER BY jurisdiction_id")
    context.dimensions = _rows(connection, "SELECT CAST(dimension AS VARCHAR) AS dimension, label, question, "
                                           "is_core FROM dimensions ORDER BY sort_order")
    sources = _rows(connection, "SELECT * FROM sources ORDER BY published_on, source_id")
    codebook_rows = _rows(connection, "SELECT * FROM codebook ORDER BY dimension, level, position")
    latest = _rows(connection, "SELECT * FROM policy_cells")
    cells = {(row["jurisdiction_id"], row["dimension"]): row for row in latest}
    snapshots = matrix_snapshots(connection)
    environment = _environment()
    pages = [
        Page(f"{SITE}/index.html", environment.get_template("index.html.j2").render(
            jurisdictions=context.jurisdictions, dimensions=context.dimensions, cells=cells,
            sources=sources, depth="", title="Policy matrix",
            snapshots=json.dumps(snapshots, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            .replace("</", "<\\/"),
            first_day=snapshots["days"][0], last_day=snapshots["days"][-1])),
        Page(f"{SITE}/style.css", environment.get_template("style.css.j2").render()),
        Page(f"{SITE}/codebook.html", environment.get_template("codebook.html.j2").render(
            dimensions=context.dimensions, codebook=codebook_rows, depth="", title="Codebook")),
    ]
    records = _jurisdiction_records(connection)
    for jurisdiction in context.jurisdictions:
        pages.append(Page(f"{SITE}/jurisdictions/{jurisdiction['jurisdiction_id']}.html",
                          _jurisdiction_page(context, jurisdiction, records)))
    for source in sources:
        pages.append(Page(f"{SITE}/sources/{source['source_id']}.html",
                          _source_page(context, source, Path(package_dir))))
    return pages
