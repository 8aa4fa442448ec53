"""Progress at a glance: the review heatmap, the forecast, retention, streaks,
mastery per topic, the leeches (cards that keep failing) and exam scores."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Label, ProgressBar, Sparkline, Static

from quizhinge.stats import Stats
from quizhinge.tui.backend import BackendError, StatsView
from quizhinge.tui.widgets import card_text
from quizhinge.tui.widgets.dates import days
from quizhinge.tui.widgets.exam_history import ExamHistory
from quizhinge.tui.widgets.heatmap import Heatmap
from quizhinge.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from quizhinge.tui.app import QuizhingeApp


class StatsScreen(Screen):
    if TYPE_CHECKING:  # our app's attributes, typed; the app imports this module
        app = getters.app(QuizhingeApp)
    CSS_PATH = "stats.tcss"
    AUTO_FOCUS = "#stats-scroll"  # the first focus, where its keys work
    # Narrower than this, the two charts stack (stats.tcss).
    # Textual types this as an instance attribute (ClassVar[...] | None).
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [  # noqa: RUF012
        (0, "-narrow"),
        (66, "-normal"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back"),
    ]
    KEY_HELP: ClassVar[dict[str, str]] = {
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
            yield Label(
                "Mastery per topic (interval of 21 days or more)",
                classes="section-title",
            )
            yield Vertical(id="mastery")
            yield Label("Leeches: cards that keep slipping", classes="section-title")
            yield DataTable(cursor_type="row", id="leeches")
            yield Label("Exam scores over time", classes="section-title")
            yield ExamHistory(id="exam-history")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True, group="stats")
    async def load(self) -> None:
        try:
            view = await self.app.backend.stats()
        except BackendError as error:
            self.app.fail(error)
            return
        await self.show(view)

    async def show(self, view: StatsView) -> None:
        stats = view.stats
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
            Heatmap(view.today, 16, stats.reviews_per_day)
        )
        forecast = [count for _, count in stats.forecast]
        self.query_one("#forecast", Sparkline).data = forecast or [0]
        self.query_one("#forecast-axis", Static).update(
            Content.assemble(
                ("today → +30 days: ", "dim"),
                f"{sum(forecast)} due, at most {max(forecast, default=0)} a day",
            )
        )
        retention = stats.retention_30d
        if retention is None:
            self.query_one("#retention-label", Label).update(
                "Retention (30 days): no reviews of earlier cards yet"
            )
            self.query_one("#retention", ProgressBar).display = False
        else:
            self.query_one("#retention", ProgressBar).update(
                progress=round(100 * retention)
            )
        await self._show_mastery(stats)
        self._show_leeches(view)

    async def _show_mastery(self, stats: Stats) -> None:
        rows: list[Widget] = []
        for topic in stats.mastery:
            bar = ProgressBar(total=max(topic.items, 1), show_eta=False)
            bar.progress = topic.mastered
            rows.append(
                Horizontal(
                    Label(Content(topic.topic), classes="topic-name"),
                    bar,
                    Label(
                        f"{topic.mastered}/{topic.items} mastered, {topic.seen} seen",
                        classes="topic-count",
                    ),
                    classes="topic-row",
                )
            )
        if not rows:
            rows.append(Label("No cards at this level yet.", classes="hint"))
        await self.query_one("#mastery").mount_all(rows)

    def _show_leeches(self, view: StatsView) -> None:
        table = self.query_one("#leeches", DataTable)
        table.clear(columns=True)
        table.add_columns("Card", "Lapses", "Asks")
        if not view.stats.leeches:
            table.add_row(Text("none yet", style="dim"), Text(""), Text(""))
        for leech in view.stats.leeches:
            card = view.cards.get(leech.card_id)
            variant = leech.item_id.partition("#")[2]
            asks = card_text.prompt(card, variant).plain if card else ""
            table.add_row(
                Text(leech.item_id),
                Text(str(leech.lapses), justify="right"),
                Text(asks),
            )
