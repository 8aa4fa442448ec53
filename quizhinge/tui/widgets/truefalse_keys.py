"""True and False as one line of clickable keys, for the study screen.

Two Buttons in a row are three widgets with borders to draw on every
true/false card; this is one line. It never takes the focus (a focused
button would answer on space or enter, the keys that go on from the
feedback): t and f are the screen's keys, and a click answers too.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widget import Widget


class TrueFalseKeys(Widget):
    """` True (t) `  ` False (f) `, each a click target."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "truefalse-keys--true",
        "truefalse-keys--false",
    }
    DEFAULT_CSS = """
    TrueFalseKeys { height: 1; margin-bottom: 1; }
    TrueFalseKeys > .truefalse-keys--true {
        background: $success; color: $text; text-style: bold;
    }
    TrueFalseKeys > .truefalse-keys--false {
        background: $error; color: $text; text-style: bold;
    }
    """
    ALLOW_SELECT = False
    auto_links = False  # drawn in their own colours, not as links

    class Pressed(Message):
        """A click on True or False."""

        def __init__(self, keys: TrueFalseKeys, value: bool) -> None:
            super().__init__()
            self.keys = keys
            self.value = value

        @property
        def control(self) -> TrueFalseKeys:
            return self.keys

    def render(self) -> Content:
        def key(label: str, value: bool) -> tuple[str, Style]:
            look = self.get_visual_style(f"truefalse-keys--{str(value).lower()}")
            return label, look + Style.from_meta({"@click": f"press({value})"})

        return Content.assemble(
            key("  True (t)  ", True), "   ", key("  False (f)  ", False)
        )

    def action_press(self, value: bool) -> None:
        self.post_message(self.Pressed(self, value))
