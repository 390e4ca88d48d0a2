"""The policy matrix: every jurisdiction by every dimension, the latest position of record from
`policy_cells`, coloured by level. Each coded cell states, from the same row of `policy_cells`:

* the position of record (bold) and, by its colour, its level;
* `since …`: the year(s) it began, with a dagger where a source gives a conflicting account;
* `last … · n sources`: the year(s) a source last spoke in agreement with it, and how many sources
  do;
* `who, confidence`: who asserts it (the claim that set it) and how directly that claim's evidence
  states it.

Cells no source addresses are hatched and say so. A row is as tall as its tallest cell needs."""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from .. import release
from . import views
from .drawing import LINE_HEIGHT, Canvas, outline_width, paragraph_height, svg_bytes, text_width, wrap
from .style import (ASSERTED_BY_WORDS, DISPUTED_MARK, INK, LEVEL_FILL, LEVEL_INK, LEVEL_MEANING,
                    MARGIN, MUTED, NOT_ADDRESSED_INK, NOT_ADDRESSED_MEANING, RULE, WIDTH_PT,
                    drawing_style)
from .wording import last_years, since_years, sources_text

TITLE = "Local cooperation with federal immigration enforcement: what the sources say"
NAME_COLUMN = 132.0
GAP = 2.0
LABEL_SIZE = 8.5
YEAR_SIZE = 7.5
BASIS_SIZE = 7.0
BASIS_SPACING = 1.1
BASIS_GAP = 1.5  # between the since line and the basis lines
LABEL_GAP = 1.5  # between the label and the since line
PAD = 4.0  # text keeps this far inside a cell's edges
MIN_ROW = 34.0
KEY_HEIGHT = 26.0
DAGGER_GAP = 2.5
SEPARATOR = " \u00b7 "

JURISDICTION_LEVEL_WORDS = {
    "city": "city",
    "county": "county",
    "consolidated_city_county": "city and county",
    "state": "state",
    "federal": "federal",
}


def asserted_by_words(asserted_by: str) -> str:
    return ASSERTED_BY_WORDS.get(asserted_by, asserted_by.replace("_", " "))


def basis_parts(cell: views.Cell) -> tuple[tuple[str, str], str]:
    """(('last …', 'n sources'), 'who, confidence') of a coded cell, from its policy_cells row."""
    return ((last_years(cell.last_observed_on, cell.last_observed_on_latest),
             sources_text(cell.sources)),
            f"{asserted_by_words(cell.asserted_by)}, {cell.confidence}")


def basis_text(cell: views.Cell) -> str:
    """The basis in one line: 'last 2025 \u00b7 2 sources \u00b7 outlet, high'."""
    (last, sources), who = basis_parts(cell)
    return SEPARATOR.join((last, sources, who))


def _label_lines(cell: views.Cell, column_width: float) -> list[str]:
    return wrap(cell.label, column_width - 2 * PAD, LABEL_SIZE, "bold")


def _basis_lines(cell: views.Cell, column_width: float) -> list[str]:
    """'last …' and 'n sources' share a line where they fit; 'who, confidence' has its own line,
    so the cells of a row read alike. A part too wide for the cell wraps at its spaces."""
    width = column_width - 2 * PAD
    (last, sources), who = basis_parts(cell)
    lines: list[str] = []
    for index, part in enumerate((last, sources)):
        joined = f"{lines[-1]}{SEPARATOR}{part}" if index else None
        if joined is not None and text_width(joined, BASIS_SIZE) <= width:
            lines[-1] = joined
        else:
            lines.extend(wrap(part, width, BASIS_SIZE, hyphens=False))
    return lines + wrap(who, width, BASIS_SIZE, hyphens=False)


def _cell_text_height(label_lines: int, basis_lines: int) -> float:
    """The label's lines, a small gap, the since line, a small gap, then the basis lines."""
    return (label_lines * LABEL_SIZE * LINE_HEIGHT * 1.05 + LABEL_GAP + YEAR_SIZE * LINE_HEIGHT
            + BASIS_GAP + basis_lines * BASIS_SIZE * LINE_HEIGHT * BASIS_SPACING)


def _row_height(cells: list[views.Cell], column_width: float) -> float:
    """As tall as the row's tallest coded cell needs, with some air; at least MIN_ROW."""
    tallest = max([_cell_text_height(len(_label_lines(c, column_width)),
                                     len(_basis_lines(c, column_width)))
                   for c in cells if c.level is not None], default=0)
    return max(MIN_ROW, round(tallest + 12))


