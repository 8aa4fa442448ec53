"""A figure drawn in the terminal with braille dots, or its caption in words.

The geometry is the core's (quizhinge.figures): this widget only maps its lines
onto a grid of braille cells, each 2 dots wide and 4 high, with drawille.
Braille reads better than half-blocks here: at 40x16 cells it has 80x64 dots
against half-blocks' 40x32 pixels, so a line is one dot thin, a slope of a few
degrees still shows, and a rounded back reads as a curve rather than as
stairs. Each cell takes the colour of the most important thing drawn in it
(a lost contact over the dowel over the body), from the theme's variables.

drawille is imported only when a figure is first drawn, a frame after its card
appears, so it stays off the start-up path; if it cannot be imported (it needs
the curses module, missing on Windows without windows-curses) the widget shows
the caption instead. drawille's licence is the AGPL-3.0-or-later (quizhinge's
is MIT): whoever distributes quizhinge with it must honour the AGPL. The MIT
alternative with braille, textual-hires-canvas, needs numpy (about 0.2 s to
import here, 45 MB); everything drawille does is confined to this module.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.geometry import Size

    from quizhinge.figures import Figure

# A figure takes at most this many rows, and needs at least MIN_ROWS rows and
# MIN_COLUMNS columns to be drawn at all; below that the caption is shown.
MAX_ROWS = 16
MAX_COLUMNS = 44
PANEL_COLUMNS = 30
MIN_ROWS = 8
MIN_COLUMNS = 24
# Rows the rest of a question needs on screen (header, badge, prompt, a few
# choices, footer): the figure gets what is left of the terminal's height.
RESERVED_ROWS = 13
# Later roles win a cell's colour.
ROLE_STYLES: dict[str, str] = {
    "ground": "$text-muted",
    "far": "$text-muted",
    "body": "$text-primary",
    "marker": "$text-accent",
    "implement": "$text-warning",
    "touch": "$text-success",
    "lost": "$text-error",
}
PRIORITY = {role: rank for rank, role in enumerate(ROLE_STYLES)}
LABEL_STYLE = "bold $foreground"


def rows_for(screen_height: int) -> int:
    """How many rows a figure gets on a screen this tall (0: caption only)."""
    rows = min(MAX_ROWS, screen_height - RESERVED_ROWS)
    return rows if rows >= MIN_ROWS else 0


class FigureView(Widget):
    """One figure, sized to the terminal: as large as fits up to 16 rows."""

    DEFAULT_CSS = """
    FigureView {
        height: auto;
        width: 100%;
        margin: 0 0 1 0;
    }
    FigureView.caption-only {
        color: $text-muted;
    }
    """

    def __init__(self, figure: Figure, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.figure = figure
        # Drawn from the second frame on: the card shows at once with the
        # figure's room kept, and importing drawille and tracing the figure
        # stay out of the way of the first paint (and of start-up).
        self.ready = False
        self.missing_library = False

    def on_mount(self) -> None:
        self.call_after_refresh(self._draw)

    def show(self, figure: Figure) -> None:
        """Draw another figure here (the study screen keeps its widgets and
        puts each card in them)."""
        if figure is not self.figure:
            self.figure = figure
            self.refresh(layout=True)

    def _draw(self) -> None:
        self.ready = True
        self.missing_library = _drawille() is None
        self.refresh(layout=self.missing_library)

    def _rows(self) -> int:
        return rows_for(self.screen.size.height) if self.is_attached else 0

    def _drawable(self, width: int) -> bool:
        return self._rows() > 0 and width >= MIN_COLUMNS and not self.missing_library

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self._drawable(width):
            return self._rows()
        return len(self._caption().wrap(max(width, 1)))

    def on_resize(self) -> None:
        self.refresh(layout=True)

    def _caption(self) -> Content:
        """The figure in words (deck text: literal, never markup)."""
        return Content.assemble(("Figure: ", "bold"), self.figure.text())

    def render(self) -> Content:
        width, height = self.content_size.width, self.content_size.height
        drawable = self._drawable(width) and height >= MIN_ROWS
        self.set_class(not drawable, "caption-only")
        if not drawable:
            return self._caption()
        if not self.ready:
            return Content("")
        # Panels side by side may use the width; one figure is capped, as its
        # height, not its width, sets its size.
        panels = len(self.figure.panels)
        cap = MAX_COLUMNS if not panels else PANEL_COLUMNS * panels
        return braille(self.figure, min(width, cap), height)


def _drawille() -> Any:
    try:
        import drawille
    except ImportError:  # curses is missing on some platforms
        return None
    return drawille


def braille(figure: Figure, columns: int, rows: int) -> Content:
    """The figure in `columns` x `rows` braille cells, centred, coloured by role."""
    from quizhinge.figures import drawing

    drawille = _drawille()
    d = drawing(figure)
    x0, y0, x1, y1 = d.bounds
    dots_wide, dots_high = columns * 2, rows * 4
    scale = min((dots_wide - 2) / (x1 - x0), (dots_high - 2) / (y1 - y0))
    left = (dots_wide - (x1 - x0) * scale) / 2
    top = (dots_high - (y1 - y0) * scale) / 2

    def dot(point: tuple[float, float]) -> tuple[float, float]:
        return ((point[0] - x0) * scale + left, (y1 - point[1]) * scale + top)

    canvas = drawille.Canvas()
    roles: dict[tuple[int, int], str] = {}

    def plot(a: tuple[float, float], b: tuple[float, float], role: str) -> None:
        for x, y in drawille.line(a[0], a[1], b[0], b[1]):
            col, row = int(x), int(y)
            if 0 <= col < dots_wide and 0 <= row < dots_high:
                canvas.set(col, row)
                cell = (col // 2, row // 4)
                if PRIORITY[role] >= PRIORITY.get(roles.get(cell, ""), -1):
                    roles[cell] = role

    for stroke in d.strokes:
        for a, b in _segments(stroke, scale, dot):
            plot(a, b, stroke.role)
    grid = canvas.rows(0, 0, dots_wide, dots_high)
    grid = [row.ljust(columns)[:columns] for row in grid]
    grid += [" " * columns] * (rows - len(grid))
    labels: dict[tuple[int, int], str] = {}
    for label in d.labels:
        x, y = dot(label.at)
        labels[(max(0, min(columns - 1, int(x // 2))), min(rows - 1, int(y // 4)))] = (
            label.text
        )
    lines = []
    for r, text in enumerate(grid):
        parts: list[tuple[str, str] | str] = []
        for c, char in enumerate(text):
            if (c, r) in labels:
                parts.append((labels[(c, r)], LABEL_STYLE))
            else:
                role = roles.get((c, r))
                parts.append((char, ROLE_STYLES[role]) if role else char)
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


def _segments(stroke: Any, scale: float, dot: Any) -> list[tuple[Any, Any]]:
    """A stroke as straight pieces in dots: circles as polygons (filled ones
    as rings within rings), dashed lines every other piece."""
    if stroke.radius:
        centre = dot(stroke.points[0])
        radius = stroke.radius * scale
        if stroke.role in ("touch", "lost"):  # markers stay visible when small
            radius = max(radius, 2.0 if stroke.role == "lost" else 1.5)
        radii = [radius]
        if stroke.filled:
            radii = [radius - step for step in range(int(radius) + 1)]
        pieces = []
        for ring in radii:
            sides = max(8, int(ring * 3))
            points = [
                (
                    centre[0] + ring * math.cos(2 * math.pi * i / sides),
                    centre[1] + ring * math.sin(2 * math.pi * i / sides),
                )
                for i in range(sides + 1)
            ]
            pieces += list(itertools.pairwise(points))
        return pieces
    points = [dot(p) for p in stroke.points]
    pieces = list(itertools.pairwise(points))
    if not stroke.dashed:
        return pieces
    dashes = []
    for a, b in pieces:
        length = math.dist(a, b)
        steps = max(1, int(length / 2))
        for i in range(0, steps, 2):
            t0, t1 = i / steps, min(1.0, (i + 1) / steps)
            dashes.append(
                (
                    (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0),
                    (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1),
                )
            )
    return dashes
