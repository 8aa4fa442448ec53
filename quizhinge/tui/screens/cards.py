"""The card browser: every card with its schedule, a filter box, suspension
on `s`, and one card with its review history on `enter`.

The rows and the filter's rule come from quizhinge.browse, the same as
`quizhinge cards`; this screen only lays them out. Deck text is shown as
`Text`/`Content`, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from quizhinge.browse import COLUMNS, BrowseRow, matches
from quizhinge.store import ReviewRow
from quizhinge.tui.backend import BackendError
from quizhinge.tui.widgets import card_text
from quizhinge.tui.widgets.dates import days
from quizhinge.tui.widgets.fitted_table import Column, FittedTable, Row
from quizhinge.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from quizhinge.cards import Card
    from quizhinge.tui.app import QuizhingeApp

RIGHT = {"due", "interval", "ease", "lapses"}
# The id gives up room in a narrow terminal; the rest stay whole.
CARD_COLUMNS = tuple(
    Column(name, name, right=name in RIGHT, flexible=name == "id", least=12)
    if name == "id"
    else Column(name, name, right=name in RIGHT)
    for name in COLUMNS
)


class CardsScreen(Screen):
    """Every card this learner studies (and every suspended one)."""

    if TYPE_CHECKING:  # our app's attributes, typed; the app imports this module
        app = getters.app(QuizhingeApp)

    CSS_PATH = "cards.tcss"
    AUTO_FOCUS = "FittedTable"  # the first focus, where its keys work
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "toggle_suspend", "Suspend / unsuspend"),
        Binding("enter", "details", "Card and history", show=False),
        # Priority: the app runs it as it takes the key from its queue, before
        # passing on the keys typed after it (a normal binding runs only once
        # the key comes back up from the list, after the list has them too).
        Binding("slash", "filter", "Filter", key_display="/", priority=True),
        Binding("escape", "back", "Back"),
    ]
    KEY_HELP: ClassVar[dict[str, str]] = {
        "/ (or click the box)": "Filter: every word must be in the id, deck, kind,"
        " state, topic or text (e.g. 'suspended', 'faults leech')",
        "enter / down (in the filter)": "Back to the list",
        "up / down": "Pick a card",
        "s": "Suspend the picked card, or unsuspend it (all its directions or gaps)",
        "enter": "Show the card with its review history",
        "escape": "Clear the filter, then back to the home screen",
    }

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[BrowseRow] = []
        self.shown: list[BrowseRow] = []
        # Each card's state once the toggles already on their way land: a
        # second s before the list shows the first must undo it, not repeat it.
        self._toggled: dict[str, bool] = {}

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(
                ("Cards", "bold $text-accent"),
                ("  s: suspend / unsuspend   enter: card and history", "dim"),
            ),
            id="cards-title",
        )
        yield Input(
            placeholder="/ filter: words of the id, deck, kind, state or text",
            id="cards-filter",
        )
        yield Static("Loading…", id="cards-count")
        yield FittedTable(CARD_COLUMNS, id="cards-table")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.load()

    # Its own group: s or enter pressed before the rows come must not cancel
    # it (they find no card and do nothing), or the screen says Loading… for good.
    @work(exclusive=True, group="cards-load")
    async def load(self, keep: str | None = None) -> None:
        try:
            self.rows = await self.app.backend.browse()
        except BackendError as error:
            self.app.fail(error)
            return
        self.show(keep)

    def show(self, keep: str | None = None) -> None:
        """Fill the table with the rows the filter lets through; the cursor
        stays on the item `keep` (or the row it was on) when it can."""
        table = self.query_one(FittedTable)
        if keep is None and self.shown and table.row_count:
            keep = self.shown[min(table.cursor_row, len(self.shown) - 1)].item_id
        text = self.query_one("#cards-filter", Input).value
        self.shown = [row for row in self.rows if matches(row, text)]
        rows = []
        for row in self.shown:
            cells = [Text(cell) for cell in row.cells()]
            if row.state == "suspended":
                for cell in cells:
                    cell.stylize("dim")
            rows.append(Row(row.item_id, cells))
        ids = [row.item_id for row in self.shown]
        table.show(rows, ids.index(keep) if keep in ids else None)
        suspended = len({r.card_id for r in self.rows if r.state == "suspended"})
        self.query_one("#cards-count", Static).update(
            Content.assemble(
                (f"{len(self.shown)} of {len(self.rows)}", "bold"),
                " items shown · ",
                (str(suspended), "bold"),
                " card suspended" if suspended == 1 else " cards suspended",
            )
        )

    @on(Input.Changed, "#cards-filter")
    def _filtered(self, event: Input.Changed) -> None:
        event.stop()
        self.show()

    @on(Input.Submitted, "#cards-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_now(self.query_one(DataTable))

    def on_key(self, event: events.Key) -> None:
        """Down in the filter box goes to the list, as enter does."""
        if event.key == "down" and self.focused is self.query_one("#cards-filter"):
            event.stop()
            self.focus_now(self.query_one(DataTable))

    def focus_now(self, widget: Input | DataTable) -> None:
        """Move focus before the next key is handled. `Widget.focus()` only
        queues the move behind keys already read, so in a fast burst like
        `/su` the s would still reach the list and suspend a card."""
        self.set_focus(widget)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool:
        """In the filter box `/` is text (the priority binding lets it pass)."""
        return not (action == "filter" and isinstance(self.focused, Input))

    def picked(self) -> BrowseRow | None:
        table = self.query_one(DataTable)
        if not self.shown or not table.row_count:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    def action_filter(self) -> None:
        self.focus_now(self.query_one("#cards-filter", Input))

    def action_back(self) -> None:
        box = self.query_one("#cards-filter", Input)
        if box.has_focus or box.value:
            box.value = ""
            self.focus_now(self.query_one(DataTable))
            return
        self.app.pop_screen()

    def action_toggle_suspend(self) -> None:
        """The card picked as the key comes: one pressed before the list is
        shown suspends nothing (the learner has not seen which card it is)."""
        row = self.picked()
        if row is not None:
            suspended = self._toggled.get(row.card_id, row.state == "suspended")
            self._toggled[row.card_id] = not suspended
            self.toggle_suspend(row, not suspended)

    @work(exclusive=False, group="cards-toggle")
    async def toggle_suspend(self, row: BrowseRow, suspend: bool) -> None:
        """One toggle; several run in the order pressed (the database thread
        takes them in turn), none cancelling another."""
        try:
            await self.app.backend.set_suspended(row.card_id, suspend)
            done = "Suspended" if suspend else "Unsuspended"
            self.notify(f"{done} {row.card_id}. s again to undo.", markup=False)
            rows = await self.app.backend.browse()
        except BackendError as error:
            self._toggled.pop(row.card_id, None)  # the list says what holds
            self.app.report(error)
            return
        if self._toggled.get(row.card_id) == suspend:  # the last toggle pressed
            del self._toggled[row.card_id]
            self.rows = rows
            self.show(row.item_id)

    @on(DataTable.RowSelected, "#cards-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_details()

    def action_details(self) -> None:
        row = self.picked()
        if row is not None:
            self.details(row)

    @work(exclusive=True, group="cards")
    async def details(self, row: BrowseRow) -> None:
        try:
            history = await self.app.backend.card_history(row.card_id)
        except BackendError as error:
            self.app.report(error)
            return
        siblings = [r for r in self.rows if r.card_id == row.card_id]
        self.app.push_screen(CardScreen(row, siblings, history))


def figure_views(card: Card) -> ComposeResult:
    """The card's figures, each under a heading saying when it is shown."""
    shown = (
        ("With the question", card.figure),
        ("With the answer", card.answer_figure),
    )
    for heading, figure in shown:
        if figure is None:
            continue
        from quizhinge.tui.widgets.figure import FigureView  # figure cards only

        yield Static(Content.styled(heading, "bold"), classes="card-section")
        yield FigureView(figure)


