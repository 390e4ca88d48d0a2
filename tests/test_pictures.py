"""The pictures: docs/policy-matrix.svg and docs/denver-timeline.svg, drawn from the SQL views.

Elements carry SVG ids (matplotlib gids) such as `cell:denver-co:status_inquiry:not_proactive`, so
these tests read the pictures the way a reader would: which text sits in which cell, in which colour.
"""

import colorsys
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import matplotlib
import pytest

from immigration_cooperation import pictures
from immigration_cooperation.release import VERSION
from immigration_cooperation.sql import connect

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
MATRIX = "docs/policy-matrix.svg"
TIMELINE = "docs/denver-timeline.svg"


# ---------------------------------------------------------------------------------------------
# Reading the SVG.

class Picture:
    def __init__(self, data: bytes):
        self.data = data
        self.source = data.decode("utf-8")
        self.root = ET.fromstring(data)
        self.groups = {}
        for element in self.root.iter():
            if element.get("id") is not None:
                self.groups.setdefault(element.get("id"), []).append(element)

    def ids(self, prefix: str) -> list[str]:
        return sorted(gid for gid in self.groups if gid.startswith(prefix))

    def group(self, gid: str) -> ET.Element:
        assert len(self.groups.get(gid, [])) == 1, f"expected exactly one element with id {gid!r}"
        return self.groups[gid][0]

    def text(self, gid: str) -> str:
        """The words of a text group, its lines joined (a line broken after a hyphen rejoined)."""
        lines = [t.text or "" for t in self.group(gid).iter(f"{SVG}text")]
        return " ".join(lines).replace("- ", "-")

    def fill(self, gid: str) -> str:
        path = next(self.group(gid).iter(f"{SVG}path"))
        return re.search(r"fill: ([^;]+)", path.get("style")).group(1).strip()

    def x_extent(self, gid: str) -> tuple[float, float]:
        path = next(self.group(gid).iter(f"{SVG}path"))
        xs = [float(x) for x, _ in re.findall(r"([-\d.]+) ([-\d.]+)", path.get("d"))]
        return min(xs), max(xs)

    def texts(self) -> list[str]:
        return [t.text or "" for t in self.root.iter(f"{SVG}text")]


@pytest.fixture(scope="module")
def rendered():
    return pictures.render_pictures(ROOT)


@pytest.fixture(scope="module")
def matrix(rendered):
    return Picture(dict(rendered)[MATRIX])


@pytest.fixture(scope="module")
def timeline(rendered):
    return Picture(dict(rendered)[TIMELINE])


@pytest.fixture(scope="module")
def con():
    connection = connect(ROOT)
    yield connection
    connection.close()


def rows(con, sql, parameters=()):
    return con.execute(sql, list(parameters)).fetchall()


def digests(rendered):
    return {path: hashlib.sha256(data).hexdigest() for path, data in rendered}


# ---------------------------------------------------------------------------------------------
# The API and determinism.

def test_render_pictures_returns_each_picture_in_order_as_svg_bytes(rendered):
    assert [path for path, _ in rendered] == list(pictures.PICTURES) == [MATRIX, TIMELINE]
    for _, data in rendered:
        assert isinstance(data, bytes)
        assert data.startswith(b"<?xml") and b"<svg" in data and data.endswith(b"</svg>\n")


def test_rendering_twice_gives_identical_bytes(rendered):
    assert pictures.render_pictures(ROOT) == rendered


def test_rendering_ignores_the_callers_matplotlib_settings(rendered):
    with matplotlib.rc_context({"font.family": "serif", "font.size": 20, "svg.hashsalt": None,
                                "svg.fonttype": "path", "hatch.linewidth": 3.0,
                                "axes.facecolor": "black", "text.color": "red"}):
        assert pictures.render_pictures(ROOT) == rendered


RENDER_IN_SUBPROCESS = """
import hashlib, json, locale, sys, time
from pathlib import Path
locale.setlocale(locale.LC_ALL, "")  # take LC_ALL from the environment for real
time.tzset()
from immigration_cooperation.pictures import render_pictures
print(json.dumps({path: hashlib.sha256(data).hexdigest()
                  for path, data in render_pictures(Path(sys.argv[1]))}))
"""


