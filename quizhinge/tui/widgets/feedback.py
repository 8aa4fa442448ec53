"""What the learner sees after each answer: right or wrong, why, and when next."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.content import Content

from quizhinge.tui.widgets.dates import due_text
from quizhinge.tui.widgets.drawn import DrawnText

DIFF_STYLES = {
    "equal": "",
    "delete": "strike $text-error",
    "insert": "bold underline $text-success",
}


def feedback_content(
    feedback: Any, card: Any, answer_lines: Sequence[Content] = ()
) -> Content:
    """The feedback on an auto-graded answer: right or wrong, the right
    answer (`answer_lines`, as the question widget tells it), why, and when
    the card comes back. Deck text and typed text stay literal."""
    result = feedback.result
    mark, style = ("✓", "$text-success") if result.correct else ("✗", "$text-error")
    title = "Right" if result.correct else "Not this time"
    lines: list[Content] = [Content.styled(f"{mark} {title}", f"bold {style}")]
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
    return Content("\n").join(lines)


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
) -> list[Content]:
    """An order card: the learner's order with each step marked in place (✓)
    or misplaced (✗, with the place it belongs in), then the right order."""
    lines: list[Content] = []
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
            lines.append(Content(f"  {place + 1}. ").append(Content(step)).append(mark))
    lines.append(Content.styled("Right order:" if not correct else "In order:", "dim"))
    lines.extend(
        Content(f"  {n}. ").append(Content.styled(step, "bold"))
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


class FeedbackPanel(DrawnText):
    """Shown under an auto-graded card after its answer; space/enter (screen
    keys) continue."""

    def show(
        self, feedback: Any, card: Any, answer_lines: Sequence[Content] = ()
    ) -> None:
        self.update(feedback_content(feedback, card, answer_lines))
        self.display = True