class CardScreen(Screen):
    """One card as it asks and answers, its schedule and every answer given."""

    CSS_PATH = "cards.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "app.pop_screen", "Back"),
    ]
    KEY_HELP: ClassVar[dict[str, str]] = {
        "up / down / page keys": "Scroll the card and its history",
        "escape / q": "Back to the cards",
    }

    def __init__(
        self, row: BrowseRow, items: list[BrowseRow], history: list[ReviewRow]
    ) -> None:
        super().__init__()
        self.row = row
        self.items = items or [row]
        self.history = history

    def compose(self) -> ComposeResult:
        card = self.row.card
        with VerticalScroll(id="card-detail"):
            yield Static(
                Content.assemble(
                    (f" {card.id} ", "reverse"),
                    ("  ", ""),
                    (f"{card.kind} · deck {card.deck_id} · topic {card.topic}", "dim"),
                    (f" · {card.level}", "dim"),
                ),
                classes="card-head",
            )
            for item in self.items:
                variant = item.item_id.partition("#")[2]
                yield Static(
                    Content.assemble(
                        (f"{item.kind}: ", "bold"),
                        card_text.prompt(card, variant),
                    ),
                    classes="card-part",
                )
                yield Static(
                    Content.assemble(
                        ("Answer: ", "bold $text-success"),
                        card_text.answer(card, variant),
                    ),
                    classes="card-part",
                )
                yield Static(Content(schedule_line(item)), classes="card-schedule")
            yield Static(
                Content.assemble(("Why: ", "bold"), card.explain), classes="card-part"
            )
            yield from figure_views(card)
            yield Static(
                Content.styled(f"Review history ({len(self.history)})", "bold"),
                classes="card-section",
            )
            table: DataTable = DataTable(
                cursor_type="none", id="card-history", show_cursor=False
            )
            yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        if not self.app.is_running:  # closing as it opened: its children never mount
            return
        table = self.query_one(DataTable)
        for column in ("day", "item", "grade", "seconds", "", "next due"):
            table.add_column(column)
        for review in self.history:
            table.add_row(*(Text(cell) for cell in history_cells(review)))
        if not self.history:
            table.add_row(Text("never answered"), *(Text("") for _ in range(5)))
        self.query_one("#card-detail").focus()


def schedule_line(row: BrowseRow) -> str:
    """The item's schedule in words."""
    state = {
        "new": "New",
        "due": "Due today",
        "review": "Review",
        "suspended": "Suspended (s on the Cards screen lets it back in)",
    }[row.state]
    if row.due is None:
        return f"{state}: not studied yet."
    return (
        f"{state}: next due {row.due.isoformat()},"
        f" interval {days(row.interval)}, ease {row.ease:.2f},"
        f" {plural(row.lapses, 'lapse')}"
        f"{' (a leech)' if row.leech else ''}."
    )


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def history_cells(review: ReviewRow) -> tuple[str, ...]:
    return (
        review.study_day.isoformat(),
        review.item_id,
        str(review.grade),
        f"{review.seconds:.0f}",
        "re-drill" if review.redrill else "",
        review.due_after.isoformat() if review.due_after and not review.redrill else "",
    )
