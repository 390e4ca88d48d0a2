"""Drawing by hand in points: a Canvas of fixed width, measured text, wrapping, deterministic SVG.

One full-figure axes maps points to points with y growing downwards, so every element is placed
exactly where the layout code says. Elements carry SVG ids (matplotlib gids) so the pictures can
be tested and searched; a `Group` gathers several elements under one id.
"""

from __future__ import annotations

import io
from functools import lru_cache

from matplotlib.artist import Artist
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.ft2font import Kerning, LoadFlags
from matplotlib.textpath import TextToPath

from .. import release
from .style import (FONT, INK, MUTED, NOT_ADDRESSED_EDGE, NOT_ADDRESSED_FILL, NOT_ADDRESSED_HATCH,
                    RULE, WIDTH_PT, drawing_style)

LINE_HEIGHT = 1.164  # DejaVu Sans ascent + descent, in em: matplotlib's line height at spacing 1


@lru_cache(maxsize=None)
def _font(size: float, weight: str = "normal", style: str = "normal") -> FontProperties:
    return FontProperties(family=[FONT, "sans-serif"], size=size, weight=weight, style=style)


@lru_cache(maxsize=None)
def _face(weight: str, style: str):
    """The FreeType face matplotlib draws DejaVu Sans with, at TextToPath's reference size."""
    measure = TextToPath()
    face = measure._get_font(_font(measure.FONT_SCALE, weight, style))
    face.set_size(measure.FONT_SCALE, measure.DPI)
    return face, measure.FONT_SCALE


@lru_cache(maxsize=None)
def _glyph(character: str, weight: str, style: str) -> tuple[int, float]:
    """(glyph index, unhinted advance in points at the reference size) of one character."""
    face, _ = _face(weight, style)
    glyph = face.load_char(ord(character), flags=LoadFlags.NO_HINTING)
    return face.get_char_index(ord(character)), glyph.linearHoriAdvance / 65536


@lru_cache(maxsize=4096)
def outline_width(text: str, size: float, weight: str = "normal", style: str = "normal") -> float:
    """Width of one line of text in points, unhinted (as a browser lays out DejaVu Sans): the sum
    of its glyphs' advances and kerning. Each glyph is measured once, not each string (laying out
    a string with FreeType costs about a millisecond, and wrapping measures thousands)."""
    face, reference = _face(weight, style)
    width, previous = 0.0, 0
    for character in text:
        index, advance = _glyph(character, weight, style)
        if previous and index:
            width += face.get_kerning(previous, index, Kerning.UNFITTED) / 64
        width += advance
        previous = index
    return width * size / reference


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


def paragraph_height(text: str, width: float, size: float) -> float:
    """Height of Canvas.paragraph's wrapped text in points."""
    return len(wrap(text, width, size, hyphens=False)) * size * 1.3 * LINE_HEIGHT


def place_in_rows(spans: list[tuple[float, float]], gap: float = 6.0) -> list[int]:
    """For labels spanning (x0, x1), in drawing order: the first row (0 = nearest the bar) where
    each fits without touching an earlier one, so no two labels ever overlap."""
    rows: list[list[tuple[float, float]]] = []
    placed = []
    for x0, x1 in spans:
        for index, row in enumerate(rows):
            if all(x1 + gap <= a or b + gap <= x0 for a, b in row):
                row.append((x0, x1))
                placed.append(index)
                break
        else:
            rows.append([(x0, x1)])
            placed.append(len(rows) - 1)
    return placed


class Group(Artist):
    """Several artists drawn in one SVG group whose id is the group's gid."""

    def __init__(self, zorder: float = 2):
        super().__init__()
        self.children: list[Artist] = []
        self.set_zorder(zorder)

    def draw(self, renderer):
        if not self.get_visible():
            return
        renderer.open_group("group", self.get_gid())
        for child in sorted(self.children, key=lambda artist: artist.get_zorder()):
            child.draw(renderer)
        renderer.close_group("group")


class Canvas:
    """A figure of fixed width and given height whose single axes maps points to points, origin
    top left. Every drawing method takes `into`, a Group to draw in instead of the axes."""

    def __init__(self, height: float):
        self.width = WIDTH_PT
        self.height = height
        self.figure = Figure(figsize=(WIDTH_PT / 72, height / 72), dpi=72, facecolor="#ffffff")
        FigureCanvasSVG(self.figure)
        self.ax = self.figure.add_axes((0, 0, 1, 1))
        self.ax.set_xlim(0, WIDTH_PT)
        self.ax.set_ylim(height, 0)
        self.ax.set_axis_off()

    def group(self, gid: str, zorder: float = 2) -> Group:
        group = Group(zorder)
        group.set_gid(gid)
        self.ax.add_artist(group)
        return group

    def _add(self, artist: Artist, into: Group | None):
        if into is None:
            # add_artist, not add_patch or add_line: the limits are fixed, and those two recompute
            # the data limits from every new artist's path (a fifth of a picture's time), to no end.
            self.ax.add_artist(artist)
        else:
            artist.set_transform(self.ax.transData)
            artist.set_figure(self.figure)
            into.children.append(artist)
        return artist

    def text(self, x: float, y: float, text: str, *, size: float = 9.0, weight: str = "normal",
             style: str = "normal", color: str = INK, ha: str = "left", va: str = "baseline",
             gid: str | None = None, linespacing: float = 1.15, into: Group | None = None):
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
        block = Group(zorder=3)  # above patches and lines, like matplotlib's own texts
        block.set_gid(gid)
        for line, line_y in zip(lines, ys):
            artist = Text(x, line_y, line, fontproperties=_font(size, weight, style),
                          color=color, ha=ha, va=va, parse_math=False)
            artist.set_transform(self.ax.transData)
            artist.set_figure(self.figure)
            block.children.append(artist)
        return self._add(block, into)

    def rect(self, x: float, y: float, width: float, height: float, *, fill: str,
             edge: str = "none", linewidth: float = 0.0, hatch: str | None = None,
             hatchcolor: str | None = None, linestyle: str = "solid", gid: str | None = None,
             into: Group | None = None, zorder: float = 1):
        patch = Rectangle((x, y), width, height, facecolor=fill, edgecolor=edge, linewidth=linewidth,
                          hatch=hatch, linestyle=linestyle, gid=gid, zorder=zorder)
        if hatchcolor is not None:
            patch.set_hatchcolor(hatchcolor)
        return self._add(patch, into)

    def not_addressed_rect(self, x: float, y: float, width: float, height: float, gid: str):
        return self.rect(x, y, width, height, fill=NOT_ADDRESSED_FILL, edge=NOT_ADDRESSED_EDGE,
                         linewidth=0.6, hatch="//", hatchcolor=NOT_ADDRESSED_HATCH, gid=gid)

    def line(self, x0: float, y0: float, x1: float, y1: float, *, color: str = RULE,
             linewidth: float = 0.8, gid: str | None = None, zorder: float = 2,
             into: Group | None = None):
        return self._add(Line2D((x0, x1), (y0, y1), color=color, linewidth=linewidth, gid=gid,
                                solid_capstyle="butt", zorder=zorder), into)

    def paragraph(self, x: float, y: float, text: str, width: float, *, size: float = 8.0,
                  color: str = MUTED, gid: str | None = None, style: str = "normal") -> float:
        """Wrapped text from top y; returns the y below it."""
        self.text(x, y, "\n".join(wrap(text, width, size, hyphens=False)), size=size, color=color,
                  va="top", gid=gid, style=style, linespacing=1.3)
        return y + paragraph_height(text, width, size)


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
