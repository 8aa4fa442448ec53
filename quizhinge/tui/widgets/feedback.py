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
    """Assemble the feedback; deck text and typed text stay literal."""
    result, verdict = feedback.result, feedback.verdict
    lines: list[Content] = []
    if result.correct:
        lines.append(Content.styled("✓ Right", "bold $text-success"))
    else:
        lines.append(Content.styled("✗ Not this time", "bold $text-error"))
    if verdict is not None:
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
        lines.append(Content("Close! Your answer against the accepted one:"))
        lines.append(
            Content.assemble(
                *((text, DIFF_STYLES.get(op, "")) for op, text in verdict.diff)
            )
        )
    if not verdict.correct or verdict.near_miss:
        lines.append(Content.assemble("Answer: ", (verdict.expected, "bold")))
    elif verdict.expected:
        lines.append(Content.assemble("Accepted: ", (verdict.expected, "bold")))
    return lines


class FeedbackPanel(Static, can_focus=True):
    """Shown under the card after an answer; focused so space/enter continue."""

    def show(self, feedback: Any, card: Any) -> None:
        self.update(feedback_content(feedback, card))
        self.remove_class("hidden")
