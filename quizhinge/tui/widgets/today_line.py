"""Home's first line: today's counts, then the streak.

On one line where both fit; in a narrower terminal the streak goes on a line
of its own, whole, rather than wrapping after "Streak 0" with its days on the
next line.
"""

from __future__ import annotations

from textual.content import Content

from quizhinge.tui.widgets.drawn import DrawnLines, one_line_or_stacked

GAP = 6  # between the counts and the streak, on one line


class TodayLine(DrawnLines):
    """`show` today's counts and the streak."""

    DEFAULT_CSS = "TodayLine { height: auto; }"

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = Content("Loading…")
        self.streak = Content("")

    def show(self, today: Content, streak: Content) -> None:
        self.today, self.streak = today, streak
        self.redraw()

    def draw(self, width: int) -> list[Content]:
        parts = [self.today, self.streak] if self.streak else [self.today]
        return one_line_or_stacked(parts, Content(" " * GAP), width)
