"""A figure drawn in the terminal with braille dots, or its caption in words.

The geometry is the core's (quizhinge.figures): this widget hands its lines to
plotext, which draws them in braille cells, each 2 dots wide and 4 high, on a
canvas with no axes, ticks or frame. Braille reads better than half-blocks
here: at 40x16 cells it has 80x64 dots against half-blocks' 40x32 pixels
(textual-canvas), so a line is one dot thin, a slope of a few degrees still
shows, and a rounded back reads as a curve rather than as stairs. Each cell
takes the colour of the most important thing drawn in it (a lost contact over
the dowel over the body), from the theme's variables: plotext paints each role
in a private colour, and the cell is styled with that role's variable, so the
figure follows the theme (muted colours included, which are blends plotext
could not be told).

plotext (MIT) replaced drawille, whose AGPL-3.0-or-later licence quizhinge
(MIT) could not ship. It is imported only when a figure is first drawn, a frame
after its card appears, so it stays off the start-up path; if it cannot be
imported (its compiled kernel has wheels for common systems only) the widget
shows the caption instead. Everything plotext does is confined to this module.
"""

from __future__ import annotations

import functools
import itertools
import math
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.geometry import Size
    from textual.style import Style

    from quizhinge.cards import Figure

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
# The colour plotext paints each role (and the panels' letters) with: only a
# tag, read back from its cells to pick the theme's variable.
TAGS = {name: (rank + 1, 0, 0) for rank, name in enumerate([*ROLE_STYLES, "label"])}
STYLE_OF_TAG = {TAGS[role]: style for role, style in ROLE_STYLES.items()}
STYLE_OF_TAG[TAGS["label"]] = LABEL_STYLE


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
        # figure's room kept, and importing plotext and drawing the figure
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
        self.missing_library = _plotext() is None
        self.refresh(layout=self.missing_library)

    def _rows(self) -> int:
        return rows_for(self.screen.size.height) if self.is_attached else 0

    def _drawable(self, width: int) -> bool:
        return drawable(width, self._rows()) and not self.missing_library

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self._drawable(width):
            return self._rows()
        return len(caption(self.figure).wrap(max(width, 1)))

    def on_resize(self) -> None:
        self.refresh(layout=True)

    def render(self) -> Content:
        width, height = self.content_size.width, self.content_size.height
        can_draw = self._drawable(width) and height >= MIN_ROWS
        self.set_class(not can_draw, "caption-only")
        if not can_draw:
            return caption(self.figure)
        if not self.ready:
            return Content("")
        return braille(self.figure, columns(self.figure, width), height)


def drawable(width: int, rows: int) -> bool:
    """Whether a figure can be drawn in `width` columns and `rows` rows
    (`rows_for` the screen), rather than told in its caption."""
    return rows >= MIN_ROWS and width >= MIN_COLUMNS


def columns(figure: Figure, width: int) -> int:
    """The columns a figure takes in `width`: panels side by side may use the
    width; one figure is capped, as its height, not its width, sets its size."""
    panels = len(figure.panels)
    return min(width, MAX_COLUMNS if not panels else PANEL_COLUMNS * panels)


def caption(figure: Figure) -> Content:
    """The figure in words (deck text: literal, never markup)."""
    return Content.assemble(("Figure: ", "bold"), figure.text())


def figure_lines(
    figure: Figure, width: int, rows: int, ready: bool, muted: Style
) -> list[Content]:
    """A figure as lines of a drawn card (see card_lines), with a blank line
    under it: drawn in braille where it fits `width` x `rows` and plotext can
    be used, else its caption in `muted`. Before `ready`, a drawable figure's
    room is kept blank (plotext is imported a frame after the card shows)."""
    # Before `ready`, plotext is not asked whether it can be used.
    if drawable(width, rows) and (not ready or _plotext() is not None):
        if not ready:
            return [Content("")] * (rows + 1)
        return [*braille(figure, columns(figure, width), rows).split("\n"), Content("")]
    return [*caption(figure).stylize_before(muted).wrap(max(width, 1)), Content("")]


def _plotext() -> Any:
    """plotext, or None where it cannot be used (the caption is shown)."""
    try:
        import plotext
    except (ImportError, OSError):  # not installed, or its kernel will not load
        return None
    return plotext


