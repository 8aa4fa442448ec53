"""One widget per way of answering an exam question.

Unlike study, an exam gives no feedback and lets the learner change an answer
until they submit: each widget shows the answer given so far and posts
`ExamAnswer.Responded` whenever it changes. Deck text goes in as Content.
`KINDS` says which widget asks which kind.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from quizhinge.exam import Question, Response
from quizhinge.tui.widgets import card_text
from quizhinge.tui.widgets.hanging import Hanging
from quizhinge.tui.widgets.step_list import StepList

CHOSEN = "●"
NOT_CHOSEN = "○"


class ExamAnswer(Vertical):
    """A question's prompt and its answer so far."""

    # With the styles every question widget shares (.question, app.tcss).
    DEFAULT_CSS = """
    ExamAnswer Button.-chosen {
        background: $primary;
        text-style: bold;
    }
    """

    class Responded(Message):
        """The answer changed; `response` None means it was cleared.

        `advance` says the learner is done with this question (a pick, enter).
        """

        def __init__(self, response: Response | None, advance: bool) -> None:
            self.response = response
            self.advance = advance
            super().__init__()

    def __init__(self, question: Question, response: Response | None) -> None:
        super().__init__(classes="exam-answer question")
        self.question = question
        self.card = question.card
        self.response = response

    def compose_figure(self) -> ComposeResult:
        """The card's question figure, if it has one, above its prompt."""
        if self.card.figure is not None:
            from quizhinge.tui.widgets.figure import FigureView  # figure cards only

            yield FigureView(self.card.figure, classes="question-figure")

    def compose_prompt(self) -> ComposeResult:
        yield from self.compose_figure()
        yield Static(card_text.prompt(self.card), classes="prompt")

    def respond(self, response: Response | None, advance: bool) -> None:
        self.response = response
        self.post_message(self.Responded(response, advance))

    # What the screen's keys ask of the question on show; each kind answers
    # only the ones that make sense for it.
    def pick(self, number: int) -> None:
        """A number key."""

    def say(self, value: bool) -> None:
        """t or f."""

    def move(self, delta: int) -> None:
        """Move an order step."""


class ChoiceAnswer(ExamAnswer):
    """Choices in the exam's order (shuffled; panel letters A, B, C in
    order); 1-9, or arrows and enter."""

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        yield OptionList(*self._options(), id="choices")

    def on_mount(self) -> None:
        # Nothing to set up if the app closed as this mounted: the children
        # never mount then (the same in every answer widget below).
        for choices in self.query(OptionList):
            if self.response in self.question.options:
                choices.highlighted = self.question.options.index(self.response)
            choices.focus()

    def _options(self) -> list[Option]:
        return [
            Option(
                Hanging(
                    Content(
                        f"{CHOSEN if choice == self.response else NOT_CHOSEN} {n}  "
                    ),
                    Content(choice),
                )
            )
            for n, choice in enumerate(self.question.options, 1)
        ]

    def pick(self, number: int) -> None:
        if 1 <= number <= len(self.question.options):
            self.respond(self.question.options[number - 1], advance=True)
            choices = self.query_one(OptionList)
            choices.clear_options()
            choices.add_options(self._options())
            choices.highlighted = number - 1

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option_index + 1)


class TrueFalseAnswer(ExamAnswer):
    """A statement; t or f, or the buttons."""

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        with Horizontal(classes="buttons"):
            yield Button(self._label(True), id="true")
            yield Button(self._label(False), id="false")

    def _label(self, value: bool) -> str:
        mark = CHOSEN if self.response is value else NOT_CHOSEN
        return f"{mark} {'True (t)' if value else 'False (f)'}"

    def say(self, value: bool) -> None:
        self.respond(value, advance=True)
        for button_value in (True, False):
            button = self.query_one(f"#{str(button_value).lower()}", Button)
            button.label = self._label(button_value)
            button.set_class(self.response is button_value, "-chosen")

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.set_class(self.response is (button.id == "true"), "-chosen")

    @on(Button.Pressed, "#true, #false")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.say(event.button.id == "true")


class TypedAnswer(ExamAnswer):
    """Type a short answer; it is kept as typed, enter goes on."""

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        yield Input(
            value=str(self.response or ""),
            placeholder="Type your answer; enter: next question",
            id="typed",
        )

    def on_mount(self) -> None:
        for box in self.query(Input):
            box.focus()

    @on(Input.Changed, "#typed")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.respond(event.value if event.value.strip() else None, advance=False)

    @on(Input.Submitted, "#typed")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.respond(event.value if event.value.strip() else None, advance=True)


class OrderAnswer(ExamAnswer):
    """Steps as last left; shift+up/down (K/J) move the highlighted one."""

    def __init__(self, question: Question, response: Any) -> None:
        super().__init__(question, response)
        self.steps = list(response or question.options)

    def compose(self) -> ComposeResult:
        yield from self.compose_prompt()
        yield StepList(self.steps, id="steps")
        yield Static(self._status(), classes="hint", id="order-status")

    def on_mount(self) -> None:
        for steps in self.query(StepList):
            steps.highlighted = 0
            steps.focus()

    def _status(self) -> Content:
        if self.response is None:
            return Content.styled(
                "Not answered: move steps with shift+up/down, enter keeps the order",
                "dim",
            )
        return Content.styled("Your order is kept; enter: next question", "dim")

    def move(self, delta: int) -> None:
        if not self.query_one(StepList).move(delta):
            return
        self.respond(tuple(self.steps), advance=False)
        self.query_one("#order-status", Static).update(self._status())

    @on(OptionList.OptionSelected, "#steps")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.respond(tuple(self.steps), advance=True)


# The widget of each kind an exam asks (exam.EXAM_KINDS).
KINDS: dict[str, type[ExamAnswer]] = {
    "choice": ChoiceAnswer,
    "truefalse": TrueFalseAnswer,
    "typed": TypedAnswer,
    "order": OrderAnswer,
}


def answer_for(question: Question, response: Response | None) -> ExamAnswer:
    """The widget that fits the question's card kind."""
    return KINDS[question.card.kind](question, response)
