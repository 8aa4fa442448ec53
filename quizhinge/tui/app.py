"""The quizhinge Textual app: screens on top, the backend thread underneath."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from quizhinge.tui.backend import Backend, BackendError, Step

if TYPE_CHECKING:
    from quizhinge.exam import ExamPlan


HERE = Path(__file__).parent
# The first screen's own stylesheet, read with the app's: Textual parses every
# stylesheet again when a screen brings one it has not read, which the first
# card need not wait for.
FIRST_SCREEN_CSS = {
    "home": [HERE / "screens" / "home.tcss"],
    "study": [HERE / "screens" / "study.tcss"],
}


class QuizhingeApp(App[None]):
    """The app over a `Backend` (the store and the decks, on their thread).

    `start="home"` opens the deck list; `start="study"` opens today's session,
    `start="exam"` the exam `exam_plan` describes. `on_first_paint` runs once
    the first screen is on the terminal (launch.py resumes the garbage
    collector there).
    """

    CSS_PATH = HERE / "app.tcss"
    TITLE = "quizhinge"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]
    KEY_HELP: ClassVar[dict[str, str]] = {
        "?": "Show this help",
        "ctrl+q": "Quit at once (every answer is already saved)",
        "ctrl+p": "Command palette (themes, screenshots)",
    }

    def __init__(
        self,
        backend: Backend,
        *,
        start: str = "home",
        deck: str | None = None,
        topic: str | None = None,
        exam_plan: ExamPlan | None = None,
        on_first_paint: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(css_path=[self.CSS_PATH, *FIRST_SCREEN_CSS.get(start, [])])
        self.backend = backend
        self.now = backend.now
        self.start = start
        self.start_deck = deck
        self.start_topic = topic
        self.exam_plan = exam_plan
        self.error_message: str | None = None
        # launch.make_app (the command line's way in) sets this; an app made
        # elsewhere, a test's say, shows no toast about its scratch file.
        self.announce_new_file = False
        self._on_first_paint = on_first_paint
        if start == "study":
            backend.begin(deck, topic)  # unless launch.make_app began it already
        self._saved_theme = self.backend.saved_theme()
        if self._saved_theme in self.available_themes:
            self.theme = self._saved_theme

    def watch_theme(self, theme: str) -> None:
        """Keep a theme chosen in the app (ctrl+p) for the next run."""
        if theme != self._saved_theme and self.is_running:
            self._saved_theme = theme
            self.run_worker(self._keep_theme(theme), group="theme")

    async def _keep_theme(self, theme: str) -> None:
        try:
            await self.backend.set_theme(theme)
        except BackendError as error:
            self.report(error, "The theme was not kept for the next run.")

    def get_default_screen(self) -> Screen:
        """The screen asked for is the first one, not pushed over an empty one:
        one screen less to lay out and paint before the first card shows."""
        if self.start == "study":
            from quizhinge.tui.screens.study import StudyScreen

            return StudyScreen(self.start_deck, self.start_topic)
        if self.start == "home":
            from quizhinge.tui.screens.home import HomeScreen

            return HomeScreen()
        return super().get_default_screen()

    def on_mount(self) -> None:
        if self._on_first_paint is not None:
            self.call_after_refresh(self._on_first_paint)
        self.call_after_refresh(self._check_database)
        if self.announce_new_file:
            self.run_worker(self._say_if_new(), group="new-file")
        if self.start == "exam" and self.exam_plan is not None:
            self.exam(self.exam_plan)
        elif self.start not in ("study", "home"):
            self.go_home()

    async def _say_if_new(self) -> None:
        """Say once, when this run made the database, where it is: a learner
        who sees an empty streak then knows why."""
        from quizhinge.tui.backend import BackendError

        try:
            await self.backend.open()
        except BackendError:
            return  # the first screen reports it
        if self.backend.created:
            self.notify(
                f"Created a new progress file at {self.backend.db_path}",
                timeout=8,
                markup=False,
            )

    async def on_unmount(self) -> None:
        await self.backend.close()

    def study(
        self,
        deck: str | None = None,
        topic: str | None = None,
        *,
        replace: bool = False,
        card_ids: Sequence[str] | None = None,
        resume: Step | None = None,
    ) -> None:
        """Today's session (on one deck or topic), over the screen on show or,
        with `replace`, instead of it; `resume` goes on with one under way
        (the summary's undo), so screens need not import the study screen."""
        from quizhinge.tui.screens.study import StudyScreen

        screen = StudyScreen(deck, topic, card_ids, resume=resume)
        if replace:
            self.replace_screen(screen)
        else:
            self.push_screen(screen)

    def study_cards(self, card_ids: Sequence[str]) -> None:
        """Study just these cards now (the exam's "study these now")."""
        self.study(card_ids=tuple(card_ids))

    def exam(self, plan: ExamPlan | None = None, level: str = "trainer") -> None:
        """Sit an exam: `plan` as given, or chosen on the setup screen first."""
        from quizhinge.tui.exam_flow import ExamFlow
        from quizhinge.tui.screens.exam import ExamSetupScreen

        flow = ExamFlow(self, self.go_home)
        if plan is not None:
            flow.start(plan)
            return

        def chosen(plan: ExamPlan | None) -> None:
            if plan is not None:
                flow.start(plan)

        async def available(plan: ExamPlan) -> tuple[ExamPlan, int]:
            from quizhinge.tui.exam_flow import available_questions

            return await available_questions(self, plan)

        self.push_screen(ExamSetupScreen(level, available), chosen)

    async def action_quit(self) -> None:
        """Quit at once, except mid-exam: the exam asks first, and keeps a quit
        exam as abandoned."""
        from quizhinge.tui.screens.exam import ExamScreen

        exams = [s for s in self.screen_stack if isinstance(s, ExamScreen)]
        if not exams or exams[-1].ended:
            await super().action_quit()
        elif self.screen is exams[-1]:
            exams[-1].action_quit_exam()

    def go_home(self) -> None:
        """Back to the deck list, wherever we came from."""
        from quizhinge.tui.screens.home import HomeScreen

        if any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            while not isinstance(self.screen, HomeScreen):
                self.pop_screen()
        else:  # started on a session or an exam: home takes its place
            self.replace_screen(HomeScreen())

    def replace_screen(self, screen: Screen) -> None:
        """Show `screen` instead of the current one; the first screen of the
        stack cannot be switched away in Textual, so it stays underneath."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`?` types into an answer box: the footer does not offer it there."""
        if action == "help":
            from textual.widgets import Input

            return not isinstance(self.focused, Input)
        return True

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands, with "Keys" opening our help (every
        screen's keys, in words) instead of Textual's widget key panel, which
        lists keys no screen here uses and stays open on escape."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command
        yield SystemCommand("Keys", "Every key of every screen", self.action_help)

    def action_help(self) -> None:
        from quizhinge.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections()))

    @staticmethod
    def help_sections() -> list[tuple[str, dict[str, str]]]:
        """Each screen's name and its keys (its KEY_HELP, kept beside its
        BINDINGS), in the order the help shows them."""
        from quizhinge.tui.screens.cards import CardScreen, CardsScreen
        from quizhinge.tui.screens.exam import (
            ExamResultsScreen,
            ExamScreen,
            ExamSetupScreen,
        )
        from quizhinge.tui.screens.help import HelpScreen
        from quizhinge.tui.screens.home import HomeScreen
        from quizhinge.tui.screens.stats import StatsScreen
        from quizhinge.tui.screens.study import StudyScreen
        from quizhinge.tui.screens.summary import SummaryScreen

        return [
            ("Everywhere", QuizhingeApp.KEY_HELP),
            ("Home", HomeScreen.KEY_HELP),
            ("Study", StudyScreen.KEY_HELP),
            ("Summary", SummaryScreen.KEY_HELP),
            ("Stats", StatsScreen.KEY_HELP),
            ("Cards", CardsScreen.KEY_HELP),
            ("One card", CardScreen.KEY_HELP),
            ("Exam setup", ExamSetupScreen.KEY_HELP),
            ("Exam", ExamScreen.KEY_HELP),
            ("Exam results", ExamResultsScreen.KEY_HELP),
            ("Help", HelpScreen.KEY_HELP),
        ]

    def _check_database(self) -> None:
        """Check every page of the database once the first screen is painted:
        on a large file this takes a moment the first card need not wait for,
        and nothing is written before it (a write checks first)."""
        self.run_worker(self._verify(), group="verify")

    async def _verify(self) -> None:
        try:
            await self.backend.verify()
        except BackendError as error:
            self.fail(error)

    def fail(self, error: Exception, unsaved: str = "") -> None:
        """Leave with a readable message (the CLI prints it) and a non-zero code."""
        self.error_message = sentences(str(error), unsaved)
        self.exit(return_code=1)

    def report(self, error: BackendError, unsaved: str = "") -> bool:
        """The one place a problem with the database reaches the learner.

        A busy file (another quizhinge is writing) or a refused change (an
        undo of an answer made elsewhere) is said in a notice, and the app
        goes on (True). After any other problem (a read-only file, a full
        disk, a damaged file) nothing more can be saved: the app ends, and the
        message, with `unsaved` (what was not saved), is printed on exit.
        """
        if error.kind in ("busy", "refused"):
            title = "Busy: not saved" if error.kind == "busy" else "Not possible"
            message = sentences(str(error), unsaved)
            self.notify(message, title=title, severity="warning", markup=False)
            return True
        self.fail(error, unsaved)
        return False


def sentences(first: str, *more: str) -> str:
    """`first`, then each of `more` as a sentence of its own (the store's
    messages end without a full stop)."""
    text = first.strip()
    for part in (p.strip() for p in more if p.strip()):
        text = f"{text} {part}" if text.endswith((".", "!", "?")) else f"{text}. {part}"
    return text