@functools.lru_cache(maxsize=16)
def braille(figure: Figure, columns: int, rows: int) -> Content:
    """The figure in `columns` x `rows` braille cells, centred, coloured by role.

    Cached: the widget renders again on every refresh, and plotext takes a few
    milliseconds over a figure."""
    from quizhinge.figures import drawing

    plotext = _plotext()
    d = drawing(figure)
    x0, y0, x1, y1 = d.bounds
    dots_wide, dots_high = columns * 2, rows * 4
    # Body units to dots, the same both ways (a braille dot is as wide as it is
    # high), with a dot to spare round the figure.
    scale = min((dots_wide - 2) / (x1 - x0), (dots_high - 2) / (y1 - y0))
    plot = _blank_plot(plotext, columns, rows)
    centre_x, centre_y = (x0 + x1) / 2, (y0 + y1) / 2
    plot.ruler("x").lim(
        centre_x - dots_wide / scale / 2, centre_x + dots_wide / scale / 2
    )
    plot.ruler("y").lim(
        centre_y - dots_high / scale / 2, centre_y + dots_high / scale / 2
    )
    # A cell two strokes cross takes the colour of the one drawn last.
    for stroke in sorted(d.strokes, key=lambda stroke: PRIORITY[stroke.role]):
        marker = plotext.marker("braille", plotext.pixel(TAGS[stroke.role]))
        for signal in _signals(plot, stroke, scale, marker):
            plot.draw(signal)
    for label in d.labels:
        text = plotext.colorize(label.text, plotext.pixel(TAGS["label"]))
        plot.draw(plot.text(label.at[0], label.at[1], text, alignment="center"))
    return _content(plot.build(), columns, rows)


def _blank_plot(plotext: Any, columns: int, rows: int) -> Any:
    """plotext's one figure, emptied, sized, and stripped to its canvas: no
    axes, ticks or background, and its limits at the canvas's edges."""
    # plotext caps a plot at the size of the terminal it sees, which under
    # Textual is not the widget's.
    plotext.terminal.limit(False, False)
    plot = plotext.figure
    plot.clear()
    plot.plot_size(columns, rows)
    plot.axes(False)
    plot.canvas("default")
    plot.legend(False)
    rulers = plot.ruler("both", "both")
    rulers.ticks([])
    rulers.alignment(lim="edge")
    return plot


def _signals(plot: Any, stroke: Any, scale: float, marker: Any) -> list[Any]:
    """A stroke as plotext signals: a polyline, a dashed line (every other
    piece), or a circle (a filled one as rings within rings: plotext 6.1's
    own filled polygon fails)."""
    if stroke.radius:
        (x, y) = stroke.points[0]
        radius = stroke.radius * scale
        if stroke.role in ("touch", "lost"):  # markers stay visible when small
            radius = max(radius, 2.0 if stroke.role == "lost" else 1.5)
        rings = [radius]
        if stroke.filled:
            rings = [radius - step for step in range(int(radius) + 1)]
        return [
            plot.polygon(
                x,
                y,
                max(ring, 0.01) / scale,
                sides=max(8, int(ring * 3)),
                marker=marker,
            )
            for ring in rings
        ]
    xs = [x for x, _ in stroke.points]
    ys = [y for _, y in stroke.points]
    if not stroke.dashed:
        return [plot.signal(xs, ys, marker=marker).lines()]
    signals = []
    for (ax, ay), (bx, by) in itertools.pairwise(stroke.points):
        steps = max(1, int(math.dist((ax, ay), (bx, by)) * scale / 2))
        signal = plot.signal(
            [ax + (bx - ax) * i / steps for i in range(steps + 1)],
            [ay + (by - ay) * i / steps for i in range(steps + 1)],
            marker=marker,
        )
        for i in range(1, steps + 1, 2):
            signal.line(i)  # the piece from point i - 1 to point i
        signals.append(signal)
    return signals


def _content(matrix: Any, columns: int, rows: int) -> Content:
    """plotext's cells as Content: each glyph styled by the theme variable of
    the role whose tag colour plotext painted it with."""
    lines = matrix.string(colorless=True).split("\n")
    width, height = matrix.size()
    out = []
    for row in range(min(rows, height)):
        parts: list[tuple[str, str] | str] = []
        for column, char in enumerate(lines[row][: min(columns, width)]):
            style = STYLE_OF_TAG.get(matrix.get(row, column).foreground())
            parts.append((char, style) if style and not char.isspace() else char)
        out.append(Content.assemble(*parts))
    return Content("\n").join(out)
