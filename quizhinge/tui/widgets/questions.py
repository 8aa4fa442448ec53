"""One widget per way of answering a card.

Each question widget shows a card and posts `Question.Answered` with the
learner's response; the study screen sends it to the session. Deck text always
goes in as Content (see card_text), never as markup.

A widget of each kind stays mounted for the whole session, hidden while
another kind is asked, and `load` puts the next card of its kind in by
updating what is already there. Mounting and styling fresh widgets for every
card cost most of a key's time; changing a few texts costs little.

A card answered with the screen's keys (a basic card's space and grades,
true/false's t and f) is drawn whole in one widget (DrawnQuestion), as every
key changes it; the other kinds are widgets of their own (WidgetQuestion)
and put the focus where their keys work: the choices (up/down, enter), the
answer box, the steps. The
screen's keys reach a card through the methods of `Question` (`number`,
`say`, `move`, `reveal`), which each kind answers as it can: the screen never
asks which kind is on show. `KINDS` says which widget asks which kind.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from quizhinge.tui.widgets import card_parts, card_text
from quizhinge.tui.widgets.card_lines import CardLines, Part
from quizhinge.tui.widgets.feedback import Line, order_lines, verdict_lines
from quizhinge.tui.widgets.hanging import Hanging
from quizhinge.tui.widgets.step_list import StepList

if TYPE_CHECKING:
    from collections.abc import Sequence

    from quizhinge.cards import ChoiceCard, Figure, OrderCard
    from quizhinge.grading import Verdict
    from quizhinge.session import StudyItem
    from quizhinge.tui.widgets.figure import FigureView

W = TypeVar("W", bound=Widget)


class Question(Widget):
    """Base of the question widgets: a card and a way to answer it."""

    # Enter (outside the box) puts the focus in this kind's answer box.
    takes_typing: ClassVar[bool] = False
    # Shown in the screen's scrolling card area (with the feedback under
    # it), or scrolling itself in the area's place.
    scrolls_itself: ClassVar[bool] = False

    class Answered(Message):
        """The learner answered: `response` goes to the grader."""

        def __init__(self, response: Any) -> None:
            self.response = response
            super().__init__()

    # Each kind's widget is also a Vertical or a CardLines (first among its
    # bases, so that Textual gives it that class's styles): its __init__
    # is theirs, and each kind's calls `_take` with its first card.

    def _take(self, item: StudyItem, today: date, preview: dict[int, int]) -> None:
        self.item = item
        self.card = item.card
        self.today = today
        self.preview = preview
        self.answered = False

    def _prompt(self) -> Content:
        return card_text.prompt(self.card, self.item.variant)

    def load(self, item: StudyItem, today: date, preview: dict[int, int]) -> None:
        """Show this card instead of the last one of this kind."""
        self._take(item, today, preview)
        self.reset()

    def reset(self) -> None:
        """Put this kind's answering parts back as a new card wants them."""

    def focus_answer(self) -> None:
        """Give the focus to whatever this kind's keys work in."""
        self.screen.set_focus(None, scroll_visible=False)

    def answer(self, response: Any) -> None:
        """Post the answer once; later keys and clicks do nothing."""
        if not self.answered:
            self.answered = True
            self.post_message(self.Answered(response))

    def show_result(self, verdict: Any) -> None:
        """Mark the answer on the question itself (right choice, wrong pick)."""

    def result_lines(self, verdict: Verdict | None, response: Any) -> Sequence[Line]:
        """The feedback's lines about this answer: the right answer, or a
        typed near miss's difference."""
        return verdict_lines(verdict) if verdict is not None else []

    def show_feedback(self, lines: Sequence[Line]) -> bool:
        """Show the card's answer figure, if it has one, and the feedback
        (`feedback_lines`) if this kind draws it under its card (True);
        else the screen shows it (False)."""
        return False

    # The screen's keys; each kind answers the ones that make sense for it.

    @property
    def can_reveal(self) -> bool:
        """Space or enter would show the answer (a self-graded card)."""
        return False

    def reveal(self) -> None:
        """Show the answer, for the learner to grade."""

    def number(self, number: int) -> None:
        """A number key: a grade, or a choice."""

    def say(self, value: bool) -> None:
        """t or f."""

    def move(self, delta: int) -> None:
        """shift+up/down: move an order card's highlighted step."""


