"""Colours, fonts and matplotlib settings shared by every picture.

The level colours are a sequential single-hue (blue) ramp, light to dark as limits on cooperation
grow: ordinal, neutral (no red/green judgement) and readable with any colour-vision deficiency or
in greyscale. Because lightness carries the level, nothing else in a picture may lighten a level's
colour: carried-forward spans are drawn thinner, uncertain starts as a fade with an outline.
"""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib

from .. import codebook
# The colours are shared with the evidence explorer (site/), so they live in palette.py.
from ..palette import (DISPUTED_MARK, GRID, INK, LEVEL_FILL, LEVEL_INK, MUTED,  # noqa: F401
                       NOT_ADDRESSED, NOT_ADDRESSED_EDGE, NOT_ADDRESSED_FILL, NOT_ADDRESSED_HATCH,
                       NOT_ADDRESSED_INK, NOT_ADDRESSED_MEANING, PAPER, RULE)

FONT = "DejaVu Sans"  # bundled with matplotlib, so every machine measures the same widths
WIDTH_PT = 720.0  # 10 inches at 72 points per inch; SVG user units are points
MARGIN = 24.0

# What the levels mean generally (codebook: 0 is the fullest cooperation with ICE, 3 the least).
LEVEL_MEANING = codebook.LEVEL_MEANINGS

# Who asserts a position of record (the asserted_by vocabulary), in short neutral words for the
# matrix cells; the matrix key says what each means.
ASSERTED_BY_WORDS = {
    "jurisdiction_officials": "own officials",
    "outlet": "outlet",
    "other_officials": "other officials",
    "federal_agency": "federal agency",
}

RC = {
    "svg.hashsalt": "immigration-cooperation",  # fixed ids for hatch patterns and clip paths
    "svg.fonttype": "none",  # text stays text
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


@contextmanager
def drawing_style():
    """matplotlib's own defaults plus RC, whatever matplotlibrc or style the caller has."""
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(RC)
        yield


def mix(colour: str, weight: float, base: str = PAPER) -> str:
    """`colour` laid over `base` at opacity `weight`, as an opaque hex colour (no alpha in the SVG,
    so every viewer blends the same way)."""
    channels = []
    for index in (1, 3, 5):
        top, bottom = int(colour[index:index + 2], 16), int(base[index:index + 2], 16)
        channels.append(round(bottom + (top - bottom) * weight))
    return "#" + "".join(f"{channel:02x}" for channel in channels)