def _draw_cell(canvas: Canvas, cell: views.Cell, x: float, y: float, column_width: float,
               row_height: float) -> None:
    gid = f"cell:{cell.jurisdiction_id}:{cell.dimension}:{cell.position}"
    key = f"{cell.jurisdiction_id}:{cell.dimension}"
    cx, cy = x + column_width / 2, y + row_height / 2
    if cell.level is None:
        canvas.not_addressed_rect(x + GAP / 2, y + GAP / 2, column_width - GAP, row_height - GAP, gid=gid)
        canvas.text(cx, cy, "not addressed", size=7.5, style="italic", color=NOT_ADDRESSED_INK,
                    ha="center", va="center", gid=f"cell-label:{key}")
        return
    ink = LEVEL_INK[cell.level]
    canvas.rect(x + GAP / 2, y + GAP / 2, column_width - GAP, row_height - GAP,
                fill=LEVEL_FILL[cell.level], gid=gid)
    lines = _label_lines(cell, column_width)
    basis = _basis_lines(cell, column_width)
    top = cy - _cell_text_height(len(lines), len(basis)) / 2
    canvas.text(cx, top, "\n".join(lines), size=LABEL_SIZE, weight="bold", color=ink, ha="center",
                va="top", linespacing=1.05, gid=f"cell-label:{key}")
    year = since_years(cell.since, cell.since_latest)
    year_top = top + len(lines) * LABEL_SIZE * LINE_HEIGHT * 1.05 + LABEL_GAP
    # The dagger follows the year line, which is short, so it never collides with the label. (A
    # gap, not a space: SVG viewers collapse a leading space.)
    year_width = outline_width(year, YEAR_SIZE)
    mark_width = DAGGER_GAP + outline_width(DISPUTED_MARK, YEAR_SIZE + 1, "bold") if cell.disputed else 0
    x0 = cx - (year_width + mark_width) / 2
    canvas.text(x0, year_top, year, size=YEAR_SIZE, color=ink, va="top", gid=f"cell-year:{key}")
    if cell.disputed:
        canvas.text(x0 + year_width + DAGGER_GAP, year_top - 0.5, DISPUTED_MARK, size=YEAR_SIZE + 1,
                    weight="bold", color=ink, va="top", gid=f"disputed:{key}")
    canvas.text(cx, year_top + YEAR_SIZE * LINE_HEIGHT + BASIS_GAP, "\n".join(basis), size=BASIS_SIZE,
                color=ink, ha="center", va="top", linespacing=BASIS_SPACING, gid=f"cell-basis:{key}")


