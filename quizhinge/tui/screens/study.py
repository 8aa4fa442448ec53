"""Today's session, one card at a time.

The screen holds no rules: it shows the session's current item, sends the
learner's response to the backend, and shows the feedback it gets back. Every
answer is committed before the next card appears, so leaving at any moment
loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from quizhinge.tui.app import QuizhingeApp
from quizhinge.tui.backend import Backend, BackendError, Feedback, Step
from quizhinge.tui.widgets import card_text
from quizhinge.tui.widgets.feedback import FeedbackPanel
from quizhinge.tui.widgets.key_footer import KeyFooter
from quizhinge.tui.widgets.questions import (
    ChoiceQuestion,
    FlashQuestion,
    OrderQuestion,
    Question,
    TrueFalseQuestion,
    question_for,
)

if TYPE_CHECKING:
    from quizhinge.session import StudyItem


class StudyScreen(Screen):
    """Ask, answer, feedback, next; a summary at the end."""

    app = getters.app(QuizhingeApp)  # typed: our app's own attributes

    CSS_PATH = "study.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "primary", "Show / continue", priority=False),
        *(
            Binding(str(n), f"number({n})", f"Grade or choice {n}", show=False)
            for n in range(10)
        ),
        Binding("t", "truefalse(True)", "True", show=False),
        Binding("f", "truefalse(False)", "False", show=False),
        Binding("shift+up,K", "move(-1)", "Step up", show=False),
        Binding("shift+down,J", "move(1)", "Step down", show=False),
        Binding("u", "undo", "Undo"),
        Binding("s", "suspend", "Suspend"),
        Binding("q,escape", "end", "End session"),
    ]
    KEY_HELP: ClassVar[dict[str, str]] = {
        "space / enter": "Show the answer; after an answer, go on",
        "0-5": "Grade a revealed card (SuperMemo: 5 perfect ... 0 blackout)",
        "1-9": "Pick a numbered choice",
        "t / f": "Answer a true/false card",
        "up / down": "Highlight a step (order cards) or a choice",
        "shift+up / shift+down (K / J)": "Move the highlighted step",
        "enter (in the input)": "Submit a typed answer",
        "u": "Undo the last answer (ask it again) or suspension",
        "s": "Suspend this card (it leaves the schedule)",
        "q / escape": "End the session; every answer is already saved",
    }

    class CardShown(Message):
        """A card is on screen (the start-up benchmark waits for the first)."""

    def __init__(
        self,
        deck: str | None = None,
        topic: str | None = None,
        card_ids: Sequence[str] | None = None,
    ) -> None:
        super().__init__()
        self.deck = deck
        self.topic = topic
        self.card_ids = card_ids
        self.phase = "loading"
        self.step: Step | None = None
        self.shown_at: datetime | None = None
        self.busy = False

    @property
    def backend(self) -> Backend:
        return self.app.backend

    def compose(self) -> ComposeResult:
        early = self.card_ids is None  # only today's session loads early
        ready = self.backend.ready(self.deck, self.topic) if early else None
        with Horizontal(id="study-top"):
            yield Static(Content(self._scope()), id="scope")  # --deck text, literal
            yield Static(self._counts(ready) if ready else "", id="counts")
        yield Horizontal(id="progress-row")  # the bar comes after the first paint
        with VerticalScroll(id="card-area"):
            if ready is not None and ready.item is not None:
                # The session loaded while Textual started: show its card at once.
                self.step = ready
                yield Static(self._badge(ready.item), id="badge")
                yield question_for(ready.item, ready.today, ready.preview)
            else:
                yield Static("", id="badge")
            yield FeedbackPanel(id="feedback", classes="hidden")
        yield KeyFooter()

    def _scope(self) -> str:
        if self.card_ids is not None:
            return f"Missed in the exam: {len(self.card_ids)} cards"
        if self.deck:
            return f"Deck: {self.deck}"
        if self.topic:
            return f"Topic: {self.topic}"
        return "All decks"

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_progress)
        if self.step is not None and self.step.item is not None:
            self._asking()
        else:
            self.start()

    @work(exclusive=True, group="study")
    async def start(self) -> None:
        try:
            step = await self.backend.start(self.deck, self.topic, self.card_ids)
        except BackendError as error:
            self.app.fail(error)
            return
        await self.show_step(step)

    # Showing

    async def show_step(self, step: Step) -> None:
        self.step = step
        self._show_counts(step)
        feedback = self.query_one(FeedbackPanel)
        feedback.add_class("hidden")
        await self.query("#card-area Question").remove()
        if step.item is None:
            self.phase = "done"
            await self.finish()
            return
        item = step.item
        self.query_one("#badge", Static).update(self._badge(item))
        question = question_for(item, step.today, step.preview)
        await self.query_one("#card-area").mount(question, before=feedback)
        self._asking()

    def _asking(self) -> None:
        self.phase = "ask"
        self.shown_at = self.app.now()
        self.post_message(self.CardShown())

    @staticmethod
    def _badge(item: StudyItem) -> Content:
        return Content.assemble(
            (f" {card_text.kind_label(item.card, item.variant)} ", "reverse"),
            "  ",
            ("RE-DRILL: once more before you stop", "bold $text-warning")
            if item.redrill
            else ("new card" if item.is_new else "review"),
        )

    @staticmethod
    def _counts(step: Step) -> Content:
        counts = step.counts
        return Content.assemble(
            ("New ", "dim"),
            (str(counts.new), "bold $text-primary"),
            ("  Due ", "dim"),
            (str(counts.due), "bold $text-success"),
            ("  Re-drill ", "dim"),
            (str(counts.redrill), "bold $text-warning"),
            ("  Done ", "dim"),
            (str(counts.answered), "bold"),
        )

    def _show_counts(self, step: Step) -> None:
        self.query_one("#counts", Static).update(self._counts(step))
        self._progress(step)

    def _mount_progress(self) -> None:
        """Put the progress bar in its row once the first card is on screen.

        Textual's ProgressBar is three widgets and a module to import, about
        30 ms before the first card could show; its row is held, so nothing
        moves when it arrives a frame later. The mount is not awaited: nothing
        waits for the bar.
        """
        if not self.is_attached:
            return
        from textual.widgets import ProgressBar

        bar = ProgressBar(total=1, show_eta=False, id="progress")
        if self.step is not None:
            self._update_bar(bar, self.step)
        self.query_one("#progress-row").mount(bar)

    def _progress(self, step: Step) -> None:
        for bar in self.query("#progress"):  # none until after the first paint
            self._update_bar(bar, step)

    @staticmethod
    def _update_bar(bar: Any, step: Step) -> None:
        counts = step.counts
        left = counts.new + counts.due + counts.redrill
        bar.update(total=max(counts.answered + left, 1), progress=counts.answered)

    @property
    def question(self) -> Question | None:
        found = self.query(Question)
        return found.first() if found else None

    # Keys

    def action_primary(self) -> None:
        question = self.question
        if self.phase == "feedback":
            self.advance()
        elif (
            self.phase == "ask"
            and isinstance(question, FlashQuestion)
            and not question.revealed
        ):
            question.reveal()
            area = self.query_one("#card-area")
            self.call_after_refresh(area.scroll_end, animate=False)

    def action_number(self, number: int) -> None:
        question = self.question
        if self.phase != "ask" or question is None:
            return
        if isinstance(question, FlashQuestion):
            if question.revealed and number <= 5:
                question.answer(number)
        elif isinstance(question, ChoiceQuestion):
            question.pick(number)

    def action_truefalse(self, value: bool) -> None:
        question = self.question
        if self.phase == "ask" and isinstance(question, TrueFalseQuestion):
            question.answer(value)

    def action_move(self, delta: int) -> None:
        question = self.question
        if self.phase == "ask" and isinstance(question, OrderQuestion):
            question.move(delta)

    def action_undo(self) -> None:
        self.run_step("undo")

    def action_suspend(self) -> None:
        if self.phase == "ask":
            self.run_step("suspend")

    def action_end(self) -> None:
        self.finish_worker()

    # Answers

    @on(Question.Answered)
    def _answered(self, event: Question.Answered) -> None:
        event.stop()
        self.record(event.response)

    @work(exclusive=False, group="study")
    async def record(self, response: Any) -> None:
        question = self.question
        if self.busy or question is None or self.phase != "ask":
            return
        self.busy = True
        now = self.app.now()
        seconds = max((now - (self.shown_at or now)).total_seconds(), 0.0)
        try:
            if isinstance(question, FlashQuestion):
                feedback, step = await self.backend.grade(response, seconds)
            else:
                feedback, step = await self.backend.check(response, seconds)
        except BackendError as error:
            await self._not_saved(error)
            return
        finally:
            self.busy = False
        self.step = step  # the session has moved on; the card stays until continue
        self.show_feedback(feedback, question, step)

    async def _not_saved(self, error: BackendError) -> None:
        """The answer could not be saved: the learner is told so and, where
        the app goes on (the file was busy), asked the same card again."""
        unsaved = "Your last answer was not saved; every answer before it is."
        if self.app.report(error, unsaved) and self.step is not None:
            await self.show_step(self.step)  # the session has not moved on

    def show_feedback(self, feedback: Feedback, question: Question, step: Step) -> None:
        self.phase = "feedback"
        self._show_counts(step)
        panel = self.query_one(FeedbackPanel)
        question.show_result(feedback.verdict)
        question.show_answer_figure()
        panel.show(feedback, question.card)
        if self.focused is not None and self.focused.disabled:
            self.set_focus(None, scroll_visible=False)
        self.query_one("#card-area").scroll_end(animate=False)

    @work(exclusive=False, group="study")
    async def advance(self) -> None:
        if self.phase != "feedback" or self.step is None:
            return
        self.phase = "loading"  # keys pressed while the next card mounts do nothing
        await self.show_step(self.step)

    @work(exclusive=False, group="study")
    async def run_step(self, action: str) -> None:
        """Undo or suspend, then show whatever the session asks next."""
        if self.busy or self.phase not in ("ask", "feedback"):
            return
        self.busy = True
        try:
            step = await getattr(self.backend, action)()
        except BackendError as error:
            self.app.report(error)  # an undo refused says why; the card stays
            return
        finally:
            self.busy = False
        if step is None:
            self.notify("Nothing to undo in this session.", severity="warning")
            return
        self.notify(step.notice, markup=False)
        await self.show_step(step)

    @work(exclusive=False, group="study")
    async def finish_worker(self) -> None:
        await self.finish()

    async def finish(self) -> None:
        """End the session: a summary when something was answered, else home."""
        from quizhinge.tui.screens.summary import SummaryScreen

        has_session = self.backend.has_session()
        try:
            summary = await self.backend.summary() if has_session else None
        except BackendError as error:
            if self.app.report(error):
                self.app.go_home()
            return
        if self.phase == "done" or (summary is not None and summary.answered):
            step = self.step
            day_over = step is not None and step.day_over
            counts = (
                step.counts if step and (self.phase != "done" or day_over) else None
            )
            left = counts.new + counts.due + counts.redrill if counts else 0
            new_day = (self.deck, self.topic) if day_over else None
            self.app.replace_screen(SummaryScreen(summary, left, new_day))
        else:
            self.app.go_home()
