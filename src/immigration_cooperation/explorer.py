"""The evidence explorer: a static web site (site/) where every matrix cell leads to its claim and
from there to the highlighted words in its article.

Made by the build from the staged package's own SQL views, with Jinja2 templates
(templates/site/). Everything a page needs is in the page or beside it: no network, no fonts, no
remote scripts, so it works opened from disk and from any static host. Where each jurisdiction's
pages are is site_layout.py's; what the as-of control shows is site_snapshots.py's.

Pages are written as they are made, and every query's rows are read a chunk at a time in
jurisdiction (or source) order, so a national package's site is made in bounded memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Iterator

from . import codebook, palette, site_snapshots
from .schema import QUOTED_RESOURCES
from .site_layout import PAGE_JURISDICTIONS, SITE, Layout
from .streams import Grouped, fetched

TEMPLATES = Path(__file__).parent / "templates" / "site"
FETCHED_AT_ONCE = 20_000  # rows per fetch of a streamed query


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


def _rows(connection, sql: str, parameters=()) -> list[dict]:
    cursor = connection.execute(sql, list(parameters))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _streamed(connection, sql: str) -> Iterator[dict]:
    """The rows of `sql` as dicts, read a chunk at a time on a cursor of its own (so that several
    such streams can be read side by side)."""
    cursor = connection.cursor().execute(sql)
    names = [column[0] for column in cursor.description]
    for row in fetched(cursor, FETCHED_AT_ONCE):
        yield dict(zip(names, row))


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


def _render(template: str, **values) -> str:
    return _environment().get_template(template).render(**values)


# ----- source pages -----

def _characters(text: str) -> str:
    # A carriage return would be folded into the next line feed by the HTML parser; as a
    # character reference it survives, so the page's text stays the file's text.
    return escape(text, quote=False).replace("\r", "&#13;")


def highlighted_article(text: str, spans: list[Span]) -> str:
    """The article text as HTML, every span marked. Spans may overlap, so the text is cut at every
    span boundary and each piece is wrapped in one element per span covering it (in the order of
    `spans`, the first outermost): a record's elements, in order, hold exactly its quote."""
    cuts = sorted({0, len(text), *(span.start for span in spans), *(span.end for span in spans)})
    starting: dict[int, list[int]] = {}
    for index, span in enumerate(spans):
        starting.setdefault(span.start, []).append(index)
    active: set[int] = set()  # the spans covering the current piece, by their index in `spans`
    opened: set[tuple[str, str]] = set()
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        active.update(starting.get(start, ()))
        active = {index for index in active if spans[index].end >= end and spans[index].start <= start}
        html = _characters(text[start:end])
        for index in sorted(active, reverse=True):
            span = spans[index]
            key = (span.kind, span.record_id)
            anchor = "" if key in opened else f' id="{span.kind}-{escape(span.record_id)}"'
            opened.add(key)
            html = (f'<mark class="cited {span.kind}"{anchor} data-{span.kind}-id="{escape(span.record_id)}" '
                    f'title="{escape(span.label)}">{html}</mark>')
        pieces.append(html)
    return "".join(pieces)


def _spans_sql() -> str:
    """Every quoted passage of every source, ordered by source: evidence first (with the
    jurisdiction and provision of its claim), then each other quoted table in QUOTED_RESOURCES'
    order, each by its place in the article."""
    parts = ["SELECT e.source_id, 0 AS rank, 'evidence' AS kind, e.evidence_id AS record_id, e.quote_start, "
             "e.quote_end, p.jurisdiction_id, p.provision_id FROM evidence AS e JOIN provisions AS p USING (provision_id)"]
    others = [resource for resource in QUOTED_RESOURCES if resource.name != "evidence"]
    for rank, resource in enumerate(others, start=1):
        parts.append(f"SELECT source_id, {rank}, '{record_kind(resource)}', {resource.primary_key[0]}, quote_start, "
                     f"quote_end, NULL, NULL FROM {resource.name} WHERE quote_start IS NOT NULL")
    return " UNION ALL ".join(parts) + " ORDER BY source_id, rank, quote_start, record_id"


def _span(row: dict, claims_pages: dict[str, str]) -> Span:
    if row["kind"] == "evidence":
        return Span("evidence", row["record_id"], row["quote_start"], row["quote_end"],
                    f"../{claims_pages[row['jurisdiction_id']]}#provision-{row['provision_id']}",
                    f"evidence for {row['provision_id']}")
    return Span(row["kind"], row["record_id"], row["quote_start"], row["quote_end"],
                f"#{row['kind']}-{row['record_id']}", f"{row['kind']} {row['record_id']}")


