"""Exam mode's screens: choose an exam, sit it against the clock, see the result.

The screens keep no rules: the `Exam` (quizhinge.exam) knows the questions,
the answers, the clock and the score; the screens show it and pass keys on.
No feedback is shown until the exam is submitted, as in a real exam.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import (
    Button,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
)

from quizhinge.cards import LEVELS, TOPICS
from quizhinge.exam import (
    DEFAULT_MINUTES,
    DEFAULT_QUESTIONS,
    Exam,
    ExamEnd,
    ExamError,
    ExamPlan,
    ExamResult,
    Outcome,
    check_available,
    format_seconds,
    response_text,
)
from quizhinge.tui.screens.confirm import ConfirmScreen
from quizhinge.tui.widgets.exam_questions import ExamAnswer, answer_for
from quizhinge.tui.widgets.key_footer import KeyFooter

LOW_TIME = 60  # seconds left when the clock turns red


class ExamSetupScreen(Screen[ExamPlan | None]):
    """The home screen's Exam entry: the same choices as `quizhinge exam`."""

    CSS_PATH = "exam.tcss"
    AUTO_FOCUS = "#setup-questions"  # the first focus, where its keys work
    # Textual types this as an instance attribute (ClassVar[...] | None).
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [  # noqa: RUF012
        (0, "-narrow"),
        (76, "-normal"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", priority=True),
        Binding("escape", "cancel", "Back"),
    ]
    KEY_HELP: ClassVar[dict[str, str]] = {
        "tab / shift+tab": "Move between the fields",
        "space (in the topics)": "Tick a topic; none ticked asks every topic",
        "ctrl+s or enter": "Start the exam",
        "escape": "Back without an exam",
    }

    def __init__(
        self,
        level: str = "trainer",
        available: Callable[[ExamPlan], Awaitable[tuple[ExamPlan, int]]] | None = None,
    ) -> None:
        """`available` tells how many questions a plan can ask this learner
        (the app's database); without it, only the plan's own limits apply."""
        super().__init__()
        self.level = level
        self.available = available

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(
                ("Exam", "bold $text-accent"),
                (
                    "  a timed mock test, scored by topic; your schedule is untouched",
                    "dim",
                ),
            ),
            classes="title",
        )
        with VerticalScroll(id="exam-setup"):
            with Grid(id="exam-numbers"):  # four a row, or two when narrow
                with Vertical(classes="setup-field"):
                    yield Label("Questions")
                    yield Input(
                        str(DEFAULT_QUESTIONS), type="integer", id="setup-questions"
                    )
                with Vertical(classes="setup-field"):
                    yield Label("Minutes")
                    yield Input(str(DEFAULT_MINUTES), type="number", id="setup-minutes")
                with Vertical(classes="setup-field"):
                    yield Label("Seed (optional)")
                    yield Input(placeholder="random", type="integer", id="setup-seed")
                with Vertical(classes="setup-field"):
                    yield Label("Level")
                    yield Select(
                        [
                            ("trainer: every card", "trainer"),
                            ("beginner cards only", "beginner"),
                        ],
                        value=self.level if self.level in LEVELS else "trainer",
                        allow_blank=False,
                        id="setup-level",
                    )
            yield Label("Topics (none ticked: every topic)")
            yield SelectionList[str](*((t, t) for t in TOPICS), id="setup-topics")
            yield Static("", id="setup-error")
            with Horizontal(classes="buttons"):
                yield Button("Start (ctrl+s)", id="start", variant="primary")
                yield Button("Back (esc)", id="cancel")
        yield KeyFooter()

    def plan(self) -> ExamPlan:
        """The plan as filled in; ExamError if a field makes no sense."""
        try:
            questions = int(self.query_one("#setup-questions", Input).value)
            minutes = float(self.query_one("#setup-minutes", Input).value)
        except ValueError:
            raise ExamError("questions and minutes must be numbers") from None
        seed_text = self.query_one("#setup-seed", Input).value.strip()
        plan = ExamPlan(
            questions=questions,
            minutes=minutes,
            topics=tuple(self.query_one("#setup-topics", SelectionList).selected),
            level=str(self.query_one("#setup-level", Select).value),
            seed=int(seed_text) if seed_text.lstrip("-").isdigit() else None,
        )
        plan.check()
        return plan

    @work(exclusive=True, group="exam-setup")
    async def action_start(self) -> None:
        """Start, or say in one line what to change: the same limits as
        `quizhinge exam` (ExamPlan.check, exam.check_available)."""
        try:
            plan = self.plan()
            if self.available is not None:
                check_available(*await self.available(plan))
        except ExamError as error:
            self.query_one("#setup-error", Static).update(
                Content.styled(str(error), "bold $text-error")
            )
            return
        self.dismiss(plan)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#start")
    def _start(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()

    @on(Button.Pressed, "#cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()


class ExamScreen(Screen[ExamEnd]):
    """One question at a time, a countdown, and a map of every question."""

    CSS_PATH = "exam.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next", "Next"),
        Binding("p", "previous", "Previous"),
        Binding("s", "skip", "Skip"),
        Binding("m", "flag", "Flag"),
        # While typing an answer letters go in the box: these keys still work
        # (ctrl+p is the command palette, so previous is ctrl+up).
        Binding("ctrl+n,ctrl+down", "typing('next')", "Next", key_display="^n"),
        Binding("ctrl+up", "typing('previous')", "Previous", key_display="^↑"),
        Binding("ctrl+f", "typing('flag')", "Flag", key_display="^f"),
        Binding("ctrl+s", "submit", "Submit", priority=True),
        Binding("q,escape", "quit_exam", "Quit"),
        *(
            Binding(str(n), f"pick({n})", f"Choice {n}", show=False)
            for n in range(1, 10)
        ),
        Binding("t", "say(True)", "True", show=False),
        Binding("f", "say(False)", "False", show=False),
        Binding("shift+up,K", "move(-1)", "Step up", show=False),
        Binding("shift+down,J", "move(1)", "Step down", show=False),
    ]
    KEY_HELP: ClassVar[dict[str, str]] = {
        "n / p": "Next / previous question (next, from the last: the first"
        " one not answered)",
        "s": "Skip: leave this one for later, go to the next unanswered",
        "m": "Flag this question for review (again to unflag)",
        "the numbers on top": "Bright: answered; dim: not yet; ⚑: flagged",
        "ctrl+n / ctrl+up / ctrl+f": "Next / previous / flag, also while typing",
        "1-9, t / f": "Pick a choice; answer true or false",
        "shift+up / shift+down (K / J)": "Move the highlighted step",
        "enter": "Keep a typed answer or an order, go on; on the last question,"
        " offers to submit (naming what is not answered or flagged)",
        "ctrl+s": "Submit the exam",
        "q / escape / ctrl+q": "Quit the exam (asks; kept as abandoned, not scored)",
    }

    def __init__(self, exam: Exam, now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__()
        self.exam = exam
        self.now = now
        self.timer: Timer | None = None
        self.ended = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="exam-top"):
            yield Static("", id="exam-status")
            yield Static("", id="exam-clock")
        yield Static("", id="exam-map")
        yield Static("", id="exam-kind")
        yield Vertical(id="exam-question")
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.show_question()
        self.timer = self.set_interval(1, self.tick)
        self.tick()

    @property
    def typing(self) -> bool:
        return isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letter keys go in the answer box while typing: show the ctrl keys."""
        if action in ("next", "previous", "skip", "flag"):
            return not self.typing
        if action == "typing":
            return self.typing
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    async def action_typing(self, action: str) -> None:
        actions = {"next": self.action_next, "previous": self.action_previous}
        if action in actions:
            await actions[action]()
        elif action == "flag":
            self.action_flag()

    @property
    def answer_widget(self) -> ExamAnswer | None:
        widgets = self.query(ExamAnswer)
        return widgets.first() if widgets else None

    async def show_question(self) -> None:
        """Put the current question on screen, with the answer given so far."""
        exam = self.exam
        area = self.query_one("#exam-question", Vertical)
        await area.remove_children()
        await area.mount(answer_for(exam.current, exam.response()))
        self.show_status()
        self.call_after_refresh(self.refresh_bindings)

    def show_status(self) -> None:
        exam = self.exam
        card = exam.current.card
        total = len(exam.questions)
        self.query_one("#exam-status", Static).update(
            Content.assemble(
                (f"Question {exam.position + 1} of {total}", "bold"),
                (f"   answered {len(exam.responses)}", "dim"),
                (f"   flagged {len(exam.flagged)}", "dim"),
            )
        )
        flag = ("  ⚑ flagged for review", "bold $text-warning")
        self.query_one("#exam-kind", Static).update(
            Content.assemble(
                (f"{card.topic} · {card.label}", "dim"),
                flag if exam.position in exam.flagged else "",
            )
        )
        self.query_one("#exam-map", Static).update(question_map(exam))

    def tick(self) -> None:
        """Once a second: show the time left, and submit when it runs out."""
        if self.ended:
            return
        left = self.exam.remaining(self.now())
        self.query_one("#exam-clock", Static).update(
            Content.styled(
                f"⏱ {format_seconds(left)}",
                "bold $text-error" if left <= LOW_TIME else "bold",
            )
        )
        if left <= 0:
            self.end(timed_out=True)

    def end(self, timed_out: bool = False, abandoned: bool = False) -> None:
        """Stop the clock and leave with the outcome; only the first call counts."""
        if self.ended:
            return
        self.ended = True
        if self.timer is not None:
            self.timer.stop()
        while self.app.screen is not self:  # a confirm dialog still open
            self.app.pop_screen()
        result = None if abandoned else self.exam.score()
        self.dismiss(ExamEnd(self.exam, self.now(), result, timed_out))

    @on(ExamAnswer.Responded)
    async def _responded(self, event: ExamAnswer.Responded) -> None:
        event.stop()
        if self.ended:
            return
        self.exam.answer(event.response)
        if not event.advance:
            self.show_status()
        elif self.exam.on_last:  # done with the last one: offer to submit
            self.show_status()
            self.action_submit()
        else:
            self.exam.next()
            await self.show_question()

    async def go(self, move: Callable[[], None]) -> None:
        before = self.exam.position
        move()
        if self.exam.position != before:
            await self.show_question()

    async def action_next(self) -> None:
        await self.go(self.exam.next)

    async def action_previous(self) -> None:
        await self.go(self.exam.previous)

    async def action_skip(self) -> None:
        await self.go(self.exam.skip)

    def action_flag(self) -> None:
        flagged = self.exam.toggle_flag()
        self.show_status()
        self.notify("Flagged for review" if flagged else "Flag removed", timeout=2)

    def action_pick(self, number: int) -> None:
        if self.answer_widget is not None:
            self.answer_widget.pick(number)

    def action_say(self, value: bool) -> None:
        if self.answer_widget is not None:
            self.answer_widget.say(value)

    def action_move(self, delta: int) -> None:
        if self.answer_widget is not None:
            self.answer_widget.move(delta)

    def action_submit(self) -> None:
        """Ask first, naming the questions skipped and the ones flagged."""
        if isinstance(self.app.screen, ConfirmScreen):
            return
        self.app.push_screen(
            ConfirmScreen(submit_question(self.exam), "Submit", "Go back"),
            self._confirmed_submit,
        )

    def _confirmed_submit(self, submit: bool | None) -> None:
        if submit:
            self.end()

    def action_quit_exam(self) -> None:
        self.app.push_screen(
            ConfirmScreen(
                "Quit the exam? It is kept as abandoned and not scored.",
                "Quit",
                "Keep going",
            ),
            self._confirmed_quit,
        )

    def _confirmed_quit(self, quit_exam: bool | None) -> None:
        if quit_exam:
            self.end(abandoned=True)


def submit_question(exam: Exam) -> str:
    """Submit the exam? with what is left: unanswered and flagged questions
    by number, as the map on top shows them."""
    lines = [
        "Submit the exam?",
        f"You answered {len(exam.responses)} of {len(exam.questions)}.",
    ]
    left = exam.unanswered()
    if left:
        lines.append(f"Not answered (count as wrong): {_numbers(left)}.")
    if exam.flagged:
        lines.append(f"Flagged for review: {_numbers(sorted(exam.flagged))}.")
    return "\n".join(lines)


def _numbers(positions: list[int]) -> str:
    return ", ".join(str(position + 1) for position in positions)


def question_map(exam: Exam) -> Content:
    """Every question's number: answered bright, unanswered dim, flagged ⚑,
    the current one reversed."""
    cells: list[str | tuple[str, str]] = []
    for position in range(len(exam.questions)):
        style = "bold" if position in exam.responses else "dim"
        if position == exam.position:
            style += " reverse"
        mark = "⚑" if position in exam.flagged else " "
        cells.append((f"{position + 1}{mark}", style))
        cells.append(" ")
    return Content.assemble(*cells)


class ExamResultsScreen(Screen[str | None]):
    """Score, pass or fail, per-topic scores, and every missed question."""

    CSS_PATH = "exam.tcss"
    AUTO_FOCUS = "#exam-results"  # the first focus, where its keys work
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "study", "Study these now"),
        Binding("q,escape", "done", "Done"),
    ]
    KEY_HELP: ClassVar[dict[str, str]] = {
        "up / down / page keys": "Scroll the results",
        "s": "Study the missed cards now (a normal, scheduled session)",
        "q / escape": "Done: back to the decks",
    }

    def __init__(self, end: ExamEnd) -> None:
        super().__init__()
        assert end.result is not None
        self.end = end
        self.result: ExamResult = end.result

    def compose(self) -> ComposeResult:
        result = self.result
        yield Static(score_line(result, self.end.timed_out), id="exam-score")
        yield Static(
            Content.styled(
                f"Seed {self.end.exam.seed}: sit this exam again with"
                f" --seed {self.end.exam.seed} and the same options",
                "dim",
            ),
            id="exam-seed",
        )
        with VerticalScroll(id="exam-results"):
            yield Static(Content.styled("Score by topic", "bold"), classes="heading")
            yield Static(topic_table(result), id="exam-topics")
            heading = f"Missed questions ({len(result.missed)})"
            if not result.missed:
                heading = "No missed questions: every answer was right."
            yield Static(Content.styled(heading, "bold"), classes="heading")
            for outcome in result.missed:
                yield Static(missed_text(outcome), classes="missed")
        with Horizontal(classes="buttons"):
            if result.missed:
                yield Button("Study these now (s)", id="study", variant="primary")
            yield Button("Done (q)", id="done")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "study" or bool(self.result.missed)

    def action_study(self) -> None:
        if self.result.missed:
            self.dismiss("study")

    def action_done(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#study, #done")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss("study" if event.button.id == "study" else None)


def score_line(result: ExamResult, timed_out: bool) -> Content:
    verdict = (
        ("PASS", "bold $text-success")
        if result.passed
        else (
            "FAIL",
            "bold $text-error",
        )
    )
    return Content.assemble(
        verdict,
        (
            f"   {result.correct} of {result.total} right ({result.percent:.0f}%)",
            "bold",
        ),
        (f"   pass mark {result.pass_mark}%", "dim"),
        ("   time ran out" if timed_out else "", "dim italic"),
    )


def topic_table(result: ExamResult, width: int = 20) -> Content:
    """One line per topic, weakest first, with a bar to compare them at a glance."""
    lines = []
    for score in result.by_topic:
        filled = round(width * score.correct / score.total) if score.total else 0
        style = "$text-success" if score.percent >= result.pass_mark else "$text-error"
        lines.append(
            Content.assemble(
                f"{score.topic:<12} ",
                ("█" * filled, style),
                ("░" * (width - filled), "dim"),
                f" {score.correct}/{score.total}  {score.percent:.0f}%",
            )
        )
    return Content("\n").join(lines)


def missed_text(outcome: Outcome) -> Content:
    """A missed question, what was answered, the right answer and why."""
    card = outcome.card
    return Content.assemble(
        (f"{outcome.position + 1}. ", "bold"),
        (f"[{card.topic} · {card.label}] ", "dim"),
        ("⚑ flagged " if outcome.flagged else "", "bold $text-warning"),
        card.prompt_text(),
        ("\nYour answer: ", "bold $text-error"),
        _block(response_text(outcome.response)),
        ("\nRight answer: ", "bold $text-success"),
        _block(outcome.expected),
        ("\nWhy: ", "bold"),
        card.explain,
    )


def _block(text: str) -> str:
    """A several-line answer (an order's steps) indented under its label."""
    if "\n" not in text:
        return text
    return "".join(f"\n  {line}" for line in text.splitlines())
