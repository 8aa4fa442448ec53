"""Exam scores over time, for the stats screen: one bar per exam sat, the pass
mark drawn across, so a trainer sees at a glance whether they are improving."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import getters, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quizhinge.tui.app import QuizhingeApp

if TYPE_CHECKING:
    from quizhinge.store.exams import ExamRecord

CHART_ROWS = 8
MOST_BARS = 24  # the latest exams that fit in 80 columns


class ExamHistory(Vertical):
    """Loads the profile's exams itself, so the stats screen only mounts it."""

    app = getters.app(QuizhingeApp)  # typed: our app's own attributes

    DEFAULT_CSS = """
    ExamHistory { height: auto; }
    ExamHistory Static { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Loading exams…", "dim"), id="exam-chart")
        yield Static("", id="exam-summary")

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True, group="exam-history")
    async def load(self) -> None:
        from quizhinge.tui.exam_flow import exam_history

        self.show(await exam_history(self.app))

    def show(self, records: Sequence[ExamRecord]) -> None:
        self.query_one("#exam-chart", Static).update(score_chart(records))
        self.query_one("#exam-summary", Static).update(summary(records))


def score_chart(records: Sequence[ExamRecord], rows: int = CHART_ROWS) -> Content:
    """Bars of the latest scored exams, oldest left, with the pass mark line."""
    scored = [r for r in records if r.percent is not None][-MOST_BARS:]
    if not scored:
        return Content.styled("No exams yet: press e on the home screen.", "dim")
    pass_mark = scored[-1].pass_mark
    pass_row = max(1, round(pass_mark / 100 * rows))
    lines = []
    for row in range(rows, 0, -1):
        label = {rows: "100%", pass_row: f"{pass_mark}%"}.get(row, "")
        on_line = row == pass_row
        parts: list[str | tuple[str, str]] = [(f"{label:>4} ", "dim"), "│"]
        for record in scored:
            height = round((record.percent or 0) / 100 * rows)
            gap = ("┈", "$text-warning") if on_line else " "
            if height >= row:
                style = "$text-success" if record.passed else "$text-error"
                parts += [gap, ("██", style)]
            else:
                parts += [gap, ("┈┈", "$text-warning") if on_line else "  "]
        lines.append(Content.assemble(*parts))
    lines.append(Content.styled("  0% └" + "───" * len(scored), "dim"))
    first, last = scored[0].started_at.astimezone(), scored[-1].started_at.astimezone()
    axis = f"{first:%d %b}"
    if last.date() != first.date():
        room = 3 * len(scored) - 6  # so the last date ends under the last bar
        end = f"{last:%d %b}"
        axis = axis.ljust(room) + end if room > len(axis) else f"{axis} to {end}"
    lines.append(Content.styled(f"      {axis}", "dim"))
    return Content("\n").join(lines)


def summary(records: Sequence[ExamRecord]) -> Content:
    """The latest score, the best, and how many were sat or abandoned."""
    scored = [r for r in records if r.percent is not None]
    abandoned = len(records) - len(scored)
    if not scored:
        return Content(f"{abandoned} abandoned" if abandoned else "")
    last = scored[-1]
    best = max(r.percent or 0 for r in scored)
    verdict = (
        ("pass", "bold $text-success")
        if last.passed
        else (
            "fail",
            "bold $text-error",
        )
    )
    return Content.assemble(
        f"{len(scored)} exam{'s' if len(scored) != 1 else ''} · last ",
        (f"{last.percent:.0f}% ", "bold"),
        verdict,
        f" ({last.started_at.astimezone():%d %b %H:%M}) · best {best:.0f}%",
        (f" · {abandoned} abandoned" if abandoned else "", "dim"),
    )
