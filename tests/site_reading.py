"""Reading the explorer's pages as a browser's DOM would hold them (text per marked record,
links, scripts), with the standard library's HTML parser."""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser

RECORD_ATTRIBUTES = ("data-evidence-id", "data-statement-id", "data-event-id", "data-instrument-id",
                     "data-actor-id")


class PageReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.marked: dict[tuple[str, str], str] = defaultdict(str)  # (attribute, id) -> text in order
        self.parts: dict[str, str] = defaultdict(str)  # data-part -> text
        self.links: list[str] = []
        self.sources: list[str] = []  # src= of anything
        self.ids: set[str] = set()
        self.cells: dict[tuple[str, str], dict] = {}
        self._cell: tuple[str, str] | None = None
        self._cell_text = ""

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
            if self._cell is not None:
                self.cells[self._cell]["href"] = attributes["href"]
        for name in ("src",):
            if name in attributes:
                self.sources.append(attributes[name])
        if tag == "link" and "href" in attributes:
            self.sources.append(attributes["href"])
        if tag == "td" and "data-jurisdiction" in attributes:
            self._cell = (attributes["data-jurisdiction"], attributes["data-dimension"])
            self.cells[self._cell] = {"class": attributes.get("class", ""), "text": ""}
        if tag not in ("br", "meta", "input", "link", "img"):
            self.stack.append((tag, attributes))

    def handle_endtag(self, tag):
        while self.stack:
            opened, _ = self.stack.pop()
            if opened == tag:
                break
        if tag == "td":
            self._cell = None

    def handle_data(self, data):
        for _, attributes in self.stack:
            for name in RECORD_ATTRIBUTES:
                if name in attributes:
                    self.marked[(name, attributes[name])] += data
            if "data-part" in attributes:
                self.parts[attributes["data-part"]] += data
        if self._cell is not None:
            self.cells[self._cell]["text"] += data


def read_page(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return reader


def sql_cells(con, relation: str, parameters=()) -> dict[str, dict[str, dict]]:
    """{jurisdiction: {dimension: {column: value}}} of a policy_cells-like relation, in the form
    the explorer embeds (site_snapshots.CELL_COLUMNS, dates as ISO text)."""
    from immigration_cooperation.site_snapshots import CELL_COLUMNS

    cells: dict[str, dict[str, dict]] = {}
    for jurisdiction, dimension, *values in con.execute(
            f"SELECT jurisdiction_id, CAST(dimension AS VARCHAR), {', '.join(CELL_COLUMNS)} FROM {relation}",
            list(parameters)).fetchall():
        cells.setdefault(jurisdiction, {})[dimension] = {
            name: value.isoformat() if hasattr(value, "isoformat") else value for name, value in zip(CELL_COLUMNS, values)}
    return cells


def embedded_snapshots(html: str) -> dict:
    """The as-of data a matrix page embeds."""
    import json
    import re

    payload = re.search(r'<script id="snapshots" type="application/json">(.*?)</script>', html, re.S).group(1)
    return json.loads(payload.replace("<\\/", "</"))
