"""A widget that draws its own lines, for the study screen's parts that change
on every key.

Textual asks a widget for its lines twice a frame (its height, then its
paint), and a widget of a few Statics in containers costs more to lay out and
paint than one widget drawing the same lines. So each such part draws its
lines once for a width, keeps them until what it shows changes (`redraw`) or
the theme does, and lays the screen out again only when its height changed.

It paints through Textual's line API (`render_line`), from strips made once
per drawing: the lines are already cut to the width, and passing them through
Content's general rendering (which wraps and aligns them again) took longer
than the rest of the key's paint. A selection (the learner dragging the mouse
over the text) is painted by Textual's own path, which draws it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget


class DrawnLines(Widget):
    """Subclasses say what to draw (`draw`) and call `redraw` on a change."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: tuple[int, list[Content]] | None = None
        self._strips: dict[int, Strip] = {}  # of the lines drawn, as painted

    def draw(self, width: int) -> list[Content]:
        """The lines to show, none wider than `width`."""
        raise NotImplementedError

    def redraw(self) -> None:
        """What is shown changed: draw again, lay out again if the number of
        lines did, and else paint again only the lines that changed."""
        before = self._drawn
        self._forget()
        width = self.content_region.width
        if not width:  # hidden, or not laid out yet
            # Drawn at a width of nothing, every word would take a line of
            # its own, at some cost, only to be drawn again at the layout.
            self.refresh(layout=True)
            return
        after = self.lines()
        if before is None or len(before[1]) != len(after):
            self.refresh(layout=True)
        elif before[0] != width:
            self.refresh()
        else:
            for y, count in changed_runs(before[1], after):
                self.refresh(Region(0, y, self.size.width, count))

    def _forget(self) -> None:
        self._drawn = None
        self._strips.clear()

    def lines(self, width: int | None = None) -> list[Content]:
        """The lines drawn for `width` (the widget's own by default)."""
        if width is None:
            width = self.content_region.width
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, self.draw(width))
            self._strips.clear()
        return self._drawn[1]

    def text(self) -> str:
        """The lines as plain text (for tests and screen readers)."""
        return "\n".join(line.plain for line in self.lines())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget()  # a new theme, or a hover: new colours

    def render(self) -> Content:
        """The lines as one text: what a selection copies, and Textual's own
        paint of a selection."""
        return Content("\n").join(self.lines())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        if self.text_selection is not None:
            return super().render_line(y)
        lines = self.lines()
        if not 0 <= y < len(lines):
            return Strip.blank(self.size.width, self.visual_style.rich_style)
        if (strip := self._strips.get(y)) is None:
            strip = self._strips[y] = self._strip(lines[y], y)
        return strip

    def _strip(self, line: Content, y: int) -> Strip:
        return line_strip(line, y, self.visual_style)


def line_strip(line: Content, y: int, base: VisualStyle) -> Strip:
    """One line (line `y` of the text) painted over `base`; each part carries
    its place in the text, as Textual's own paint does, so that a drag
    selects it."""
    segments = []
    x = 0
    for text, style in line.render(base, end=""):
        segments.append(Segment(text, style.rich_style_with_offset(x, y)))
        x += len(text)
    return Strip(segments, line.cell_length)


def changed_runs(
    before: Sequence[Content], after: Sequence[Content]
) -> list[tuple[int, int]]:
    """The runs of lines that differ between two drawings, each as its first
    line and its length, a missing line being a blank one. Lines compare by
    their text and its styles (Content compares only its text): a line
    painted again costs the terminal as much as it costs the app."""
    blank = Content("")
    runs: list[tuple[int, int]] = []
    for y in range(max(len(before), len(after))):
        old = before[y] if y < len(before) else blank
        new = after[y] if y < len(after) else blank
        if _same(old, new):
            continue
        if runs and sum(runs[-1]) == y:  # the run goes on
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((y, 1))
    return runs


def _same(first: Content, second: Content) -> bool:
    return first.plain == second.plain and first.spans == second.spans


def one_line_or_stacked(
    parts: Sequence[Content], separator: Content, width: int
) -> list[Content]:
    """`parts` on one line, `separator` between them, where that fits in
    `width`; else each wrapped on lines of its own, never cut mid-part."""
    line = separator.join(parts)
    if line.cell_length <= width:
        return [line]
    return [wrapped for part in parts for wrapped in part.wrap(max(width, 1))]