def _level_key(canvas: Canvas, dims, positions, left: float, column_width: float, top: float) -> float:
    """The key under the matrix: per level, its general meaning and each dimension's position;
    then not addressed, the since line, each part of the basis lines and the dagger. Returns the y
    below it."""
    y = top
    canvas.text(MARGIN, y, "How to read the cells", size=10.5, weight="bold", va="top", gid="key-title")
    y += 16
    y = canvas.paragraph(
        MARGIN, y, "Levels are ordinal within a dimension: higher = more limits on cooperation with "
        "federal immigration enforcement (ICE). Each key cell names the position the codebook puts "
        "at that level in that dimension.", WIDTH_PT - 2 * MARGIN, size=8.5, gid="key-note")
    y += 6
    by_cell = {(p.dimension, p.level): p for p in positions}
    for level in range(len(LEVEL_FILL)):
        canvas.text(MARGIN, y + KEY_HEIGHT / 2 - 5, f"Level {level}", size=9.5, weight="bold",
                    va="center", gid=f"legend-level:{level}")
        canvas.text(MARGIN, y + KEY_HEIGHT / 2 + 6, LEVEL_MEANING[level], size=7.5,
                    color=MUTED, va="center", gid=f"legend-meaning:{level}")
        for column, dim in enumerate(dims):
            position = by_cell.get((dim.name, level))
            if position is None:
                continue
            x = left + column * column_width
            canvas.rect(x + GAP / 2, y + GAP / 2, column_width - GAP, KEY_HEIGHT - GAP,
                        fill=LEVEL_FILL[level], gid=f"key:{dim.name}:{position.name}")
            canvas.text(x + column_width / 2, y + KEY_HEIGHT / 2,
                        "\n".join(wrap(position.label, column_width - 10, 8)), size=8,
                        color=LEVEL_INK[level], ha="center", va="center", linespacing=1.05,
                        gid=f"key-label:{dim.name}:{position.name}")
        y += KEY_HEIGHT
    y += 4
    explanations = (
        ("not_addressed", None, NOT_ADDRESSED_MEANING),
        ("since", "since \u2026", "the year the position of record began; where the sources date "
         "its start only within bounds that span years, the first and last of those years"),
        ("last", "last \u2026", "the year a source last spoke in agreement with the position of "
         "record (the claim that set it, or a consistent re-description), written like since \u2026"),
        ("sources", "n sources", "how many sources those claims quote"),
        ("asserted-by", "who, confidence", _asserted_by_meaning()),
        ("disputed", DISPUTED_MARK, "a source gives a conflicting account for the cell's current "
         "period (the disputes view); the cell shows the position of record"),
    )
    text_left = left + column_width + 8
    for name, sample, meaning in explanations:
        lines = wrap(meaning, WIDTH_PT - MARGIN - text_left, 9, hyphens=False)
        height = max(KEY_HEIGHT, len(lines) * 9 * LINE_HEIGHT * 1.15 + 8)
        if sample is None:
            canvas.not_addressed_rect(left + GAP / 2, y + GAP / 2, column_width - GAP, KEY_HEIGHT - GAP,
                                      gid=f"legend:{name}")
            canvas.text(left + column_width / 2, y + KEY_HEIGHT / 2, "not addressed", size=7.5,
                        style="italic", color=NOT_ADDRESSED_INK, ha="center", va="center",
                        gid=f"legend-label:{name}")
        else:
            size = YEAR_SIZE + 1 if name == "disputed" else (
                BASIS_SIZE if name in ("last", "sources", "asserted-by") else YEAR_SIZE)
            canvas.text(left + column_width / 2, y + height / 2, sample, size=size,
                        weight="bold" if name == "disputed" else "normal", color=INK, ha="center",
                        va="center", linespacing=BASIS_SPACING, gid=f"legend-label:{name}")
        canvas.text(text_left, y + height / 2, "\n".join(lines), size=9, va="center",
                    gid=f"legend-meaning:{name}")
        y += height
    return y


# Who asserts a position, glossed in the key (the asserted_by vocabulary, in short).
ASSERTED_BY_GLOSS = {
    "jurisdiction_officials": "the jurisdiction's own officials, bodies or laws",
    "outlet": "the news outlet in its own words",
    "other_officials": "another government's officials",
    "federal_agency": "a federal agency or official",
}
CONFIDENCE_GLOSS = (("high", "stated directly"), ("medium", "needs a reading"),
                    ("low", "an accusation or an indirect description"))


def _asserted_by_meaning() -> str:
    who = "; ".join(f"{asserted_by_words(value)} = {gloss}" for value, gloss in ASSERTED_BY_GLOSS.items())
    confidence = ", ".join(f"{value} = {gloss}" for value, gloss in CONFIDENCE_GLOSS)
    return (f"who asserts the position of record ({who}), and how directly the evidence of the "
            f"claim that set it states it ({confidence})")


def _footnote() -> str:
    return (
        "As of: the latest position of record (the policy_cells view). Only a first report or a "
        "reported change sets the position of record; a later consistent re-description "
        "corroborates it and a conflicting account disputes it, and neither changes it. Every "
        f"claim stays in the data. Data package {release.NAME} version {release.VERSION}.")


