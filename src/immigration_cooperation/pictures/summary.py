"""The policy picture for a package of many jurisdictions: per dimension, how many jurisdictions
hold a position of record at each level, and how many no source addresses.

A matrix of thousands of rows is not a picture (and takes minutes to draw), so above
MATRIX_ROW_LIMIT jurisdictions `docs/policy-matrix.svg` is this summary; each jurisdiction's own
cells stay in the explorer and in `policy_matrix`. Counted in SQL, so the Python side holds one
row per dimension and level whatever the package's size.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

from . import views
from .drawing import Canvas, paragraph_height, text_width, wrap
from .style import (INK, LEVEL_FILL, LEVEL_INK, LEVEL_MEANING, MARGIN, MUTED, NOT_ADDRESSED_INK, RULE,
                    WIDTH_PT)

# Up to this many jurisdictions the picture is the full matrix (matrix.py).
MATRIX_ROW_LIMIT = 60
TITLE = "Local cooperation with federal immigration enforcement: what the sources say"
LABEL_COLUMN = 170.0
BAR_HEIGHT = 22.0
ROW_GAP = 14.0
# A segment narrower than this keeps its count out of the bar (in the row's note instead).
LABEL_ROOM = 26.0


@dataclass(frozen=True)
class DimensionCounts:
    name: str
    label: str
    jurisdictions_by_level: tuple[int, ...]  # index = level
    not_addressed: int
    disputed: int

    @property
    def total(self) -> int:
        return sum(self.jurisdictions_by_level) + self.not_addressed


def counts(con) -> list[DimensionCounts]:
    dims = views.dimensions(con)
    rows = con.execute("""
        SELECT CAST(dimension AS VARCHAR), level, count(*), count(*) FILTER (WHERE disputed)
        FROM policy_cells GROUP BY ALL ORDER BY ALL""").fetchall()
    by_dimension: dict[str, dict] = {dim.name: {} for dim in dims}
    for dimension, level, jurisdictions, disputed in rows:
        by_dimension[dimension][level] = (jurisdictions, disputed)
    found = []
    for dim in dims:
        cells = by_dimension[dim.name]
        found.append(DimensionCounts(
            dim.name, dim.label,
            tuple(cells.get(level, (0, 0))[0] for level in range(len(LEVEL_FILL))),
            cells.get(None, (0, 0))[0], sum(disputed for _, disputed in cells.values())))
    return found


def summarised(package_dir: Path) -> bool:
    """Whether the package has too many jurisdictions for the matrix picture."""
    with views.package_views(package_dir) as con:
        return con.execute("SELECT count(*) FROM jurisdictions").fetchone()[0] > MATRIX_ROW_LIMIT


def _thousands(number: int) -> str:
    return f"{number:,}"


def summary_figure(package_dir: Path) -> Figure:
    with views.package_views(package_dir) as con:
        dimensions = counts(con)
        jurisdictions = con.execute("SELECT count(*) FROM jurisdictions").fetchone()[0]
        sources = views.sources_phrase(con)
    coded = sum(sum(dim.jurisdictions_by_level) for dim in dimensions)
    total = sum(dim.total for dim in dimensions)
    subtitle = (f"Latest position of record of {_thousands(jurisdictions)} jurisdictions in "
                f"{len(dimensions)} policy dimensions, coded from {sources}. Each bar counts the "
                f"jurisdictions at each level; hatched, the ones no source addresses (no data, not "
                f"zero): {_thousands(total - coded)} of {_thousands(total)} cells. Too many "
                f"jurisdictions for a matrix (more than {MATRIX_ROW_LIMIT}): each one's cells are "
                f"in the explorer (site/) and in the policy_matrix view.")
    text_width_pt = WIDTH_PT - 2 * MARGIN
    subtitle_height = paragraph_height(subtitle, text_width_pt, 9.5)
    bars_top = MARGIN + 24 + subtitle_height + 16
    row_height = BAR_HEIGHT + ROW_GAP + 10
    key_top = bars_top + len(dimensions) * row_height + 8
    key_lines = len(LEVEL_FILL) + 1
    canvas = Canvas(round(key_top + key_lines * 16 + MARGIN))
    canvas.text(MARGIN, MARGIN, TITLE, size=14, weight="bold", va="top", gid="title")
    canvas.paragraph(MARGIN, MARGIN + 24, subtitle, text_width_pt, size=9.5, color=INK, gid="subtitle")

    left = MARGIN + LABEL_COLUMN
    bar_width = WIDTH_PT - MARGIN - left
    for index, dim in enumerate(dimensions):
        top = bars_top + index * row_height
        canvas.text(MARGIN, top + BAR_HEIGHT / 2, "\n".join(wrap(dim.label, LABEL_COLUMN - 10, 9.5, "bold")),
                    size=9.5, weight="bold", va="center", gid=f"summary-row:{dim.name}")
        x = left
        segments = [(level, count) for level, count in enumerate(dim.jurisdictions_by_level)]
        segments.append((None, dim.not_addressed))
        for level, count in segments:
            if count == 0:
                continue
            width = bar_width * count / dim.total
            name = "not-addressed" if level is None else f"level-{level}"
            gid = f"summary:{dim.name}:{name}:{count}"
            if level is None:
                canvas.not_addressed_rect(x, top, width, BAR_HEIGHT, gid=gid)
                ink = NOT_ADDRESSED_INK
            else:
                canvas.rect(x, top, width, BAR_HEIGHT, fill=LEVEL_FILL[level], gid=gid)
                ink = LEVEL_INK[level]
            label = _thousands(count)
            if width >= max(LABEL_ROOM, text_width(label, 8) + 6):
                canvas.text(x + width / 2, top + BAR_HEIGHT / 2, label, size=8, color=ink, ha="center",
                            va="center", gid=f"summary-count:{dim.name}:{name}")
            x += width
        by_level = ", ".join(f"level {level} {_thousands(count)}"
                             for level, count in enumerate(dim.jurisdictions_by_level) if count)
        note = (f"{_thousands(sum(dim.jurisdictions_by_level))} addressed"
                + (f" ({by_level})" if by_level else "")
                + f", {_thousands(dim.not_addressed)} not addressed"
                + (f"; {_thousands(dim.disputed)} disputed" if dim.disputed else ""))
        canvas.text(left, top + BAR_HEIGHT + 3, note, size=7.5, color=MUTED, va="top",
                    gid=f"summary-note:{dim.name}")
    canvas.line(MARGIN, key_top - 4, WIDTH_PT - MARGIN, key_top - 4, color=RULE)
    for level, meaning in enumerate(LEVEL_MEANING):
        y = key_top + level * 16
        canvas.rect(MARGIN, y, 14, 11, fill=LEVEL_FILL[level], gid=f"key:{level}")
        canvas.text(MARGIN + 20, y + 5.5, f"level {level}: {meaning}", size=8.5, va="center",
                    gid=f"key-label:{level}")
    y = key_top + len(LEVEL_FILL) * 16
    canvas.not_addressed_rect(MARGIN, y, 14, 11, gid="key:not-addressed")
    canvas.text(MARGIN + 20, y + 5.5, "not addressed: no source speaks to it (no data, not zero)",
                size=8.5, va="center", gid="key-label:not-addressed")
    return canvas.figure
