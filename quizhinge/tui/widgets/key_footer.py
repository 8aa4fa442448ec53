"""The footer: the current screen's keys, redrawn only when they change.

Textual's Footer rebuilds all its keys after the first paint and again on
every focus change. On the study screen focus moves with every card (into a
typed answer's input, out of it), so this footer draws its keys at once and
rebuilds only when the set of shown keys really differs.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._bindings_ready = True  # Footer's own flag: compose keys right away
        self._shown: tuple | None = None

    def _signature(self) -> tuple:
        return tuple(
            (binding.key, binding.action, enabled)
            for _, binding, enabled, _ in self.screen.active_bindings.values()
            if binding.show
        )

    def compose(self) -> ComposeResult:
        self._shown = self._signature()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        attached = self.is_attached and screen is self.screen
        if attached and self._signature() != self._shown:
            super().bindings_changed(screen)
