"""One jurisdiction's timeline (Denver's by default): a lane per dimension showing the position of
record over time (`policy_timeline`) and every time a source speaks (`provision_claims`).

What each part of a lane claims, and no more:

* a position of record starts on some day within its bounds: the span from the earliest to the
  latest possible day is drawn as a fade with a dashed outline, never as a precise start;
* from its latest possible start until a source reports a change (the next position of record) or
  to the end of the axis, it is *held*: one bar of the level's colour, thinner than the fade (never
  lighter: lightness is the level). The bar never claims more than that the position is carried
  forward: nothing is drawn as observed between the days sources speak;
* the observations are the marks under the bar, one per claim, spanning the bounds of the day it
  was made (a tick for a known day, a bracket for a range): the claim that set the position
  unlabelled (its bar is labelled), consistent re-descriptions labelled with the position they
  name, conflicting accounts with a dagger and the position they name.

The axis runs over whole years from the earliest to the latest date in the jurisdiction's claims,
so the title's span and the axis come from the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from matplotlib.figure import Figure

from .. import release
from . import views
from .drawing import LINE_HEIGHT, Canvas, Group, outline_width, paragraph_height, place_in_rows, \
    svg_bytes, text_width, wrap
from .style import (DISPUTED_MARK, GRID, INK, LEVEL_FILL, LEVEL_MEANING, MARGIN, MUTED,
                    NOT_ADDRESSED_INK, NOT_ADDRESSED_MEANING, WIDTH_PT, drawing_style, mix)
from .wording import bounds_text, years_range

DENVER = "denver-co"  # the subject of this package's picture, named in tests and examples
LABEL_COLUMN = 170.0
BAR_HEIGHT = 16.0
HELD_HEIGHT = 8.0  # held, not re-observed: thinner than the fade, never lighter (lightness is the level)
LABEL_SIZE = 8.5
LABEL_ROW = 12.0
MARK_STRIP = 11.0
NOTE_SIZE = 7.5
NOTE_ROW = 10.0
FADE_STEPS = 12
MERGE_DISTANCE = 12.0  # accounts naming the same position closer than this share one label
MIN_YEAR_LABEL_GAP = 34.0


@dataclass(frozen=True)
class Axis:
    first_year: int
    last_year: int
    left: float
    right: float

    @property
    def start(self) -> date:
        return date(self.first_year, 1, 1)

    @property
    def end(self) -> date:  # exclusive: the axis runs through 31 December of last_year
        return date(self.last_year + 1, 1, 1)

    def x(self, day: date | None) -> float:
        """The left edge of `day` (None: the axis start, for a date with no earliest bound)."""
        if day is None:
            return self.left
        day = min(max(day, self.start), self.end)
        span = (self.end - self.start).days
        return self.left + (self.right - self.left) * (day - self.start).days / span


def axis_years(records: list[views.Record], claims: list[views.Claim],
               fallback: tuple[int, int]) -> tuple[int, int]:
    """First and last year of every date bound in the claims and positions of record (a position's
    start is a claim's, so they agree); the sources' years where nothing is coded."""
    earliest = [d for c in claims for d in (c.observed_on, c.observed_on_latest) if d is not None]
    earliest += [d for r in records for d in (r.valid_from, r.valid_from_latest) if d is not None]
    latest = [c.observed_on_latest for c in claims] + [r.last_observed_on_latest for r in records]
    if not earliest or not latest:
        return fallback
    return min(earliest).year, max(latest).year


def period_text(record: views.Record) -> str:
    start = f"from {bounds_text(record.valid_from, record.valid_from_latest)}"
    if record.valid_to_latest is None:
        return start
    return f"{start} until {bounds_text(record.valid_to, record.valid_to_latest)}"


def bar_label(record: views.Record) -> str:
    return f"{record.label} \u00b7 level {record.level} \u00b7 {period_text(record)}"


@dataclass(frozen=True)
class Note:
    """The label under one or more observation marks: claims that do not set the record."""
    provision_ids: tuple[str, ...]
    text: str
    conflicting: bool
    x0: float
    x1: float


def _notes(claims: list[views.Claim], axis: Axis) -> list[Note]:
    """One label per run of accounts naming the same position with the same relation whose marks
    lie within MERGE_DISTANCE of each other (else their labels would say the same thing twice)."""
    runs: list[list[views.Claim]] = []
    others = sorted((c for c in claims if not c.sets_record),
                    key=lambda c: (axis.x(c.observed_on), axis.x(c.observed_on_latest), c.provision_id))
    for claim in others:
        last = runs[-1][-1] if runs else None
        if (last is not None and (last.position, last.relation_to_record)
                == (claim.position, claim.relation_to_record)
                and axis.x(claim.observed_on) - axis.x(last.observed_on_latest) <= MERGE_DISTANCE):
            runs[-1].append(claim)
        else:
            runs.append([claim])
    notes = []
    for run in runs:
        first = run[0]
        conflicting = first.relation_to_record == "conflicting_account"
        many = len(run) > 1
        if conflicting:
            what = f"{len(run)} conflicting accounts" if many else "conflicting account"
            text = f"{DISPUTED_MARK} {first.label} \u00b7 {what}"
        else:
            what = (f"{len(run)} consistent re-descriptions" if many else "consistent re-description")
            text = f"{first.label} \u00b7 {what}"
        x0 = min(axis.x(c.observed_on) for c in run)
        x1 = max(axis.x(c.observed_on_latest) for c in run)
        width = text_width(text, NOTE_SIZE)
        # Start under the first mark; near the right edge, end under the last mark instead.
        start = x0 if x0 + width <= axis.right else max(axis.left, x1 - width)
        notes.append(Note(tuple(c.provision_id for c in run), text, conflicting, start, start + width))
    return notes


@dataclass(frozen=True)
class Lane:
    dimension: views.DimensionInfo
    records: list[views.Record]
    claims: list[views.Claim]
    label_spans: list[tuple[float, float]]
    label_rows: list[int]
    notes: list[Note]
    note_rows: list[int]

    @property
    def height(self) -> float:
        labels = max(self.label_rows, default=0) + 1
        notes = max(self.note_rows, default=-1) + 1
        return max(44.0, 6 + labels * LABEL_ROW + BAR_HEIGHT + MARK_STRIP + notes * NOTE_ROW + 6)

    def bar_top(self, top: float) -> float:
        return top + 6 + (max(self.label_rows, default=0) + 1) * LABEL_ROW


def _lane(dim: views.DimensionInfo, records, claims, axis: Axis) -> Lane:
    spans = []
    for record in records:
        width = text_width(bar_label(record), LABEL_SIZE)
        if record.disputed:
            width += text_width(" " + DISPUTED_MARK, LABEL_SIZE + 0.5, "bold")
        x0 = axis.x(record.valid_from)
        x0 = x0 if x0 + width <= axis.right else max(axis.left, axis.right - width)
        spans.append((x0, x0 + width))
    notes = _notes(claims, axis)
    return Lane(dim, records, claims, spans, place_in_rows(spans), notes,
                place_in_rows([(n.x0, n.x1) for n in notes]))


def _fade(canvas: Canvas, group: Group, x0: float, x1: float, top: float, height: float,
          colour: str) -> None:
    """White to `colour` in FADE_STEPS steps, in a dashed outline of the colour. Each step reaches
    under the next, so no renderer shows seams between them."""
    step = (x1 - x0) / FADE_STEPS
    for index in range(FADE_STEPS):
        width = step if index == FADE_STEPS - 1 else min(step + 0.6, x1 - x0 - index * step)
        canvas.rect(x0 + index * step, top, width, height,
                    fill=mix(colour, (index + 1) / (FADE_STEPS + 1)), into=group, zorder=1 + index / 100)
    canvas.rect(x0, top, x1 - x0, height, fill="none", edge=colour, linewidth=0.8, linestyle="--",
                into=group, zorder=1.5)


def _draw_record(canvas: Canvas, key: str, record: views.Record, axis: Axis, bar_top: float,
                 label_x: float, label_y: float) -> None:
    colour = LEVEL_FILL[record.level]
    x_start, x_sure = axis.x(record.valid_from), axis.x(record.valid_from_latest)
    x_end = axis.x(record.valid_to) if record.valid_to_latest is not None else axis.right
    x_sure = max(x_start, min(x_sure, x_end))  # a next start may fall within this one's bounds
    pid = f"{key}:{record.provision_id}"

    if x_sure > x_start:
        fade = canvas.group(f"uncertain-start:{pid}")
        _fade(canvas, fade, x_start, x_sure, bar_top, BAR_HEIGHT, colour)

    # Held from the latest possible start to the end: one thin bar, whatever the sources say when.
    bar = canvas.group(f"bar:{pid}")
    canvas.rect(x_sure, bar_top + (BAR_HEIGHT - HELD_HEIGHT) / 2, x_end - x_sure, HELD_HEIGHT,
                fill=colour, gid=f"held:{pid}", into=bar)

    label = bar_label(record)
    canvas.text(label_x, label_y, label, size=LABEL_SIZE, color=INK, gid=f"bar-label:{pid}")
    if record.disputed:
        canvas.text(label_x + outline_width(label, LABEL_SIZE) + 4, label_y, DISPUTED_MARK,
                    size=LABEL_SIZE + 0.5, weight="bold", color=INK, gid=f"disputed:{pid}")


def _draw_mark(canvas: Canvas, x0: float, x1: float, y: float, color: str, gid: str | None,
               into: Group | None = None) -> Group:
    """A tick for a day, a bracket spanning the bounds of a day known only within a range."""
    group = into or canvas.group(gid, zorder=2.5)
    height = MARK_STRIP - 4
    if x1 - x0 < 2.0:
        middle = (x0 + x1) / 2
        canvas.line(middle, y, middle, y + height, color=color, linewidth=1.4, into=group)
    else:
        canvas.line(x0, y + height / 2, x1, y + height / 2, color=color, linewidth=1.2, into=group)
        for x in (x0, x1):
            canvas.line(x, y, x, y + height, color=color, linewidth=1.2, into=group)
    return group


def _draw_lane(canvas: Canvas, jurisdiction_id: str, lane: Lane, axis: Axis, top: float) -> None:
    key = f"{jurisdiction_id}:{lane.dimension.name}"
    bar_top = lane.bar_top(top)
    canvas.text(MARGIN, bar_top + BAR_HEIGHT / 2,
                "\n".join(wrap(lane.dimension.label, LABEL_COLUMN - 14, 9, "bold")), size=9,
                weight="bold", va="center", linespacing=1.1, gid=f"lane:{lane.dimension.name}")
    if not lane.records:
        canvas.not_addressed_rect(axis.left, bar_top, axis.right - axis.left, BAR_HEIGHT,
                                  gid=f"lane-empty:{key}")
        canvas.text((axis.left + axis.right) / 2, bar_top + BAR_HEIGHT / 2, "not addressed",
                    size=8, style="italic", color=NOT_ADDRESSED_INK, ha="center", va="center",
                    gid=f"lane-empty-label:{key}")
        return
    for record, (x0, _), row in zip(lane.records, lane.label_spans, lane.label_rows):
        _draw_record(canvas, key, record, axis, bar_top, x0, bar_top - 4 - row * LABEL_ROW)
    mark_top = bar_top + BAR_HEIGHT + 3
    for claim in lane.claims:
        _draw_mark(canvas, axis.x(claim.observed_on), axis.x(claim.observed_on_latest), mark_top,
                   INK, f"observation:{key}:{claim.provision_id}")
    for note, row in zip(lane.notes, lane.note_rows):
        canvas.text(note.x0, mark_top + MARK_STRIP - 3 + row * NOTE_ROW, note.text, size=NOTE_SIZE,
                    color=INK if note.conflicting else MUTED, va="top",
                    gid=f"account:{key}:{'+'.join(note.provision_ids)}")


LEGEND_ITEMS = (
    ("uncertain-start", "uncertain start: the position of record began on some day in this span; "
     "the sources date it only within these bounds"),
    ("held", "position of record, held until a source reports a change or to the end of the axis: "
     "carried forward, not re-observed, between the marks where sources speak"),
    ("observation", "a source speaks: a tick on a known day, a bracket across the bounds of a day "
     "known only within a range; a mark with no label is the claim that set the position of record"),
    ("consistent", "consistent re-description: a source's own wording, in agreement with the "
     "position of record; it corroborates it and changes nothing"),
    ("disputed", "conflicting account: a source names another position for the same period (the "
     "disputes view); the position of record stays as it is"),
)
LEGEND_COLUMN_GAP = 16.0
LEGEND_SWATCH = 40.0
LEGEND_SIZE = 8.0
LEGEND_LINE = LEGEND_SIZE * LINE_HEIGHT * 1.15


def _legend_text_width() -> float:
    return (WIDTH_PT - 2 * MARGIN - LEGEND_COLUMN_GAP) / 2 - LEGEND_SWATCH - 6


def _legend_pairs() -> list[float]:
    """The height of each row of the two-column legend: its taller item plus a gap."""
    heights = [len(wrap(text, _legend_text_width(), LEGEND_SIZE, hyphens=False)) * LEGEND_LINE + 7
               for _, text in LEGEND_ITEMS]
    return [max(heights[i:i + 2]) for i in range(0, len(heights), 2)]


def _legend_height() -> float:
    return 40 + sum(_legend_pairs()) + 14


def _legend_sample(canvas: Canvas, name: str, x: float, middle: float) -> None:
    sample = LEVEL_FILL[2]
    gid = f"legend:{name}"
    if name == "uncertain-start":
        _fade(canvas, canvas.group(gid), x, x + LEGEND_SWATCH, middle - 6, 12, sample)
    elif name == "held":
        canvas.rect(x, middle - HELD_HEIGHT / 2, LEGEND_SWATCH, HELD_HEIGHT, fill=sample, gid=gid)
    elif name == "observation":
        group = canvas.group(gid, zorder=2.5)
        top = middle - (MARK_STRIP - 4) / 2
        _draw_mark(canvas, x + 4, x + 4, top, INK, None, into=group)
        _draw_mark(canvas, x + 14, x + LEGEND_SWATCH - 2, top, INK, None, into=group)
    else:  # how the labels of accounts look
        conflicting = name == "disputed"
        canvas.text(x, middle, f"{DISPUTED_MARK} Position" if conflicting else "Position",
                    size=NOTE_SIZE, color=INK if conflicting else MUTED, va="center", gid=gid)


def _draw_legend(canvas: Canvas, top: float) -> None:
    swatch = 14.0
    canvas.text(MARGIN, top, "Level", size=9, weight="bold", va="top", gid="legend-title")
    y = top + 24
    column = (WIDTH_PT - 2 * MARGIN) / len(LEVEL_FILL)
    for level, fill in enumerate(LEVEL_FILL):
        x = MARGIN + level * column
        canvas.rect(x, y - swatch / 2, swatch, swatch, fill=fill, gid=f"legend:{level}")
        canvas.text(x + swatch + 5, y, f"{level} = {LEVEL_MEANING[level]}", size=8.5, va="center",
                    gid=f"legend-meaning:{level}")
    y += 16
    half = (WIDTH_PT - 2 * MARGIN - LEGEND_COLUMN_GAP) / 2
    pairs = _legend_pairs()
    for index, (name, text) in enumerate(LEGEND_ITEMS):
        x = MARGIN + (index % 2) * (half + LEGEND_COLUMN_GAP)
        row_top = y + sum(pairs[:index // 2])
        _legend_sample(canvas, name, x, row_top + LEGEND_LINE / 2)
        canvas.text(x + LEGEND_SWATCH + 6, row_top,
                    "\n".join(wrap(text, _legend_text_width(), LEGEND_SIZE, hyphens=False)),
                    size=LEGEND_SIZE, va="top", linespacing=1.15, gid=f"legend-meaning:{name}")
    y += sum(pairs)
    canvas.not_addressed_rect(MARGIN, y, LEGEND_SWATCH, 12, gid="legend:not_addressed")
    canvas.text(MARGIN + LEGEND_SWATCH + 6, y + 6, NOT_ADDRESSED_MEANING + " (an empty lane)",
                size=LEGEND_SIZE, va="center", gid="legend-meaning:not_addressed")


def _footnote() -> str:
    return (
        "Positions of record from the policy_timeline view, observation marks from provision_claims. "
        "Only a first report or a reported change sets the position of record. A consistent "
        "re-description corroborates it and changes nothing; a conflicting account "
        f"({DISPUTED_MARK}) disputes it and does not move it. Every claim stays in the data. Dates "
        "are drawn within the bounds the sources allow, never as a single day where only a month, "
        f"a year or a range is known. Data package {release.NAME} version {release.VERSION}.")


def _year_step(axis: Axis) -> int:
    """Label every year, or every 2nd, 5th, 10th … where years are too narrow for a label."""
    per_year = (axis.right - axis.left) / (axis.last_year - axis.first_year + 1)
    for step in (1, 2, 5, 10, 20, 50, 100):
        if per_year * step >= MIN_YEAR_LABEL_GAP:
            return step
    return 100


def timeline_title(name: str, first_year: int, last_year: int) -> str:
    return f"{name}'s coded positions on cooperation with ICE, {years_range(first_year, last_year)}"


@dataclass(frozen=True)
class TimelineData:
    name: str
    sources: str
    dims: list[views.DimensionInfo]
    records: list[views.Record]
    claims: list[views.Claim]
    first_year: int
    last_year: int


def timeline_data(package_dir: Path, jurisdiction_id: str) -> TimelineData:
    with views.package_views(package_dir) as con:
        dims = views.dimensions(con)
        records = views.records(con, jurisdiction_id)
        claims = views.claims(con, jurisdiction_id)
        name = views.jurisdiction_name(con, jurisdiction_id)
        sources = views.sources_phrase(con)
        fallback = views.source_years(con)
    return TimelineData(name, sources, dims, records, claims, *axis_years(records, claims, fallback))


def _build(data: TimelineData, jurisdiction_id: str) -> Figure:
    axis = Axis(data.first_year, data.last_year, MARGIN + LABEL_COLUMN, WIDTH_PT - MARGIN - 6)
    lanes = [_lane(dim, [r for r in data.records if r.dimension == dim.name],
                   [c for c in data.claims if c.dimension == dim.name], axis) for dim in data.dims]
    axis_end = (f"{data.last_year}, the last year a source speaks of {data.name}" if data.claims
                else f"{data.last_year}, the last year of the sources")
    subtitle = (
        f"The position of record over time in each policy dimension, coded from {data.sources}. "
        "A position of record is drawn until a source reports a change, or to the end of the axis "
        f"({axis_end}); marks show where sources speak. Colour and number give the level: higher "
        "= more limits on cooperation.")
    width = WIDTH_PT - 2 * MARGIN
    lanes_top = MARGIN + 24 + paragraph_height(subtitle, width, 9.5) + 8
    lanes_bottom = lanes_top + sum(lane.height for lane in lanes)
    axis_y = lanes_bottom + 4
    legend_top = axis_y + 44
    footnote_top = legend_top + _legend_height() + 10
    footnote = _footnote()
    canvas = Canvas(round(footnote_top + paragraph_height(footnote, width, 8) + MARGIN))

    canvas.text(MARGIN, MARGIN, timeline_title(data.name, data.first_year, data.last_year), size=14,
                weight="bold", va="top", gid="title")
    canvas.paragraph(MARGIN, MARGIN + 24, subtitle, width, size=9.5, color=INK, gid="subtitle")

    # Year grid: boundaries at 1 January, year labels centred in their year.
    for year in range(data.first_year, data.last_year + 2):
        x = axis.x(date(year, 1, 1))
        canvas.line(x, lanes_top, x, axis_y + 4, color=GRID, linewidth=0.7,
                    gid=f"gridline:{year}-01-01", zorder=0.5)
    step = _year_step(axis)
    for year in range(data.first_year, data.last_year + 1):
        if (year - data.first_year) % step == 0:
            x = (axis.x(date(year, 1, 1)) + axis.x(date(year + 1, 1, 1))) / 2
            canvas.text(x, axis_y + 16, str(year), size=9, color=INK, ha="center", gid=f"year:{year}")
    canvas.line(axis.left, axis_y, axis.right, axis_y, color=MUTED, linewidth=0.9, gid="x-axis")
    canvas.text((axis.left + axis.right) / 2, axis_y + 32, "Year (gridlines at 1 January)", size=9,
                color=MUTED, ha="center", gid="x-axis-label")

    top = lanes_top
    for index, lane in enumerate(lanes):
        if index > 0:
            canvas.line(MARGIN, top, axis.right, top, color="#eeeeee", linewidth=0.7, zorder=0.5)
        _draw_lane(canvas, jurisdiction_id, lane, axis, top)
        top += lane.height

    _draw_legend(canvas, legend_top)
    canvas.paragraph(MARGIN, footnote_top, footnote, width, size=8, gid="footnote")
    return canvas.figure


def most_documented(package_dir: Path) -> str:
    """The picture's subject in any package: the jurisdiction with the most claims (of ties, the
    first by id), or the first jurisdiction when nothing is coded."""
    with views.package_views(package_dir) as con:
        found = con.execute("""
            SELECT j.jurisdiction_id FROM jurisdictions AS j
            LEFT JOIN provisions AS p USING (jurisdiction_id)
            GROUP BY j.jurisdiction_id ORDER BY count(p.provision_id) DESC, j.jurisdiction_id
            LIMIT 1""").fetchone()
    if found is None:
        raise ValueError(f"{package_dir}: no jurisdiction to draw a timeline of")
    return found[0]


def timeline_figure(package_dir: Path, jurisdiction_id: str | None = None) -> Figure:
    jurisdiction_id = jurisdiction_id or most_documented(Path(package_dir))
    data = timeline_data(Path(package_dir), jurisdiction_id)
    with drawing_style():
        return _build(data, jurisdiction_id)


def timeline_svg(package_dir: Path, jurisdiction_id: str | None = None) -> bytes:
    """The timeline of `jurisdiction_id`, by default of the most documented jurisdiction."""
    jurisdiction_id = jurisdiction_id or most_documented(Path(package_dir))
    data = timeline_data(Path(package_dir), jurisdiction_id)
    with drawing_style():
        figure = _build(data, jurisdiction_id)
    return svg_bytes(figure, timeline_title(data.name, data.first_year, data.last_year),
                     "Position of record over time per policy dimension, colour by ordinal level "
                     f"0-{len(LEVEL_FILL) - 1}, drawn until a source reports a change or to the end "
                     "of the axis, with a mark for each time a source speaks. "
                     f"{release.NAME} {release.VERSION}.")


def denver_timeline_figure(package_dir: Path) -> Figure:
    return timeline_figure(package_dir, DENVER)


def denver_timeline_svg(package_dir: Path) -> bytes:
    return timeline_svg(package_dir, DENVER)
