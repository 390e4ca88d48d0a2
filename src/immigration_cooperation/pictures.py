"""Pictures of the package: the policy matrix and Denver's timeline, as SVG drawn from the SQL views.

Both pictures are queried from the package's own DuckDB views (`policy_matrix`, `policy_timeline`,
`coverage`, `disputes`, `codebook`, `dimensions`), so they show exactly what a downloader gets
from SQL. They are deterministic: the same bytes on every run, on any machine, whatever the locale,
time zone or PYTHONHASHSEED. To that end

* matplotlib runs from its defaults inside an `rc_context` (no matplotlibrc leaks in), with a
  fixed `svg.hashsalt`, text kept as text (`svg.fonttype = 'none'`) in DejaVu Sans (bundled with
  matplotlib), and the SVG metadata carries no date and no matplotlib version;
* no pyplot: a `Figure` with its own SVG canvas, fixed width and a height fixed by the row count;
* every element is laid out by hand in points, text wrapped by measured width, dates formatted
  without the locale, and every query has an ORDER BY.

Elements carry SVG ids (matplotlib gids) so the pictures can be tested and searched, for example
`cell:denver-co:status_inquiry:not_proactive` for a matrix cell and
`bar:denver-co:status_inquiry:2017-01-01:prohibited` for a timeline bar.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib.artist import Artist
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.textpath import TextToPath

from . import codebook, release
from .sql import connect

PICTURES: tuple[str, ...] = ("docs/policy-matrix.svg", "docs/denver-timeline.svg")

DENVER = "denver-co"
TIMELINE_START = date(2016, 1, 1)
TIMELINE_END = date(2026, 1, 1)  # exclusive: the axis runs through 2025-12-31
NOT_ADDRESSED = "not_addressed"

FONT = "DejaVu Sans"
WIDTH_PT = 720.0  # 10 inches at 72 points per inch; SVG user units are points

# Sequential single-hue (blue) ramp, light to dark as limits on cooperation grow: ordinal, neutral
# (no red/green judgement) and readable with any colour-vision deficiency or in greyscale.
LEVEL_FILL = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")
LEVEL_INK = ("#0b1f33", "#0b1f33", "#ffffff", "#ffffff")
# What the levels mean generally (codebook: 0 is the fullest cooperation with ICE, 3 the least).
LEVEL_MEANING = codebook.LEVEL_MEANINGS
NOT_ADDRESSED_FILL = "#ffffff"
NOT_ADDRESSED_EDGE = "#c8c8c8"
NOT_ADDRESSED_HATCH = "#d4d4d4"
NOT_ADDRESSED_INK = "#6b6b6b"
NOT_ADDRESSED_MEANING = "not addressed = no source addresses this; not zero"
INK = "#1a1a1a"
MUTED = "#555555"
RULE = "#bdbdbd"
DISPUTED_MARK = "\u2020"  # dagger

JURISDICTION_LEVEL_WORDS = {
    "city": "city",
    "county": "county",
    "consolidated_city_county": "city and county",
    "state": "state",
    "federal": "federal",
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

RC = {
    "svg.hashsalt": "immigration-cooperation",
    "svg.fonttype": "none",
    "svg.image_inline": True,
    "font.family": [FONT, "sans-serif"],
    "font.sans-serif": [FONT],
    "font.size": 9.0,
    "hatch.linewidth": 0.7,
    "path.simplify": False,
    "figure.dpi": 72,
    "savefig.dpi": 72,
    "axes.unicode_minus": False,
}


# --------------------------------------------------------------------------------------------
# Drawing helpers: one full-figure axes in points, y growing downwards.

@lru_cache(maxsize=None)
def _font(size: float, weight: str = "normal", style: str = "normal") -> FontProperties:
    return FontProperties(family=[FONT, "sans-serif"], size=size, weight=weight, style=style)


@lru_cache(maxsize=4096)
def outline_width(text: str, size: float, weight: str = "normal", style: str = "normal") -> float:
    """Width of one line of text in points, unhinted (as a browser draws DejaVu Sans)."""
    width, _, _ = TextToPath().get_text_width_height_descent(text, _font(size, weight, style),
                                                             ismath=False)
    return width


def text_width(text: str, size: float, weight: str = "normal", style: str = "normal") -> float:
    """Room to leave for a line of text: its outline width plus 5%, since a renderer that hints
    glyphs (Agg) draws DejaVu Sans up to about 4% wider."""
    return outline_width(text, size, weight, style) * 1.05


def wrap(text: str, width: float, size: float, weight: str = "normal", *,
         hyphens: bool = True) -> list[str]:
    """Greedy word wrap to lines no wider than `width` points. With `hyphens`, a hyphenated word
    may break after a hyphen; a single piece wider than the line stays whole."""
    pieces: list[tuple[str, bool]] = []  # (piece, follows a space)
    for word in text.split():
        parts = word.split("-") if hyphens else [word]
        for index, part in enumerate(parts):
            pieces.append((part + ("-" if index < len(parts) - 1 else ""), index == 0))
    lines: list[str] = []
    for piece, spaced in pieces:
        joined = f"{lines[-1]} {piece}" if lines and spaced else (lines[-1] + piece if lines else piece)
        if lines and text_width(joined, size, weight) <= width:
            lines[-1] = joined
        else:
            lines.append(piece)
    return lines or [""]


LINE_HEIGHT = 1.164  # DejaVu Sans ascent + descent, in em: matplotlib's line height at spacing 1


class TextBlock(Artist):
    """One-line texts drawn in one SVG group whose id is the block's gid."""

    def __init__(self, texts: list[Text]):
        super().__init__()
        self.texts = texts
        self.set_zorder(3)  # above patches and lines, like matplotlib's own texts

    def draw(self, renderer):
        if not self.get_visible():
            return
        renderer.open_group("textblock", self.get_gid())
        for text in self.texts:
            text.draw(renderer)
        renderer.close_group("textblock")