def hidden(widget: W) -> W:
    widget.display = False
    return widget


class DrawnQuestion(CardLines, Question):
    """The kinds answered with the screen's keys, drawn whole as lines
    (CardLines) in the room the screen gives a card: every self-graded kind
    (basic, say: space shows the answer, then a grade 0-5) and true/false
    (t or f, then its feedback under it).

    One widget for both, as the two come in turns: a key draws its lines
    again and lays nothing out, where swapping widgets would lay the screen
    out on every card."""

    scrolls_itself: ClassVar[bool] = True

    def __init__(self, item: StudyItem, today: date, preview: dict[int, int]) -> None:
        super().__init__(classes="question")
        self._take(item, today, preview)
        # Figures are drawn from the second frame on: the card shows at once
        # with their room kept, and importing plotext stays out of the way
        # of the first paint (and of start-up).
        self._figures_ready = False

    def _take(self, item: StudyItem, today: date, preview: dict[int, int]) -> None:
        super()._take(item, today, preview)
        self.revealed = False
        self.feedback: Sequence[Line] = ()

    @property
    def true_false(self) -> bool:
        return self.card.kind == "truefalse"

    def on_mount(self) -> None:
        self.draw()
        self.call_after_refresh(self._draw_figures)

    def _draw_figures(self) -> None:
        self._figures_ready = True
        if self.card.figure is not None or self.card.answer_figure is not None:
            self.draw(top_part=None)

    def load(self, item: StudyItem, today: date, preview: dict[int, int]) -> None:
        super().load(item, today, preview)
        self.draw()

    def draw(self, top_part: int | None = 0) -> None:
        """Draw the card as it stands, scrolled to part `top_part` (see
        CardLines.show)."""
        self.show(self.parts(), top_part)

    def parts(self) -> list[Part]:
        """The card's parts, top to bottom: what it asks, then how it is
        answered."""
        return [*self._asked(), *self._answering()]

    def _asked(self) -> list[Part]:
        """Its figure and prompt."""
        prompt = partial(card_parts.prompt, self._prompt(), style=self.part_style)
        return [*self._figure(self.card.figure), prompt]

    def _answering(self) -> list[Part]:
        """Self-graded: the hint; once revealed, the answer and explanation,
        the answer figure and the grades. True/false: the keys; once
        answered, the answer figure and the feedback."""
        style = self.part_style
        if self.true_false:
            keys = partial(card_parts.true_false, style=style)
            if not self.feedback:
                return [keys]
            feedback = partial(card_parts.feedback, self.feedback, style=style)
            return [keys, *self._figure(self.card.answer_figure), feedback]
        if not self.revealed:
            return [partial(card_parts.hint, style=style)]
        answer = card_text.answer(self.card, self.item.variant)
        explain = Content(self.card.explain)
        return [
            partial(card_parts.answer, answer, explain, style=style),
            *self._figure(self.card.answer_figure),
            self._grades,
        ]

    def _grades(self, width: int) -> list[Content]:
        """The grades, drawn once for each set of intervals and width."""
        preview, today = self.preview, self.today
        key = ("grades", width, today, tuple(sorted(preview.items())))
        draw = partial(card_parts.grades, preview, today, width, self.part_style)
        return self.kept(key, draw)

    def _figure(self, figure: Figure | None) -> list[Part]:
        if figure is None:
            return []
        from quizhinge.tui.widgets.figure import figure_lines, rows_for

        def lines(width: int) -> list[Content]:
            rows = rows_for(self.screen.size.height) if self.is_attached else 0
            muted = self.part_style("muted")
            return figure_lines(figure, width, rows, self._figures_ready, muted)

        return [lines]

    @property
    def can_reveal(self) -> bool:
        return not self.true_false and not self.revealed

    def reveal(self) -> None:
        """Show the answer, the explanation and the grades, scrolled to the
        answer where the card does not fit (at a small size, the grades'
        end hid what they were about)."""
        if self.can_reveal:
            self.revealed = True
            self.draw(top_part=len(self._asked()))

    def number(self, number: int) -> None:
        """A grade, 0-5, once the answer is shown."""
        if self.revealed and number <= 5:
            self.answer(number)

    def say(self, value: bool) -> None:
        if self.true_false:
            self.answer(value)

    def show_feedback(self, lines: Sequence[Line]) -> bool:
        """True/false's feedback, drawn under the card, which is scrolled to
        it where the card does not fit."""
        self.feedback = lines
        self.draw(top_part=-1)
        return True


