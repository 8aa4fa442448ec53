"""A DataTable whose columns always fit: the home screen's decks, the cards.

Textual's DataTable sizes a column without a width on an idle pass after its
rows arrive, and caches rendered cells without their width: a frame painted
in between kept a column as wide as its label (the Deck column showed "Hip")
until a key was pressed. Here every column gets its width when the rows go
in, from its label and cells and the table's own width, and the table is
rebuilt on every resize; so no frame can show a column at a stale width. When
the terminal is too narrow, the one flexible column (a name, an id) gives up
room and its long values end in "…", so the other columns stay on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.text import Text
from textual.events import Resize
from textual.widgets import DataTable

PADDING = 2  # the DataTable's cell padding, one cell each side


class Column(NamedTuple):
    key: str
    label: str
    right: bool = False  # numbers: aligned right
    flexible: bool = False  # gives up room in a narrow terminal
    least: int = 0  # never narrower than this, not even a flexible column


class Row(NamedTuple):
    key: str
    cells: Sequence[Text]


class FittedTable(DataTable[Text]):
    """Rows of Text cells under fixed columns, fitted to the table's width."""

    def __init__(self, columns: Sequence[Column], id: str | None = None) -> None:
        super().__init__(cursor_type="row", id=id)
        self.fitted_columns = tuple(columns)
        self._rows: list[Row] = []
        self._fitted_width = -1

    def show(self, rows: Sequence[Row], cursor: int | None = None) -> None:
        """Put these rows in; the cursor goes to row `cursor`, or stays on
        the row number it was on."""
        selected = self.cursor_row if cursor is None else cursor
        self._rows = list(rows)
        self._rebuild(selected)

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._fitted_width:
            self._rebuild(self.cursor_row)

    def widths(self, width: int) -> list[int]:
        """Each column's width (without padding) in a table `width` wide."""
        natural = [
            max(
                [len(column.label), column.least]
                + [row.cells[i].cell_len for row in self._rows if i < len(row.cells)]
            )
            for i, column in enumerate(self.fitted_columns)
        ]
        spare = width - sum(natural) - PADDING * len(natural)
        for i, column in enumerate(self.fitted_columns):
            if column.flexible and spare < 0:
                natural[i] = max(column.least, len(column.label), natural[i] + spare)
        return natural

    def _rebuild(self, selected: int) -> None:
        width = self.size.width
        if width <= 0:
            return  # not laid out yet: the first resize builds it
        self._fitted_width = width
        if len(self._rows) + 1 > self.size.height:
            width -= self.styles.scrollbar_size_vertical
        self.clear(columns=True)
        for column, column_width in zip(
            self.fitted_columns, self.widths(width), strict=True
        ):
            label = Text(column.label, justify="right" if column.right else "left")
            self.add_column(label, width=column_width, key=column.key)
        for row in self._rows:
            cells = []
            for column, cell in zip(self.fitted_columns, row.cells, strict=True):
                cell = cell.copy()
                cell.no_wrap, cell.overflow = True, "ellipsis"
                cell.justify = "right" if column.right else cell.justify
                cells.append(cell)
            self.add_row(*cells, key=row.key)
        if 0 <= selected < self.row_count:
            self.move_cursor(row=selected)
