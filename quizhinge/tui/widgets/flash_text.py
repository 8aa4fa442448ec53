"""A self-graded card's text: its prompt, then how to reveal the answer, or the
answer and its explanation.

One widget drawing its lines, not a Static for each part: the key that
reveals the answer, and the grade that brings the next card, change all of
them, and each widget a key changes adds to the time before it shows. The
answer keeps its green edge on every line it wraps to.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content

from quizhinge.tui.widgets.drawn import DrawnLines

HINT = "space or enter: show the answer"
EDGE = "█ "  # the answer's edge, as a thick left border draws it


class FlashText(DrawnLines):
    """Prompt and hint; once revealed, prompt, answer and explanation."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "flash-text--prompt",
        "flash-text--hint",
        "flash-text--edge",
        "flash-text--explain",
    }
    DEFAULT_CSS = """
    FlashText { height: auto; }
    FlashText > .flash-text--prompt { text-style: bold; }
    FlashText > .flash-text--hint { color: $text-muted; }
    FlashText > .flash-text--edge { color: $success; }
    FlashText > .flash-text--explain { color: $text-muted; }
    """

    def __init__(self, prompt: Content, id: str | None = None) -> None:
        super().__init__(id=id)
        self.prompt = prompt
        self.answer: Content | None = None
        self.explain = Content("")
        self._answer_at = 0  # set as the lines are drawn

    @property
    def revealed(self) -> bool:
        return self.answer is not None

    def update(self, prompt: Content) -> None:
        """A new card's prompt, its answer hidden."""
        self.prompt, self.answer = prompt, None
        self.redraw()

    def reveal(self, answer: Content, explain: Content) -> None:
        self.answer, self.explain = answer, explain
        self.redraw()

    def answer_line(self) -> int:
        """The line the answer starts on, once revealed (0 before)."""
        self.lines()  # drawn, and so the line known
        return self._answer_at

    def draw(self, width: int) -> list[Content]:
        """A blank line above and below the prompt, and under the answer and
        the explanation, as the margins of separate parts would leave."""
        width = max(width, len(EDGE) + 8)
        style = self.get_visual_style
        prompt = self.prompt.stylize_before(style("flash-text--prompt"))
        lines = [Content(""), *prompt.wrap(width), Content("")]
        self._answer_at = len(lines) if self.answer is not None else 0
        if self.answer is None:
            lines += Content.styled(HINT, style("flash-text--hint")).wrap(width)
            return lines
        edge = Content.styled(EDGE, style("flash-text--edge"))
        for line in self.answer.wrap(width - len(EDGE) - 1):  # a space each side
            lines.append(Content.assemble(edge, line))
        lines.append(Content(""))
        if self.explain:
            explain = self.explain.stylize_before(style("flash-text--explain"))
            lines += [*explain.wrap(width), Content("")]
        return lines
