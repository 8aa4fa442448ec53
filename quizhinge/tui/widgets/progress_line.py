"""How far through today's session: one line, one widget.

Textual's ProgressBar is three widgets with watchers and a module to import;
this is redrawn on every answer, so it is one widget that draws its bar as
text, in the theme's colours.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widget import Widget


class ProgressLine(Widget):
    """`progress` of `total` as a bar and a percentage."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "progress-line--done",
        "progress-line--left",
        "progress-line--label",
    }
    DEFAULT_CSS = """
    ProgressLine { height: 1; width: 1fr; }
    ProgressLine > .progress-line--done { color: $accent; }
    ProgressLine > .progress-line--left { color: $foreground 15%; }
    ProgressLine > .progress-line--label { color: $text-muted; }
    """

    def __init__(
        self, total: int = 1, progress: int = 0, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.total = max(total, 1)
        self.progress = progress

    def update(self, total: int, progress: int) -> None:
        total = max(total, 1)
        if (total, progress) != (self.total, self.progress):
            self.total, self.progress = total, progress
            self.refresh()

    def render(self) -> Content:
        share = min(max(self.progress / self.total, 0.0), 1.0)
        label = f" {share:4.0%}"
        width = max(self.content_region.width - len(label), 0)
        done = round(width * share)
        return Content.assemble(
            ("━" * done, self.get_visual_style("progress-line--done")),
            ("━" * (width - done), self.get_visual_style("progress-line--left")),
            (label, self.get_visual_style("progress-line--label")),
        )
