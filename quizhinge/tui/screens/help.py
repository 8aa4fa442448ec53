"""Every key of every screen, in the sections the app gives it.

The app gathers them from each screen's KEY_HELP table (`QuizhingeApp.
help_sections`), beside the screen's BINDINGS, so this screen knows no other
screen and does not import the app. The name is not `HELP`: Textual reserves
that one for a Markdown string its Keys panel (ctrl+p -> Keys) shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static


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
    AUTO_FOCUS = "#help-list"  # the first focus, where its keys work
    # Textual types this as an instance attribute (ClassVar[...] | None).
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [  # noqa: RUF012
        (0, "-narrow"),
        (60, "-normal"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "app.pop_screen", "Close help")
    ]
    KEY_HELP: ClassVar[dict[str, str]] = {"escape / q / ?": "Close this help"}

    def __init__(self, sections: Sequence[tuple[str, Mapping[str, str]]]) -> None:
        """`sections`: each screen's name and its keys, what each does."""
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static("Keys of every screen", id="help-title")
            with VerticalScroll(id="help-list"):
                for name, keys in self.sections:
                    yield Static(name, classes="help-screen")
                    for key, text in keys.items():
                        yield HelpRow(key, text)
            yield Static("escape: close   up/down: scroll", classes="hint")
