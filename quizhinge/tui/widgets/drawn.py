"""A widget that draws its own lines, for the study screen's parts that change
on every key.

Textual asks a widget for its lines twice a frame (its height, then its
paint), and a widget of a few Statics in containers costs more to lay out and
paint than one widget drawing the same lines. So each such part draws its
lines once for a width, keeps them until what it shows changes (`redraw`) or
the theme does, and lays the screen out again only when its height changed.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget


class DrawnLines(Widget):
    """Subclasses say what to draw (`draw`) and call `redraw` on a change."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: tuple[int, list[Content]] | None = None

    def draw(self, width: int) -> list[Content]:
        """The lines to show, none wider than `width`."""
        raise NotImplementedError

    def redraw(self) -> None:
        """What is shown changed: draw again, and lay out again if the
        number of lines did."""
        before = len(self._drawn[1]) if self._drawn is not None else None
        self._drawn = None
        self.refresh(layout=len(self.lines()) != before)

    def lines(self, width: int | None = None) -> list[Content]:
        """The lines drawn for `width` (the widget's own by default)."""
        if width is None:
            width = self.content_region.width
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, self.draw(width))
        return self._drawn[1]

    def text(self) -> str:
        """The lines as plain text (for tests and screen readers)."""
        return "\n".join(line.plain for line in self.lines())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = None  # a new theme: new colours

    def render(self) -> Content:
        return Content("\n").join(self.lines())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))
