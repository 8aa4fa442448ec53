"""The footer: the current screen's keys, drawn as text (one line, or more in
a terminal too narrow for them all).

Textual's Footer is a container of one widget per key, each with its own
styles and watchers; on the study screen it cost more start-up time than the
card itself. This footer looks the same (it uses Footer's own component
styles and theme colours) but is a single widget: its keys are spans of one
line, and a click on a key presses that key, as with Footer.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.screen import Screen
from textual.style import Style

from quizhinge.tui.widgets.drawn import DrawnLines


class KeyFooter(DrawnLines):
    # The footer's keys, in the colours of Textual's Footer.
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: auto;  /* a narrow terminal: the keys wrap onto a second line */
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """
    ALLOW_SELECT = False
    auto_links = False  # clickable keys, drawn in the footer's colours, not as links
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer-key--key",
        "footer-key--description",
    }

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple | None = None
        self._stale = False
        # The lines drawn for each set of keys at the last width: a screen
        # goes back and forth between a few sets (a card asked, answered,
        # ...).
        self._sets: dict[tuple, list[Content]] = {}
        self._sets_width = 0

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _keys(self) -> tuple[tuple[str, str, str, bool], ...]:
        """(key, shown key, description, enabled) once per action, as Footer."""
        keys: dict[str, tuple[str, str, str, bool]] = {}
        for _, binding, enabled, _ in self.screen.active_bindings.values():
            if binding.show and binding.action not in keys:
                shown = self.app.get_key_display(binding)
                description = binding.description
                keys[binding.action] = (binding.key, shown, description, enabled)
        return tuple(keys.values())

    def _bindings_changed(self, screen: Screen) -> None:
        """A key often changes the bindings more than once (a new card, the
        focus moved): the keys are worked out once, after the last."""
        if self.is_attached and screen is self.screen and not self._stale:
            self._stale = True
            self.call_next(self._update_keys)

    def _update_keys(self) -> None:
        self._stale = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys != self._shown:
            self._shown = keys
            self.redraw()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._sets = {}  # a new theme: new colours

    def draw(self, width: int) -> list[Content]:
        """The keys in lines no wider than `width`: a key and its description
        stay together on one line."""
        if self._shown is None:
            self._shown = self._keys()
        keys = self._shown
        if width != self._sets_width:
            self._sets, self._sets_width = {}, width
        if (drawn := self._sets.get(keys)) is not None:
            return drawn
        key_style = Style.from_rich_style(
            self.get_component_rich_style("footer-key--key", partial=True)
        )
        text_style = Style.from_rich_style(
            self.get_component_rich_style("footer-key--description", partial=True)
        )
        lines: list[list[Content]] = [[]]
        used = 0
        for key, shown, description, enabled in keys:
            click = Style.from_meta({"@click": f"app.simulate_key({key!r})"})
            dim = Style(dim=not enabled)
            item = Content.assemble(
                (f" {shown} ", key_style + click + dim),
                (f"{description} ", text_style + click + dim),
            )
            if used and used + item.cell_length > width > 0:
                lines.append([])
                used = 0
            lines[-1].append(item)
            used += item.cell_length
        drawn = [Content.assemble(*line) for line in lines]
        self._sets[keys] = drawn
        return drawn