def _build(package_dir: Path) -> Figure:
    with views.package_views(package_dir) as con:
        dims = views.dimensions(con)
        rows = views.matrix_rows(con)
        cells = views.cells(con)
        positions = views.positions(con)
        coded, total = views.coverage_counts(con)
        sources = views.sources_phrase(con)

    left = MARGIN + NAME_COLUMN
    column_width = (WIDTH_PT - MARGIN - left) / len(dims)
    heights = [_row_height([cells[(row.jurisdiction_id, d.name)] for d in dims], column_width)
               for row in rows]
    tops = [sum(heights[:index]) for index in range(len(rows))]
    disputed = sum(cell.disputed for cell in cells.values())
    subtitle = (
        f"Latest position of record for each of {len(rows)} jurisdictions and {len(dims)} policy "
        f"dimensions, coded from {sources}: the year it began, the year a source last spoke to it, "
        f"how many sources do and who asserts it. Only {coded} of {total} cells "
        "are addressed by any source; the rest are not addressed, which is no data, not zero. "
        + (f"{DISPUTED_MARK} marks the {disputed} "
           f"{'cell' if disputed == 1 else 'cells'} where a source gives a conflicting account."
           if disputed else "No source gives a conflicting account of any cell."))
    subtitle_height = paragraph_height(subtitle, WIDTH_PT - 2 * MARGIN, 9.5)
    header_lines = max(len(wrap(d.label, column_width - 10, 9, "bold")) for d in dims)
    header_top = MARGIN + 24 + subtitle_height + 12
    matrix_top = header_top + 20 + header_lines * 9 * LINE_HEIGHT * 1.15 + 4
    matrix_bottom = matrix_top + sum(heights)

    # The key's height is known only once drawn: draw it on a scratch canvas first.
    key_bottom = _level_key(Canvas(100), dims, positions, left, column_width, 0)
    key_top = matrix_bottom + 22
    footnote_top = key_top + key_bottom + 16
    footnote = _footnote()
    canvas = Canvas(round(footnote_top + paragraph_height(footnote, WIDTH_PT - 2 * MARGIN, 8) + MARGIN))

    canvas.text(MARGIN, MARGIN, TITLE, size=14, weight="bold", va="top", gid="title")
    canvas.paragraph(MARGIN, MARGIN + 24, subtitle, WIDTH_PT - 2 * MARGIN, size=9.5, color=INK,
                     gid="subtitle")

    # Column headers: core dimensions first (sort order), bracketed.
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

    for index, (row, row_height) in enumerate(zip(rows, heights)):
        y = matrix_top + tops[index]
        if index % 2 == 1:
            canvas.rect(MARGIN, y, NAME_COLUMN - 4, row_height, fill="#f4f4f4")
        canvas.text(MARGIN + 4, y + row_height / 2 - 4.5, row.name, size=10, weight="bold",
                    va="center", gid=f"row:{row.jurisdiction_id}")
        kind = JURISDICTION_LEVEL_WORDS.get(row.level, row.level.replace("_", " "))
        detail = f"{kind}, {row.state_code}" if row.state_code else kind
        canvas.text(MARGIN + 4, y + row_height / 2 + 7.5, detail, size=7.5, color=MUTED, va="center",
                    gid=f"row-detail:{row.jurisdiction_id}")
        for column, dim in enumerate(dims):
            _draw_cell(canvas, cells[(row.jurisdiction_id, dim.name)], left + column * column_width,
                       y, column_width, row_height)
    canvas.line(MARGIN, matrix_bottom + 8, WIDTH_PT - MARGIN, matrix_bottom + 8, color=RULE)

    _level_key(canvas, dims, positions, left, column_width, key_top)
    canvas.paragraph(MARGIN, footnote_top, footnote, WIDTH_PT - 2 * MARGIN, size=8, gid="footnote")
    return canvas.figure


def matrix_figure(package_dir: Path) -> Figure:
    """The matrix, or above summary.MATRIX_ROW_LIMIT jurisdictions its summary."""
    from .summary import summarised, summary_figure

    with drawing_style():
        if summarised(Path(package_dir)):
            return summary_figure(Path(package_dir))
        return _build(Path(package_dir))


def matrix_svg(package_dir: Path) -> bytes:
    from .summary import summarised

    if summarised(Path(package_dir)):
        description = ("Per policy dimension, how many jurisdictions hold a latest position of record "
                       f"at each ordinal level 0-{len(LEVEL_FILL) - 1} (colour), and how many no "
                       "source addresses (hatched).")
    else:
        description = ("Latest position of record per jurisdiction and dimension, colour by ordinal "
                       f"level 0-{len(LEVEL_FILL) - 1}, with the year it began, the year a source last "
                       "spoke to it, how many sources do, who asserts it and with what confidence; a "
                       "dagger marks a conflicting account; hatched cells are not addressed by any "
                       "source.")
    return svg_bytes(matrix_figure(package_dir),
                     "Local cooperation with federal immigration enforcement: policy matrix",
                     f"{description} {release.NAME} {release.VERSION}.")
