"""Every key of every screen, built from the screens' own bindings and HELP."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static


def help_rows() -> list[tuple[str, str, str]]:
    """(screen, keys, what it does) for every screen, from their HELP tables."""
    from quizhinge.tui.app import QuizhingeApp
    from quizhinge.tui.screens.exam import (
        ExamResultsScreen,
        ExamScreen,
        ExamSetupScreen,
    )
    from quizhinge.tui.screens.home import HomeScreen
    from quizhinge.tui.screens.stats import StatsScreen
    from quizhinge.tui.screens.study import StudyScreen
    from quizhinge.tui.screens.summary import SummaryScreen

    rows = []
    for name, owner in (
        ("Everywhere", QuizhingeApp),
        ("Home", HomeScreen),
        ("Study", StudyScreen),
        ("Summary", SummaryScreen),
        ("Stats", StatsScreen),
        ("Exam setup", ExamSetupScreen),
        ("Exam", ExamScreen),
        ("Exam results", ExamResultsScreen),
        ("Help", HelpScreen),
    ):
        for keys, text in owner.HELP.items():
            rows.append((name, keys, text))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "app.pop_screen", "Close help")
    ]
    HELP: ClassVar[dict[str, str]] = {"escape / q / ?": "Close this help"}

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static("Keys", id="help-title")
            table: DataTable = DataTable(
                cursor_type="row", zebra_stripes=True, id="help-table"
            )
            yield table
            yield Static("escape: close", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Screen", "Keys", "What it does")
        for screen, keys, text in help_rows():
            table.add_row(Text(screen), Text(keys, style="bold"), Text(text))
        table.focus()
