"""What the learner sees after each answer: right or wrong, why, and when next."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual.content import Content

from quizhinge.tui.widgets.dates import due_text
from quizhinge.tui.widgets.drawn import DrawnLines
from quizhinge.tui.widgets.hanging import Hanging

# A line of feedback: a text, or a numbered item whose wrapped lines hang
# under its text (an order card's steps).
Line = Content | Hanging

DIFF_STYLES = {
    "equal": "",
    "delete": "strike $text-error",
    "insert": "bold underline $text-success",
}


def feedback_lines(
    feedback: Any, card: Any, answer_lines: Sequence[Line] = ()
) -> list[Line]:
    """The feedback on an auto-graded answer: right or wrong, the right
    answer (`answer_lines`, as the question widget tells it), why, and when
    the card comes back. Deck text and typed text stay literal."""
    result = feedback.result
    mark, style = ("✓", "$text-success") if result.correct else ("✗", "$text-error")
    title = "Right" if result.correct else "Not this time"
    lines: list[Line] = [Content.styled(f"{mark} {title}", f"bold {style}")]
    lines.extend(answer_lines)
    lines.append(Content(card.explain))
    lines.append(Content(""))
    lines.append(_when_next(feedback))
    if result.will_redrill:
        lines.append(
            Content.styled(
                "It comes back at the end of today's session.", "$text-warning"
            )
        )
    lines.append(Content.styled("space or enter: continue", "dim"))
    return lines


def result_line(feedback: Any) -> Content:
    """A self-graded answer's outcome, in one line under the next card: the
    grade taken and when the card comes back (as Anki shows it)."""
    result = feedback.result
    mark, style = ("✓", "$text-success") if result.correct else ("✗", "$text-error")
    parts: list[Content] = [
        Content.styled("Last card ", "dim"),
        Content.styled(f"{mark} {result.grade}", f"bold {style}"),
        Content.styled(" · ", "dim"),
        _when_next(feedback),
    ]
    if result.will_redrill:
        parts.append(Content.styled(" · again at the end of today", "$text-warning"))
    return Content.assemble(*parts)


def _when_next(feedback: Any) -> Content:
    if feedback.result.redrill:
        return Content.styled("Re-drill: today's schedule is kept.", "italic")
    return Content.assemble(
        "Next due: ", (due_text(feedback.result.due, feedback.today), "bold")
    )


def order_lines(
    steps: Sequence[str], response: Sequence[str] | None, correct: bool
) -> list[Line]:
    """An order card: the learner's order with each step marked in place (✓)
    or misplaced (✗, with the place it belongs in), then the right order."""
    lines: list[Line] = []
    if response and not correct:
        lines.append(Content.styled("Your order:", "dim"))
        for place, step in enumerate(response):
            right = place < len(steps) and steps[place] == step
            where = steps.index(step) + 1 if step in steps else None
            mark = (
                Content.styled("  ✓", "bold $text-success")
                if right
                else Content.styled(
                    f"  ✗ belongs at {where}" if where else "  ✗", "bold $text-error"
                )
            )
            lines.append(Hanging(Content(f"  {place + 1}. "), Content(step) + mark))
    lines.append(Content.styled("Right order:" if not correct else "In order:", "dim"))
    lines.extend(
        Hanging(Content(f"  {n}. "), Content.styled(step, "bold"))
        for n, step in enumerate(steps, 1)
    )
    return lines


def verdict_lines(verdict: Any) -> list[Content]:
    """The right answer, or how a typed near miss differs from it."""
    lines: list[Content] = []
    if verdict.near_miss and verdict.diff:
        diff = [(op, text, DIFF_STYLES[op]) for op, text in verdict.diff]
        typed = [(text, style) for op, text, style in diff if op != "insert"]
        wanted = [(text, style) for op, text, style in diff if op != "delete"]
        lines.append(Content("Close!"))
        lines.append(Content.assemble(("You typed ", "dim"), *typed))
        lines.append(Content.assemble(("Accepted  ", "dim"), *wanted))
        return lines
    if not verdict.correct or verdict.near_miss:
        lines.append(Content.assemble("Answer: ", (verdict.expected, "bold")))
    elif verdict.expected:
        lines.append(Content.assemble("Accepted: ", (verdict.expected, "bold")))
    return lines


class FeedbackPanel(DrawnLines):
    """Shown under an auto-graded card of widgets (a choice, say) after its
    answer; space/enter (screen keys) continue. A card drawn in one widget
    (true/false) draws its feedback itself."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.parts: list[Line] = []

    @property
    def content(self) -> Content:
        """The feedback as one text, each item on one line."""
        return Content("\n").join(
            part.content if isinstance(part, Hanging) else part for part in self.parts
        )

    def show(self, lines: Sequence[Line]) -> None:
        """Show `feedback_lines`."""
        self.parts = list(lines)
        self.redraw()
        self.display = True

    def draw(self, width: int) -> list[Content]:
        return wrapped(self.parts, width)


def wrapped(parts: Sequence[Line], width: int) -> list[Content]:
    """Lines of feedback wrapped to `width`, a numbered item's under its text."""
    width = max(width, 1)
    return [
        line
        for part in parts
        for line in (
            part.lines(width) if isinstance(part, Hanging) else part.wrap(width)
        )
    ]


class LastAnswer(DrawnLines):
    """The last self-graded answer's outcome (`result_line`), on a bar under
    the next card until the next answer, as Anki shows it.

    Blank, not gone, when there is nothing to tell: a line that came and went
    would change the card's room, and lay the screen out, on most answers.
    The bar is drawn with the text, not set by a class: a class that came and
    went would restyle the widget on those answers."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"last-answer--told"}
    DEFAULT_CSS = """
    LastAnswer { height: auto; }
    LastAnswer > .last-answer--told { background: $boost; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.line: Content | None = None

    @property
    def content(self) -> Content:
        return Content("") if self.line is None else self.line

    def show(self, line: Content | None) -> None:
        self.line = line
        self.redraw()

    def draw(self, width: int) -> list[Content]:
        if self.line is None:
            return [Content("")]
        bar = self.get_visual_style("last-answer--told")
        return [
            Content.assemble(" ", line, " ")
            .pad_right(max(width - line.cell_length - 2, 0))
            .stylize_before(bar)
            for line in self.line.wrap(max(width - 2, 1))
        ]
