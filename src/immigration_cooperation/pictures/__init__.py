"""Pictures of the package: the policy matrix (above summary.MATRIX_ROW_LIMIT jurisdictions, a
summary of it) and the timeline of the most documented jurisdiction (in this package, Denver), as
SVG drawn from the SQL views.

Both pictures are queried from the package's own DuckDB views (`policy_cells`, `policy_timeline`,
`provision_claims`, `coverage`, `codebook`, `dimensions`), so they show exactly what a downloader
gets from SQL. They are deterministic: the same bytes on every run, on any machine, whatever the
locale, time zone or PYTHONHASHSEED. To that end

* matplotlib runs from its defaults inside an `rc_context` (no matplotlibrc leaks in), with a
  fixed `svg.hashsalt`, text kept as text (`svg.fonttype = 'none'`) in DejaVu Sans (bundled with
  matplotlib), and the SVG metadata carries no date and no matplotlib version;
* no pyplot: a `Figure` with its own SVG canvas, fixed width and a height that follows the data;
* every element is laid out by hand in points, text wrapped by measured width, dates written
  without the locale, and every query has an ORDER BY.

Modules: `style` (colours, fonts, settings), `drawing` (canvas, text, SVG), `wording` (dates in
words as exact as their bounds), `views` (the queries), `matrix`, `summary` and `timeline` (the
pictures).

Elements carry SVG ids (matplotlib gids) so the pictures can be tested and searched, for example
`cell:denver-co:status_inquiry:prohibited`, `cell-year:denver-co:status_inquiry` and
`cell-basis:denver-co:status_inquiry` in the matrix,
`bar:denver-co:status_inquiry:denver-co-status-inquiry-2017` (its `held:` bar) and
`observation:denver-co:status_inquiry:denver-co-status-inquiry-2025` in the timeline. Timeline
ids name provisions rather than dates, since a date may be a range.
"""

from __future__ import annotations

from pathlib import Path

from .matrix import matrix_figure, matrix_svg
from .style import (ASSERTED_BY_WORDS, DISPUTED_MARK, LEVEL_FILL, LEVEL_INK, LEVEL_MEANING,
                    NOT_ADDRESSED_FILL, NOT_ADDRESSED_MEANING)
from .timeline import (DENVER, denver_timeline_figure, denver_timeline_svg, most_documented, timeline_figure,
                       timeline_svg)

PICTURES: tuple[str, ...] = ("docs/policy-matrix.svg", "docs/timeline.svg")

__all__ = [
    "ASSERTED_BY_WORDS", "DENVER", "DISPUTED_MARK", "LEVEL_FILL", "LEVEL_INK", "LEVEL_MEANING",
    "NOT_ADDRESSED_FILL", "NOT_ADDRESSED_MEANING", "PICTURES", "denver_timeline_figure",
    "denver_timeline_svg", "matrix_figure", "matrix_svg", "most_documented", "render_pictures", "timeline_figure",
    "timeline_svg",
]


DRAW = {PICTURES[0]: matrix_svg, PICTURES[1]: timeline_svg}


def render_pictures(package_dir: Path) -> list[tuple[str, bytes]]:
    """(relative path, SVG bytes) for each picture, drawn from the package in package_dir."""
    from ..sql import shared_connections

    package_dir = Path(package_dir)
    with shared_connections():  # both pictures query the same views: run views.sql once
        return [(path, DRAW[path](package_dir)) for path in PICTURES]
