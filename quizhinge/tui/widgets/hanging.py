"""A numbered item whose wrapped lines start under its text, not under its
number: a choice or an order step too long for one line, in a narrow
terminal.

    1  Stand with feet hip-width apart, one hand behind
       the neck and one on the lower back

A Textual Visual, so an OptionList shows it as it shows Content (its height
at a width, its strips); and the feedback panel draws its lines the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.visual import Visual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.strip import Strip
    from textual.style import Style
    from textual.visual import RenderOptions


class Hanging(Visual):
    """`head` (the number) then `body`, its lines after the first indented by
    the head's width."""

    def __init__(self, head: Content, body: Content) -> None:
        self.head = head
        self.body = body

    @property
    def content(self) -> Content:
        """The item on one line, as text to read or copy."""
        return self.head + self.body

    @property
    def plain(self) -> str:
        return self.content.plain

    def __str__(self) -> str:
        return self.plain

    def lines(self, width: int) -> list[Content]:
        """The item's lines, none wider than `width` where the words allow."""
        indent = self.head.cell_length
        if indent + self.body.cell_length <= width:
            return [self.content]
        body = self.body.wrap(max(width - indent, 1)) or [Content("")]
        pad = Content(" " * indent)
        return [self.head + body[0], *(pad + line for line in body[1:])]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return (
            Content("\n")
            .join(self.lines(width))
            .render_strips(width, height, style, options)
        )

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.cell_length

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))