def _source_page(source: dict, spans: list[Span], root: Path) -> str:
    from markupsafe import Markup

    text = (root / source["path"]).read_bytes().decode("utf-8")
    start, end = source["body_start"], source["body_end"]
    inside = [span for span in spans if start <= span.start and span.end <= end]
    outside = [span for span in spans if not (start <= span.start and span.end <= end)]
    body = highlighted_article(text[start:end], [Span(span.kind, span.record_id, span.start - start,
                                                      span.end - start, span.link, span.label)
                                                 for span in inside])
    return _render("source.html.j2", source=source, before=Markup(_characters(text[:start])), body=Markup(body),
                   after=Markup(_characters(text[end:])), cited=cited_passages(spans, outside), depth="../",
                   title=source["title"])


def cited_passages(spans: list[Span], outside: list[Span]):
    """The source page's list of its cited passages, an item per span: its passage and, for
    evidence, its claim. Made here rather than in the template's loop: a national corpus has
    hundreds of spans a page, and the loop was two thirds of the page's time."""
    from markupsafe import Markup, escape

    outside_keys = {(span.kind, span.record_id, span.start) for span in outside}
    items = []
    for span in spans:
        kind, record = escape(span.kind), escape(span.record_id)
        claim = f' · <a href="{escape(span.link)}">claim</a>' if span.kind == "evidence" else ""
        where = (' <span class="muted">(outside the article text)</span>'
                 if (span.kind, span.record_id, span.start) in outside_keys else "")
        items.append(f'  <li id="cited-{kind}-{record}">{kind} <code>{record}</code>: '
                     f'<a href="#{kind}-{record}">passage</a>{claim}{where}</li>\n')
    return Markup("".join(items))


# ----- jurisdiction pages -----

_JURISDICTION_RECORDS = {
    # Each view is ordered by jurisdiction first; within one, rows keep the order they are shown in.
    "timeline": "SELECT * FROM policy_timeline",
    "claims": "SELECT * FROM provision_claims",
    "evidence": """
        SELECT p.jurisdiction_id, e.*, s.title AS source_title FROM evidence AS e
        JOIN provisions AS p USING (provision_id) JOIN sources AS s ON s.source_id = e.source_id
        ORDER BY p.jurisdiction_id, e.evidence_id""",
    "statements": """
        SELECT sj.jurisdiction_id, s.* FROM statements AS s JOIN statement_jurisdictions AS sj
        USING (statement_id) ORDER BY sj.jurisdiction_id, s.statement_id""",
    "events": """
        SELECT ej.jurisdiction_id, e.*, ej.role AS jurisdiction_role FROM events AS e
        JOIN event_jurisdictions AS ej USING (event_id) ORDER BY ej.jurisdiction_id, e.occurred_on, e.event_id""",
    "disputes": "SELECT * FROM disputes",
}


def _jurisdiction_entry(jurisdiction: dict, dimensions: list[dict], own: dict[str, list[dict]]) -> dict:
    """What a jurisdiction's section shows: per dimension its timeline, claims (each with its
    quotes) and disputes; the statements and events that name it."""
    by_dimension = []
    for dimension in dimensions:
        name = dimension["dimension"]
        claims = [dict(claim) for claim in own["claims"] if claim["dimension"] == name]
        for claim in claims:
            claim["quotes"] = [row for row in own["evidence"] if row["provision_id"] == claim["provision_id"]]
        by_dimension.append({**dimension,
                             "timeline": [row for row in own["timeline"] if row["dimension"] == name],
                             "claims": claims,
                             "disputes": [row for row in own["disputes"] if row["dimension"] == name]})
    return {"jurisdiction": jurisdiction, "dimensions": by_dimension, "statements": own["statements"],
            "events": own["events"]}


# ----- the site -----

def _jurisdiction_ids(package_dir: Path) -> list[str]:
    import csv

    with (Path(package_dir) / "data" / "jurisdictions.csv").open(encoding="utf-8", newline="") as handle:
        return [row["jurisdiction_id"] for row in csv.DictReader(handle)]


