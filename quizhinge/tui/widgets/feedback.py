"""What the learner sees after each answer: right or wrong, why, and when next."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from quizhinge.scheduler import GRADE_MEANINGS
from quizhinge.tui.widgets.dates import due_text

DIFF_STYLES = {
    "equal": "",
    "delete": "strike $text-error",
    "insert": "bold underline $text-success",
}


def feedback_content(feedback: Any, card: Any) -> Content:
    """Assemble the feedback; deck text and typed text stay literal.

    A self-graded card already showed its answer and explanation on reveal,
    so its feedback is the grade and the next date only.
    """
    result, verdict = feedback.result, feedback.verdict
    lines: list[Content] = []
    mark, style = ("✓", "$text-success") if result.correct else ("✗", "$text-error")
    if verdict is None:
        meaning = GRADE_MEANINGS.get(result.grade, "")
        grade = Content.styled(f"{mark} {result.grade}", f"bold {style}")
        lines.append(grade.append(f"  {meaning}"))
    else:
        title = "Right" if result.correct else "Not this time"
        lines.append(Content.styled(f"{mark} {title}", f"bold {style}"))
        lines.extend(_verdict_lines(verdict))
        lines.append(Content(card.explain))
    lines.append(Content(""))
    if result.redrill:
        lines.append(Content.styled("Re-drill: today's schedule is kept.", "italic"))
    else:
        lines.append(
            Content.assemble(
                "Next due: ",
                (due_text(result.due, feedback.today), "bold"),
            )
        )
    if result.will_redrill:
        lines.append(
            Content.styled(
                "It comes back at the end of today's session.", "$text-warning"
            )
        )
    lines.append(Content.styled("space or enter: continue", "dim"))
    return Content("\n").join(lines)


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
    """Shown under the card after an answer; space/enter (screen keys) continue."""

    def show(self, feedback: Any, card: Any) -> None:
        self.update(feedback_content(feedback, card))
        self.remove_class("hidden")
