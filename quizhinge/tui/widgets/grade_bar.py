"""The six SM-2 grades, each with SuperMemo's meaning and the interval it gives.

One widget drawing its lines, not a row of widgets per grade: it is shown on
every reveal, and a key must show it at once (mounting and styling two dozen
small widgets took longer than the rest of the key). A click on a grade's
line grades. In a narrow terminal a meaning wraps under itself, never cut.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.content import Content
from textual.events import Click
from textual.message import Message

from quizhinge.scheduler import GRADE_MEANINGS, REDRILL_BELOW
from quizhinge.tui.widgets.dates import days
from quizhinge.tui.widgets.drawn import DrawnLines, one_line_or_stacked

# Each grade shows the interval it schedules; one under 4 (SM-2's step 7,
# 3 included though it passes) is also asked again in this session (a
# re-drill), which the intervals cannot say.
TITLE = (
    "How well did you remember? Press 0-5 (or click)",
    f"0-{REDRILL_BELOW - 1}: again before you stop",
)
GRADES = range(5, -1, -1)  # 5 on top: 3 and above count as remembered
INTERVAL_WIDTH = 9


class GradeBar(DrawnLines):
    """Grades 5 (top) down to 0, with the interval each would give."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "grade-bar--title",
        "grade-bar--failed",
        "grade-bar--passed",
        "grade-bar--interval",
    }
    DEFAULT_CSS = """
    GradeBar { height: auto; }
    GradeBar > .grade-bar--title { color: $text-muted; }
    GradeBar > .grade-bar--failed { color: $text-error; text-style: bold reverse; }
    GradeBar > .grade-bar--passed { color: $text-success; text-style: bold reverse; }
    GradeBar > .grade-bar--interval { color: $text-muted; }
    """

    class Graded(Message):
        def __init__(self, grade: int) -> None:
            self.grade = grade
            super().__init__()

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.preview: dict[int, int] = {}
        self.today: date | None = None
        self._line_grades: list[int | None] = []  # the grade of each line drawn

    def show(self, preview: dict[int, int], today: date) -> None:
        """The intervals of this card's grades."""
        if (preview, today) != (self.preview, self.today):
            self.preview, self.today = preview, today
            self.redraw()

    def rows(self) -> list[str]:
        """Each grade's row as plain text, 5 first (for tests and screen readers)."""
        return [
            "  ".join(
                part for part in (str(g), GRADE_MEANINGS[g], self._days(g)) if part
            )
            for g in GRADES
        ]

    def _days(self, grade: int) -> str:
        interval = self.preview.get(grade)
        return "" if interval is None else days(interval)

    def draw(self, width: int) -> list[Content]:
        """The title, then each grade, its meaning wrapped under itself in a
        narrow terminal (never cut)."""
        drawn = self._draw(max(width, 12))
        self._line_grades = [grade for grade, _ in drawn]
        return [line for _, line in drawn]

    def _draw(self, width: int) -> list[tuple[int | None, Content]]:
        title = self.get_visual_style("grade-bar--title")
        parts = [Content(part) for part in TITLE]
        lines: list[tuple[int | None, Content]] = [
            (None, line.stylize(title))
            for line in one_line_or_stacked(parts, Content("; "), width)
        ]
        interval_style = self.get_visual_style("grade-bar--interval")
        room = max(width - 4 - INTERVAL_WIDTH, 8)
        for grade in GRADES:
            key = "grade-bar--passed" if grade >= 3 else "grade-bar--failed"
            meaning = Content(GRADE_MEANINGS.get(grade, "")).wrap(room)
            for index, part in enumerate(meaning):
                head = (
                    Content.styled(f" {grade} ", self.get_visual_style(key))
                    if index == 0
                    else Content("   ")
                )
                days = self._days(grade) if index == 0 else ""
                lines.append(
                    (
                        grade,
                        Content.assemble(
                            head,
                            " ",
                            part.pad_right(max(room - part.cell_length, 0)),
                            (days.rjust(INTERVAL_WIDTH), interval_style),
                        ),
                    )
                )
        return lines

    def on_click(self, event: Click) -> None:
        lines = len(self.lines())  # and so their grades
        grade = self._line_grades[event.y] if 0 <= event.y < lines else None
        if grade is not None:
            self.post_message(self.Graded(grade))
