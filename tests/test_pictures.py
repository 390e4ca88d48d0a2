"""The pictures: docs/policy-matrix.svg and docs/timeline.svg (Denver's), drawn from the SQL views.

Elements carry SVG ids (matplotlib gids) such as `cell:denver-co:status_inquiry:prohibited` or
`bar:denver-co:status_inquiry:denver-co-status-inquiry-2017`, so these tests read the pictures the
way a reader would: which text sits in which cell, in which colour, across which span of the axis.
Expectations come from the views, so a curator adding a source does not break them; the article
cases are named where the picture must show a rule.
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
from immigration_cooperation.pictures.drawing import text_width
from immigration_cooperation.pictures.timeline import BAR_HEIGHT
from immigration_cooperation.pictures.wording import bounds_text, last_years, since_years
from immigration_cooperation.release import VERSION
from immigration_cooperation.sql import connect

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
MATRIX = "docs/policy-matrix.svg"
TIMELINE = "docs/timeline.svg"
DAGGER = "\u2020"


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

    def points(self, gid: str) -> list[tuple[float, float]]:
        """Every (x, y) of every path in the group (y grows downwards, in points)."""
        return [(float(x), float(y)) for path in self.group(gid).iter(f"{SVG}path")
                for x, y in re.findall(r"([-\d.]+) ([-\d.]+)", path.get("d"))]

    def x_extent(self, gid: str) -> tuple[float, float]:
        """Leftmost and rightmost x of every path in the group."""
        xs = [x for x, _ in self.points(gid)]
        return min(xs), max(xs)

    def y_extent(self, gid: str) -> tuple[float, float]:
        """Top and bottom y of every path in the group."""
        ys = [y for _, y in self.points(gid)]
        return min(ys), max(ys)

    def paths(self, gid: str) -> list[ET.Element]:
        return list(self.group(gid).iter(f"{SVG}path"))

    def lines(self, gid: str) -> list[str]:
        """The lines of a text group, as drawn."""
        return [t.text or "" for t in self.group(gid).iter(f"{SVG}text")]

    def line_boxes(self, gid: str) -> list[tuple[float, float, float, float]]:
        """(x0, x1, top, bottom) of each line of a text group: its measured width placed by its
        anchor, from the ascender (0.76 em above the baseline) to the descender (0.24 em below)."""
        boxes = []
        for element in self.group(gid).iter(f"{SVG}text"):
            style = element.get("style")
            size = float(re.search(r"font-size: ([\d.]+)px", style).group(1))
            weight = "bold" if "font-weight: 700" in style else "normal"
            width = text_width(element.text or "", size, weight)
            x, y = float(element.get("x")), float(element.get("y"))
            anchor = re.search(r"text-anchor: (\w+)", style).group(1)
            x0 = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            boxes.append((x0, x0 + width, y - 0.76 * size, y + 0.24 * size))
        return boxes

    def text_box(self, gid: str) -> tuple[float, float, float]:
        """(x0, x1, baseline y) of a one-line, left-anchored text group at its measured width."""
        (element,) = self.group(gid).iter(f"{SVG}text")
        size = float(re.search(r"font-size: ([\d.]+)px", element.get("style")).group(1))
        weight = "bold" if "font-weight: 700" in element.get("style") else "normal"
        assert "text-anchor: start" in element.get("style")
        x = float(element.get("x"))
        return x, x + text_width(element.text, size, weight), float(element.get("y"))

    def texts(self) -> list[str]:
        return [t.text or "" for t in self.root.iter(f"{SVG}text")]


class Axis:
    """The timeline's day -> x mapping, read off its gridlines at 1 January."""

    def __init__(self, picture: Picture):
        self.gridlines = {int(gid[len("gridline:"):][:4]): picture.x_extent(gid)[0]
                          for gid in picture.ids("gridline:")}
        self.first, self.last = min(self.gridlines), max(self.gridlines) - 1
        self.left, self.right = self.gridlines[self.first], self.gridlines[self.last + 1]

    def x(self, day: date) -> float:
        start, end = date(self.first, 1, 1), date(self.last + 1, 1, 1)
        return self.left + (self.right - self.left) * (day - start).days / (end - start).days


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
def axis(timeline):
    return Axis(timeline)


@pytest.fixture(scope="module")
def con():
    connection = connect(ROOT)
    yield connection
    connection.close()


def rows(con, sql, parameters=()):
    return con.execute(sql, list(parameters)).fetchall()


def records(con, jurisdiction_id="denver-co"):
    """Denver's positions of record (policy_timeline) as dicts."""
    return con.execute("SELECT * FROM policy_timeline WHERE jurisdiction_id = ? "
                       "ORDER BY dimension, valid_from", [jurisdiction_id]).df().to_dict("records")


def claims(con, jurisdiction_id="denver-co"):
    return con.execute("SELECT * FROM provision_claims WHERE jurisdiction_id = ? "
                       "ORDER BY dimension, claim_order", [jurisdiction_id]).df().to_dict("records")


def day(value):
    """A date from a pandas timestamp, or None for a missing one."""
    return None if value is None or value != value else value.date()


def words(text):
    """Words in order, whatever the line breaks and the separating dots."""
    return text.replace("\u00b7", " ").split()


