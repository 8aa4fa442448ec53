"""Home's first line: today's counts, then the streak.

On one line where both fit; in a narrower terminal the streak goes on a line
of its own, whole, rather than wrapping after "Streak 0" with its days on the
next line.
"""

from __future__ import annotations

from textual.content import Content

from quizhinge.tui.widgets.drawn import DrawnLines

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
        width = max(width, 1)
        if not self.streak:
            return self.today.wrap(width)
        if self.today.cell_length + GAP + self.streak.cell_length <= width:
            return [Content.assemble(self.today, " " * GAP, self.streak)]
        return [*self.today.wrap(width), *self.streak.wrap(width)]
