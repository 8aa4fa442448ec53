"""Progress at a glance: the review heatmap, the forecast, retention, streaks,
mastery per topic, the leeches (cards that keep failing) and exam scores."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, ProgressBar, Sparkline, Static

from quizhinge.tui.backend import BackendError
from quizhinge.tui.widgets.dates import days
from quizhinge.tui.widgets.exam_history import ExamHistory
from quizhinge.tui.widgets.heatmap import Heatmap


class StatsScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back"),
    ]
    HELP: ClassVar[dict[str, str]] = {
        "up / down / page keys": "Scroll the stats",
        "escape / q": "Back to the previous screen",
    }

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stats-scroll"):
            yield Static("Loading stats…", id="stats-head")
            with Horizontal(id="stats-charts"):
                with Vertical(id="heatmap-box", classes="box"):
                    yield Label("Reviews, last 16 weeks", classes="box-title")
                with Vertical(id="forecast-box", classes="box"):
                    yield Label("Due, next 30 days", classes="box-title")
                    yield Sparkline([], id="forecast")
                    yield Static("", id="forecast-axis")
            with Horizontal(id="retention-row"):
                yield Label("Retention (30 days) ", id="retention-label")
                yield ProgressBar(total=100, show_eta=False, id="retention")
            yield Label("Mastery per topic", classes="section-title")
            yield DataTable(cursor_type="none", id="mastery")
            yield Label("Leeches: cards that keep slipping", classes="section-title")
            yield DataTable(cursor_type="row", id="leeches")
            yield Label("Exam scores over time", classes="section-title")
            yield ExamHistory(id="exam-history")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stats-scroll").focus()
        self.load()

    @work(exclusive=True, group="stats")
    async def load(self) -> None:
        try:
            stats, today = await self.app.backend.stats()
        except BackendError as error:
            self.app.fail(error)
            return
        await self.show(stats, today)

    async def show(self, stats: Any, today) -> None:
        self.query_one("#stats-head", Static).update(
            Content.assemble(
                ("Streak ", "bold"),
                (days(stats.streak_current), "bold $text-warning"),
                (f" (best {days(stats.streak_longest)})", "dim"),
                ("   Today ", "bold"),
                f"{stats.reviews_today} answered, {stats.due_today} due,"
                f" {stats.new_left} new left",
            )
        )
        await self.query_one("#heatmap-box").mount(
            Heatmap(today, 16, stats.reviews_per_day)
        )
        forecast = [count for _, count in stats.forecast]
        self.query_one("#forecast", Sparkline).data = forecast or [0]
        peak = max(forecast, default=0)
        self.query_one("#forecast-axis", Static).update(
            Content.assemble(
                ("today", "dim"),
                f"  total {sum(forecast)}, busiest day {peak}  ",
                ("+30 d", "dim"),
            )
        )
        retention = stats.retention_30d
        bar = self.query_one("#retention", ProgressBar)
        bar.update(progress=round(100 * retention) if retention is not None else 0)
        if retention is None:
            self.query_one("#retention-label", Label).update(
                "Retention (30 days): no reviews yet "
            )
        self._show_mastery(stats)
        self._show_leeches(stats)

    def _show_mastery(self, stats: Any) -> None:
        table = self.query_one("#mastery", DataTable)
        table.clear(columns=True)
        table.add_columns("Topic", "Mastered", "Cards", "")
        for row in _mastery_rows(stats.mastery):
            topic, mastered, total = row
            share = mastered / total if total else 0.0
            filled = round(share * 20)
            table.add_row(
                Text(topic),
                Text(f"{round(100 * share)}%", justify="right"),
                Text(f"{mastered}/{total}", justify="right"),
                Text("█" * filled, style="green")
                + Text("░" * (20 - filled), style="dim"),
            )

    def _show_leeches(self, stats: Any) -> None:
        table = self.query_one("#leeches", DataTable)
        table.clear(columns=True)
        table.add_columns("Card", "Lapses", "Prompt")
        if not stats.leeches:
            table.add_row(Text("none", style="dim"), Text(""), Text(""))
        for leech in stats.leeches:
            table.add_row(
                Text(str(leech.card_id)),
                Text(str(leech.lapses), justify="right"),
                Text(str(getattr(leech, "prompt", ""))),
            )


def _mastery_rows(mastery: Any) -> list[tuple[str, int, int]]:
    """(topic, mastered, total) whatever shape the engine gives."""
    rows = []
    items = mastery.items() if isinstance(mastery, dict) else mastery
    for entry in items:
        if isinstance(entry, tuple) and len(entry) == 2:
            topic, value = entry
            mastered = getattr(value, "mastered", 0)
            total = getattr(value, "total", 0)
        else:
            topic = getattr(entry, "topic", "?")
            mastered, total = entry.mastered, entry.total
        rows.append((str(topic), int(mastered), int(total)))
    return rows
