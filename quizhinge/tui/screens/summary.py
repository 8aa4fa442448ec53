"""The end of a session: how it went and what tomorrow holds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from quizhinge.tui.backend import BackendError
from quizhinge.tui.widgets.dates import duration
from quizhinge.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from collections.abc import Sequence

    from quizhinge.tui.app import QuizhingeApp

    Scope = tuple[str | None, str | None, Sequence[str] | None]


def summary_content(summary: Any, left: int = 0, new_day: bool = False) -> Content:
    """How the session went; `left` is what today still holds if it ended early;
    `new_day`: it ended because a new study day began (the day-start hour)."""
    if new_day and (summary is None or summary.answered == 0):
        return Content.assemble(
            ("A new study day has begun", "bold $text-warning"),
            ": n studies today's cards",
        )
    if summary is None or summary.answered == 0:
        return Content.assemble(
            ("All done for today.", "bold $text-success"),
            "\nNothing is due. Come back tomorrow, or study another deck.",
        )
    accuracy = round(100 * summary.correct / summary.answered)
    rows = [
        ("Cards answered", str(summary.answered)),
        ("Right", f"{summary.correct} ({accuracy}%)"),
        ("Re-drills", str(summary.redrills)),
        ("Time", duration(summary.seconds)),
        ("Due tomorrow", str(summary.due_tomorrow)),
    ]
    if new_day:
        rows[-1] = ("Due today", str(summary.due_tomorrow))
    title = (
        Content.assemble(
            ("A new study day has begun", "bold $text-warning"),
            ": yesterday's session ends here; n studies today's cards",
        )
        if new_day
        else Content.styled("Session complete", "bold $text-success")
        if left == 0
        else Content.assemble(
            ("Session ended", "bold $text-warning"),
            f": {left} card{'s' if left != 1 else ''} left for today",
        )
    )
    lines = [title, Content("")]
    lines.extend(
        Content.assemble((f"{label:<16}", "dim"), (value, "bold"))
        for label, value in rows
    )
    return Content("\n").join(lines)


class SummaryScreen(Screen):
    if TYPE_CHECKING:  # our app's attributes, typed; the app imports this module
        app = getters.app(QuizhingeApp)
    CSS_PATH = "summary.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape,space", "home", "Home"),
        Binding("u", "undo", "Undo"),
        Binding("t", "stats", "Stats"),
        Binding("n", "new_day", "Today's cards"),
        Binding("q", "app.quit", "Quit"),
    ]
    KEY_HELP: ClassVar[dict[str, str]] = {
        "enter / escape / space": "Back to the home screen",
        "n": "After a session that ran past the day-start hour: study the new"
        " day's cards",
        "u": "Undo the session's last answer or suspension, and go on with it",
        "t": "Open the stats",
        "q": "Quit quizhinge",
    }

    def __init__(
        self,
        summary: Any,
        left: int = 0,
        new_day: tuple[str | None, str | None] | None = None,
        last: Content | None = None,
        undo: str | None = None,
        scope: Scope | None = None,
    ) -> None:
        """`new_day`: the session ended because a new study day began; the
        (deck, topic) it studied, to offer the new day's cards of the same.
        `last`: the outcome of the session's last self-graded answer, which
        went straight here instead of to another card. `undo`: what u takes
        back ("answer", "suspension"; None: nothing), going on with the
        session of `scope` (deck, topic, card ids)."""
        super().__init__()
        self.summary = summary
        self.left = left
        self.new_day = new_day
        self.last = last
        self.undo = undo
        self.scope = scope

    def compose(self) -> ComposeResult:
        new_day = self.new_day is not None
        hint = "enter: home   t: stats   q: quit"
        if new_day:
            hint = "n: today's cards   " + hint
        if self.undo is not None:  # a line of its own: it wraps whole
            hint = f"u: undo the last {self.undo} and go on\n" + hint
        with Center(), Vertical(id="summary-box"):
            if self.last is not None:
                yield Static(self.last, id="summary-last")
            yield Static(
                summary_content(self.summary, self.left, new_day), id="summary"
            )
            yield Static(Content.styled(hint, "dim"), id="summary-hint")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_day":
            return self.new_day is not None
        if action == "undo":
            return self.undo is not None and self.scope is not None
        return True

    @work(exclusive=True, group="summary")
    async def action_undo(self) -> None:
        """Take back the last action and go on with the session from there."""
        if self.undo is None or self.scope is None:
            return
        try:
            step = await self.app.backend.undo()
        except BackendError as error:
            self.app.report(error)
            return
        if step is None or step.item is None:
            self.notify("Nothing to undo in this session.", severity="warning")
            self.undo = None
            self.refresh_bindings()
            return
        deck, topic, card_ids = self.scope
        self.app.study(deck, topic, replace=True, card_ids=card_ids, resume=step)

    def action_new_day(self) -> None:
        """A new session on the same deck or topic, planned for the new day."""
        if self.new_day is None:
            return
        deck, topic = self.new_day
        self.app.study(deck, topic, replace=True)

    def action_home(self) -> None:
        self.app.go_home()

    def action_stats(self) -> None:
        from quizhinge.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())
