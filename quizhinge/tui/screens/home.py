"""The deck list, like Anki's: New / Learning / Due per deck, today, the streak."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quizhinge.tui.backend import BackendError, Overview
from quizhinge.tui.widgets.dates import days
from quizhinge.tui.widgets.fitted_table import Column, FittedTable, Row
from quizhinge.tui.widgets.key_footer import KeyFooter
from quizhinge.tui.widgets.today_line import TodayLine

if TYPE_CHECKING:
    from quizhinge.session import DeckCounts
    from quizhinge.stats import Stats
    from quizhinge.tui.app import QuizhingeApp

ALL_DECKS = "__all__"
DECK_COLUMNS = (
    Column("deck", "Deck", flexible=True, least=12),
    Column("new", "New", right=True, least=8),
    Column("learning", "Learning", right=True, least=8),
    Column("due", "Due", right=True, least=8),
)
COUNT_STYLES = ("bold blue", "bold red", "bold green")
PROBLEMS_SHOWN = 3  # deck problems listed on the home screen; validate has all
EXPORT_NAME = "quizhinge.apkg"  # as `quizhinge export` names it


class HomeScreen(Screen):
    if TYPE_CHECKING:  # our app's attributes, typed; the app imports this module
        app = getters.app(QuizhingeApp)
    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "FittedTable"  # the first focus, where its keys work
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "study_all", "Study all"),
        Binding("enter", "study_selected", "Study deck", show=False),
        Binding("l", "switch_level", "Level"),
        Binding("s", "stats", "Stats"),
        Binding("c", "cards", "Cards"),
        Binding("e", "exam", "Exam"),
        Binding("x", "export", "To Anki"),
        Binding("q", "app.quit", "Quit"),
    ]
    KEY_HELP: ClassVar[dict[str, str]] = {
        "a": "Study today's cards of every deck",
        "up / down": "Pick a deck",
        "enter (or click)": "Study the picked deck",
        "l": "Switch level: beginner (beginner cards) / trainer (every card)",
        "s": "Open the stats",
        "c": "Browse your cards: filter, suspend or unsuspend, see a card's history",
        "e": "Sit a timed mock exam, scored by topic (your schedule is untouched)",
        "x": "Export the decks of your level to quizhinge.apkg in the current folder,"
        " for Anki on your phone",
        "q": "Quit quizhinge",
    }

    def __init__(self) -> None:
        super().__init__()
        self.overview: Overview | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(
                ("quizhinge", "bold $text-accent"),
                ("  learn the hip hinge, a few minutes a day", "dim"),
            ),
            id="home-title",
        )
        yield TodayLine(id="today")
        yield Static("", id="anki-import")
        yield Static("", id="level")
        yield Static("", id="deck-problems", classes="hidden")
        yield FittedTable(DECK_COLUMNS, id="decks")
        yield Static(
            Content.styled(
                "enter or click: study the picked deck   ?: every key",
                "dim",
            ),
            id="home-hint",
        )
        yield KeyFooter()

    def on_screen_resume(self) -> None:
        self.load()

    @work(exclusive=True, group="home")
    async def load(self) -> None:
        try:
            overview = await self.app.backend.overview()
        except BackendError as error:
            self.app.fail(error)
            return
        self.show(overview)

    def show(self, overview: Overview) -> None:
        self.overview = overview
        self._show_today(overview.stats)
        self._show_anki_import(overview.last_anki_import)
        self._show_level(overview.level)
        self._show_problems(overview.problems, overview.problem_files)
        self._show_decks(overview.decks, overview.stats)

    def _show_today(self, stats: Stats) -> None:
        self.query_one(TodayLine).show(
            Content.assemble(
                ("Today  ", "bold"),
                (str(stats.reviews_today), "bold $text-success"),
                " answered · ",
                (str(stats.due_today), "bold"),
                " due · ",
                (str(stats.new_left), "bold"),
                " new left",
            ),
            Content.assemble(
                ("Streak  ", "bold"),
                (days(stats.streak_current), "bold $text-warning"),
                (f" (best {days(stats.streak_longest)})", "dim"),
            ),
        )

    def _show_problems(self, problems: Sequence[str], files: int) -> None:
        """Why deck files were left out: the app runs on the others, and says
        so rather than stopping (the lines are inert deck text, not markup)."""
        box = self.query_one("#deck-problems", Static)
        box.set_class(not problems, "hidden")
        if not problems:
            return
        shown = list(problems[:PROBLEMS_SHOWN])
        if len(problems) > PROBLEMS_SHOWN:
            shown.append(f"… and {len(problems) - PROBLEMS_SHOWN} more")
        box.update(
            Content.assemble(
                (
                    f"Left out: {files} deck file{'s' if files != 1 else ''} with"
                    f" {len(problems)} problem{'s' if len(problems) != 1 else ''}"
                    " (fix, then restart; quizhinge validate lists them all):",
                    "bold $text-warning",
                ),
                *(("\n" + line, "$text-warning") for line in shown),
            )
        )

    def _show_anki_import(self, when: datetime | None) -> None:
        """The last `quizhinge import-progress`, for a learner who also
        studies in Anki; no line for one who never imported."""
        line = self.query_one("#anki-import", Static)
        line.display = when is not None
        if when is not None:
            local = when.astimezone().strftime("%Y-%m-%d %H:%M")
            line.update(Content.assemble(("Last imported from Anki: ", "bold"), local))

    def _show_level(self, level: str) -> None:
        other = "trainer" if level == "beginner" else "beginner"
        self.query_one("#level", Static).update(
            Content.assemble(
                ("Level  ", "bold"),
                (level, "bold $text-accent"),
                (f"   l: switch to {other}", "dim"),
            )
        )

    def _show_decks(self, decks: Sequence[DeckCounts], stats: Stats) -> None:
        """One row per deck, then all decks together: what a session on all
        of them asks, as the header says (today's limits are shared by all
        decks, so the rows above may add up to more)."""
        rows = [
            Row(deck.deck_id, [Text(deck.name), *_count_cells(deck)]) for deck in decks
        ]
        totals = (stats.new_left, stats.learning, stats.due_today)
        rows.append(Row(ALL_DECKS, [Text("All decks", style="bold"), *_cells(totals)]))
        self.query_one(FittedTable).show(rows)

    def _selected_deck(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if key == ALL_DECKS else key

    def action_study_all(self) -> None:
        self.app.study()

    def action_study_selected(self) -> None:
        self.app.study(deck=self._selected_deck())

    @on(DataTable.RowSelected, "#decks")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        self.app.study(deck=None if key == ALL_DECKS else key)

    @work(exclusive=True, group="home")
    async def action_switch_level(self) -> None:
        if self.overview is None:
            return
        level = "trainer" if self.overview.level == "beginner" else "beginner"
        try:
            await self.app.backend.set_level(level)
            self.notify(f"Level: {level}")
            self.show(await self.app.backend.overview())
        except BackendError as error:
            self.app.report(error, "The level was not changed.")

    def action_exam(self) -> None:
        self.app.exam(level=self.overview.level if self.overview else "trainer")

    @work(exclusive=True, group="export")
    async def action_export(self) -> None:
        level = self.overview.level if self.overview else "trainer"
        self.notify("Writing the Anki package…", timeout=2)
        try:
            report = await self.app.backend.export(Path.cwd() / EXPORT_NAME, level)
        except BackendError as error:
            self.notify(
                str(error), title="Export failed", severity="error", markup=False
            )
            return
        self.notify(
            f"{report.path}\n{report.notes} notes, {report.cards} cards."
            " Open it with Anki (AnkiDroid: copy it to the phone and open it).",
            title="Exported to Anki",
            timeout=10,
            markup=False,
        )

    def action_cards(self) -> None:
        from quizhinge.tui.screens.cards import CardsScreen

        self.app.push_screen(CardsScreen())

    def action_stats(self) -> None:
        from quizhinge.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())


def _count_cells(deck: DeckCounts) -> list[Text]:
    return _cells((deck.new, deck.learning, deck.due))


def _cells(counts: Sequence[int]) -> list[Text]:
    return [
        Text(str(n), style=style if n else "dim", justify="right")
        for n, style in zip(counts, COUNT_STYLES, strict=True)
    ]
