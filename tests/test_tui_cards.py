"""The Cards screen (`c` on home): list, filter, suspend and unsuspend, and a
card with its review history; and a card suspended while studying comes back
from here."""

from __future__ import annotations

from pathlib import Path

from support.tui import MIXED, UNTRUSTED, answer, make_app, press, question, settle
from textual import events
from textual.widgets import DataTable, Input, Static

from quizhinge.store import Queue, Store
from quizhinge.tui.screens.cards import CardScreen, CardsScreen
from quizhinge.tui.screens.home import HomeScreen
from quizhinge.tui.screens.study import StudyScreen

SIZE = (120, 30)


def queues(db: Path) -> dict[str, int]:
    with Store.open(db) as store:
        return dict(store.conn.execute("SELECT item_id, queue FROM schedule"))


async def open_cards(pilot) -> None:
    """From home, as a learner: c."""
    await settle(pilot)
    await press(pilot, "c")
    assert isinstance(pilot.app.screen, CardsScreen)


def shown_ids(app) -> list[str]:
    table = app.screen.query_one("#cards-table", DataTable)
    return [str(table.get_row_at(n)[0]) for n in range(table.row_count)]


async def test_c_lists_the_cards_and_s_suspends_then_unsuspends(tmp_path):
    db = tmp_path / "q.db"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_cards(pilot)
        rows = app.screen.rows
        assert rows and shown_ids(app) == [row.item_id for row in rows]
        first = rows[0]
        await press(pilot, "s")
        held = queues(db)
        assert all(
            held[row.item_id] == Queue.SUSPENDED
            for row in rows
            if row.card_id == first.card_id
        )
        assert app.screen.shown[0].state == "suspended"
        assert any(
            f"Suspended {first.card_id}" in n.message for n in app._notifications
        )
        await press(pilot, "s")
        assert Queue.SUSPENDED not in queues(db).values()
        assert app.screen.shown[0].state == "new"
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_filter_box_narrows_the_list_and_escape_clears_it(tmp_path):
    app = make_app(tmp_path / "q.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        everything = shown_ids(app)
        await press(pilot, "down", "s")  # suspend the second row's card
        suspended = app.screen.shown[1].card_id
        await press(pilot, "slash", *"suspended")
        assert app.screen.query_one("#cards-filter", Input).has_focus
        assert shown_ids(app) and all(i.startswith(suspended) for i in shown_ids(app))
        assert "of" in str(app.screen.query_one("#cards-count", Static).render())
        await press(pilot, "enter")  # back to the list: s works again
        await press(pilot, "s")
        assert shown_ids(app) == []  # unsuspended: no longer matches the filter
        await press(pilot, "escape")
        assert shown_ids(app) == everything
        assert isinstance(app.screen, CardsScreen)


async def test_enter_shows_the_card_with_its_review_history(tmp_path):
    db = tmp_path / "q.db"
    app = make_app(db, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        studied = question(app).item
        await answer(pilot, right=False)
        app.go_home()
        await settle(pilot)
        await press(pilot, "c")
        ids = shown_ids(app)
        for _ in range(ids.index(studied.item_id)):
            await press(pilot, "down")
        await press(pilot, "enter")
        assert isinstance(app.screen, CardScreen)
        assert app.screen.row.card_id == studied.card.id
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert studied.card.explain.split()[0] in text
        history = app.screen.query_one("#card-history", DataTable)
        assert history.row_count == 1
        day, item, grade = (str(cell) for cell in history.get_row_at(0)[:3])
        assert day == "2026-11-23" and item == studied.item_id and int(grade) < 3
        await press(pilot, "escape")
        assert isinstance(app.screen, CardsScreen)


async def test_a_card_suspended_while_studying_comes_back_from_the_cards_screen(
    tmp_path,
):
    db = tmp_path / "q.db"
    app = make_app(db, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        suspended = question(app).item
        await press(pilot, "s")
        assert any("press u to undo" in n.message for n in app._notifications)
        app.go_home()
        await settle(pilot)
        await press(pilot, "c", "slash", *"suspended", "enter")
        assert shown_ids(app) and all(
            i.startswith(suspended.card.id) for i in shown_ids(app)
        )
        await press(pilot, "s", "escape", "escape")
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "a")
        assert isinstance(app.screen, StudyScreen)
        assert suspended.item_id in {i.item_id for i in app.backend._session.upcoming()}
    assert Queue.SUSPENDED not in queues(db).values()


async def test_deck_text_on_the_cards_screens_is_literal(tmp_path):
    app = make_app(tmp_path / "q.db", decks=(MIXED, UNTRUSTED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "c", "slash", *"u-basic", "enter", "enter")
        assert isinstance(app.screen, CardScreen)
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "[@click=app.quit]x[/]" in text and "Answer: [/]" in text
        await pilot.click(Static, offset=(2, 2))
        await settle(pilot)
        assert app.is_running


def test_the_schedule_line_says_1_day_not_1_days():
    from datetime import date

    from quizhinge.browse import BrowseRow
    from quizhinge.cards import BasicCard
    from quizhinge.tui.screens.cards import schedule_line

    card = BasicCard("b", "beginner", "cues", "Why.", "d", front="Q", back="A")
    row = BrowseRow("b", "b", "d", "basic", "review", date(2026, 1, 2), 1, 2.5, 1, card)
    assert "interval 1 day, ease 2.50, 1 lapse." in schedule_line(row)
    assert "interval 6 days," in schedule_line(row._replace(interval=6))


def burst(app, *keys: str) -> None:
    """Queue the keys as a terminal read does: all at once, none handled yet
    (Pilot.press waits for the app to go idle after each key)."""
    for key in keys:
        event = events.Key(key, "/" if key == "slash" else key)
        event.set_sender(app)
        app.post_message(event)


async def test_keys_typed_fast_after_slash_go_into_the_filter(tmp_path):
    """A burst like `/su` (a terminal delivers it in one read) is all filter
    text: the s must not suspend the highlighted card on its way to the box."""
    db = tmp_path / "q.db"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_cards(pilot)
        burst(app, "slash", "s", "u")
        await settle(pilot)
        assert app.screen.query_one("#cards-filter", Input).value == "su"
        assert Queue.SUSPENDED not in queues(db).values()
        assert not any("Suspended" in n.message for n in app._notifications)
        await press(pilot, "slash")  # in the box, / is text again
        assert app.screen.query_one("#cards-filter", Input).value == "su/"


async def test_s_while_the_cards_load_does_not_stop_them_loading(tmp_path):
    """`cs` typed in one burst from home: the s finds no card to suspend yet,
    and the list still comes (it stayed on 'Loading…' for good)."""
    db = tmp_path / "q.db"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "c", "s")
        await settle(pilot)
        assert isinstance(app.screen, CardsScreen)
        assert shown_ids(app) == [row.item_id for row in app.screen.rows] != []
        assert "Loading" not in str(app.screen.query_one("#cards-count").render())
        assert Queue.SUSPENDED not in queues(db).values()


async def test_s_twice_in_one_burst_suspends_and_brings_the_card_back(tmp_path):
    """Each s toggles what the one before it left, even before the list
    shows the first: s s leaves the card as it was."""
    db = tmp_path / "q.db"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_cards(pilot)
        burst(app, "s", "s")
        await settle(pilot)
        assert Queue.SUSPENDED not in queues(db).values()
        burst(app, "s", "s", "s")
        await settle(pilot)
        assert list(queues(db).values()).count(Queue.SUSPENDED) >= 1
