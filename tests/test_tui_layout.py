"""What a learner sees at different terminal sizes: nothing cut, nothing
garbled, on every launch."""

from __future__ import annotations

from support.tui import make_app, settle
from textual.widgets import DataTable

from quizhinge.places import default_deck_paths
from quizhinge.tui.screens.home import HomeScreen

BUNDLED = tuple(default_deck_paths(()))


def table_lines(table: DataTable) -> list[str]:
    """The table's rows as painted (header first)."""
    return [table.render_line(y).text for y in range(table.size.height)]


def deck_names() -> list[str]:
    from quizhinge.catalog import load_catalog

    return [deck.name for deck in load_catalog(list(BUNDLED)).decks]


async def test_a_frame_painted_as_the_rows_arrive_shows_whole_names(
    tmp_path, monkeypatch
):
    """The Deck column was cut to "Hip" when a frame was painted between the
    rows arriving and the table's idle pass (its cached cells kept the width
    of the label). Paint right after the rows arrive, every time."""
    shown = HomeScreen.show

    def show_and_paint(screen: HomeScreen, overview) -> None:
        shown(screen, overview)
        table_lines(screen.query_one("#decks", DataTable))

    monkeypatch.setattr(HomeScreen, "show", show_and_paint)
    app = make_app(tmp_path / "q.db", decks=BUNDLED)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        painted = "\n".join(table_lines(app.screen.query_one("#decks", DataTable)))
        for name in deck_names():
            assert name in painted


async def test_many_launches_never_cut_a_deck_name(tmp_path):
    db = tmp_path / "q.db"
    names = deck_names()
    for _ in range(24):
        app = make_app(db, decks=BUNDLED)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            painted = "\n".join(table_lines(app.screen.query_one("#decks", DataTable)))
        for name in names:
            assert name in painted
