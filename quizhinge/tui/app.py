"""The quizhinge Textual app: screens on top, the backend thread underneath."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from quizhinge.tui.backend import Backend


class QuizhingeApp(App[None]):
    """`start="home"` opens the deck list; `start="study"` opens today's session."""

    CSS_PATH = "quizhinge.tcss"
    TITLE = "quizhinge"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]
    HELP: ClassVar[dict[str, str]] = {
        "?": "Show this help",
        "ctrl+q": "Quit at once (every answer is already saved)",
        "ctrl+p": "Command palette (themes, screenshots)",
    }

    def __init__(
        self,
        db_path: Path,
        deck_paths: Sequence[Path],
        profile: str = "default",
        *,
        start: str = "home",
        deck: str | None = None,
        topic: str | None = None,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__()
        self.now = now
        self.backend = Backend(db_path, deck_paths, profile, now)
        self.start = start
        self.start_deck = deck
        self.start_topic = topic
        self.error_message: str | None = None

    def on_mount(self) -> None:
        if self.start == "study":
            self.study(self.start_deck, self.start_topic)
        else:
            self.go_home()

    async def on_unmount(self) -> None:
        await self.backend.close()

    def study(self, deck: str | None = None, topic: str | None = None) -> None:
        from quizhinge.tui.screens.study import StudyScreen

        self.push_screen(StudyScreen(deck, topic))

    def go_home(self) -> None:
        """Back to the deck list, wherever we came from."""
        from quizhinge.tui.screens.home import HomeScreen

        if any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            while not isinstance(self.screen, HomeScreen):
                self.pop_screen()
        elif len(self.screen_stack) > 1:
            self.switch_screen(HomeScreen())
        else:
            self.push_screen(HomeScreen())

    def action_help(self) -> None:
        from quizhinge.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def fail(self, error: Exception) -> None:
        """Leave with a readable message (the CLI prints it) and a non-zero code."""
        self.error_message = str(error)
        self.exit(return_code=1)
