"""Snapshots of every screen at 80x24 (pytest-textual-snapshot).

Deterministic: a fixed clock, a history seeded through the engine on a
temporary database, and choice/step order seeded by item and day. Update
them after a deliberate change with `pytest --snapshot-update`.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from support.clock import Clock
from support.tui import (
    START,
    answer,
    go_on,
    make_app,
    press,
    settle,
    type_keys,
)
from textual.widgets import Input

SIZE = (80, 24)


def test_home(snap_compare, db):
    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=settle)


def test_study_new_card_asked(snap_compare, tmp_path):
    app = make_app(tmp_path / "q.db", start="study", deck="basic")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_study_review_revealed_with_grades(snap_compare, db):
    async def reveal(pilot):
        await settle(pilot)
        await press(pilot, "space")

    # The day the trainer card next falls due, whatever the seeded history made it.
    with sqlite3.connect(db) as conn:
        (due,) = conn.execute(
            "SELECT s.due_day FROM schedule s JOIN items i ON i.id = s.item_id"
            " WHERE i.card_id = 't-trainer-hinge-ratio'"
        ).fetchone()
    clock = Clock(datetime.combine(date.fromisoformat(due), START.time()))
    app = make_app(db, start="study", deck="trainer", clock=clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=reveal)


def test_study_choice_answered_wrong(snap_compare, tmp_path):
    async def wrong(pilot):
        await answer(pilot, right=False)

    app = make_app(tmp_path / "q.db", start="study", deck="choice")
    assert snap_compare(app, terminal_size=SIZE, run_before=wrong)


def test_study_truefalse_asked(snap_compare, tmp_path):
    app = make_app(tmp_path / "q.db", start="study", deck="truefalse")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_study_typed_near_miss(snap_compare, tmp_path):
    async def near_miss(pilot):
        await settle(pilot)
        await press(pilot, *type_keys("Romanain deadlift"), "enter")

    app = make_app(tmp_path / "q.db", start="study", deck="typed")
    assert snap_compare(app, terminal_size=SIZE, run_before=near_miss)


def test_study_order_asked(snap_compare, tmp_path):
    app = make_app(tmp_path / "q.db", start="study", deck="order")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_study_redrill(snap_compare, tmp_path):
    async def redrill(pilot):
        await answer(pilot, right=False)
        await go_on(pilot)

    app = make_app(tmp_path / "q.db", start="study", deck="basic")
    assert snap_compare(app, terminal_size=SIZE, run_before=redrill)


def test_summary(snap_compare, tmp_path):
    async def session(pilot):
        clock = pilot.app.now
        for right in (True, False, True):
            clock.advance(seconds=9)
            await answer(pilot, right=right)
            await go_on(pilot)
        if isinstance(pilot.app.focused, Input):  # a typed card: leave its box
            await press(pilot, "escape")
        await press(pilot, "q")

    app = make_app(tmp_path / "q.db", start="study")
    assert snap_compare(app, terminal_size=SIZE, run_before=session)


def test_stats(snap_compare, db):
    async def stats(pilot):
        await settle(pilot)
        await press(pilot, "s")

    assert snap_compare(make_app(db), terminal_size=SIZE, run_before=stats)


def test_help(snap_compare, tmp_path):
    async def help_screen(pilot):
        await settle(pilot)
        await press(pilot, "question_mark")

    assert snap_compare(
        make_app(tmp_path / "q.db"), terminal_size=SIZE, run_before=help_screen
    )


def test_start_is_fixed():
    """The snapshots assume this day; a change here means updating them."""
    assert START.date().isoformat() == "2026-11-23"


def test_study_in_a_light_theme(snap_compare, tmp_path):
    async def light(pilot):
        pilot.app.theme = "textual-light"
        await settle(pilot)
        # On a card (a deck with none due today showed home instead)
        assert pilot.app.screen.question is not None
        await press(pilot, "space")
        assert pilot.app.screen.question.revealed

    app = make_app(tmp_path / "fresh.db", start="study", deck="basic")
    assert snap_compare(app, terminal_size=SIZE, run_before=light)