class Canvas:
    """A figure of fixed size whose single axes maps points to points, origin top left."""

    def __init__(self, height: float):
        self.width = WIDTH_PT
        self.height = height
        self.figure = Figure(figsize=(WIDTH_PT / 72, height / 72), dpi=72, facecolor="#ffffff")
        FigureCanvasSVG(self.figure)
        self.ax = self.figure.add_axes((0, 0, 1, 1))
        self.ax.set_xlim(0, WIDTH_PT)
        self.ax.set_ylim(height, 0)
        self.ax.set_axis_off()

    def text(self, x: float, y: float, text: str, *, size: float = 9.0, weight: str = "normal",
             style: str = "normal", color: str = INK, ha: str = "left", va: str = "baseline",
             gid: str | None = None, linespacing: float = 1.15):
        """Text at (x, y). Lines split on newlines become one SVG <text> each, in a group with the
        gid: every line keeps its own text-anchor, so alignment survives a viewer without
        DejaVu Sans (matplotlib positions the lines of one multi-line text for DejaVu only)."""
        lines = text.split("\n")
        step = size * LINE_HEIGHT * linespacing
        if va == "top":
            ys = [y + index * step for index in range(len(lines))]
        elif va in ("bottom", "baseline"):
            ys = [y - (len(lines) - 1 - index) * step for index in range(len(lines))]
        else:  # center
            ys = [y + (index - (len(lines) - 1) / 2) * step for index in range(len(lines))]
        texts = []
        for line, line_y in zip(lines, ys):
            artist = Text(x, line_y, line, fontproperties=_font(size, weight, style),
                          color=color, ha=ha, va=va, parse_math=False)
            artist.set_transform(self.ax.transData)
            artist.set_figure(self.figure)
            texts.append(artist)
        block = TextBlock(texts)
        block.set_gid(gid)
        self.ax.add_artist(block)
        return block

    def rect(self, x: float, y: float, width: float, height: float, *, fill: str,
             edge: str = "none", linewidth: float = 0.0, hatch: str | None = None,
             hatchcolor: str | None = None, gid: str | None = None):
        patch = Rectangle((x, y), width, height, facecolor=fill, edgecolor=edge, linewidth=linewidth,
                          hatch=hatch, gid=gid)
        if hatchcolor is not None:
            patch.set_hatchcolor(hatchcolor)
        self.ax.add_patch(patch)
        return patch

    def not_addressed_rect(self, x: float, y: float, width: float, height: float, gid: str):
        return self.rect(x, y, width, height, fill=NOT_ADDRESSED_FILL, edge=NOT_ADDRESSED_EDGE,
                         linewidth=0.6, hatch="//", hatchcolor=NOT_ADDRESSED_HATCH, gid=gid)

    def line(self, x0: float, y0: float, x1: float, y1: float, *, color: str = RULE,
             linewidth: float = 0.8, gid: str | None = None, zorder: float = 2):
        self.ax.add_line(Line2D((x0, x1), (y0, y1), color=color, linewidth=linewidth, gid=gid,
                                solid_capstyle="butt", zorder=zorder))

    def paragraph(self, x: float, y: float, text: str, width: float, *, size: float = 8.0,
                  color: str = MUTED, gid: str | None = None, style: str = "normal") -> float:
        """Wrapped text from top y; returns the y below it."""
        self.text(x, y, "\n".join(wrap(text, width, size, hyphens=False)), size=size, color=color,
                  va="top", gid=gid, style=style, linespacing=1.3)
        return y + paragraph_height(text, width, size)


