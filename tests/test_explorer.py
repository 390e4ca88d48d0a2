"""The evidence explorer in site/: every highlighted passage is its record's quote, every cell
leads to its claim and its words, and the as-of matrix says what the SQL says.

These read the committed pages as HTML (tests/site_reading.py); what a real browser does with
them (clicks, the as-of control's script) is for a browser test.
"""

from __future__ import annotations

import csv
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pytest

from immigration_cooperation.explorer import SITE, record_kind
from immigration_cooperation.site_snapshots import snapshot_for
from immigration_cooperation.schema import QUOTED_RESOURCES

from site_reading import embedded_snapshots, read_page, sql_cells

ROOT = Path(__file__).resolve().parents[1]
SITE_DIR = ROOT / SITE
# Every table whose rows quote an article, with its key and the attribute its marks carry.
QUOTED = {resource.name: resource.primary_key[0] for resource in QUOTED_RESOURCES}
ATTRIBUTE = {resource.name: f"data-{record_kind(resource)}-id" for resource in QUOTED_RESOURCES}


def rows(table):
    with (ROOT / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def page(relative):
    return read_page((SITE_DIR / relative).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    connection.execute((ROOT / "sql" / "views.sql").read_text(encoding="utf-8")
                       .replace("read_csv('data/", f"read_csv('{(ROOT / 'data').as_posix()}/"))
    return connection


@pytest.mark.parametrize("source", rows("sources"), ids=lambda source: source["source_id"])
def test_a_source_page_holds_the_file_text_exactly_and_marks_each_quote_as_it_is(source):
    shown = page(f"sources/{source['source_id']}.html")
    text = (ROOT / source["path"]).read_bytes().decode("utf-8")
    start, end = int(source["body_start"]), int(source["body_end"])
    assert shown.parts["before"] == text[:start] and shown.parts["after"] == text[end:]
    assert shown.parts["body"] == text[start:end]
    for table, key in QUOTED.items():
        for row in rows(table):
            if row["source_id"] == source["source_id"] and row.get("quote"):
                assert shown.marked[(ATTRIBUTE[table], row[key])] == row["quote"], (table, row[key])


def test_a_highlight_one_character_off_would_be_caught():
    # The check above compares marked text with the quote: shift a span by one and it differs.
    from immigration_cooperation.explorer import Span, highlighted_article

    text = "The city will not honor detainers."
    right = read_page(highlighted_article(text, [Span("evidence", "e1", 4, 8, None, "")]))
    shifted = read_page(highlighted_article(text, [Span("evidence", "e1", 5, 9, None, "")]))
    assert right.marked[("data-evidence-id", "e1")] == "city"
    assert shifted.marked[("data-evidence-id", "e1")] != "city"


def test_overlapping_quotes_each_keep_their_whole_text():
    from immigration_cooperation.explorer import Span, highlighted_article

    text = "Denver does not violate section 1373 and complies with all federal laws"
    spans = [Span("statement", "s1", 0, 36, None, ""), Span("instrument", "i1", 16, 71, None, ""),
             Span("evidence", "e1", 0, 71, None, "")]
    shown = read_page(highlighted_article(text, spans))
    assert shown.marked[("data-statement-id", "s1")] == text[0:36]
    assert shown.marked[("data-instrument-id", "i1")] == text[16:71]
    assert shown.marked[("data-evidence-id", "e1")] == text
    assert re.sub(r"<[^>]+>", "", highlighted_article(text, spans)) == text


def test_denvers_status_inquiry_cell_reaches_its_quote_in_two_links():
    matrix = page("index.html")
    cell = matrix.cells[("denver-co", "status_inquiry")]
    assert cell["text"].split()[0] == "prohibited" and "level-3" in cell["class"]
    claim_page, claim_anchor = cell["href"].split("#")
    claims = page(claim_page)
    assert claim_anchor in claims.ids
    quote = next(row for row in rows("evidence") if row["provision_id"] == claim_anchor.removeprefix("provision-"))
    link = next(href for href in claims.links if href.endswith(f"#evidence-{quote['evidence_id']}"))
    source_page, anchor = link.split("#")
    article = page(Path(claim_page).parent / source_page)
    assert anchor in article.ids
    assert article.marked[("data-evidence-id", quote["evidence_id"])] == quote["quote"]


def test_a_cell_no_source_speaks_to_is_marked_not_addressed(con):
    silent = con.execute("SELECT jurisdiction_id, CAST(dimension AS VARCHAR) FROM policy_cells "
                         "WHERE position = 'not_addressed'").fetchall()
    cells = page("index.html").cells
    assert silent and all("not-addressed" in cells[key]["class"] and cells[key]["text"].split()[0] == "not_addressed"
                          for key in silent)
    assert all("not-addressed" not in cell["class"] for key, cell in cells.items() if key not in set(silent))


def _embedded_snapshots():
    return embedded_snapshots((SITE_DIR / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("day", ["2016-11-30", "2017-03-01", "2018-01-25", "2025-06-01", "1900-01-01"])
def test_the_as_of_data_gives_every_cell_the_sql_gives_for_that_day(con, day):
    # The page starts from its latest cells (policy_cells) and applies the embedded changes.
    shown = snapshot_for(_embedded_snapshots(), sql_cells(con, "policy_cells"), day)
    assert shown == sql_cells(con, "policy_cells_as_of(CAST(? AS DATE))", [day])


def test_every_day_an_answer_can_change_on_is_embedded_with_the_sqls_cells(con):
    snapshots = _embedded_snapshots()
    latest = sql_cells(con, "policy_cells")
    for day in snapshots["days"]:
        assert snapshot_for(snapshots, latest, day) == sql_cells(con, "policy_cells_as_of(CAST(? AS DATE))", [day]), day


def test_every_link_stays_inside_the_site_and_every_anchor_exists():
    pages = {path.relative_to(SITE_DIR).as_posix(): read_page(path.read_text(encoding="utf-8"))
             for path in SITE_DIR.rglob("*.html")}
    broken, checked = [], []
    for name, shown in pages.items():
        # The one style sheet is the site's own; no script, image or font is fetched.
        assert shown.sources == [posixpath.relpath("style.css", posixpath.dirname(name) or ".")], name
        for href in shown.links:
            parts = urlsplit(href)
            assert not parts.scheme and not parts.netloc, (name, href)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), parts.path)) if parts.path else name
            checked.append(href)
            if target not in pages or (parts.fragment and parts.fragment not in pages[target].ids):
                broken.append((name, href))
    assert broken == []
    # Every matrix cell, claim, quote and passage link was among them.
    assert len(checked) > len(rows("evidence")) * 3


def test_every_jurisdiction_and_source_has_its_page():
    assert {path.stem for path in (SITE_DIR / "jurisdictions").glob("*.html")} == \
        {row["jurisdiction_id"] for row in rows("jurisdictions")}
    assert {path.stem for path in (SITE_DIR / "sources").glob("*.html")} == \
        {row["source_id"] for row in rows("sources")}


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(hex_colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
    red, green, blue = (part / 12.92 if part <= 0.04045 else ((part + 0.055) / 1.055) ** 2.4 for part in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_text_on_every_cell_fill_and_on_the_hatch_lines_has_at_least_4_5_to_1_contrast():
    # The browser's axe run measures what it can; these are the cells' own pairs, including the
    # "not addressed" ink over both colours of its hatch, which axe cannot measure (a gradient).
    from immigration_cooperation import palette

    pairs = {f"level {level}": (ink, fill)
             for level, (fill, ink) in enumerate(zip(palette.LEVEL_FILL, palette.LEVEL_INK))}
    pairs["not addressed, between the hatch lines"] = (palette.NOT_ADDRESSED_INK, palette.NOT_ADDRESSED_FILL)
    pairs["not addressed, over a hatch line"] = (palette.NOT_ADDRESSED_INK, palette.NOT_ADDRESSED_HATCH)
    too_faint = {name: round(contrast(*pair), 2) for name, pair in pairs.items() if contrast(*pair) < 4.5}
    assert too_faint == {}


def test_the_readme_shows_both_screenshots_and_they_show_the_explorer_as_built_now():
    from immigration_cooperation.explorer_screenshots import SCREENSHOTS, stale

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [screenshot.path for screenshot in SCREENSHOTS if f"]({screenshot.path})" not in readme] == []
    assert stale(ROOT) == [], "retake them with `make screenshot`, look at them, and commit them"


def test_a_screenshot_taken_before_the_style_sheet_changed_is_called_out_of_date(tmp_path):
    from immigration_cooperation.explorer_screenshots import SCREENSHOTS, pages, stale

    for name in ["data/evidence.csv", f"{SITE}/index.html", f"{SITE}/style.css",
                 *(f"{SITE}/{page.partition('#')[0]}" for page in pages(ROOT).values()),
                 *(screenshot.path for screenshot in SCREENSHOTS)]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    assert stale(tmp_path) == []
    with (tmp_path / SITE / "style.css").open("a", encoding="utf-8") as handle:
        handle.write("mark.cited { background: #ffff00; }\n")
    assert stale(tmp_path) == [f"{screenshot.path} was taken before {SITE}/style.css changed"
                               for screenshot in SCREENSHOTS]
    (tmp_path / SCREENSHOTS[0].path).unlink()
    assert stale(tmp_path)[0] == f"{SCREENSHOTS[0].path} is missing"
