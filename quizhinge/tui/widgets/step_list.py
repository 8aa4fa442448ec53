"""The steps of an order card, in the learner's order: the study screen's and
the exam's alike."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.events import Click
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from quizhinge.tui.widgets.hanging import Hanging


class StepList(OptionList):
    """Numbered steps; up/down highlight one and `move` moves it. A click only
    highlights a step: enter submits, so a stray click never answers.

    `steps` is the list it is given, changed in place as steps move, so the
    question that owns it reads the learner's order there.
    """

    def __init__(self, steps: list[str], *, id: str | None = None) -> None:
        self.steps = steps
        super().__init__(*self._rows(), id=id)

    def _rows(self, marks: Sequence[Content] = ()) -> list[Option]:
        return [
            Option(
                Hanging(
                    Content(f"{n}  "),
                    Content(step).append(
                        marks[n - 1] if n <= len(marks) else Content("")
                    ),
                )
            )
            for n, step in enumerate(self.steps, 1)
        ]

    def show(
        self, steps: list[str] | None = None, marks: Sequence[Content] = ()
    ) -> None:
        """Show `steps` (a new card's, highlighting the first) or the same
        steps again with a mark after each (the highlight stays)."""
        highlighted = 0 if steps is not None else self.highlighted
        if steps is not None:
            self.steps = steps
        self.clear_options()
        self.add_options(self._rows(marks))
        self.highlighted = highlighted

    def move(self, delta: int) -> bool:
        """Move the highlighted step up (-1) or down (+1); whether it moved."""
        index = self.highlighted
        if index is None or not 0 <= index + delta < len(self.steps):
            return False
        target = index + delta
        self.steps[index], self.steps[target] = self.steps[target], self.steps[index]
        self.clear_options()
        self.add_options(self._rows())
        self.highlighted = target
        return True

    async def _on_click(self, event: Click) -> None:
        clicked = event.style.meta.get("option")
        if clicked is not None:
            self.highlighted = clicked
