"""The study screen's top: what is studied, today's counts, how far through,
and what the card on show is (its kind; new, review or re-drill).

One widget drawing its lines, not a row of Statics and a progress bar in
containers: it changes on every answer, and each widget a key changes adds to
the time before the next card shows. In a terminal too narrow for the
session's name and its counts on one line, the counts go under the name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.content import Content

from quizhinge.tui.widgets.drawn import DrawnLines

if TYPE_CHECKING:
    from quizhinge.session import Counts


class StudyHeader(DrawnLines):
    """The session's name and counts over a progress bar, then the card's badge."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "study-header--scope",
        "study-header--done",
        "study-header--left",
        "study-header--label",
    }
    DEFAULT_CSS = """
    StudyHeader { height: auto; padding: 0 1; }
    StudyHeader > .study-header--scope { color: $text-muted; }
    StudyHeader > .study-header--done { color: $accent; }
    StudyHeader > .study-header--left { color: $foreground 15%; }
    StudyHeader > .study-header--label { color: $text-muted; }
    """

    def __init__(self, scope: str, counts: Counts | None = None, id: str | None = None):
        super().__init__(id=id)
        self.scope = scope  # --deck text: drawn as Content, never as markup
        self.counts = counts
        self.badge: Content | None = None

    def show(self, counts: Counts, badge: Content | None = None) -> None:
        """Today's counts, after an answer, and a new card's badge (the last
        one stays when none is given)."""
        badge = self.badge if badge is None else badge
        if (counts, badge) != (self.counts, self.badge):
            self.counts, self.badge = counts, badge
            self.redraw()  # a new digit may move the counts under the name

    def rename(self, scope: str) -> None:
        """The session's name, once known better (a deck's name, not its id)."""
        if scope != self.scope:
            self.scope = scope
            self.redraw()

    @property
    def total(self) -> int:
        """Cards in the session: answered and still to come."""
        counts = self.counts
        if counts is None:
            return 0
        return counts.answered + counts.new + counts.due + counts.redrill

    @property
    def progress(self) -> int:
        return 0 if self.counts is None else self.counts.answered

    def draw(self, width: int) -> list[Content]:
        scope = Content.styled(self.scope, self.get_visual_style("study-header--scope"))
        counts = self._counts()
        if scope.cell_length + 2 + counts.cell_length <= width or not width:
            room = max(width - scope.cell_length - counts.cell_length, 2)
            top = [Content.assemble(scope, " " * room, counts)]
        else:
            top = [*scope.wrap(width), counts]
        badge = [] if self.badge is None else [Content(""), *self.badge.wrap(width)]
        return [*top, self._bar(width), *badge]

    def _counts(self) -> Content:
        counts = self.counts
        if counts is None:
            return Content("")
        return Content.assemble(
            ("New ", "dim"),
            (str(counts.new), "bold $text-primary"),
            ("  Due ", "dim"),
            (str(counts.due), "bold $text-success"),
            ("  Re-drill ", "dim"),
            (str(counts.redrill), "bold $text-warning"),
            ("  Done ", "dim"),
            (str(counts.answered), "bold"),
        )

    def _bar(self, width: int) -> Content:
        total = max(self.total, 1)
        share = min(max(self.progress / total, 0.0), 1.0)
        label = f" {share:4.0%}"
        room = max(width - len(label), 0)
        done = round(room * share)
        return Content.assemble(
            ("━" * done, self.get_visual_style("study-header--done")),
            ("━" * (room - done), self.get_visual_style("study-header--left")),
            (label, self.get_visual_style("study-header--label")),
        )
