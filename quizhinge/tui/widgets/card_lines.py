"""A card drawn as lines in one scrolling widget, for the kinds answered with
the screen's keys (self-graded cards, true/false).

Every key of the study loop changes such a card: its answer and grades
appear, or its feedback, or the next card comes. Drawn as a column of
widgets, each change of the card's height laid the whole screen out again and
repainted every part of it. This widget's size is the room the screen gives
it, not its card's: a key draws its lines again and nothing is laid out,
unless the card grows past the room (a scroll bar appears).

The question that shows the card draws its parts (prompt, answer, grades,
feedback, a figure) as lines for a width, in the styles of this widget's
component classes. A line may carry a click action in its style's meta (a
grade, True or False), which Textual runs on a click as it does for a link.
A selection (the learner dragging over the text) is painted here too.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any, ClassVar

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style

from quizhinge.tui.widgets.drawn import changed_runs, line_strip

# A part of a card: its lines for a width.
Part = Callable[[int], list[Content]]
KEPT = 32  # parts kept (see CardLines.kept), at most


class CardLines(ScrollView, can_focus=False):
    """The parts of a card, one under another, scrolled when they overflow."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "card-lines--prompt",
        "card-lines--hint",
        "card-lines--edge",
        "card-lines--explain",
        "card-lines--muted",
        "card-lines--failed",
        "card-lines--passed",
        "card-lines--true",
        "card-lines--false",
        "card-lines--feedback-edge",
    }
    DEFAULT_CSS = """
    CardLines { overflow-x: hidden; }
    CardLines > .card-lines--prompt { text-style: bold; }
    CardLines > .card-lines--hint { color: $text-muted; }
    CardLines > .card-lines--edge { color: $success; }
    CardLines > .card-lines--explain { color: $text-muted; }
    CardLines > .card-lines--muted { color: $text-muted; }
    CardLines > .card-lines--failed { color: $text-error; text-style: bold reverse; }
    CardLines > .card-lines--passed { color: $text-success; text-style: bold reverse; }
    CardLines > .card-lines--true {
        background: $success; color: $text; text-style: bold;
    }
    CardLines > .card-lines--false {
        background: $error; color: $text; text-style: bold;
    }
    CardLines > .card-lines--feedback-edge { color: $primary; }
    """
    # A click on a grade or on True runs its action; links' looks stay off.
    auto_links = False

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._parts: Sequence[Part] = ()
        self._drawn: tuple[int, list[Content]] | None = None
        self._strips: dict[int, Strip] = {}  # of the lines drawn, as painted
        self._starts: list[int] = []  # the line each part starts on, as drawn
        self._styles: dict[str, Style] = {}  # see part_style
        self._kept: dict[Hashable, list[Content]] = {}  # see kept

    def part_style(self, name: str) -> Style:
        """The style of a component class, `card-lines--{name}` (looked up
        once for a theme: a card's parts ask for a dozen)."""
        if (style := self._styles.get(name)) is None:
            style = self._styles[name] = self.get_visual_style(f"card-lines--{name}")
        return style

    def kept(self, key: Hashable, draw: Callable[[], list[Content]]) -> list[Content]:
        """The lines `draw` gives, drawn once for `key` (which holds all they
        depend on but the theme) and kept: a part the same from card to card,
        such as the grades of every new card."""
        if (lines := self._kept.get(key)) is None:
            if len(self._kept) >= KEPT:
                self._kept.clear()
            lines = self._kept[key] = draw()
        return lines

    def show(self, parts: Sequence[Part], top_part: int | None = 0) -> None:
        """Draw these parts instead, scrolled so that part `top_part` (from
        the end if negative) starts at the top, or as near as the card's end
        allows (None: scrolled as they were). A card that fits stays where
        it is. Only the lines that changed are painted again: most keys keep
        a card's first lines, or its blank end."""
        before, scrolled = self._drawn, self.scroll_offset.y
        self._parts = parts
        self._forget()
        self._fit()
        if top_part is not None and self.is_attached:
            # forced: its scroll bar may come only with the next layout
            self.scroll_to(y=self._start(top_part), animate=False, force=True)
        width = self.scrollable_content_region.width
        if not width or before is None or before[0] != width:
            self.refresh()  # hidden ones are drawn when shown (see _start)
        elif self.scroll_offset.y != scrolled:
            self.refresh()  # every line moved
        else:
            for y, count in changed_runs(before[1], self.lines()):
                self.refresh_lines(y, count)

    def _start(self, part: int) -> int:
        """The line part `part` starts on (0 while not laid out: a hidden
        widget is drawn when shown, not at a width of nothing, where every
        word would take a line of its own)."""
        if not self.scrollable_content_region.width:
            return 0
        self.lines()  # drawn, and so where each part starts known
        starts = self._starts
        return starts[part] if -len(starts) <= part < len(starts) else 0

    def lines(self) -> list[Content]:
        """The lines drawn for the widget's width."""
        width = self.scrollable_content_region.width
        if self._drawn is None or self._drawn[0] != width:
            drawn: list[Content] = []
            self._starts = []
            for part in self._parts:
                self._starts.append(len(drawn))
                drawn += part(max(width, 1))
            self._drawn = (width, drawn)
            self._strips.clear()
        return self._drawn[1]

    def text(self) -> str:
        """The lines as plain text (for tests and screen readers)."""
        return "\n".join(line.plain for line in self.lines())

    def _forget(self) -> None:
        self._drawn = None
        self._strips.clear()

    def _fit(self) -> None:
        """Make the scrolled area the card's size where it overflows the
        widget, and nothing where it fits: then it stays the same from card
        to card and at any size the terminal takes, and Textual has nothing
        to lay out."""
        region = self.scrollable_content_region
        if not region.width:
            return  # hidden, or not laid out yet: fitted when it is
        height = len(self.lines())
        overflow = height > region.height
        self.virtual_size = Size(region.width, height) if overflow else Size(0, 0)

    def on_resize(self) -> None:
        self._fit()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget()  # a new theme: new colours
        self._styles.clear()
        self._kept.clear()

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self.text()), "\n"

    def render_line(self, y: int) -> Strip:
        index = y + round(self.scroll_offset.y)
        lines = self.lines()
        line = lines[index] if 0 <= index < len(lines) else Content("")
        if self.text_selection is not None:
            return self._strip(self._selected(line, index, self.text_selection), index)
        if (strip := self._strips.get(index)) is None:
            strip = self._strips[index] = self._strip(line, index)
        return strip

    def _selected(self, line: Content, index: int, selection: Selection) -> Content:
        span = selection.get_span(index)
        if span is None:
            return line
        start, end = span
        style = Style.from_styles(self.screen.get_component_styles("screen--selection"))
        return line.stylize(style, start, None if end == -1 else end)

    def _strip(self, line: Content, y: int) -> Strip:
        """One line, as wide as the lines were drawn for."""
        width = self._drawn[0] if self._drawn is not None else 0
        base = self.visual_style
        return line_strip(line, y, base).extend_cell_length(width, base.rich_style)
