"""One widget per way of answering a card.

Each question widget shows a card and posts `Question.Answered` with the
learner's response; the study screen sends it to the session. Deck text always
goes in as Content (see card_text), never as markup.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from quizhinge.tui.widgets import card_text
from quizhinge.tui.widgets.grade_bar import GradeBar

if TYPE_CHECKING:
    from quizhinge.cards import ChoiceCard, OrderCard
    from quizhinge.session import StudyItem


class Question(Vertical):
    """Base of the question widgets: a prompt and a way to answer."""

    class Answered(Message):
        """The learner answered: `response` goes to the grader."""

        def __init__(self, response: Any) -> None:
            self.response = response
            super().__init__()

    def __init__(self, item: StudyItem, today: date, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.item = item
        self.card = item.card
        self.today = today
        self.answered = False

    def compose_prompt(self) -> ComposeResult:
        if self.card.figure is not None:
            from quizhinge.tui.widgets.figure import FigureView  # figure cards only

            yield FigureView(self.card.figure, classes="question-figure")
        yield Static(card_text.prompt(self.card, self.item.variant), classes="prompt")

    def show_answer_figure(self, before: Widget | None = None) -> None:
        """Mount the card's answer figure, once, after the answer is known."""
        figure = self.card.answer_figure
        if figure is None or self.query(".answer-figure"):
            return
        from quizhinge.tui.widgets.figure import FigureView

        self.mount(FigureView(figure, classes="answer-figure"), before=before)

    def answer(self, response: Any) -> None:
        """Post the answer once; later keys and clicks do nothing."""
        if not self.answered:
            self.answered = True
            self.disable_inputs()
            self.post_message(self.Answered(response))

    def disable_inputs(self) -> None:
        for widget in self.query("Button, Input, OptionList"):
            widget.disabled = True
        self.query(".hint").add_class("hidden")

    def show_result(self, verdict: Any) -> None:
        """Mark the answer on the question itself (right choice, wrong pick)."""


class FlashQuestion(Question):
    """basic, definition, cloze: reveal, then the learner grades 0-5."""

    def __init__(self, item: StudyItem, today: date, preview: dict[int, int]) -> None:
        super().__init__(item, today)
        self.preview = preview
        self.revealed = False

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        yield Static(
            "space or enter: show the answer", classes="hint", id="reveal-hint"
        )

    def disable_inputs(self) -> None:
        super().disable_inputs()
        self.query(GradeBar).add_class("hidden")

    def reveal(self) -> None:
        """Show the answer, the explanation and the grades (mounted only now:
        the first card shows sooner)."""
        self.revealed = True
        self.query_one("#reveal-hint").add_class("hidden")
        answer = card_text.answer(self.card, self.item.variant)
        self.mount(
            Static(answer, classes="answer", id="answer"),
            Static(Content(self.card.explain), classes="explain", id="explain"),
            GradeBar(self.preview, self.today),
        )
        self.show_answer_figure(before=self.query_one(GradeBar))

    @on(GradeBar.Graded)
    def _graded(self, event: GradeBar.Graded) -> None:
        event.stop()
        if self.revealed:
            self.answer(event.grade)


class ChoiceQuestion(Question):
    """One right answer among distractors: keys 1-9 or a click."""

    card: ChoiceCard  # question_for picks the widget by the card's kind

    def __init__(self, item: StudyItem, today: date) -> None:
        super().__init__(item, today)
        self.choices = card_text.shuffled_choices(self.card, item.item_id, today)
        self.picked: str | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        yield OptionList(*self._options(), id="choices")
        yield Static(f"Press 1-{len(self.choices)} or click a choice.", classes="hint")

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
            Option(Content(f"{n}  ").append(Content(choice)).append(mark(choice)))
            for n, choice in enumerate(self.choices, 1)
        ]

    def pick(self, number: int) -> None:
        if 1 <= number <= len(self.choices) and not self.answered:
            self.picked = self.choices[number - 1]
            self.answer(self.picked)

    def show_result(self, verdict: Any) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(right=self.card.answer))

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option_index + 1)


class TrueFalseQuestion(Question):
    """A statement, answered with t or f (or the buttons)."""

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        with Horizontal(classes="buttons"):
            yield Button("True (t)", id="true", variant="success")
            yield Button("False (f)", id="false", variant="error")

    @on(Button.Pressed, "#true, #false")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.answer(event.button.id == "true")


class TypedQuestion(Question):
    """Type a short answer; enter submits."""

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        yield Input(placeholder="Type your answer, then enter", id="typed")

    def on_mount(self) -> None:
        self.query_one(Input).focus(scroll_visible=False)

    @on(Input.Submitted, "#typed")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.answer(event.value)


class StepList(OptionList):
    """The steps of an order card; a click only picks a step up, enter submits."""

    async def _on_click(self, event: Click) -> None:
        clicked = event.style.meta.get("option")
        if clicked is not None:
            self.highlighted = clicked


class OrderQuestion(Question):
    """Put steps in order: up/down pick a step, shift+up/down move it, enter submits."""

    card: OrderCard

    def __init__(self, item: StudyItem, today: date) -> None:
        super().__init__(item, today)
        self.steps = card_text.scrambled_steps(self.card, item.item_id, today)

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        yield Static(
            "up/down pick a step, shift+up/down (or K/J) move it, enter submits",
            classes="hint",
        )
        yield StepList(*self._options(), id="steps")
        with Horizontal(classes="buttons"):
            yield Button("Move up", id="up")
            yield Button("Move down", id="down")
            yield Button("Submit", id="submit", variant="primary")

    def on_mount(self) -> None:
        steps = self.query_one(StepList)
        steps.highlighted = 0
        steps.focus(scroll_visible=False)

    def _options(self) -> list[Option]:
        return [
            Option(Content(f"{n}  ").append(Content(step)))
            for n, step in enumerate(self.steps, 1)
        ]

    def move(self, delta: int) -> None:
        """Move the highlighted step up (-1) or down (+1)."""
        steps = self.query_one(StepList)
        index = steps.highlighted
        if self.answered or index is None:
            return
        target = index + delta
        if not 0 <= target < len(self.steps):
            return
        self.steps[index], self.steps[target] = self.steps[target], self.steps[index]
        steps.clear_options()
        steps.add_options(self._options())
        steps.highlighted = target

    def submit(self) -> None:
        self.answer(list(self.steps))

    @on(Button.Pressed, "#up, #down, #submit")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "submit":
            self.submit()
        else:
            self.move(-1 if event.button.id == "up" else 1)
            self.query_one(StepList).focus(scroll_visible=False)

    @on(OptionList.OptionSelected, "#steps")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit()


def question_for(item: StudyItem, today: date, preview: dict[int, int]) -> Question:
    """The question widget that fits the item's card kind."""
    kind = item.card.kind
    if kind == "choice":
        return ChoiceQuestion(item, today)
    if kind == "truefalse":
        return TrueFalseQuestion(item, today)
    if kind == "typed":
        return TypedQuestion(item, today)
    if kind == "order":
        return OrderQuestion(item, today)
    return FlashQuestion(item, today, preview)