def paragraph_height(text: str, width: float, size: float) -> float:
    """Height of Canvas.paragraph's wrapped text in points (line height ~1.16 em at spacing 1)."""
    return len(wrap(text, width, size, hyphens=False)) * size * 1.3 * LINE_HEIGHT


@contextmanager
def drawing_style():
    """matplotlib's own defaults plus RC, whatever matplotlibrc or style the caller has."""
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(RC)
        yield


def svg_bytes(figure: Figure, title: str, description: str) -> bytes:
    """The figure as SVG with fixed metadata: no date, no matplotlib version."""
    buffer = io.BytesIO()
    with drawing_style():
        figure.canvas.print_svg(buffer, metadata={
            "Title": title,
            "Description": description,
            "Creator": f"{release.NAME} {release.VERSION}",
            "Date": None,
        })
    data = buffer.getvalue()
    return data if data.endswith(b"\n") else data + b"\n"


def format_date(day: date, precision: str) -> str:
    """'15 Nov 2016', 'Nov 2016' or '2016', by precision; no locale involved."""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --------------------------------------------------------------------------------------------
# Data, all from the views.

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
class Cell:
    jurisdiction_id: str
    dimension: str
    position: str  # NOT_ADDRESSED when no source speaks to the cell
    level: int | None
    label: str | None
    disputed: bool


@dataclass(frozen=True)
class Row:
    jurisdiction_id: str
    name: str
    level: str
    state_code: str | None


@dataclass(frozen=True)
class Bar:
    dimension: str
    position: str
    level: int
    label: str
    valid_from: date
    valid_to: date | None
    from_precision: str
    to_precision: str | None
    provision_id: str
    disputed: bool


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