class WidgetQuestion(Vertical, Question):
    """A kind answered in widgets of its own (choices, an answer box, steps),
    under its figure and prompt."""

    DEFAULT_CSS = """
    WidgetQuestion Input {
        margin-bottom: 1;
    }
    """
    # No border and nothing of its own to draw (its parts are its children):
    # painted as plain background, not line by line through its styles.
    BLANK = True

    def __init__(self, item: StudyItem, today: date, preview: dict[int, int]) -> None:
        super().__init__(classes="question")
        self._take(item, today, preview)
        # Held, not looked up: each card's load changes them.
        self._prompt_view = Static(self._prompt(), classes="prompt")
        self._figures: dict[str, FigureView] = {}

    def compose_prompt(self) -> ComposeResult:
        if self.card.figure is not None:
            from quizhinge.tui.widgets.figure import FigureView  # figure cards only

            view = FigureView(self.card.figure, classes="question-figure")
            self._figures["question-figure"] = view
            yield view
        yield self._prompt_view

    def load(self, item: StudyItem, today: date, preview: dict[int, int]) -> None:
        super().load(item, today, preview)
        self._show_figure(self.card.figure, "question-figure", self._prompt_view)
        self._prompt_view.update(self._prompt())
        self._show_figure(None, "answer-figure")

    def _show_figure(
        self, figure: Figure | None, role: str, before: Widget | None = None
    ) -> None:
        """Put `figure` in this question's figure of `role` (question-figure,
        answer-figure), mounting one the first time; hide it for no figure."""
        view = self._figures.get(role)
        if figure is None:
            if view is not None:
                view.display = False
            return
        from quizhinge.tui.widgets.figure import FigureView  # figure cards only

        if view is not None:
            view.show(figure)
            view.display = True
        else:
            view = self._figures[role] = FigureView(figure, classes=role)
            self.mount(view, before=before)

    def show_feedback(self, lines: Sequence[Line]) -> bool:
        """The answer figure under the card; the screen shows the feedback."""
        self._show_figure(self.card.answer_figure, "answer-figure")
        return False


class ChoiceQuestion(WidgetQuestion):
    """One right answer among distractors: up/down and enter, keys 1-9, or a click."""

    card: ChoiceCard  # question_for picks the widget by the card's kind

    def _take(self, item: StudyItem, today: date, preview: dict[int, int]) -> None:
        super()._take(item, today, preview)
        self.choices = card_text.options(self.card, item.item_id, today, item.redrill)
        self.picked: str | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        yield OptionList(*self._options(), id="choices")
        yield Static(self._hint(), classes="hint", id="choice-hint")

    def _hint(self) -> str:
        return f"up/down and enter, 1-{len(self.choices)}, or click a choice."

    def on_mount(self) -> None:
        # No choices if the app closed as this mounted (they never mount then).
        for choices in self.query(OptionList):
            choices.highlighted = 0

    def reset(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options())
        options.highlighted = 0
        self.query_one("#choice-hint", Static).update(self._hint())

    def focus_answer(self) -> None:
        self.query_one(OptionList).focus(scroll_visible=False)

    def _options(self, right: str | None = None) -> list[Option]:
        def mark(choice: str) -> Content:
            if right is None:
                return Content("")
            if choice == right:
                return Content.styled(" ✓", "bold $text-success")
            if choice == self.picked:
                return Content.styled(" ✗", "bold $text-error")
            return Content("")

        return [
            Option(Hanging(Content(f"{n}  "), Content(choice).append(mark(choice))))
            for n, choice in enumerate(self.choices, 1)
        ]

    def pick(self, number: int) -> None:
        if 1 <= number <= len(self.choices) and not self.answered:
            self.picked = self.choices[number - 1]
            self.answer(self.picked)

    def number(self, number: int) -> None:
        self.pick(number)

    def show_result(self, verdict: Any) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(self._options(right=self.card.answer))
        options.highlighted = highlighted

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option_index + 1)