def page_paths(package_dir: Path) -> list[str]:
    """The files the build writes into site/ for the package in `package_dir` (read from its
    tables, so a release lists them exactly and never ships a stray file)."""
    import csv

    with (Path(package_dir) / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        sources = [row["source_id"] for row in csv.DictReader(handle)]
    layout = Layout.of(_jurisdiction_ids(package_dir))
    index, *others = layout.pages()
    return [f"{SITE}/{index}", f"{SITE}/style.css", f"{SITE}/codebook.html", *(f"{SITE}/{page}" for page in others),
            *(f"{SITE}/sources/{name}.html" for name in sources)]


class _Writer:
    def __init__(self, target: Path):
        self.target = Path(target)
        self.written: list[str] = []

    def __call__(self, relative: str, html: str) -> None:
        path = f"{SITE}/{relative}"
        (self.target / path).parent.mkdir(parents=True, exist_ok=True)
        (self.target / path).write_bytes(html.encode("utf-8"))
        self.written.append(path)


def write_site(package_dir: Path, connection, target: Path, progress=lambda message: None) -> list[str]:
    """Write every page of the site for the package in `package_dir`, made through `connection`
    (its views), into `target`/site/; returns the paths written, relative to `target`."""
    package_dir = Path(package_dir)
    write = _Writer(target)
    layout = Layout.of(_jurisdiction_ids(package_dir))
    claims_pages = layout.pages_of_jurisdictions()
    dimensions = _rows(connection, "SELECT CAST(dimension AS VARCHAR) AS dimension, label, question, "
                                   "is_core FROM dimensions ORDER BY sort_order")
    sources = _rows(connection, "SELECT * FROM sources ORDER BY published_on, source_id")
    write("style.css", _render("style.css.j2"))
    write("codebook.html", _render("codebook.html.j2", dimensions=dimensions, depth="", title="Codebook",
                                   codebook=_rows(connection, "SELECT * FROM codebook ORDER BY dimension, level, position")))
    days = site_snapshots.as_of_days(connection)
    if layout.in_volumes:
        from .site_volumes import write_volumes

        progress(f"explorer: {len(claims_pages):,} jurisdictions in {len(layout.volumes):,} volumes")
        volumes = write_volumes(connection, layout, dimensions, days, _render, write, progress)
        counts = {(dimension, level): count for dimension, level, count in connection.execute(
            "SELECT CAST(dimension AS VARCHAR), level, count(*) FROM policy_cells GROUP BY ALL").fetchall()}
        write("index.html", _render("index_volumes.html.j2", jurisdiction_count=len(claims_pages), volumes=volumes,
                                    page_jurisdictions=PAGE_JURISDICTIONS, dimensions=dimensions, counts=counts,
                                    source_count=len(sources), depth="", title="Policy matrix"))
        write("sources.html", _render("sources_list.html.j2", sources=sources, depth="", title="Sources"))
    else:
        _write_one_volume(connection, layout, claims_pages, dimensions, days, sources, write)
    progress(f"explorer: {len(sources):,} source pages")
    _write_sources(connection, sources, claims_pages, package_dir, write, progress)
    return write.written


def _write_one_volume(connection, layout: Layout, claims_pages, dimensions, days, sources, write) -> None:
    """A package of one volume: the matrix on the index and a page per jurisdiction, plain HTML."""
    by_id = lambda row: row["jurisdiction_id"]  # noqa: E731
    records = {kind: Grouped(_streamed(connection, sql), by_id) for kind, sql in _JURISDICTION_RECORDS.items()}
    jurisdictions = _rows(connection, "SELECT * FROM jurisdictions ORDER BY jurisdiction_id")
    cells = {(row["jurisdiction_id"], row["dimension"]): row for row in _rows(connection, "SELECT * FROM policy_cells")}
    snapshots = site_snapshots.snapshots_json(days, site_snapshots.volume_changes(connection, days).get(1))
    write("index.html", _render(
        "index.html.j2", jurisdictions=jurisdictions, dimensions=dimensions, cells=cells, claims_pages=claims_pages,
        anchor_prefixes={jurisdiction: layout.anchor_prefix(jurisdiction) for jurisdiction in claims_pages}, snapshots=snapshots,
        first_day=days[0], sources=sources, depth="", title="Policy matrix"))
    for jurisdiction in jurisdictions:
        jurisdiction_id = jurisdiction["jurisdiction_id"]
        entry = _jurisdiction_entry(jurisdiction, dimensions,
                                    {kind: stream.take(jurisdiction_id) for kind, stream in records.items()})
        write(claims_pages[jurisdiction_id], _render("jurisdiction.html.j2", **entry, depth="../",
                                                     title=jurisdiction["name"]))
    for kind, stream in records.items():
        stream.finish(kind)


def _write_sources(connection, sources: list[dict], claims_pages, package_dir: Path, write, progress) -> None:
    spans = Grouped(_streamed(connection, _spans_sql()), lambda row: row["source_id"])
    for count, source in enumerate(sorted(sources, key=lambda source: source["source_id"]), start=1):
        own = [_span(row, claims_pages) for row in spans.take(source["source_id"])]
        write(f"sources/{source['source_id']}.html", _source_page(source, own, package_dir))
        if count % 1000 == 0:
            progress(f"explorer: {count:,} of {len(sources):,} source pages written")
    spans.finish("quoted passage")
