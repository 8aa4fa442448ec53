"""What the learner sees after each answer: right or wrong, why, and when next."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from quizhinge.tui.widgets.dates import due_text

DIFF_STYLES = {
    "equal": "",
    "delete": "strike $text-error",
    "insert": "bold underline $text-success",
}


def feedback_content(feedback: Any, card: Any) -> Content:
    """The feedback on an auto-graded answer: right or wrong, the right
    answer, why, and when the card comes back. Deck text and typed text stay
    literal."""
    result, verdict = feedback.result, feedback.verdict
    mark, style = ("✓", "$text-success") if result.correct else ("✗", "$text-error")
    title = "Right" if result.correct else "Not this time"
    lines: list[Content] = [Content.styled(f"{mark} {title}", f"bold {style}")]
    if verdict is not None:
        lines.extend(_verdict_lines(verdict))
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


def _verdict_lines(verdict: Any) -> list[Content]:
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


class FeedbackPanel(Static):
    """Shown under an auto-graded card after its answer; space/enter (screen
    keys) continue."""

    def show(self, feedback: Any, card: Any) -> None:
        self.update(feedback_content(feedback, card))
        self.display = True