def year_span(first, last):
    return str(first) if first == last else (
        f"{first}\u2013{last % 100:02d}" if first // 100 == last // 100 else f"{first}\u2013{last}")


def years_said(word, earliest, latest):
    """'last 2025', 'last 2016\u201317', 'last 2017 or earlier' (said on or before), 'last none yet'."""
    if latest is None:
        return f"{word} none yet"
    if earliest is None:
        return f"{word} {latest.year} or earlier"
    return f"{word} {year_span(earliest.year, latest.year)}"


def labels(con):
    return {(d, p): label for d, p, label in rows(
        con, "SELECT CAST(dimension AS VARCHAR), CAST(position AS VARCHAR), label FROM codebook")}


def digests(rendered):
    return {path: hashlib.sha256(data).hexdigest() for path, data in rendered}


def package_copy(tmp_path, edit) -> Path:
    """A copy of data/ and sql/ whose provisions.csv rows pass through `edit(row) -> row | None`."""
    package = tmp_path / "package"
    shutil.copytree(ROOT / "data", package / "data")
    shutil.copytree(ROOT / "sql", package / "sql")
    provisions = package / "data" / "provisions.csv"
    with provisions.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames
        kept = [row for row in map(edit, reader) if row is not None]
    with provisions.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    return package


def draw_elsewhere(package):
    """Both pictures of `package`, drawn from the repository root so that the committed package
    in the working directory would leak in if any query read it."""
    working_directory = os.getcwd()
    os.chdir(ROOT)
    try:
        return Picture(pictures.denver_timeline_svg(package)), Picture(pictures.matrix_svg(package))
    finally:
        os.chdir(working_directory)


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


def test_svgs_are_720pt_wide_as_tall_as_their_figure_and_small(rendered):
    figures = {MATRIX: pictures.matrix_figure(ROOT), TIMELINE: pictures.denver_timeline_figure(ROOT)}
    for path, data in rendered:
        root = ET.fromstring(data)
        width, height = (round(float(v) * 72, 6) for v in figures[path].get_size_inches())
        assert root.get("width") == f"{width:g}pt" and root.get("height") == f"{height:g}pt"
        assert root.get("viewBox") == f"0 0 {width:g} {height:g}"
        assert root.get("width") == "720pt"  # 10 inches wide, both pictures
        assert len(data) < 300_000


def test_levels_are_shades_of_one_blue_darker_for_more_limits():
    hues, lightness = [], []
    for colour in pictures.LEVEL_FILL:
        red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
        hue, light, _ = colorsys.rgb_to_hls(red, green, blue)
        hues.append(hue)
        lightness.append(light)
    assert all(0.55 <= hue <= 0.62 for hue in hues)  # blue, no red/green judgement
    assert lightness == sorted(lightness, reverse=True) and len(set(lightness)) == 4


def test_dates_in_words_are_as_exact_as_their_bounds_and_no_more():
    assert bounds_text(date(2016, 11, 14), date(2016, 11, 14)) == "14 Nov 2016"
    assert bounds_text(date(2016, 12, 1), date(2016, 12, 31)) == "Dec 2016"
    assert bounds_text(date(2017, 1, 1), date(2017, 12, 31)) == "2017"
    assert bounds_text(date(2017, 1, 16), date(2017, 12, 31)) == "between 16 Jan and 31 Dec 2017"
    assert bounds_text(date(2016, 11, 14), date(2017, 1, 20)) == "between 14 Nov 2016 and 20 Jan 2017"
    assert bounds_text(None, date(2017, 12, 31)) == "no later than 31 Dec 2017"
    assert since_years(date(2017, 1, 16), date(2017, 12, 31)) == "since 2017"
    assert since_years(date(2016, 11, 14), date(2017, 1, 20)) == "since 2016\u201317"
    assert since_years(None, date(2017, 12, 31)) == "since 2017 or earlier"
    # a cell's last observation, in the same words; a statement said on or before its article
    # has no earliest bound
    assert last_years(date(2025, 1, 20), date(2025, 12, 31)) == "last 2025"
    assert last_years(date(2016, 11, 14), date(2017, 1, 20)) == "last 2016\u201317"
    assert last_years(None, date(2017, 12, 31)) == "last 2017 or earlier"
    assert last_years(None, None) == "last none yet"


# ---------------------------------------------------------------------------------------------
# The matrix.

def test_matrix_names_every_jurisdiction_by_its_display_name(matrix, con):
    jurisdictions = rows(con, "SELECT jurisdiction_id, name FROM jurisdictions ORDER BY jurisdiction_id")
    assert matrix.ids("row:") == sorted(f"row:{jid}" for jid, _ in jurisdictions)
    for jurisdiction_id, name in jurisdictions:
        assert matrix.text(f"row:{jurisdiction_id}") == name


def test_matrix_heads_every_column_with_its_dimension_label_in_sort_order(matrix, con):
    dimensions = rows(con, "SELECT CAST(dimension AS VARCHAR), label FROM dimensions ORDER BY sort_order")
    for dimension, label in dimensions:
        assert matrix.text(f"column:{dimension}") == label
    centres = [sum(matrix.x_extent(f"cell:denver-co:{d}:{p}")) / 2 for d, p in rows(con, """
        SELECT CAST(c.dimension AS VARCHAR), c.position FROM policy_cells AS c
        JOIN dimensions AS d USING (dimension)
        WHERE c.jurisdiction_id = 'denver-co' ORDER BY d.sort_order""")]
    assert len(centres) == len(dimensions) and centres == sorted(centres)


def test_matrix_has_one_cell_for_every_jurisdiction_and_dimension_in_coverage(matrix, con):
    coverage = rows(con, "SELECT jurisdiction_id, CAST(dimension AS VARCHAR) FROM coverage")
    cells = [tuple(gid.split(":")[1:3]) for gid in matrix.ids("cell:")]
    assert sorted(cells) == sorted(coverage) and len(set(cells)) == len(cells)


def test_every_cell_shows_the_latest_position_of_record_from_policy_cells_in_its_level_colour(matrix, con):
    names = labels(con)
    for jurisdiction_id, dimension, position, level in rows(con, """
            SELECT jurisdiction_id, CAST(dimension AS VARCHAR), position, level FROM policy_cells"""):
        gid = f"cell:{jurisdiction_id}:{dimension}:{position}"
        assert matrix.ids(f"cell:{jurisdiction_id}:{dimension}:") == [gid]
        expected = "not addressed" if level is None else names[(dimension, position)]
        assert matrix.text(f"cell-label:{jurisdiction_id}:{dimension}") == expected
        if level is not None:
            assert matrix.fill(gid) == pictures.LEVEL_FILL[level]


def test_not_addressed_cells_are_exactly_the_cells_coverage_finds_uncoded_and_say_so(matrix, con):
    uncoded = set(rows(con, "SELECT jurisdiction_id, CAST(dimension AS VARCHAR) FROM coverage "
                            "WHERE status = 'not_addressed'"))
    drawn = {tuple(gid.split(":")[1:3]) for gid in matrix.ids("cell:") if gid.endswith(":not_addressed")}
    assert drawn == uncoded
    # every one says so in words; the one more "not addressed" is the legend's swatch
    assert matrix.texts().count("not addressed") == len(uncoded) + 1
    for jurisdiction_id, dimension in uncoded:
        assert matrix.text(f"cell-label:{jurisdiction_id}:{dimension}") == "not addressed"
        assert f"cell-year:{jurisdiction_id}:{dimension}" not in matrix.groups


def test_jurisdictions_with_nothing_coded_still_have_a_full_row(matrix, con):
    (dimensions,) = con.execute("SELECT count(*) FROM dimensions").fetchone()
    empty = [jid for (jid,) in rows(con, "SELECT jurisdiction_id FROM coverage GROUP BY jurisdiction_id "
                                         "HAVING count(*) FILTER (WHERE status = 'coded') = 0 ORDER BY 1")]
    assert "arizona" in empty and "united-states" in empty
    for jurisdiction_id in empty:
        assert len(matrix.ids(f"cell:{jurisdiction_id}:")) == dimensions


def test_every_coded_matrix_cell_shows_the_year_its_position_of_record_began(matrix, con):
    coded = rows(con, "SELECT jurisdiction_id, CAST(dimension AS VARCHAR), since, since_latest "
                      "FROM policy_cells WHERE level IS NOT NULL")
    assert coded
    assert len(matrix.ids("cell-year:")) == len(coded)
    for jurisdiction_id, dimension, since, since_latest in coded:
        assert matrix.text(f"cell-year:{jurisdiction_id}:{dimension}") == since_years(since, since_latest)
    # The article cases: an undated 2017 article, a dated 2016 statement, and a 2016 summary
    # published some day between 14 Nov 2016 and 20 Jan 2017, so its year is one of two.
    assert matrix.text("cell-year:denver-co:status_inquiry") == "since 2017"
    assert matrix.text("cell-year:denver-co:enforcement_participation") == "since 2016"
    assert matrix.text("cell-year:los-angeles-ca:enforcement_participation") == "since 2016\u201317"


def test_every_coded_matrix_cell_states_its_last_observation_sources_and_who_asserts_it_matching_policy_cells(
        matrix, con):
    coded = rows(con, """
        SELECT jurisdiction_id, CAST(dimension AS VARCHAR), last_observed_on, last_observed_on_latest,
               sources, CAST(asserted_by AS VARCHAR), CAST(confidence AS VARCHAR), basis
        FROM policy_cells WHERE level IS NOT NULL""")
    assert coded and len(matrix.ids("cell-basis:")) == len(coded)
    for jurisdiction_id, dimension, last, last_latest, sources, asserted_by, confidence, basis in coded:
        drawn = matrix.text(f"cell-basis:{jurisdiction_id}:{dimension}")
        expected = (f"{years_said('last', last, last_latest)} \u00b7 "
                    f"{sources} {'source' if sources == 1 else 'sources'} \u00b7 "
                    f"{pictures.ASSERTED_BY_WORDS[asserted_by]}, {confidence}")
        assert words(drawn) == words(expected), (jurisdiction_id, dimension)
        # the same facts as the view's own basis, in the picture's words
        assert f"{sources} source" in basis and f"{asserted_by} ({confidence} confidence)" in basis
    # no basis for a cell no source addresses
    for jurisdiction_id, dimension in rows(con, "SELECT jurisdiction_id, CAST(dimension AS VARCHAR) "
                                                "FROM policy_cells WHERE level IS NULL"):
        assert f"cell-basis:{jurisdiction_id}:{dimension}" not in matrix.groups
    # The article cases: the mayor's 2025 words re-describe the 2017 prohibition consistently, so a
    # source last spoke to it in 2025; the Justice Department's 2018 letter set information sharing.
    assert matrix.text("cell-basis:denver-co:status_inquiry").startswith("last 2025 \u00b7 ")
    assert matrix.lines("cell-basis:denver-co:information_sharing")[-1] == "federal agency, low"


def test_every_asserted_by_value_has_short_neutral_words_that_the_matrix_key_explains(matrix, con):
    (values,) = con.execute("SELECT enum_range(NULL::enum_asserted_by)").fetchone()
    assert sorted(pictures.ASSERTED_BY_WORDS) == sorted(values)
    assert len(set(pictures.ASSERTED_BY_WORDS.values())) == len(values)
    key = matrix.text("legend-meaning:asserted-by")
    for value in values:
        assert f"{pictures.ASSERTED_BY_WORDS[value]} = " in key
    for confidence in ("high", "medium", "low"):
        assert f"{confidence} = " in key


def test_text_in_every_matrix_cell_stays_inside_the_cell_and_no_two_lines_overlap(matrix):
    for gid in matrix.ids("cell:"):
        key = ":".join(gid.split(":")[1:3])
        (x0, x1), (top, bottom) = matrix.x_extent(gid), matrix.y_extent(gid)
        boxes = [(name, box) for name in (f"cell-label:{key}", f"cell-year:{key}", f"disputed:{key}",
                                          f"cell-basis:{key}") if name in matrix.groups
                 for box in matrix.line_boxes(name)]
        assert boxes
        for name, (a0, a1, a_top, a_bottom) in boxes:
            assert x0 + 2 <= a0 and a1 <= x1 - 2 and top + 2 <= a_top and a_bottom <= bottom - 2, \
                f"{name} leaves its cell"
        for index, (name_a, (a0, a1, a_top, a_bottom)) in enumerate(boxes):
            for name_b, (b0, b1, b_top, b_bottom) in boxes[index + 1:]:
                assert a1 <= b0 or b1 <= a0 or a_bottom <= b_top or b_bottom <= a_top, \
                    f"{name_a} overlaps {name_b}"


def test_denvers_status_inquiry_cell_stays_prohibited_since_the_mayor_re_describes_it_consistently(matrix, con):
    relation = con.execute("SELECT CAST(relation_to_record AS VARCHAR) FROM provision_claims "
                           "WHERE provision_id = 'denver-co-status-inquiry-2025'").fetchone()
    assert relation == ("consistent_redescription",)
    assert matrix.ids("cell:denver-co:status_inquiry:") == ["cell:denver-co:status_inquiry:prohibited"]
    assert matrix.text("cell-label:denver-co:status_inquiry") == "Prohibited"
    assert matrix.fill("cell:denver-co:status_inquiry:prohibited") == pictures.LEVEL_FILL[3]
    assert "disputed:denver-co:status_inquiry" not in matrix.groups  # a re-description is no dispute


def test_the_matrix_marks_exactly_the_cells_policy_cells_and_disputes_list_as_disputed(matrix, con):
    flagged = rows(con, "SELECT jurisdiction_id, CAST(dimension AS VARCHAR) FROM policy_cells "
                        "WHERE disputed ORDER BY 1, 2")
    # the disputes view, for the period of each cell's current position of record
    conflicts = rows(con, """
        SELECT DISTINCT d.jurisdiction_id, CAST(d.dimension AS VARCHAR)
        FROM disputes AS d
        JOIN provision_claims AS a ON a.provision_id = d.provision_id_a
        JOIN policy_cells AS c ON c.jurisdiction_id = d.jurisdiction_id AND c.dimension = d.dimension
        WHERE a.record_provision_id = c.provision_id ORDER BY 1, 2""")
    assert flagged == conflicts
    assert matrix.ids("disputed:") == [f"disputed:{j}:{d}" for j, d in flagged]
    for jurisdiction_id, dimension in flagged:
        assert matrix.text(f"disputed:{jurisdiction_id}:{dimension}") == DAGGER
    # The article cases: the mayor's 2025 accounts of enforcement and release notification, and
    # the mayor's 2018 account of information sharing, against the Justice Department's.
    for dimension in ("enforcement_participation", "release_notification", "information_sharing"):
        assert ("denver-co", dimension) in flagged


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


def test_matrix_legend_gives_every_level_its_meaning_every_position_its_label_and_explains_marks(matrix, con):
    for level in range(4):
        assert matrix.text(f"legend-level:{level}") == f"Level {level}"
        assert matrix.text(f"legend-meaning:{level}") == pictures.LEVEL_MEANING[level]
    assert pictures.LEVEL_MEANING[0] == "fullest cooperation with ICE"
    assert pictures.LEVEL_MEANING[3] == "no cooperation in this dimension"
    for dimension, position, level, label in rows(
            con, "SELECT CAST(dimension AS VARCHAR), CAST(position AS VARCHAR), level, label FROM codebook"):
        assert matrix.text(f"key-label:{dimension}:{position}") == label
        assert matrix.fill(f"key:{dimension}:{position}") == pictures.LEVEL_FILL[level]
    assert "higher = more limits on cooperation" in matrix.text("key-note")
    assert matrix.text("legend-meaning:not_addressed") == pictures.NOT_ADDRESSED_MEANING
    assert matrix.text("legend-label:disputed") == DAGGER
    assert "conflicting account" in matrix.text("legend-meaning:disputed")
    assert "disputes view" in matrix.text("legend-meaning:disputed")
    assert "year the position of record began" in matrix.text("legend-meaning:since")
    # the basis lines, part by part: a sample in the cells' words, then what it means
    explained = {"last": ("last \u2026", "the year a source last spoke in agreement with the position"),
                 "sources": ("n sources", "how many sources"),
                 "asserted-by": ("who, confidence", "who asserts the position of record")}
    for name, (sample, meaning) in explained.items():
        assert matrix.text(f"legend-label:{name}") == sample
        assert matrix.text(f"legend-meaning:{name}").startswith(meaning)
        assert not re.search(r"\d", matrix.text(f"legend-meaning:{name}"))  # a key: no numbers
    assert "how directly the evidence" in matrix.text("legend-meaning:asserted-by")


def test_matrix_caption_states_the_rule_of_record_and_the_package_version(matrix):
    assert matrix.text("title").startswith("Local cooperation with federal immigration enforcement")
    caption = matrix.text("footnote")
    assert "latest position of record" in caption and "policy_cells" in caption
    assert "Only a first report or a reported change sets the position of record" in caption
    assert "consistent re-description corroborates" in caption
    assert "prefers" not in caption and "then the outlet" not in caption  # no precedence order
    assert f"version {VERSION}" in caption


def test_every_number_in_the_matrix_subtitle_comes_from_the_views(matrix, con):
    (jurisdictions,) = con.execute("SELECT count(*) FROM jurisdictions").fetchone()
    (dimensions,) = con.execute("SELECT count(*) FROM dimensions").fetchone()
    coded, total = con.execute("SELECT count(*) FILTER (WHERE status = 'coded'), count(*) "
                               "FROM coverage").fetchone()
    sources, first, last = con.execute("SELECT count(*), min(year(published_on)), "
                                       "max(year(published_on_latest)) FROM sources").fetchone()
    (disputed,) = con.execute("SELECT count(*) FROM policy_cells WHERE disputed").fetchone()
    subtitle = matrix.text("subtitle")
    assert "the year a source last spoke to it, how many sources do and who asserts it" in subtitle
    assert f"each of {jurisdictions} jurisdictions and {dimensions} policy dimensions" in subtitle
    assert f"from {sources} news articles ({first}\u2013{last})" in subtitle
    assert f"Only {coded} of {total} cells are addressed" in subtitle
    if disputed:
        assert f"{DAGGER} marks the {disputed} cell" in subtitle
    else:
        assert "No source gives a conflicting account of any cell." in subtitle
    numbers = sorted(int(n) for n in re.findall(r"\d+", subtitle))
    expected = [jurisdictions, dimensions, sources, first, last, coded, total] + ([disputed] if disputed else [])
    assert numbers == sorted(expected)


# ---------------------------------------------------------------------------------------------
# Denver's timeline.

def test_timeline_has_one_bar_per_denver_position_of_record_in_its_level_colour(timeline, con):
    expected = sorted(f"bar:denver-co:{r['dimension']}:{r['provision_id']}" for r in records(con))
    assert timeline.ids("bar:") == expected
    names = labels(con)
    for record in records(con):
        key = f"denver-co:{record['dimension']}:{record['provision_id']}"
        assert timeline.fill(f"bar:{key}") == pictures.LEVEL_FILL[record["level"]]
        assert timeline.text(f"bar-label:{key}").startswith(
            f"{names[(record['dimension'], record['position'])]} \u00b7 level {record['level']} \u00b7 from ")


def test_denvers_status_inquiry_lane_shows_prohibited_through_2025_with_a_2025_observation_and_no_loosening(
        timeline, axis, con):
    lane = "denver-co:status_inquiry"
    assert timeline.ids(f"bar:{lane}:") == [f"bar:{lane}:denver-co-status-inquiry-2017"]
    assert timeline.fill(f"bar:{lane}:denver-co-status-inquiry-2017") == pictures.LEVEL_FILL[3]
    _, right = timeline.x_extent(f"bar:{lane}:denver-co-status-inquiry-2017")
    assert right == pytest.approx(axis.right, abs=0.01) and axis.last == 2025
    # the mayor's 2025 words are an observation of the same position, a mark within 2025 that
    # corroborates it and changes nothing: the bar is held on, one bar, to the end of the axis
    x0, x1 = timeline.x_extent(f"observation:{lane}:denver-co-status-inquiry-2025")
    assert axis.gridlines[2025] <= x0 < x1 <= axis.gridlines[2026]
    assert timeline.text(f"account:{lane}:denver-co-status-inquiry-2025") == \
        "Not asked proactively \u00b7 consistent re-description"
    assert timeline.x_extent(f"held:{lane}:denver-co-status-inquiry-2017")[1] == pytest.approx(
        axis.right, abs=0.01)
    assert not any(text.startswith("Not asked proactively \u00b7 level") for text in timeline.texts())
    assert timeline.ids(f"disputed:{lane}") == []
    assert rows(con, "SELECT * FROM policy_changes WHERE jurisdiction_id = 'denver-co'") == []


def test_denvers_2017_positions_are_drawn_with_an_uncertain_start_spanning_16_jan_to_31_dec_2017(
        timeline, axis, con):
    ordinance = [r for r in records(con) if r["provision_id"].endswith("-2017")]
    assert {r["dimension"] for r in ordinance} == {"detainer_handling", "status_inquiry", "jail_access"}
    for record in ordinance:
        key = f"denver-co:{record['dimension']}:{record['provision_id']}"
        assert (day(record["valid_from"]), day(record["valid_from_latest"])) == (date(2017, 1, 16),
                                                                                 date(2017, 12, 31))
        assert timeline.x_extent(f"uncertain-start:{key}") == pytest.approx(
            (axis.x(date(2017, 1, 16)), axis.x(date(2017, 12, 31))), abs=0.01)
        assert timeline.x_extent(f"bar:{key}")[0] == pytest.approx(axis.x(date(2017, 12, 31)), abs=0.01)
        assert "from between 16 Jan and 31 Dec 2017" in timeline.text(f"bar-label:{key}")


def test_every_uncertain_start_spans_its_bounds_and_only_starts_known_to_the_day_have_none(
        timeline, axis, con):
    for record in records(con):
        key = f"denver-co:{record['dimension']}:{record['provision_id']}"
        earliest, latest = day(record["valid_from"]), day(record["valid_from_latest"])
        label = timeline.text(f"bar-label:{key}")
        assert f"from {bounds_text(earliest, latest)}" in label
        if earliest == latest:
            assert f"uncertain-start:{key}" not in timeline.groups
            assert timeline.x_extent(f"bar:{key}")[0] == pytest.approx(axis.x(earliest), abs=0.01)
        else:
            assert timeline.x_extent(f"uncertain-start:{key}") == pytest.approx(
                (axis.x(earliest), axis.x(latest)), abs=0.01)
    # never a precise-looking day for a month or a range
    assert timeline.text("bar-label:denver-co:release_notification:denver-co-release-notification-2016-ice") \
        == "Declines \u00b7 level 3 \u00b7 from Dec 2016"
    assert timeline.text("bar-label:denver-co:enforcement_participation:denver-co-enforcement-participation-2016") \
        == "Declines participation \u00b7 level 2 \u00b7 from 14 Nov 2016"


def filled_shapes(picture):
    """Every filled path of the picture but the white paper: its element and (x0, x1, y0, y1)."""
    shapes = []
    for path in picture.root.iter(f"{SVG}path"):
        fill = re.search(r"fill: ([^;]+)", path.get("style") or "")
        if fill is None or fill.group(1).strip() in ("none", "#ffffff") or not path.get("d"):
            continue
        points = [(float(x), float(y)) for x, y in re.findall(r"([-\d.]+) ([-\d.]+)", path.get("d"))]
        xs, ys = [x for x, _ in points], [y for _, y in points]
        shapes.append({"path": path, "box": (min(xs), max(xs), min(ys), max(ys))})
    return shapes


def full_band(timeline):
    """The height of a lane's full band, which the uncertain starts fill."""
    for gid in timeline.ids("uncertain-start:"):
        top, bottom = timeline.y_extent(gid)
        assert bottom - top == pytest.approx(BAR_HEIGHT, abs=0.01)
    return BAR_HEIGHT


def test_a_position_of_record_is_held_as_one_thin_bar_in_its_level_colour_until_a_reported_change_or_the_axis_end(
        timeline, axis, con):
    band = full_band(timeline)
    for record in records(con):
        key = f"denver-co:{record['dimension']}:{record['provision_id']}"
        start = axis.x(day(record["valid_from_latest"]))
        end = axis.right if day(record["valid_to_latest"]) is None else axis.x(day(record["valid_to"]))
        assert len(timeline.paths(f"bar:{key}")) == 1  # one bar, not observed and carried parts
        assert timeline.x_extent(f"held:{key}") == pytest.approx((start, end), abs=0.01)
        assert timeline.x_extent(f"bar:{key}") == pytest.approx((start, end), abs=0.01)
        assert timeline.fill(f"held:{key}") == pictures.LEVEL_FILL[record["level"]]
        top, bottom = timeline.y_extent(f"held:{key}")
        assert 6 <= bottom - top < band  # thinner than the full band, still thick enough to read
    # Nothing after the 2017 ordinance article speaks to detainers: held from 2017 on.
    key = "denver-co:detainer_handling:denver-co-detainer-handling-2017"
    assert timeline.x_extent(f"held:{key}") == pytest.approx(
        (axis.x(date(2017, 12, 31)), axis.right), abs=0.01)


def test_no_timeline_bar_is_drawn_as_observed_between_two_observations(timeline, axis, con):
    """Observations are the marks at the days sources speak; nothing on a bar claims more. The
    article case: the status-inquiry lane between 2018 and 2024 has no observation mark and only
    the held style, though the 2017 ordinance article and the mayor's 2025 words both describe it."""
    assert timeline.ids("observed:") == [] and timeline.ids("carried-forward:") == []
    band = full_band(timeline)
    for record in records(con):
        key = f"denver-co:{record['dimension']}:{record['provision_id']}"
        # the only full-band element of a position is its uncertain start, within its start's bounds
        if f"uncertain-start:{key}" in timeline.groups:
            assert timeline.x_extent(f"uncertain-start:{key}")[1] <= \
                axis.x(day(record["valid_from_latest"])) + 0.01
        # whatever is drawn filled in the lane's band after the latest possible start is the held bar
        held = timeline.paths(f"held:{key}")
        top, bottom = timeline.y_extent(f"held:{key}")
        assert bottom - top < band
        middle = (top + bottom) / 2
        start = axis.x(day(record["valid_from_latest"]))
        end = timeline.x_extent(f"held:{key}")[1]
        for shape in filled_shapes(timeline):
            x0, x1, y0, y1 = shape["box"]
            if x0 < end - 0.01 and x1 > start + 0.01 and y0 < middle + band / 2 and y1 > middle - band / 2:
                assert shape["path"] in held, f"{key}: a shape other than the held bar on it"
    lane = "denver-co:status_inquiry"
    key = f"{lane}:denver-co-status-inquiry-2017"
    observed = sorted(timeline.x_extent(gid) for gid in timeline.ids(f"observation:{lane}:"))
    assert len(observed) >= 2
    between = (axis.x(date(2018, 1, 1)), axis.x(date(2025, 1, 1)))
    assert all(x1 <= between[0] or x0 >= between[1] for x0, x1 in observed)  # no mark in between
    x0, x1 = timeline.x_extent(f"held:{key}")
    assert x0 < between[0] and between[1] < x1  # only the held style, across the whole gap
    assert timeline.fill(f"held:{key}") == pictures.LEVEL_FILL[3]


def test_every_claim_is_an_observation_mark_spanning_the_bounds_of_the_day_it_was_made(
        timeline, axis, con):
    marks = claims(con)
    assert timeline.ids("observation:") == sorted(
        f"observation:denver-co:{c['dimension']}:{c['provision_id']}" for c in marks)
    for claim in marks:
        x0, x1 = timeline.x_extent(f"observation:denver-co:{claim['dimension']}:{claim['provision_id']}")
        earliest, latest = axis.x(day(claim["observed_on"])), axis.x(day(claim["observed_on_latest"]))
        if latest - earliest >= 2:  # a bracket across the bounds
            assert (x0, x1) == pytest.approx((earliest, latest), abs=0.01)
        else:  # a tick, too narrow to bracket
            assert earliest - 0.01 <= (x0 + x1) / 2 <= latest + 0.01 and x1 - x0 < 2


def test_the_2025_conflicting_accounts_on_enforcement_and_release_notification_are_marked_as_disputes(timeline):
    cases = {
        "enforcement_participation": ("denver-co-enforcement-participation-2016",
                                      "denver-co-enforcement-participation-2025", "Selected cases"),
        "release_notification": ("denver-co-release-notification-2016-ice",
                                 "denver-co-release-notification-2025", "On request, limited class"),
    }
    for dimension, (record, account, label) in cases.items():
        lane = f"denver-co:{dimension}"
        assert timeline.ids(f"bar:{lane}:") == [f"bar:{lane}:{record}"]  # the account moves nothing
        assert timeline.text(f"disputed:{lane}:{record}") == DAGGER
        assert timeline.text(f"account:{lane}:{account}") == f"{DAGGER} {label} \u00b7 conflicting account"
        x0, _ = timeline.x_extent(f"observation:{lane}:{account}")
        assert x0 >= timeline.x_extent("gridline:2025-01-01")[0]
    # 2018: the Justice Department's first report sets information sharing; the outlet's words a
    # day later agree with it, the mayor's conflict with it
    lane = "denver-co:information_sharing"
    record = "denver-co-information-sharing-2018-justice-department"
    assert timeline.ids(f"bar:{lane}:") == [f"bar:{lane}:{record}"]
    assert timeline.text(f"disputed:{lane}:{record}") == DAGGER
    assert timeline.text(f"account:{lane}:denver-co-information-sharing-2018-mayor") == \
        f"{DAGGER} Shares on request \u00b7 conflicting account"
    assert timeline.text(f"account:{lane}:denver-co-information-sharing-2018-outlet") == \
        "Restricted \u00b7 consistent re-description"


def test_the_timeline_daggers_exactly_the_disputed_positions_of_record_and_every_conflicting_account(
        timeline, con):
    disputed = sorted(f"disputed:denver-co:{r['dimension']}:{r['provision_id']}"
                      for r in records(con) if r["disputed"])
    assert disputed and timeline.ids("disputed:") == disputed
    labelled = {provision_id: timeline.text(gid) for gid in timeline.ids("account:")
                for provision_id in gid.split(":")[-1].split("+")}
    for claim in claims(con):
        if claim["relation_to_record"] == "conflicting_account":
            assert labelled[claim["provision_id"]].startswith(DAGGER)
        elif claim["relation_to_record"] == "consistent_redescription":
            assert DAGGER not in labelled[claim["provision_id"]]
        else:  # a claim that sets the record is labelled on its bar
            assert claim["provision_id"] not in labelled


def test_labels_in_a_lane_never_overlap(timeline):
    boxes = {}
    for gid in timeline.ids("bar-label:") + timeline.ids("account:") + timeline.ids("disputed:"):
        lane = ":".join(gid.split(":")[1:3])
        boxes.setdefault(lane, []).append((gid, timeline.text_box(gid)))
    for lane, items in boxes.items():
        for index, (gid_a, (a0, a1, ay)) in enumerate(items):
            for gid_b, (b0, b1, by) in items[index + 1:]:
                if gid_a.startswith("disputed:") or gid_b.startswith("disputed:"):
                    continue  # the dagger sits right after its own bar label
                assert ay != by or a1 <= b0 or b1 <= a0, f"{gid_a} overlaps {gid_b}"


def test_timeline_axis_and_title_span_the_years_of_denvers_claims(timeline, axis, con):
    first, last = con.execute("""
        SELECT min(year(coalesce(observed_on, observed_on_latest))), max(year(observed_on_latest))
        FROM provision_claims WHERE jurisdiction_id = 'denver-co'""").fetchone()
    assert (axis.first, axis.last) == (first, last)
    assert [timeline.text(gid) for gid in timeline.ids("year:")] == [str(y) for y in range(first, last + 1)]
    assert timeline.text("title") == f"Denver's coded positions on cooperation with ICE, {first}\u2013{last}"
    assert f"<dc:title>Denver's coded positions on cooperation with ICE, {first}\u2013{last}</dc:title>" \
        in timeline.source
    assert f"or to the end of the axis ({last}, the last year a source speaks of Denver)" \
        in timeline.text("subtitle")
    assert timeline.x_extent("x-axis") == pytest.approx((axis.left, axis.right), abs=0.01)
    assert "Year" in timeline.text("x-axis-label")


def test_the_timeline_subtitle_states_the_drawing_rule_and_every_number_in_it_comes_from_the_views(
        timeline, axis, con):
    subtitle = timeline.text("subtitle")
    assert "A position of record is drawn until a source reports a change, or to the end of the axis" \
        in subtitle
    assert "marks show where sources speak" in subtitle
    assert "in force" not in subtitle  # held, not re-confirmed: no claim it is still in force
    sources, first, last = con.execute("SELECT count(*), min(year(published_on)), "
                                       "max(year(published_on_latest)) FROM sources").fetchone()
    assert f"from {sources} news articles ({first}\u2013{last})" in subtitle
    numbers = sorted(int(n) for n in re.findall(r"\d+", subtitle))
    assert numbers == sorted([sources, first, last, axis.last])


def test_timeline_has_a_lane_for_every_dimension_and_no_empty_lane_while_denver_has_all_coded(timeline, con):
    for dimension, label in rows(con, "SELECT CAST(dimension AS VARCHAR), label FROM dimensions"):
        assert timeline.text(f"lane:{dimension}") == label
    uncoded = rows(con, "SELECT CAST(dimension AS VARCHAR) FROM coverage "
                        "WHERE jurisdiction_id = 'denver-co' AND status = 'not_addressed'")
    assert uncoded == []
    assert timeline.ids("lane-empty") == []


def test_timeline_legend_explains_levels_marks_uncertain_starts_held_positions_and_disputes(timeline):
    for level in range(4):
        assert timeline.text(f"legend-meaning:{level}") == f"{level} = {pictures.LEVEL_MEANING[level]}"
        assert timeline.fill(f"legend:{level}") == pictures.LEVEL_FILL[level]
    meanings = {name: timeline.text(f"legend-meaning:{name}") for name in (
        "uncertain-start", "held", "observation", "disputed", "consistent")}
    assert timeline.ids("legend:observed") == timeline.ids("legend:carried-forward") == []
    assert meanings["uncertain-start"].startswith("uncertain start: the position of record began on some day")
    assert meanings["held"].startswith("position of record, held until a source reports a change or "
                                       "to the end of the axis")
    assert "carried forward, not re-observed, between the marks where sources speak" in meanings["held"]
    # the legend's held sample is drawn as the bars are: as thin, in a level's colour
    sample_top, sample_bottom = timeline.y_extent("legend:held")
    bar_top, bar_bottom = timeline.y_extent(timeline.ids("held:")[0])
    assert sample_bottom - sample_top == pytest.approx(bar_bottom - bar_top, abs=0.01)
    assert timeline.fill("legend:held") in pictures.LEVEL_FILL
    assert "bracket across the bounds" in meanings["observation"]
    assert "a mark with no label is the claim that set the position of record" in meanings["observation"]
    assert "conflicting account" in meanings["disputed"] and "disputes view" in meanings["disputed"]
    assert timeline.text("legend:disputed").startswith(DAGGER)
    assert "consistent re-description" in meanings["consistent"]
    assert timeline.text("legend-meaning:not_addressed").startswith(pictures.NOT_ADDRESSED_MEANING)
    assert timeline.fill("legend:not_addressed").startswith("url(#")


def test_timeline_caption_states_the_rule_of_record_and_names_its_views(timeline):
    caption = timeline.text("footnote")
    assert "policy_timeline" in caption and "provision_claims" in caption
    assert "Only a first report or a reported change sets the position of record" in caption
    assert "consistent re-description corroborates it" in caption
    assert "conflicting account" in caption and "does not move it" in caption
    assert "prefers" not in caption and "1 January" not in caption  # no precedence, no drawn-as-1-Jan
    assert f"version {VERSION}" in caption


# ---------------------------------------------------------------------------------------------
# Other packages: the pictures follow the data they are given.

def test_a_dimension_denver_never_had_coded_is_an_empty_lane_labelled_not_addressed(tmp_path):
    package = package_copy(tmp_path, lambda row: None if (
        row["jurisdiction_id"] == "denver-co" and row["dimension"] == "information_sharing") else row)
    timeline, matrix = draw_elsewhere(package)
    assert timeline.ids("lane-empty") == ["lane-empty-label:denver-co:information_sharing",
                                          "lane-empty:denver-co:information_sharing"]
    assert timeline.text("lane-empty-label:denver-co:information_sharing") == "not addressed"
    assert timeline.fill("lane-empty:denver-co:information_sharing").startswith("url(#")
    assert timeline.ids("bar:denver-co:information_sharing:") == []
    assert timeline.ids("observation:denver-co:information_sharing:") == []
    assert "cell:denver-co:information_sharing:not_addressed" in matrix.groups
    assert "disputed:denver-co:information_sharing" not in matrix.groups


def test_with_nothing_coded_for_denver_every_lane_is_empty_and_the_axis_spans_the_sources(tmp_path):
    package = package_copy(tmp_path, lambda row: None if row["jurisdiction_id"] == "denver-co" else row)
    timeline, matrix = draw_elsewhere(package)
    with connect(package) as con:
        dimensions = [d for (d,) in rows(con, "SELECT CAST(dimension AS VARCHAR) FROM dimensions")]
        first, last = con.execute("SELECT min(year(published_on)), max(year(published_on_latest)) "
                                  "FROM sources").fetchone()
    assert timeline.ids("lane-empty:") == sorted(f"lane-empty:denver-co:{d}" for d in dimensions)
    assert timeline.ids("bar:") == timeline.ids("observation:") == timeline.ids("account:") == []
    assert (Axis(timeline).first, Axis(timeline).last) == (first, last)
    assert timeline.text("title").endswith(f"{first}\u2013{last}")
    assert matrix.ids("cell:denver-co:") == sorted(f"cell:denver-co:{d}:not_addressed" for d in dimensions)


def test_a_reported_change_ends_one_bar_and_starts_the_next_within_the_changes_bounds(tmp_path):
    """Were the mayor's 2025 words a reported change rather than a consistent re-description, the
    lane would show two positions of record, the second starting some day in its 2025 bounds."""
    def report_a_change(row):
        if row["provision_id"] == "denver-co-status-inquiry-2025":
            row = {**row, "relation_to_record": "reported_change"}
        return row

    timeline, matrix = draw_elsewhere(package_copy(tmp_path, report_a_change))
    axis = Axis(timeline)
    lane = "denver-co:status_inquiry"
    before, after = f"{lane}:denver-co-status-inquiry-2017", f"{lane}:denver-co-status-inquiry-2025"
    assert timeline.ids(f"bar:{lane}:") == [f"bar:{before}", f"bar:{after}"]
    assert timeline.x_extent(f"bar:{before}")[1] == pytest.approx(axis.x(date(2025, 1, 20)), abs=0.01)
    assert timeline.x_extent(f"uncertain-start:{after}") == pytest.approx(
        (axis.x(date(2025, 1, 20)), axis.x(date(2025, 12, 31))), abs=0.01)
    assert timeline.text(f"bar-label:{before}") == ("Prohibited \u00b7 level 3 \u00b7 from between 16 Jan "
                                                     "and 31 Dec 2017 until between 20 Jan and 31 Dec 2025")
    assert timeline.text(f"bar-label:{after}") == \
        "Not asked proactively \u00b7 level 2 \u00b7 from between 20 Jan and 31 Dec 2025"
    assert timeline.fill(f"bar:{after}") == pictures.LEVEL_FILL[2]
    assert timeline.ids(f"account:{lane}") == []  # a reported change is a position of record, not an account
    _, _, y_before = timeline.text_box(f"bar-label:{before}")
    _, _, y_after = timeline.text_box(f"bar-label:{after}")
    assert y_before != y_after  # the labels would collide on one line, so they take two
    assert matrix.text("cell-label:denver-co:status_inquiry") == "Not asked proactively"
    assert matrix.text("cell-year:denver-co:status_inquiry") == "since 2025"


def test_the_committed_pictures_in_docs_are_what_the_build_draws_now_and_the_readme_shows_them(rendered):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path, data in rendered:
        assert (ROOT / path).read_bytes() == data, f"{path} is stale: run `make build`"
        assert f"]({path})" in readme, f"README does not show {path}"


# ---------------------------------------------------------------------------------------------
# Any package: one without Denver, with more jurisdictions than a matrix picture can hold.

@pytest.fixture(scope="module")
def national_package(tmp_path_factory):
    from immigration_cooperation.synthetic_corpus import write_corpus

    folder = tmp_path_factory.mktemp("national") / "package"
    write_corpus(folder, 200, package_root=ROOT, keep_real_local_ids=False)
    return folder


@pytest.fixture(scope="module")
def national_pictures(national_package) -> dict[str, bytes]:
    return dict(pictures.render_pictures(national_package))


def test_a_package_without_denver_gets_a_summary_picture_whose_counts_are_the_sqls(national_package,
                                                                                   national_pictures):
    from immigration_cooperation.pictures.summary import MATRIX_ROW_LIMIT

    with connect(national_package) as con:
        assert con.execute("SELECT count(*) FROM jurisdictions WHERE jurisdiction_id = 'denver-co'").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM jurisdictions").fetchone()[0] > MATRIX_ROW_LIMIT
        expected = sorted(f"summary:{dimension}:{'not-addressed' if level is None else f'level-{level}'}:{count}"
                          for dimension, level, count in con.execute(
                              "SELECT CAST(dimension AS VARCHAR), level, count(*) FROM policy_cells GROUP BY ALL").fetchall())
    matrix = Picture(national_pictures[MATRIX])
    assert matrix.ids("summary:") == expected
    assert matrix.ids("cell:") == []  # no row per jurisdiction


def test_a_package_without_denver_gets_the_timeline_of_its_most_documented_jurisdiction(national_package,
                                                                                       national_pictures):
    with connect(national_package) as con:
        (most, name), = con.execute("""
            SELECT jurisdiction_id, any_value(j.name) FROM provisions JOIN jurisdictions AS j USING (jurisdiction_id)
            GROUP BY jurisdiction_id ORDER BY count(*) DESC, jurisdiction_id LIMIT 1""").fetchall()
    timeline = Picture(national_pictures[TIMELINE])
    assert timeline.text("title").startswith(name)
    drawn = timeline.ids("bar:") + timeline.ids("observation:")
    assert drawn and all(gid.split(":")[1] == most for gid in drawn)


def test_the_documents_and_the_explorer_are_written_for_a_package_without_denver(national_package):
    from immigration_cooperation.build import render_reports

    written = {output.path for output in render_reports(ROOT, national_package)}
    with connect(national_package) as con:
        jurisdictions = [j for (j,) in con.execute("SELECT jurisdiction_id FROM jurisdictions").fetchall()]
    assert {"docs/codebook.md", "docs/queries.md", "README.md", "site/index.html"} <= written
    assert {f"site/jurisdictions/{j}.html" for j in jurisdictions} <= written
