"""The app's error path: every problem with the database file reaches the
learner as a message, never a traceback.

A busy file (another quizhinge holds the write lock) and a refused undo are
said in a notice and the app goes on; a read-only file, a full disk or a
damaged file end the app with the message printed on exit. An answer that
could not be saved is said to be unsaved, and every earlier answer stays.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from support.tui import answer, make_app, press, question, settle

from quizhinge import store as store_module
from quizhinge.store import Store, StoreError
from quizhinge.store.profiles import Profiles
from quizhinge.store.schedule import Schedule

NOT_SAVED = "Your last answer was not saved; every answer before it is."


def answers_in(db: Path) -> int:
    with Store.open(db) as store:
        return store.conn.execute("SELECT count(*) FROM reviews").fetchone()[0]


def failing(kind: str, message: str):
    def fail(*_args, **_kwargs):
        raise StoreError(f"/x/q.db: {message}", kind)

    return fail


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("readonly", "cannot write there (a read-only location?); nothing was saved"),
        ("full", "the disk is full; nothing was saved"),
        ("damaged", "the database file is damaged. Restore a backup copy"),
    ],
)
async def test_an_answer_that_cannot_be_saved_ends_the_app_saying_so(
    tmp_path, monkeypatch, kind, message
):
    db = tmp_path / "q.db"
    app = make_app(db, start="study")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await answer(pilot, right=True)  # saved
        await press(pilot, "space")
        monkeypatch.setattr(Schedule, "record_answer", failing(kind, message))
        await answer(pilot, right=True)  # not saved
    assert app.return_code == 1
    joined = f"{message} " if message.endswith(".") else f"{message}. "
    assert app.error_message == f"/x/q.db: {joined}{NOT_SAVED}"
    monkeypatch.undo()
    assert answers_in(db) == 1  # the first answer is kept


async def test_a_busy_file_says_the_answer_was_not_saved_and_asks_it_again(
    tmp_path, monkeypatch
):
    db = tmp_path / "q.db"
    app = make_app(db, start="study")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        first = question(app)
        assert first is not None
        monkeypatch.setattr(
            Schedule,
            "record_answer",
            failing("busy", "the database is busy; try again"),
        )
        await answer(pilot, right=True)
        assert app.return_code is None and app.is_running
        assert any(NOT_SAVED in text for text in notices(app))
        again = question(app)  # asked afresh (in the same widget, loaded again)
        assert again is not None and not again.answered
        assert again.item.item_id == first.item.item_id
        assert not getattr(again, "revealed", False)
        monkeypatch.undo()
        await answer(pilot, right=True)  # now it saves
    assert answers_in(db) == 1


async def test_a_write_lock_held_by_another_process_is_busy_not_a_crash(
    tmp_path, monkeypatch
):
    db = tmp_path / "q.db"
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.2)
    app = make_app(db, start="study")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # as a second sqlite3 process would
        try:
            await answer(pilot, right=True)
            assert app.is_running
            assert any("busy" in text and NOT_SAVED in text for text in notices(app))
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        await answer(pilot, right=True)
    assert app.return_code in (None, 0)
    assert answers_in(db) == 1


async def test_a_refused_undo_says_why_and_the_app_goes_on(tmp_path, monkeypatch):
    app = make_app(tmp_path / "q.db", start="study")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await answer(pilot, right=True)
        await press(pilot, "space")
        monkeypatch.setattr(
            Schedule,
            "undo_answer",
            failing(
                "refused",
                "that answer can no longer be undone: the card was answered again"
                " elsewhere",
            ),
        )
        await press(pilot, "u")
        assert app.is_running
        assert any("can no longer be undone" in text for text in notices(app))
        assert question(app) is not None


async def test_a_failure_on_the_home_screen_ends_the_app_with_the_message(
    tmp_path, monkeypatch
):
    app = make_app(tmp_path / "q.db", start="home")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(
            Profiles,
            "set_setting",
            failing("full", "the disk is full; nothing was saved"),
        )
        await press(pilot, "l")
    assert app.return_code == 1
    assert app.error_message == (
        "/x/q.db: the disk is full; nothing was saved. The level was not changed."
    )


async def test_a_damaged_page_read_before_the_check_is_a_message(tmp_path, monkeypatch):
    """SQLite's own error from a read (not a StoreError) goes the same way."""
    app = make_app(tmp_path / "q.db", start="study")

    def malformed(*_args, **_kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Schedule, "record_answer", malformed)
        await answer(pilot, right=True)
    assert app.return_code == 1
    assert "the database file is damaged" in (app.error_message or "")
    assert NOT_SAVED in (app.error_message or "")