class TypedQuestion(WidgetQuestion):
    """Type a short answer; enter submits. Enter on an empty box asks once
    more, then means "I don't know" (graded as a blackout)."""

    takes_typing: ClassVar[bool] = True

    EMPTY_HINT = (
        "enter: submit · enter on an empty box: I don't know · esc: leave the box"
    )
    CONFIRM_HINT = (
        "Nothing typed. Enter again to say you don't know"
        " (graded 0, complete blackout), or type your answer."
    )

    def _take(self, item: StudyItem, today: date, preview: dict[int, int]) -> None:
        super()._take(item, today, preview)
        self.confirming = False

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        yield Input(placeholder="Type your answer, then enter", id="typed")
        yield Static(self.EMPTY_HINT, classes="hint", id="typed-hint")

    def reset(self) -> None:
        self.query_one(Input).value = ""
        self._hint(self.EMPTY_HINT)

    def focus_answer(self) -> None:
        self.query_one(Input).focus(scroll_visible=False)

    def _hint(self, text: str) -> None:
        self.query_one("#typed-hint", Static).update(text)

    @on(Input.Changed, "#typed")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.confirming and event.value:
            self.confirming = False
            self._hint(self.EMPTY_HINT)

    @on(Input.Submitted, "#typed")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.answer(event.value)
        elif self.confirming:
            self.confirming = False
            self._hint(self.EMPTY_HINT)  # the question is no longer asked
            self.answer("")  # "I don't know": grading makes it a blackout
        else:
            self.confirming = True
            self._hint(self.CONFIRM_HINT)


class OrderQuestion(WidgetQuestion):
    """Put steps in order: up/down pick a step, shift+up/down move it, enter submits."""

    card: OrderCard

    def _take(self, item: StudyItem, today: date, preview: dict[int, int]) -> None:
        super()._take(item, today, preview)
        self.steps = card_text.options(self.card, item.item_id, today, item.redrill)

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        yield Static(
            "up/down pick a step, shift+up/down (or K/J) move it, enter submits",
            classes="hint",
        )
        yield StepList(self.steps, id="steps")
        with Horizontal(classes="buttons"):
            yield Button("Move up", id="up")
            yield Button("Move down", id="down")
            yield Button("Submit", id="submit", variant="primary")

    def on_mount(self) -> None:
        for steps in self.query(StepList):  # none if the app closed as this mounted
            steps.highlighted = 0

    def reset(self) -> None:
        self.query_one(StepList).show(self.steps)

    def focus_answer(self) -> None:
        self.query_one(StepList).focus(scroll_visible=False)

    def show_result(self, verdict: Any) -> None:
        """Each step marked in its place (✓) or out of it (✗)."""
        marks = [
            Content.styled(" ✓", "bold $text-success")
            if self.card.steps[place] == step
            else Content.styled(" ✗", "bold $text-error")
            for place, step in enumerate(self.steps)
        ]
        self.query_one(StepList).show(marks=marks)

    def result_lines(self, verdict: Verdict | None, response: Any) -> Sequence[Line]:
        correct = verdict is not None and verdict.correct
        return order_lines(self.card.steps, response, correct)

    def move(self, delta: int) -> None:
        """Move the highlighted step up (-1) or down (+1)."""
        if not self.answered:
            self.query_one(StepList).move(delta)

    def submit(self) -> None:
        self.answer(list(self.steps))

    @on(Button.Pressed, "#up, #down, #submit")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "submit":
            self.submit()
        elif not self.answered:
            self.move(-1 if event.button.id == "up" else 1)
            self.query_one(StepList).focus(scroll_visible=False)

    @on(OptionList.OptionSelected, "#steps")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit()


Kind = type[DrawnQuestion] | type[WidgetQuestion]

# The widget of each kind the program grades; every kind the learner grades
# (reveal, then a grade) is a DrawnQuestion, as true/false is.
KINDS: dict[str, Kind] = {
    "choice": ChoiceQuestion,
    "truefalse": DrawnQuestion,
    "typed": TypedQuestion,
    "order": OrderQuestion,
}


def kind_of(item: StudyItem) -> Kind:
    """The question widget that fits the item's card kind."""
    return KINDS.get(item.card.kind, DrawnQuestion)


def question_for(item: StudyItem, today: date, preview: dict[int, int]) -> Question:
    return kind_of(item)(item, today, preview)
