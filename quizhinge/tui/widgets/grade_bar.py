"""The six SM-2 grades, each with SuperMemo's meaning and the interval it gives."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label, Static

from quizhinge.scheduler import GRADE_MEANINGS
from quizhinge.tui.widgets.dates import days


class GradeRow(Horizontal):
    """One grade: key, meaning, interval. Clicking it grades the card."""

    def __init__(self, grade: int, interval: int | None) -> None:
        super().__init__(classes=f"grade grade-{grade}")
        self.grade = grade
        self.interval = interval

    def compose(self) -> ComposeResult:
        yield Label(f" {self.grade} ", classes="grade-key")
        yield Label(GRADE_MEANINGS.get(self.grade, ""), classes="grade-meaning")
        if self.interval is not None:
            yield Label(days(self.interval), classes="grade-interval")

    def on_click(self) -> None:
        self.post_message(GradeBar.Graded(self.grade))

    def text(self) -> str:
        """The row as plain text (for tests and screen readers)."""
        return "  ".join(str(label.render()).strip() for label in self.query(Label))


class GradeBar(Vertical):
    """Grades 5 (top) down to 0; 3 and above count as remembered."""

    class Graded(Message):
        def __init__(self, grade: int) -> None:
            self.grade = grade
            super().__init__()

    def __init__(self, preview: dict[int, int], today: date, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.preview = preview
        self.today = today

    def compose(self) -> ComposeResult:
        yield Static("How well did you remember? Press 0-5 (or click):", classes="hint")
        for grade in range(5, -1, -1):
            yield GradeRow(grade, self.preview.get(grade))
