"""The home screen's deck list: a DataTable whose columns always fit.

Textual's DataTable sizes a column without a width on an idle pass after its
rows arrive, and caches rendered cells without their width: a frame painted
in between kept the Deck column as wide as its label ("Hip") until a key was
pressed. Here every column gets its width when the rows are put in, from the
names and the table's own width, and the table is rebuilt on every resize,
so a frame can never show a column at a stale width, and the count columns
stay on screen in a narrow terminal (long names end in "…" instead).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.text import Text
from textual.events import Resize
from textual.widgets import DataTable

PADDING = 2  # the DataTable's cell padding, one cell each side
# (label, width) of the count columns: full labels, or short ones when the
# terminal is so narrow that the names would get fewer than MIN_NAME cells.
COUNT_COLUMNS = (("New", 8), ("Learning", 8), ("Due", 8))
SHORT_COUNT_COLUMNS = (("New", 3), ("Lrn", 3), ("Due", 3))
MIN_NAME = 16
KEYS = ("deck", "new", "learning", "due")
COUNT_STYLES = ("bold blue", "bold red", "bold green")


class DeckRow(NamedTuple):
    key: str
    name: Text
    counts: tuple[int, int, int]  # new, learning, due


class DeckTable(DataTable[Text]):
    """Deck, New, Learning, Due; one row per deck."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(cursor_type="row", id=id)
        self._rows: list[DeckRow] = []
        self._fitted_width = -1

    def show(self, rows: Sequence[DeckRow]) -> None:
        """Put these rows in, keeping the cursor on the same row number."""
        self._rows = list(rows)
        self._rebuild()

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._fitted_width:
            self._rebuild()

    def column_widths(self, width: int) -> list[tuple[str, int]]:
        """(label, width) per column for a table `width` cells wide."""
        longest = max((row.name.cell_len for row in self._rows), default=4)
        counts = COUNT_COLUMNS
        room = width - sum(w + PADDING for _, w in counts) - PADDING
        if room < MIN_NAME:
            counts = SHORT_COUNT_COLUMNS
            room = width - sum(w + PADDING for _, w in counts) - PADDING
        return [("Deck", max(4, min(longest, room))), *counts]

    def _rebuild(self) -> None:
        width = self.size.width
        if width <= 0:
            return  # not laid out yet: the first resize builds it
        self._fitted_width = width
        if len(self._rows) + 1 > self.size.height:
            width -= self.styles.scrollbar_size_vertical
        selected = self.cursor_row
        self.clear(columns=True)
        columns = self.column_widths(width)
        for (label, column_width), key in zip(columns, KEYS, strict=True):
            label_text = Text(label, justify="left" if key == "deck" else "right")
            self.add_column(label_text, width=column_width, key=key)
        for row in self._rows:
            name = row.name.copy()
            name.no_wrap, name.overflow = True, "ellipsis"
            cells = [
                Text(str(n), style=style if n else "dim", justify="right")
                for n, style in zip(row.counts, COUNT_STYLES, strict=True)
            ]
            self.add_row(name, *cells, key=row.key)
        if 0 <= selected < self.row_count:
            self.move_cursor(row=selected)
