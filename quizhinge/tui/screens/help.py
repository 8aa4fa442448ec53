"""Every key of every screen, from the screens' own KEY_HELP tables.

Not `HELP`: Textual reserves that name for a Markdown string its Keys panel
(ctrl+p -> Keys) shows, and a dict there crashed the app.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static


def help_rows() -> list[tuple[str, str, str]]:
    """(screen, keys, what it does) for every screen, from their KEY_HELP tables."""
    from quizhinge.tui.app import QuizhingeApp
    from quizhinge.tui.screens.cards import CardScreen, CardsScreen
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
        ("Cards", CardsScreen),
        ("One card", CardScreen),
        ("Exam setup", ExamSetupScreen),
        ("Exam", ExamScreen),
        ("Exam results", ExamResultsScreen),
        ("Help", HelpScreen),
    ):
        for keys, text in owner.KEY_HELP.items():
            rows.append((name, keys, text))
    return rows


class HelpRow(Horizontal):
    """One key and what it does; the description wraps at any width."""

    def __init__(self, keys: str, text: str) -> None:
        super().__init__(classes="help-row")
        self.keys = keys
        self.text = text

    def compose(self) -> ComposeResult:
        yield Label(self.keys, classes="help-keys")
        yield Label(self.text, classes="help-text")


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    # Textual types this as an instance attribute (ClassVar[...] | None).
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [  # noqa: RUF012
        (0, "-narrow"),
        (60, "-normal"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "app.pop_screen", "Close help")
    ]
    KEY_HELP: ClassVar[dict[str, str]] = {"escape / q / ?": "Close this help"}

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static("Keys of every screen", id="help-title")
            with VerticalScroll(id="help-list"):
                screen = None
                for name, keys, text in help_rows():
                    if name != screen:
                        screen = name
                        yield Static(name, classes="help-screen")
                    yield HelpRow(keys, text)
            yield Static("escape: close   up/down: scroll", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#help-list").focus(scroll_visible=False)