def _identifier(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unexpected dimension name {name!r}")
    return f'"{name}"'


def matrix_rows(con) -> list[Row]:
    rows = con.execute("""
        SELECT m.jurisdiction_id, m.name, CAST(m.jurisdiction_level AS VARCHAR), j.state_code
        FROM policy_matrix AS m JOIN jurisdictions AS j USING (jurisdiction_id)
        ORDER BY m.jurisdiction_id""").fetchall()
    return [Row(*row) for row in rows]


def matrix_cells(con, dims: list[DimensionInfo]) -> dict[tuple[str, str], Cell]:
    """Every (jurisdiction, dimension): the latest position of record from `policy_matrix`, its
    level and label from `codebook`, and whether the `disputes` view lists the cell."""
    columns = ", ".join(_identifier(d.name) for d in dims)
    rows = con.execute(f"""
        WITH latest AS (
            UNPIVOT (SELECT jurisdiction_id, {columns} FROM policy_matrix)
            ON {columns} INTO NAME dimension VALUE position
        ),
        disputed AS (SELECT DISTINCT jurisdiction_id, CAST(dimension AS VARCHAR) AS dimension FROM disputes)
        SELECT l.jurisdiction_id, l.dimension, l.position, c.level, c.label,
               disputed.jurisdiction_id IS NOT NULL AS disputed
        FROM latest AS l
        LEFT JOIN codebook AS c
               ON CAST(c.dimension AS VARCHAR) = l.dimension AND CAST(c.position AS VARCHAR) = l.position
        LEFT JOIN disputed
               ON disputed.jurisdiction_id = l.jurisdiction_id AND disputed.dimension = l.dimension
        ORDER BY l.jurisdiction_id, l.dimension""").fetchall()
    cells = {}
    for jurisdiction_id, dimension, position, level, label, disputed in rows:
        if position != NOT_ADDRESSED and level is None:
            raise ValueError(f"{jurisdiction_id} {dimension}: position {position!r} not in the codebook")
        cells[(jurisdiction_id, dimension)] = Cell(jurisdiction_id, dimension, position, level, label,
                                                   bool(disputed))
    return cells


def coverage_counts(con) -> tuple[int, int]:
    coded, total = con.execute(
        "SELECT count(*) FILTER (WHERE status = 'coded'), count(*) FROM coverage").fetchone()
    return coded, total


def timeline_bars(con, jurisdiction_id: str) -> list[Bar]:
    """The rows of `policy_timeline` for one jurisdiction, with labels and date precisions."""
    rows = con.execute("""
        SELECT CAST(t.dimension AS VARCHAR), CAST(t.position AS VARCHAR), t.level, c.label,
               t.valid_from, t.valid_to, t.provision_id,
               CAST(CASE WHEN p.effective_from IS NOT NULL THEN p.effective_from_precision
                         ELSE p.observed_on_precision END AS VARCHAR) AS from_precision,
               EXISTS (SELECT 1 FROM disputes AS x
                       WHERE x.jurisdiction_id = t.jurisdiction_id AND x.dimension = t.dimension
                         AND x.from_date >= t.valid_from
                         AND (t.valid_to IS NULL OR x.from_date < t.valid_to)) AS disputed
        FROM policy_timeline AS t
        JOIN codebook AS c ON c.dimension = t.dimension AND c.position = t.position
        JOIN provisions AS p ON p.provision_id = t.provision_id
        JOIN dimensions AS d ON d.dimension = t.dimension
        WHERE t.jurisdiction_id = ?
        ORDER BY d.sort_order, t.valid_from, t.provision_id""", [jurisdiction_id]).fetchall()
    precision_of = {(row[0], row[4]): row[7] for row in rows}
    bars = []
    for dimension, position, level, label, valid_from, valid_to, provision_id, precision, disputed in rows:
        to_precision = precision_of.get((dimension, valid_to)) if valid_to is not None else None
        bars.append(Bar(dimension, position, level, label, valid_from, valid_to, precision or "day",
                        to_precision or ("day" if valid_to is not None else None), provision_id,
                        bool(disputed)))
    return bars


def sources_phrase(con) -> str:
    """'5 news articles (2016–2025)', from the sources table."""
    count, first, last = con.execute("SELECT count(*), min(year(published_on)), max(year(published_on)) "
                                     "FROM sources").fetchone()
    return f"{count} news articles ({first}\u2013{last})"


def jurisdiction_name(con, jurisdiction_id: str) -> str:
    return con.execute("SELECT name FROM jurisdictions WHERE jurisdiction_id = ?",
                       [jurisdiction_id]).fetchone()[0]


# --------------------------------------------------------------------------------------------
# The matrix.

MARGIN = 24.0
NAME_COLUMN = 132.0
ROW_HEIGHT = 30.0
GAP = 2.0


def _level_key(canvas: Canvas, dims, positions_list, left: float, column_width: float, top: float) -> float:
    """The key under the matrix: per level, its general meaning and each dimension's position."""
    y = top
    canvas.text(MARGIN, y, "How to read the colours", size=10.5, weight="bold", va="top", gid="key-title")
    y += 16
    y = canvas.paragraph(
        MARGIN, y, "Levels are ordinal within a dimension: higher = more limits on cooperation with "
        "federal immigration enforcement (ICE). Each key cell names the position the codebook puts "
        "at that level in that dimension.", WIDTH_PT - 2 * MARGIN, size=8.5, gid="key-note")
    y += 6
    by_cell = {(p.dimension, p.level): p for p in positions_list}
    key_height = 26.0
    for level in range(4):
        canvas.text(MARGIN, y + key_height / 2 - 5, f"Level {level}", size=9.5, weight="bold",
                    va="center", gid=f"legend-level:{level}")
        canvas.text(MARGIN, y + key_height / 2 + 6, LEVEL_MEANING[level], size=8,
                    color=MUTED, va="center", gid=f"legend-meaning:{level}")
        for column, dim in enumerate(dims):
            x = left + column * column_width
            position = by_cell.get((dim.name, level))
            if position is None:
                continue
            canvas.rect(x + GAP / 2, y + GAP / 2, column_width - GAP, key_height - GAP,
                        fill=LEVEL_FILL[level], gid=f"key:{dim.name}:{position.name}")
            lines = wrap(position.label, column_width - 10, 8)
            canvas.text(x + column_width / 2, y + key_height / 2, "\n".join(lines), size=8,
                        color=LEVEL_INK[level], ha="center", va="center", linespacing=1.05,
                        gid=f"key-label:{dim.name}:{position.name}")
        y += key_height
    y += 4
    canvas.not_addressed_rect(left + GAP / 2, y + GAP / 2, column_width - GAP, key_height - GAP,
                              gid="legend:not_addressed")
    canvas.text(left + column_width / 2, y + key_height / 2, "not addressed", size=7.5,
                style="italic", color=NOT_ADDRESSED_INK, ha="center", va="center",
                gid="legend-label:not_addressed")
    canvas.text(left + column_width + 8, y + key_height / 2, NOT_ADDRESSED_MEANING, size=9,
                va="center", gid="legend-meaning:not_addressed")
    return y + key_height


def _build_matrix(package_dir: Path) -> Figure:
    with package_views(package_dir) as con:
        dims = dimensions(con)
        rows = matrix_rows(con)
        cells = matrix_cells(con, dims)
        positions_list = positions(con)
        coded, total = coverage_counts(con)
        sources = sources_phrase(con)

    left = MARGIN + NAME_COLUMN
    column_width = (WIDTH_PT - MARGIN - left) / len(dims)
    header_lines = max(len(wrap(d.label, column_width - 10, 9, "bold")) for d in dims)
    title_block = 66.0
    header_height = 20 + header_lines * 9 * LINE_HEIGHT * 1.15 + 4
    matrix_top = MARGIN + title_block + header_height
    matrix_bottom = matrix_top + len(rows) * ROW_HEIGHT
    key_top = matrix_bottom + 22
    key_height = 16 + 36 + 6 + 4 * 26 + 4 + 26
    footnote_top = key_top + key_height + 16
    footnote = (
        "As of: latest position of record (the policy_matrix view). Where claims for the same date "
        "differ, the position of record is the jurisdiction's own officials', then the outlet's, "
        f"other officials', federal agencies'. {DISPUTED_MARK} Sources disagree about this cell "
        "(the disputes view); every claim stays in the data. "
        f"Data package {release.NAME} version {release.VERSION}.")
    canvas = Canvas(round(footnote_top + paragraph_height(footnote, WIDTH_PT - 2 * MARGIN, 8) + MARGIN))

    # Title and subtitle.
    canvas.text(MARGIN, MARGIN, "Local cooperation with federal immigration enforcement: what the "
                "sources say", size=14, weight="bold", va="top", gid="title")
    canvas.paragraph(
        MARGIN, MARGIN + 24, f"Latest position of record for each of {len(rows)} jurisdictions and "
        f"{len(dims)} policy dimensions, coded from {sources}. "
        f"Only {coded} of {total} cells are addressed by any source; the rest are not addressed, "
        "which is no data, not zero.", WIDTH_PT - 2 * MARGIN, size=9.5, color=INK, gid="subtitle")

    # Column headers: core dimensions first (sort order), bracketed.
    header_top = MARGIN + title_block
    core = [i for i, d in enumerate(dims) if d.is_core]
    other = [i for i, d in enumerate(dims) if not d.is_core]
    for group, name in ((core, "core dimensions"), (other, "other dimensions")):
        if not group:
            continue
        x0 = left + group[0] * column_width + 3
        x1 = left + (group[-1] + 1) * column_width - 3
        canvas.line(x0, header_top + 12, x1, header_top + 12, color=MUTED, linewidth=0.8)
        canvas.text((x0 + x1) / 2, header_top + 8, name, size=8, color=MUTED, ha="center",
                    gid=f"group:{name.split()[0]}")
    for column, dim in enumerate(dims):
        x = left + column * column_width + column_width / 2
        canvas.text(x, matrix_top - 5, "\n".join(wrap(dim.label, column_width - 10, 9, "bold")),
                    size=9, weight="bold", ha="center", va="bottom", gid=f"column:{dim.name}")

    # Rows.
    for index, row in enumerate(rows):
        y = matrix_top + index * ROW_HEIGHT
        if index % 2 == 1:
            canvas.rect(MARGIN, y, NAME_COLUMN - 4, ROW_HEIGHT, fill="#f4f4f4")
        canvas.text(MARGIN + 4, y + ROW_HEIGHT / 2 - 4.5, row.name, size=10, weight="bold",
                    va="center", gid=f"row:{row.jurisdiction_id}")
        kind = JURISDICTION_LEVEL_WORDS.get(row.level, row.level.replace("_", " "))
        detail = f"{kind}, {row.state_code}" if row.state_code else kind
        canvas.text(MARGIN + 4, y + ROW_HEIGHT / 2 + 7.5, detail, size=7.5, color=MUTED, va="center",
                    gid=f"row-detail:{row.jurisdiction_id}")
        for column, dim in enumerate(dims):
            cell = cells[(row.jurisdiction_id, dim.name)]
            x = left + column * column_width
            gid = f"cell:{row.jurisdiction_id}:{dim.name}:{cell.position}"
            label_gid = f"cell-label:{row.jurisdiction_id}:{dim.name}"
            cx, cy = x + column_width / 2, y + ROW_HEIGHT / 2
            if cell.level is None:
                canvas.not_addressed_rect(x + GAP / 2, y + GAP / 2, column_width - GAP,
                                          ROW_HEIGHT - GAP, gid=gid)
                canvas.text(cx, cy, "not addressed", size=7.5, style="italic", color=NOT_ADDRESSED_INK,
                            ha="center", va="center", gid=label_gid)
                continue
            canvas.rect(x + GAP / 2, y + GAP / 2, column_width - GAP, ROW_HEIGHT - GAP,
                        fill=LEVEL_FILL[cell.level], gid=gid)
            lines = wrap(cell.label, column_width - 8, 8.5, "bold")
            canvas.text(cx, cy, "\n".join(lines), size=8.5, weight="bold", color=LEVEL_INK[cell.level],
                        ha="center", va="center", linespacing=1.05, gid=label_gid)
            if cell.disputed:
                canvas.text(x + column_width - 3, y + 2, DISPUTED_MARK, size=8.5, weight="bold",
                            color=LEVEL_INK[cell.level], ha="right", va="top",
                            gid=f"disputed:{row.jurisdiction_id}:{dim.name}")
    canvas.line(MARGIN, matrix_bottom + 8, WIDTH_PT - MARGIN, matrix_bottom + 8, color=RULE)

    _level_key(canvas, dims, positions_list, left, column_width, key_top)

    canvas.paragraph(MARGIN, footnote_top, footnote, WIDTH_PT - 2 * MARGIN, size=8, gid="footnote")
    return canvas.figure


def matrix_figure(package_dir: Path) -> Figure:
    with drawing_style():
        return _build_matrix(Path(package_dir))


def matrix_svg(package_dir: Path) -> bytes:
    return svg_bytes(matrix_figure(package_dir),
                     "Local cooperation with federal immigration enforcement: policy matrix",
                     "Latest position of record per jurisdiction and dimension, colour by ordinal level "
                     "0-3; hatched cells are not addressed by any source. "
                     f"{release.NAME} {release.VERSION}.")


# --------------------------------------------------------------------------------------------
# Denver's timeline.

LANE_HEIGHT = 46.0
BAR_HEIGHT = 16.0
LANE_LABEL_COLUMN = 170.0


def _build_timeline(package_dir: Path, jurisdiction_id: str = DENVER) -> Figure:
    with package_views(package_dir) as con:
        dims = dimensions(con)
        bars = [bar for bar in timeline_bars(con, jurisdiction_id)
                if bar.valid_from < TIMELINE_END and (bar.valid_to is None or bar.valid_to > TIMELINE_START)]
        name = jurisdiction_name(con, jurisdiction_id)
        sources = sources_phrase(con)

    plot_left = MARGIN + LANE_LABEL_COLUMN
    plot_right = WIDTH_PT - MARGIN - 6
    span = (TIMELINE_END - TIMELINE_START).days

    def x_of(day: date) -> float:
        day = min(max(day, TIMELINE_START), TIMELINE_END)
        return plot_left + (plot_right - plot_left) * (day - TIMELINE_START).days / span

    title_block = 62.0
    lanes_top = MARGIN + title_block + 8
    lanes_bottom = lanes_top + len(dims) * LANE_HEIGHT
    axis_y = lanes_bottom + 4
    legend_top = axis_y + 46
    footnote_top = legend_top + 52
    footnote = (
        "Dates known only to the year or month are drawn from 1 January or the 1st of the month "
        f"and shown as such. {DISPUTED_MARK} Sources disagree in this period (the disputes view); the "
        "bar shows the position of record, which prefers the jurisdiction's own officials, then the "
        "outlet, other officials, federal agencies. Bars from the policy_timeline view. "
        f"Data package {release.NAME} version {release.VERSION}.")
    canvas = Canvas(round(footnote_top + paragraph_height(footnote, WIDTH_PT - 2 * MARGIN, 8) + MARGIN))

    canvas.text(MARGIN, MARGIN, f"{name}'s coded positions on cooperation with ICE, "
                f"{TIMELINE_START.year}\u2013{TIMELINE_END.year - 1}", size=14, weight="bold", va="top",
                gid="title")
    canvas.paragraph(
        MARGIN, MARGIN + 24, f"Position of record over time in each policy dimension, coded from "
        f"{sources}. Each bar runs from the date the position holds from until the next one; "
        f"bars still in force run to the end of {TIMELINE_END.year - 1}. Colour shows the level "
        "(the number in the bar): higher = more limits on cooperation.",
        WIDTH_PT - 2 * MARGIN, size=9.5, color=INK, gid="subtitle")

    # Year grid: boundaries at 1 January, year labels centred in their year.
    years = range(TIMELINE_START.year, TIMELINE_END.year)
    for year in [*years, TIMELINE_END.year]:
        x = x_of(date(year, 1, 1))
        canvas.line(x, lanes_top, x, axis_y + 4, color="#e3e3e3", linewidth=0.7,
                    gid=f"gridline:{year}-01-01", zorder=0.5)
    for year in years:
        x = (x_of(date(year, 1, 1)) + x_of(date(year + 1, 1, 1))) / 2
        canvas.text(x, axis_y + 16, str(year), size=9, color=INK, ha="center", gid=f"year:{year}")
    canvas.line(plot_left, axis_y, plot_right, axis_y, color=MUTED, linewidth=0.9, gid="x-axis")
    canvas.text((plot_left + plot_right) / 2, axis_y + 34, "Year (gridlines at 1 January)", size=9,
                color=MUTED, ha="center", gid="x-axis-label")

    by_dimension: dict[str, list[Bar]] = {d.name: [] for d in dims}
    for bar in bars:
        by_dimension[bar.dimension].append(bar)

    for lane, dim in enumerate(dims):
        top = lanes_top + lane * LANE_HEIGHT
        bar_top = top + LANE_HEIGHT - BAR_HEIGHT - 8
        if lane > 0:
            canvas.line(MARGIN, top, plot_right, top, color="#eeeeee", linewidth=0.7, zorder=0.5)
        canvas.text(MARGIN, top + LANE_HEIGHT / 2,
                    "\n".join(wrap(dim.label, LANE_LABEL_COLUMN - 14, 9, "bold")), size=9,
                    weight="bold", va="center", linespacing=1.1, gid=f"lane:{dim.name}")
        lane_bars = by_dimension[dim.name]
        if not lane_bars:
            canvas.not_addressed_rect(plot_left, bar_top, plot_right - plot_left, BAR_HEIGHT,
                                      gid=f"lane-empty:{jurisdiction_id}:{dim.name}")
            canvas.text((plot_left + plot_right) / 2, bar_top + BAR_HEIGHT / 2, "not addressed",
                        size=8, style="italic", color=NOT_ADDRESSED_INK, ha="center", va="center",
                        gid=f"lane-empty-label:{jurisdiction_id}:{dim.name}")
            continue
        occupied: list[tuple[float, float]] = []
        for bar in lane_bars:
            x0 = x_of(bar.valid_from)
            x1 = x_of(bar.valid_to) if bar.valid_to is not None else plot_right
            key = f"{jurisdiction_id}:{dim.name}:{bar.valid_from.isoformat()}"
            canvas.rect(x0, bar_top, x1 - x0, BAR_HEIGHT, fill=LEVEL_FILL[bar.level], edge="#ffffff",
                        linewidth=1.0, gid=f"bar:{key}:{bar.position}")
            canvas.text(x0 + 4, bar_top + BAR_HEIGHT / 2, str(bar.level), size=8, weight="bold",
                        color=LEVEL_INK[bar.level], va="center", gid=f"bar-level:{key}")
            start = format_date(bar.valid_from, bar.from_precision)
            period = (f"from {start}" if bar.valid_to is None
                      else f"{start} to {format_date(bar.valid_to, bar.to_precision)}")
            label = f"{bar.label} \u00b7 {period}"
            width = text_width(label, 8.5) + (text_width(" " + DISPUTED_MARK, 9, "bold")
                                               if bar.disputed else 0)
            lx = x0 if x0 + width <= plot_right else max(plot_left, x1 - width)
            if any(lx < end + 6 and start_x < lx + width + 6 for start_x, end in occupied):
                lx = max(plot_left, min(x0, plot_right - width))
            occupied.append((lx, lx + width))
            canvas.text(lx, bar_top - 5, label, size=8.5, color=INK, gid=f"bar-label:{key}")
            if bar.disputed:
                canvas.text(lx + outline_width(label, 8.5) + 4, bar_top - 5, DISPUTED_MARK, size=9,
                            weight="bold", color=INK, gid=f"disputed:{key}")

    # Legend: the four levels in equal columns, then not addressed on a line of its own.
    swatch = 14.0
    canvas.text(MARGIN, legend_top - 12, "Level", size=9, weight="bold", va="center", gid="legend-title")
    y = legend_top + 8
    column = (WIDTH_PT - 2 * MARGIN) / 4
    for level in range(4):
        x = MARGIN + level * column
        canvas.rect(x, y - swatch / 2, swatch, swatch, fill=LEVEL_FILL[level], gid=f"legend:{level}")
        canvas.text(x + swatch + 5, y, f"{level} = {LEVEL_MEANING[level]}", size=8.5, va="center",
                    gid=f"legend-meaning:{level}")
    y += 20
    canvas.not_addressed_rect(MARGIN, y - swatch / 2, swatch * 2, swatch, gid="legend:not_addressed")
    canvas.text(MARGIN + swatch * 2 + 5, y, NOT_ADDRESSED_MEANING + " (an empty lane)", size=8.5,
                va="center", gid="legend-meaning:not_addressed")

    canvas.paragraph(MARGIN, footnote_top, footnote, WIDTH_PT - 2 * MARGIN, size=8, gid="footnote")
    return canvas.figure


def denver_timeline_figure(package_dir: Path) -> Figure:
    with drawing_style():
        return _build_timeline(Path(package_dir))


def denver_timeline_svg(package_dir: Path) -> bytes:
    return svg_bytes(denver_timeline_figure(package_dir),
                     "Denver's coded positions on cooperation with ICE, 2016-2025",
                     "Position of record over time per policy dimension, colour by ordinal level 0-3. "
                     f"{release.NAME} {release.VERSION}.")


def render_pictures(package_dir: Path) -> list[tuple[str, bytes]]:
    """(relative path, SVG bytes) for each picture, drawn from the package in package_dir."""
    package_dir = Path(package_dir)
    return [(PICTURES[0], matrix_svg(package_dir)), (PICTURES[1], denver_timeline_svg(package_dir))]
