"""The six SM-2 grades, each with SuperMemo's meaning and the interval it gives."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from quizhinge.scheduler import GRADE_MEANINGS
from quizhinge.tui.widgets.dates import days


class GradeRow(Static):
    """One grade; clicking it grades the card."""

    def __init__(self, grade: int, interval: int | None) -> None:
        meaning = GRADE_MEANINGS.get(grade, "")
        after = f"  {days(interval)}" if interval is not None else ""
        super().__init__(
            Content.assemble(
                (f" {grade} ", "bold reverse"),
                f" {meaning}",
                (after, "dim"),
            ),
            classes=f"grade grade-{grade}",
        )
        self.grade = grade

    def on_click(self) -> None:
        self.post_message(GradeBar.Graded(self.grade))


class GradeBar(Vertical):
    """Grades 5 (top) down to 0; 3 and above count as remembered."""

    class Graded(Message):
        def __init__(self, grade: int) -> None:
            self.grade = grade
            super().__init__()

    def __init__(self, preview: dict[int, int], today: date, **kwargs) -> None:
        super().__init__(**kwargs)
        self.preview = preview
        self.today = today

    def compose(self) -> ComposeResult:
        yield Static("How well did you remember? Press 0-5:", classes="hint")
        for grade in range(5, -1, -1):
            yield GradeRow(grade, self.preview.get(grade))