@pytest.mark.parametrize("hash_seed, locale_name, time_zone", [
    ("0", "C.UTF-8", "UTC"),
    ("4242", "tr_TR.UTF-8", "Asia/Kathmandu"),
], ids=["C.UTF-8-UTC", "Turkish-locale-Kathmandu"])
def test_rendering_in_a_fresh_process_with_other_hash_seed_locale_and_time_zone_gives_identical_bytes(
        rendered, tmp_path, hash_seed, locale_name, time_zone, turkish_locale):
    environment = dict(os.environ)
    if locale_name == "tr_TR.UTF-8":
        environment.update(turkish_locale)
    else:
        environment.update({"LC_ALL": locale_name, "LANG": locale_name})
    environment.update({
        "PYTHONHASHSEED": hash_seed, "TZ": time_zone,
        "MPLCONFIGDIR": str(tmp_path / "mplconfig"),  # a fresh font cache
        "SOURCE_DATE_EPOCH": "1700000000",  # would set the SVG date if one were written
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), environment.get("PYTHONPATH", "")]),
    })
    result = subprocess.run([sys.executable, "-c", RENDER_IN_SUBPROCESS, str(ROOT)], cwd=tmp_path,
                            env=environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == digests(rendered)


def test_the_svgs_carry_no_date_and_no_matplotlib_version(rendered):
    for _, data in rendered:
        text = data.decode("utf-8")
        assert "<dc:date>" not in text
        assert "Matplotlib v" not in text and matplotlib.__version__ not in text
        assert f"us-local-immigration-enforcement-cooperation {VERSION}" in text


def test_every_svg_id_is_unique(matrix, timeline):
    for picture in (matrix, timeline):
        duplicates = [gid for gid, elements in picture.groups.items() if len(elements) > 1]
        assert duplicates == []


def test_text_stays_text_in_dejavu_sans_with_no_embedded_glyphs(matrix, timeline):
    for picture in (matrix, timeline):
        assert "'DejaVu Sans', sans-serif" in picture.source
        assert "<use xlink:href=\"#DejaVu" not in picture.source and 'id="DejaVuSans' not in picture.source


def test_svgs_have_the_fixed_size_and_are_small(rendered):
    figures = {MATRIX: pictures.matrix_figure(ROOT), TIMELINE: pictures.denver_timeline_figure(ROOT)}
    for path, data in rendered:
        root = ET.fromstring(data)
        width, height = (round(float(v) * 72, 6) for v in figures[path].get_size_inches())
        assert root.get("width") == f"{width:g}pt" and root.get("height") == f"{height:g}pt"
        assert root.get("viewBox") == f"0 0 {width:g} {height:g}"
        assert root.get("width") == "720pt"  # 10 inches wide, both pictures
        assert len(data) < 300_000
    # heights follow from 17 jurisdictions and 6 dimensions
    assert ET.fromstring(dict(rendered)[MATRIX]).get("height") == "963pt"
    assert ET.fromstring(dict(rendered)[TIMELINE]).get("height") == "532pt"


# ---------------------------------------------------------------------------------------------
# The matrix.

def test_matrix_names_every_jurisdiction_by_its_display_name(matrix, con):
    jurisdictions = rows(con, "SELECT jurisdiction_id, name FROM jurisdictions ORDER BY jurisdiction_id")
    assert len(jurisdictions) == 17
    assert matrix.ids("row:") == sorted(f"row:{jid}" for jid, _ in jurisdictions)
    for jurisdiction_id, name in jurisdictions:
        assert matrix.text(f"row:{jurisdiction_id}") == name
        assert f">{name}</text>" in matrix.source


def test_matrix_heads_every_column_with_its_dimension_label_in_sort_order(matrix, con):
    dimensions = rows(con, "SELECT CAST(dimension AS VARCHAR), label FROM dimensions ORDER BY sort_order")
    assert len(dimensions) == 6
    for dimension, label in dimensions:
        assert matrix.text(f"column:{dimension}") == label
    centres = [sum(matrix.x_extent(f"cell:denver-co:{d}:{p}")) / 2 for d, p in rows(con, """
        SELECT CAST(d.dimension AS VARCHAR), coalesce(CAST(t.position AS VARCHAR), 'not_addressed')
        FROM dimensions AS d
        LEFT JOIN policy_as_of(DATE '9999-12-31') AS t
               ON t.dimension = d.dimension AND t.jurisdiction_id = 'denver-co'
        ORDER BY d.sort_order""")]
    assert centres == sorted(centres)


def test_matrix_has_one_cell_for_every_jurisdiction_and_dimension_in_coverage(matrix, con):
    coverage = rows(con, "SELECT jurisdiction_id, CAST(dimension AS VARCHAR) FROM coverage")
    cells = [gid.split(":")[1:3] for gid in matrix.ids("cell:")]
    assert len(cells) == len(coverage) == 17 * 6
    assert sorted(map(tuple, cells)) == sorted(coverage)


def test_not_addressed_cells_are_exactly_the_cells_coverage_finds_uncoded(matrix, con):
    uncoded = set(rows(con, "SELECT jurisdiction_id, CAST(dimension AS VARCHAR) FROM coverage "
                            "WHERE status = 'not_addressed'"))
    drawn = {tuple(gid.split(":")[1:3]) for gid in matrix.ids("cell:") if gid.endswith(":not_addressed")}
    assert drawn == uncoded
    assert len(uncoded) == 93  # of 102: only 9 cells are coded, 6 of them Denver's
    # every one says so in words; the one more "not addressed" is the legend's swatch
    assert matrix.texts().count("not addressed") == len(uncoded) + 1
    for jurisdiction_id, dimension in uncoded:
        assert matrix.text(f"cell-label:{jurisdiction_id}:{dimension}") == "not addressed"


def test_jurisdictions_with_nothing_coded_still_have_a_full_row(matrix, con):
    empty = [jid for (jid,) in rows(con, "SELECT jurisdiction_id FROM coverage GROUP BY jurisdiction_id "
                                         "HAVING count(*) FILTER (WHERE status = 'coded') = 0 ORDER BY 1")]
    assert "arizona" in empty and "united-states" in empty and len(empty) == 13
    for jurisdiction_id in empty:
        assert len(matrix.ids(f"cell:{jurisdiction_id}:")) == 6


def test_every_cell_shows_the_latest_position_from_policy_matrix(matrix, con):
    dimensions = [d for (d,) in rows(con, "SELECT CAST(dimension AS VARCHAR) FROM dimensions")]
    labels = {(d, p): label for d, p, label in rows(
        con, "SELECT CAST(dimension AS VARCHAR), CAST(position AS VARCHAR), label FROM codebook")}
    for record in con.execute("SELECT * FROM policy_matrix").df().to_dict("records"):
        for dimension in dimensions:
            position = record[dimension]
            gid = f"cell:{record['jurisdiction_id']}:{dimension}:{position}"
            assert gid in matrix.groups
            expected = "not addressed" if position == "not_addressed" else labels[(dimension, position)]
            assert matrix.text(f"cell-label:{record['jurisdiction_id']}:{dimension}") == expected


def test_denvers_latest_status_inquiry_position_is_not_proactive_and_the_matrix_shows_it(matrix, con):
    (latest,) = con.execute("SELECT status_inquiry FROM policy_matrix "
                            "WHERE jurisdiction_id = 'denver-co'").fetchone()
    assert latest == "not_proactive"
    assert matrix.ids("cell:denver-co:status_inquiry:") == [f"cell:denver-co:status_inquiry:{latest}"]
    assert matrix.text("cell-label:denver-co:status_inquiry") == "Not asked proactively"
    assert matrix.fill(f"cell:denver-co:status_inquiry:{latest}") == pictures.LEVEL_FILL[2]


def test_coded_cells_are_coloured_by_the_level_the_views_give(matrix, con):
    coded = rows(con, "SELECT jurisdiction_id, CAST(dimension AS VARCHAR), CAST(position AS VARCHAR), "
                      "level FROM policy_as_of(DATE '9999-12-31')")
    assert len(coded) == 9
    for jurisdiction_id, dimension, position, level in coded:
        assert matrix.fill(f"cell:{jurisdiction_id}:{dimension}:{position}") == pictures.LEVEL_FILL[level]


def test_not_addressed_is_drawn_hatched_unlike_any_level_including_zero(matrix):
    not_addressed = [gid for gid in matrix.ids("cell:") if gid.endswith(":not_addressed")]
    fills = {matrix.fill(gid) for gid in not_addressed}
    assert len(fills) == 1
    (fill,) = fills
    assert fill.startswith("url(#") and fill not in pictures.LEVEL_FILL
    pattern = matrix.group(fill[len("url(#"):-1])
    assert pattern.tag == f"{SVG}pattern"
    background = next(pattern.iter(f"{SVG}rect")).get("fill")
    assert background == pictures.NOT_ADDRESSED_FILL and background not in pictures.LEVEL_FILL
    assert matrix.fill("legend:not_addressed") == fill
    assert matrix.fill("key:detainer_handling:honors_all") == pictures.LEVEL_FILL[0] != fill


def test_levels_are_shades_of_one_blue_darker_for_more_limits():
    hues, lightness = [], []
    for colour in pictures.LEVEL_FILL:
        red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
        hue, light, _ = colorsys.rgb_to_hls(red, green, blue)
        hues.append(hue)
        lightness.append(light)
    assert all(0.55 <= hue <= 0.62 for hue in hues)  # blue, no red/green judgement
    assert lightness == sorted(lightness, reverse=True) and len(set(lightness)) == 4


def test_matrix_legend_gives_every_level_its_meaning_and_every_position_its_label(matrix, con):
    for level in range(4):
        assert matrix.text(f"legend-level:{level}") == f"Level {level}"
        assert matrix.text(f"legend-meaning:{level}") == pictures.LEVEL_MEANING[level]
    assert pictures.LEVEL_MEANING[0] == "fullest cooperation with ICE"
    assert pictures.LEVEL_MEANING[3] == "no cooperation in this dimension"
    codebook = rows(con, "SELECT CAST(dimension AS VARCHAR), CAST(position AS VARCHAR), level, label "
                         "FROM codebook")
    assert len(codebook) == 24
    for dimension, position, level, label in codebook:
        assert matrix.text(f"key-label:{dimension}:{position}") == label
        assert matrix.fill(f"key:{dimension}:{position}") == pictures.LEVEL_FILL[level]
    assert "higher = more limits on cooperation" in matrix.text("key-note")
    assert matrix.text("legend-meaning:not_addressed") == \
        "not addressed = no source addresses this; not zero"


def test_matrix_has_a_title_and_a_caption_naming_the_as_of_basis_and_package_version(matrix):
    assert matrix.text("title").startswith("Local cooperation with federal immigration enforcement")
    caption = matrix.text("footnote")
    assert "latest position of record" in caption and "policy_matrix" in caption
    assert f"version {VERSION}" in caption


def test_matrix_marks_the_cells_the_disputes_view_lists(matrix, con):
    disputed = rows(con, "SELECT DISTINCT jurisdiction_id, CAST(dimension AS VARCHAR) FROM disputes "
                         "ORDER BY 1, 2")
    assert disputed == [("denver-co", "information_sharing"), ("denver-co", "status_inquiry")]
    assert matrix.ids("disputed:") == [f"disputed:{j}:{d}" for j, d in disputed]


# ---------------------------------------------------------------------------------------------
# Denver's timeline.

def denver_rows(con):
    return rows(con, """
        SELECT CAST(dimension AS VARCHAR), CAST(position AS VARCHAR), level, valid_from, valid_to
        FROM policy_timeline WHERE jurisdiction_id = 'denver-co' ORDER BY 1, 4""")


def test_timeline_has_one_bar_per_denver_row_of_policy_timeline(timeline, con):
    expected = sorted(f"bar:denver-co:{d}:{start.isoformat()}:{p}" for d, p, _, start, _ in denver_rows(con))
    assert len(expected) == 8  # six dimensions, two of which changed in 2025
    assert timeline.ids("bar:") == expected


def test_timeline_bars_carry_their_position_labels_and_level_colours(timeline, con):
    labels = {(d, p): label for d, p, label in rows(
        con, "SELECT CAST(dimension AS VARCHAR), CAST(position AS VARCHAR), label FROM codebook")}
    for dimension, position, level, start, _ in denver_rows(con):
        key = f"denver-co:{dimension}:{start.isoformat()}"
        assert timeline.text(f"bar-label:{key}").startswith(labels[(dimension, position)] + " \u00b7 ")
        assert timeline.text(f"bar-level:{key}") == str(level)
        assert timeline.fill(f"bar:{key}:{position}") == pictures.LEVEL_FILL[level]
    assert timeline.text("bar-label:denver-co:status_inquiry:2017-01-01") == "Prohibited \u00b7 2017 to 2025"
    assert timeline.text("bar-label:denver-co:enforcement_participation:2016-11-15") == \
        "Declines participation \u00b7 15 Nov 2016 to 2025"


def test_timeline_x_axis_runs_from_2016_through_2025(timeline, con):
    assert [timeline.text(gid) for gid in timeline.ids("year:")] == [str(y) for y in range(2016, 2026)]
    assert pictures.TIMELINE_START == date(2016, 1, 1) and pictures.TIMELINE_END == date(2026, 1, 1)
    left, _ = timeline.x_extent("gridline:2016-01-01")
    right, _ = timeline.x_extent("gridline:2026-01-01")
    assert timeline.x_extent("x-axis") == (left, right)
    gridlines = {int(gid[len("gridline:"):][:4]): timeline.x_extent(gid)[0]
                 for gid in timeline.ids("gridline:")}
    assert sorted(gridlines) == list(range(2016, 2027))
    for dimension, position, _, start, end in denver_rows(con):
        x0, x1 = timeline.x_extent(f"bar:denver-co:{dimension}:{start.isoformat()}:{position}")
        assert left <= x0 < x1 <= right
        if start.month == 1 and start.day == 1:
            assert x0 == pytest.approx(gridlines[start.year], abs=0.01)
        if end is None:  # still in force: runs to the right edge, the end of 2025
            assert x1 == pytest.approx(right, abs=0.01)
        else:
            assert x1 == pytest.approx(gridlines[end.year], abs=0.01)
    assert "Year" in timeline.text("x-axis-label")


def test_timeline_has_a_lane_for_every_dimension_and_no_empty_lane_while_denver_has_all_coded(timeline, con):
    dimensions = [d for (d,) in rows(con, "SELECT CAST(dimension AS VARCHAR) FROM dimensions")]
    for dimension, label in rows(con, "SELECT CAST(dimension AS VARCHAR), label FROM dimensions"):
        assert timeline.text(f"lane:{dimension}") == label
    uncoded = rows(con, "SELECT CAST(dimension AS VARCHAR) FROM coverage "
                        "WHERE jurisdiction_id = 'denver-co' AND status = 'not_addressed'")
    assert uncoded == [] and len(dimensions) == 6
    assert timeline.ids("lane-empty") == []


def test_a_dimension_denver_never_had_coded_is_an_empty_lane_labelled_not_addressed(tmp_path):
    package = tmp_path / "package"
    shutil.copytree(ROOT / "data", package / "data")
    shutil.copytree(ROOT / "sql", package / "sql")
    provisions = package / "data" / "provisions.csv"
    with provisions.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        kept = [row for row in reader
                if not (row[header.index("jurisdiction_id")] == "denver-co"
                        and row[header.index("dimension")] == "information_sharing")]
    with provisions.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *kept])

    working_directory = os.getcwd()
    os.chdir(ROOT)  # the committed package in the working directory must not leak in
    try:
        timeline = Picture(pictures.denver_timeline_svg(package))
        matrix = Picture(pictures.matrix_svg(package))
    finally:
        os.chdir(working_directory)
    assert timeline.ids("lane-empty") == ["lane-empty-label:denver-co:information_sharing",
                                          "lane-empty:denver-co:information_sharing"]
    assert timeline.text("lane-empty-label:denver-co:information_sharing") == "not addressed"
    assert timeline.fill("lane-empty:denver-co:information_sharing").startswith("url(#")
    assert timeline.ids("bar:denver-co:information_sharing:") == []
    assert "cell:denver-co:information_sharing:not_addressed" in matrix.groups


def test_timeline_has_a_title_legend_and_caption(timeline):
    assert timeline.text("title") == "Denver's coded positions on cooperation with ICE, 2016\u20132025"
    for level in range(4):
        assert timeline.text(f"legend-meaning:{level}") == f"{level} = {pictures.LEVEL_MEANING[level]}"
        assert timeline.fill(f"legend:{level}") == pictures.LEVEL_FILL[level]
    assert timeline.text("legend-meaning:not_addressed").startswith(
        "not addressed = no source addresses this; not zero")
    caption = timeline.text("footnote")
    assert "policy_timeline" in caption and f"version {VERSION}" in caption


def test_timeline_marks_the_bars_whose_period_the_disputes_view_lists(timeline):
    assert timeline.ids("disputed:") == ["disputed:denver-co:information_sharing:2018-01-25",
                                         "disputed:denver-co:status_inquiry:2025-01-01"]


def test_the_committed_pictures_in_docs_are_what_the_build_draws_now_and_the_readme_shows_them(rendered):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path, data in rendered:
        assert (ROOT / path).read_bytes() == data, f"{path} is stale: run `make build`"
        assert f"]({path})" in readme, f"README does not show {path}"
