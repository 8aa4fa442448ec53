"""The six SM-2 grades, each with SuperMemo's meaning and the interval it gives.

One widget drawing seven lines, not a row of widgets per grade: it is shown on
every reveal, and a key must show it at once (mounting and styling two dozen
small widgets took longer than the rest of the key). A click on a row grades.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widget import Widget

from quizhinge.scheduler import GRADE_MEANINGS
from quizhinge.tui.widgets.dates import days

TITLE = "How well did you remember? Press 0-5 (or click):"
GRADES = range(5, -1, -1)  # 5 on top: 3 and above count as remembered
INTERVAL_WIDTH = 9


class GradeBar(Widget):
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

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.preview: dict[int, int] = {}
        self.today: date | None = None

    def show(self, preview: dict[int, int], today: date) -> None:
        """The intervals of this card's grades."""
        self.preview, self.today = preview, today
        self.refresh(layout=True)

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

    def render(self) -> Content:
        width = max(self.content_region.width, 1)
        title = self.get_visual_style("grade-bar--title")
        lines = [Content.styled(TITLE, title)]
        interval_style = self.get_visual_style("grade-bar--interval")
        for grade in GRADES:
            key = "grade-bar--passed" if grade >= 3 else "grade-bar--failed"
            meaning = GRADE_MEANINGS.get(grade, "")
            room = max(width - 4 - INTERVAL_WIDTH, 0)
            lines.append(
                Content.assemble(
                    (f" {grade} ", self.get_visual_style(key)),
                    " ",
                    Content(meaning).truncate(room, ellipsis=True, pad=True),
                    (self._days(grade).rjust(INTERVAL_WIDTH), interval_style),
                )
            )
        return Content("\n").join(lines)

    def on_click(self, event: Click) -> None:
        row = event.y - 1  # the title takes the first line
        if 0 <= row < len(GRADES):
            self.post_message(self.Graded(GRADES[row]))
