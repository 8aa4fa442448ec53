"""Today's session, one card at a time.

The screen holds no rules: it shows the session's current item, sends the
learner's response to the backend, and shows what it gets back. Every answer
is committed before the next card appears, so leaving at any moment loses
nothing.

A self-graded card (a basic card, say) takes two keys: show the answer,
then a grade, which goes straight on to the next card; the grade's outcome
stays in one line under it until the next answer, as in Anki. An auto-graded
card shows its feedback (the right answer and why) until space or enter.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets import Input

from quizhinge.tui.backend import Backend, BackendError, Feedback, Step
from quizhinge.tui.widgets.feedback import (
    FeedbackPanel,
    LastAnswer,
    feedback_lines,
    result_line,
)
from quizhinge.tui.widgets.key_footer import KeyFooter
from quizhinge.tui.widgets.questions import (
    Question,
    hidden,
    kind_of,
    question_for,
)
from quizhinge.tui.widgets.study_header import StudyHeader

if TYPE_CHECKING:
    from quizhinge.session import StudyItem
    from quizhinge.tui.app import QuizhingeApp


class CardArea(VerticalScroll):
    """The scrolling area the card is shown in.

    Blank (Textual's `BLANK`): it has no border and nothing of its own to
    draw, so its lines are painted as plain background instead of through
    the styles each widget's lines pass; a key that changes the card's
    height repaints the whole area.
    """

    BLANK = True


class StudyScreen(Screen):
    """Ask, answer, feedback, next; a summary at the end."""

    if TYPE_CHECKING:  # our app's attributes, typed; the app imports this module
        app = getters.app(QuizhingeApp)

    CSS_PATH = "study.tcss"
    # Each card puts the focus where its keys work (Question.focus_answer);
    # Textual's auto-focus would first focus the card area, then lose it,
    # and restyle the whole card each time.
    AUTO_FOCUS = ""
    # Several actions share a key; check_action enables one at a time, and
    # the footer shows the enabled ones. While the answer box has the focus,
    # letters go in it: ctrl+z, ctrl+s and escape do what u, s and q do.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "reveal", "Show answer"),
        Binding("space,enter", "continue", "Continue"),
        Binding("enter", "type", "Type the answer"),
        *(
            Binding(str(n), f"number({n})", f"Grade or choice {n}", show=False)
            for n in range(10)
        ),
        Binding("t", "truefalse(True)", "True", show=False),
        Binding("f", "truefalse(False)", "False", show=False),
        Binding("shift+up,K", "move(-1)", "Step up", show=False),
        Binding("shift+down,J", "move(1)", "Step down", show=False),
        Binding("u", "undo", "Undo"),
        Binding("ctrl+z", "typing('undo')", "Undo", key_display="^z"),
        Binding("s", "suspend", "Suspend"),
        Binding("ctrl+s", "typing('suspend')", "Suspend", key_display="^s"),
        Binding("q,escape", "end", "End session"),
        Binding("escape", "typing('leave')", "Leave the box", key_display="esc"),
    ]
    KEY_HELP: ClassVar[dict[str, str]] = {
        "space / enter": "Show the answer; after an auto-graded answer, go on",
        "0-5": "Grade a revealed card and go on to the next"
        " (SuperMemo: 5 perfect ... 0 blackout)",
        "1-9, or up / down and enter": "Pick a choice",
        "t / f": "Answer a true/false card",
        "up / down": "Highlight a step (order cards)",
        "shift+up / shift+down (K / J)": "Move the highlighted step",
        "enter (in the answer box)": "Submit a typed answer; on an empty box,"
        " twice: I don't know (graded 0, complete blackout)",
        "escape (in the answer box)": "Leave the box, so that u, s, q and ? work"
        " (enter goes back in)",
        "u (ctrl+z in the box)": "Undo the last answer (ask it again) or suspension",
        "s (ctrl+s in the box)": "Suspend this card (it leaves the schedule)",
        "q / escape": "End the session; every answer is already saved",
    }

    class CardShown(Message):
        """A card is on screen (the start-up benchmark waits for the first)."""

    def __init__(
        self,
        deck: str | None = None,
        topic: str | None = None,
        card_ids: Sequence[str] | None = None,
        resume: Step | None = None,
    ) -> None:
        """`resume`: the step of a session already under way (an undo from
        its summary brought a card back), shown instead of starting one."""
        super().__init__()
        self.deck = deck
        self.topic = topic
        self.card_ids = card_ids
        self.resume = resume
        self.phase = "loading"
        self.step: Step | None = None
        self.shown_at: datetime | None = None
        self.busy = False
        self._shown: Question | None = None
        self.last_line: Content | None = None
        # The parts a key changes, held rather than looked up: a query walks
        # the whole screen, and each key would make several.
        self._kinds: dict[type[Question], Question] = {}
        self._last: LastAnswer | None = None
        self._pending_scroll: Widget | None = None  # see _scroll_card_to

    @property
    def backend(self) -> Backend:
        return self.app.backend

    def compose(self) -> ComposeResult:
        early = self.card_ids is None  # only today's session loads early
        ready = self.resume
        if ready is None and early:
            ready = self.backend.ready(self.deck, self.topic)
        self._header = StudyHeader(self._scope(), ready.counts if ready else None)
        yield self._header
        self._card_area = CardArea(id="card-area")
        self._feedback = hidden(FeedbackPanel(id="feedback"))
        self._footer = KeyFooter()
        first = None
        if ready is not None and ready.item is not None:
            # The session loaded while Textual started: show its card at once.
            self.step = ready
            self._header.badge = self._badge(ready.item)
            first = self._shown = question_for(ready.item, ready.today, ready.preview)
            self._kinds[type(first)] = first
        with self._card_area:
            if first is not None and not first.scrolls_itself:
                yield first
            yield self._feedback
        if first is not None and first.scrolls_itself:
            self._card_area.display = False
            yield first
        yield self._footer

    def _scope(self) -> str:
        if self.card_ids is not None:
            return f"Missed in the exam: {len(self.card_ids)} cards"
        if self.deck:  # by its name, as home shows it, once the decks are loaded
            return f"Deck: {self.backend.deck_name(self.deck) or self.deck}"
        if self.topic:
            return f"Topic: {self.topic}"
        return "All decks"

    def on_mount(self) -> None:
        self.screen_layout_refresh_signal.subscribe(self, self._laid_out)
        self.call_after_refresh(self._after_first_paint)
        if self.resume is not None and self.resume.notice:
            self.notify(self.resume.notice, markup=False)
        if self._shown is not None:
            self._asking(self._shown)
        else:
            self.start()

    @work(exclusive=True, group="study")
    async def start(self) -> None:
        try:
            step = await self.backend.start(self.deck, self.topic, self.card_ids)
        except BackendError as error:
            self.app.fail(error)
            return
        self._header.rename(self._scope())  # the deck's name: the decks are loaded
        await self.show_step(step)

    # Showing

    async def show_step(self, step: Step) -> None:
        """Show the session's next card (or end it), all in one frame."""
        self.step = step
        self._feedback.display = False
        if step.item is None:
            self._show_counts(step)
            self.phase = "done"
            await self.finish()
            return
        item = step.item
        self._header.show(step.counts, self._badge(item))
        question = await self._question_for(step, item)
        if self._shown is not None and self._shown is not question:
            self._shown.display = False
        question.display = True
        self._card_area.display = not question.scrolls_itself
        self._shown = question
        self._place_last_line()
        self._pending_scroll = None  # a new card starts at its top
        if not question.scrolls_itself:  # one that does starts at its top
            self._card_area.scroll_home(animate=False)
        self._asking(question)

    async def _question_for(self, step: Step, item: StudyItem) -> Question:
        """The mounted widget of this card's kind with the card loaded, or a
        new one the first time this session asks that kind."""
        kind = kind_of(item)
        if (question := self._kinds.get(kind)) is not None:
            question.load(item, step.today, step.preview)
            return question
        question = self._kinds[kind] = kind(item, step.today, step.preview)
        await self._place(question)
        return question

    def _place(self, question: Question) -> AwaitMount:
        """Mount a question widget: in the card area, above the feedback, or
        in the area's place for one that scrolls itself."""
        if question.scrolls_itself:
            return self.mount(question, after=self._card_area)
        return self._card_area.mount(question, before=self._feedback)

    def _asking(self, question: Question) -> None:
        self.phase = "ask"
        self.shown_at = self.app.now()
        question.focus_answer()
        self.refresh_bindings()
        self.post_message(self.CardShown())
        if self.step is not None and self.step.after is not None:
            self.call_after_refresh(self._mount_kind, self.step.after, self.step.today)

    def _mount_kind(self, item: StudyItem, today: date) -> None:
        """Mount, hidden, the widget of the next card's kind if this session
        has not asked that kind yet, while the learner reads this card: the
        key that brings the next card then only loads it."""
        kind = kind_of(item)
        if self.is_attached and kind not in self._kinds:
            question = self._kinds[kind] = kind(item, today, {})
            question.display = False
            self._place(question)

    def _scroll_card_to(self, widget: Widget) -> None:
        """Once the card is laid out, scroll it so that `widget` (the
        feedback) starts at the top, or as near as the card's end allows:
        what a learner must read, rather than the card's end (at a small
        size, the feedback's end hid what it was about). A card that fits
        stays where it is; a card drawn whole scrolls itself."""
        self._pending_scroll = widget

    def _laid_out(self, screen: Screen) -> None:
        """After each layout: the scroll asked for, once the layout holds
        the widget as it is now (a newly shown one is laid out a pass or two
        after the key that showed it)."""
        widget = self._pending_scroll
        if widget is None:
            return
        area = self._card_area
        y = 0
        node: Widget | None = widget
        while node is not None and node is not area:
            y += node.virtual_region.y
            node = node.parent if isinstance(node.parent, Widget) else None
        if not widget.size.height or y + widget.size.height > area.virtual_size.height:
            return  # not laid out yet
        self._pending_scroll = None
        area.scroll_to(y=y, animate=False, immediate=True)

    @staticmethod
    def _badge(item: StudyItem) -> Content:
        return Content.assemble(
            (f" {item.card.label} ", "reverse"),
            "  ",
            ("RE-DRILL: once more before you stop", "bold $text-warning")
            if item.redrill
            else ("new card" if item.is_new else "review"),
        )

    def _show_counts(self, step: Step) -> None:
        self._header.show(step.counts)

    def _after_first_paint(self) -> None:
        """The last answer's line: not needed for the first card, which
        shows sooner without it."""
        if self.is_attached:
            self._last_answer_line()

    def _last_answer_line(self) -> LastAnswer:
        """The line under the card that tells how the last self-graded answer
        went, mounted after the first paint or at the first grade."""
        if self._last is None:
            self._last = LastAnswer(id="last-answer")
            self._place_last_line()
            self.mount(self._last, before=self._footer)
        return self._last

    @property
    def question(self) -> Question | None:
        """The card on screen (the other kinds' widgets wait hidden)."""
        return self._shown

    @property
    def typing(self) -> bool:
        return isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """One action per key at a time; the footer shows the enabled ones."""
        question = self.question
        if action == "reveal":
            return self.phase == "ask" and question is not None and question.can_reveal
        if action == "continue":
            return self.phase == "feedback"
        if action == "type":
            return (
                self.phase == "ask"
                and question is not None
                and question.takes_typing
                and not self.typing
            )
        if action == "typing":
            return self.typing
        if action in ("undo", "suspend", "end"):
            return not self.typing
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    # Keys

    def action_reveal(self) -> None:
        question = self.question
        if self.phase == "ask" and question is not None and question.can_reveal:
            self.app.clear_notifications()  # read by now: off what comes next
            question.reveal()
            self.refresh_bindings()

    async def action_continue(self) -> None:
        await self.advance()

    def action_type(self) -> None:
        if self.question is not None:
            self.question.focus_answer()

    def action_typing(self, action: str) -> None:
        """ctrl+z, ctrl+s and escape from the answer box."""
        if action == "undo":
            self.action_undo()
        elif action == "suspend":
            self.action_suspend()
        elif action == "leave":
            self.set_focus(None, scroll_visible=False)

    def action_number(self, number: int) -> None:
        if self.phase == "ask" and self.question is not None:
            self.question.number(number)

    def action_truefalse(self, value: bool) -> None:
        if self.phase == "ask" and self.question is not None:
            self.question.say(value)

    def action_move(self, delta: int) -> None:
        if self.phase == "ask" and self.question is not None:
            self.question.move(delta)

    def action_undo(self) -> None:
        self.run_step("undo")

    def action_suspend(self) -> None:
        if self.phase == "ask":
            self.run_step("suspend")

    def action_end(self) -> None:
        self.finish_worker()

    # Answers

    @on(Question.Answered)
    async def _answered(self, event: Question.Answered) -> None:
        """Recorded here rather than in a worker: starting one, and the
        messages it sends as it runs, took as long as the rest of a grade."""
        event.stop()
        self.app.clear_notifications()  # read by now: off the feedback or grades
        await self.record(event.response)

    async def record(self, response: Any) -> None:
        question = self.question
        if self.busy or question is None or self.phase != "ask":
            return
        self.busy = True
        now = self.app.now()
        seconds = max((now - (self.shown_at or now)).total_seconds(), 0.0)
        from quizhinge.grading import auto_graded  # not needed for the first card

        graded_here = auto_graded(question.card)
        try:
            if graded_here:
                feedback, step = await self.backend.check(response, seconds)
            else:
                feedback, step = await self.backend.grade(response, seconds)
        except BackendError as error:
            await self._not_saved(error)
            return
        finally:
            self.busy = False
        self.step = step  # the session has moved on
        if not graded_here:
            self._last_answer(result_line(feedback))
            self.phase = "loading"  # keys pressed meanwhile do nothing
            await self.show_step(step)  # straight on: the line tells the outcome
        else:
            self._last_answer(None)
            self.show_feedback(feedback, question, step, response)

    def _last_answer(self, line: Content | None) -> None:
        """The last self-graded answer's outcome, kept until the next answer."""
        self.last_line = line
        self._last_answer_line().show(line)
        self._place_last_line()

    def _place_last_line(self) -> None:
        """The last answer's line is on screen while it tells something, and
        always (blank) under a card drawn whole: there a line that came and
        went would lay the screen out on most keys. Under a card of widgets
        it goes when blank, giving the card its room back: those cards'
        keys lay the screen out anyway."""
        if self._last is not None:
            shown = self._shown
            drawn = shown is not None and shown.scrolls_itself
            self._last.display = self._last.line is not None or drawn

    async def _not_saved(self, error: BackendError) -> None:
        """The answer could not be saved: the learner is told so and, where
        the app goes on (the file was busy), asked the same card again."""
        unsaved = "Your last answer was not saved; every answer before it is."
        if self.app.report(error, unsaved) and self.step is not None:
            await self.show_step(self.step)  # the session has not moved on

    def show_feedback(
        self, feedback: Feedback, question: Question, step: Step, response: Any
    ) -> None:
        """An auto-graded card stays, marked, with the feedback under it; the
        focus leaves the answer, so that enter goes on."""
        self.phase = "feedback"
        self.set_focus(None, scroll_visible=False)
        self._show_counts(step)
        question.show_result(feedback.verdict)
        answer_lines = question.result_lines(feedback.verdict, response)
        lines = feedback_lines(feedback, question.card, answer_lines)
        if not question.show_feedback(lines):  # not under the card: here
            self._feedback.show(lines)
            self._scroll_card_to(self._feedback)
        self.refresh_bindings()

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
        if action == "undo":
            self._last_answer(None)  # what it told of is taken back
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
            # Undo from the summary takes back the session's last action and
            # goes on with it; not across a new day (another session).
            undo = None if day_over else self.backend.last_action()
            scope = (self.deck, self.topic, self.card_ids)
            self.app.replace_screen(
                SummaryScreen(summary, left, new_day, self.last_line, undo, scope)
            )
        else:
            self.app.go_home()
