"""Undo takes back the last action of any kind, and what a session says always
matches the database.

Every sequence of actions (answer right, answer wrong so the card is
re-drilled, suspend, undo) is walked, and after each step the session's claims
are checked against the file: what it will ask and how it labels each card
(new, review, re-drill), what an answer said it scheduled, and today's
new-card limit.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from support.clock import Clock
from support.engine import NOON, basic, catalog_of
from support.tui import make_app, press, question, settle

from quizhinge.session import StudySession
from quizhinge.store import Queue, Store

D = date(2026, 3, 2)  # the Clock's study day
NEW_PER_DAY = 2
CARDS = [basic(name) for name in ("due", "failed", "n1", "n2", "n3", "n4")]
ACTIONS = ("answer", "re-drill", "suspend", "undo")


def fresh_session(store: Store) -> StudySession:
    """Today: one review due, one card failed earlier today (a re-drill
    waiting), four new cards of which the limit lets two in."""
    catalog = catalog_of(*CARDS)
    store.cards.sync(catalog)
    store.profiles.set_setting("me", "new_per_day", str(NEW_PER_DAY))
    pid = store.profiles.get("me").id
    store.schedule.record_answer(pid, "due", 4, 2, D - timedelta(days=1), NOON)
    store.schedule.record_answer(pid, "failed", 4, 2, D - timedelta(days=3), NOON)
    store.schedule.record_answer(pid, "failed", 1, 2, D, NOON)
    return StudySession(store, catalog, "me", now=Clock(NOON))


def schedule(store: Store) -> dict[str, tuple[int, str | None, str | None, int]]:
    rows = store.conn.execute(
        "SELECT item_id, queue, due_day, last_day, interval FROM schedule"
    )
    return {row[0]: tuple(row[1:]) for row in rows}


def check_claims(store: Store, session: StudySession) -> None:
    """Every card the session will ask is labelled as the database holds it."""
    rows = schedule(store)
    for item in session.upcoming():
        queue, due, last, _ = rows[item.item_id]
        where = f"{item.item_id} ({'re-drill' if item.redrill else ''})"
        assert queue != Queue.SUSPENDED, f"{where}: asked, but suspended in the file"
        if item.redrill:
            assert last == D.isoformat(), f"{where}: a re-drill not answered today"
        elif item.is_new:
            assert queue == Queue.NEW, f"{where}: 'new' but not new in the file"
        else:
            assert queue == Queue.REVIEW and due <= D.isoformat(), where
            assert last != D.isoformat(), f"{where}: 'review' but answered today"
    introduced = sum(
        a.was_new and not a.redrill for a in store.schedule.answers_on(1, D)
    )
    assert introduced + session.counts().new <= NEW_PER_DAY, "over new-per-day"
    restarted = StudySession(store, session.catalog, "me", now=Clock(NOON))
    planned = {(i.item_id, i.redrill) for i in restarted.upcoming()}
    assert {(i.item_id, i.redrill) for i in session.upcoming()} <= planned


def act(store: Store, session: StudySession, action: str) -> None:
    item = session.current()
    if action == "undo":
        session.undo()
        return
    if item is None:
        return
    if action == "suspend":
        session.suspend()
        return
    result = session.answer(5 if action == "answer" else 1, 2.0)
    queue, due, _, interval = schedule(store)[item.item_id]
    assert result.redrill == item.redrill, f"{item.item_id}: re-drill label"
    assert queue != Queue.SUSPENDED
    assert (result.due.isoformat(), result.interval) == (due, interval), (
        f"{item.item_id}: the answer said due {result.due}, the file says {due}"
    )


@pytest.mark.parametrize(
    "actions",
    [
        *itertools.product(ACTIONS, repeat=2),
        *(("answer", *pair) for pair in itertools.product(ACTIONS, repeat=2)),
        *(("re-drill", *pair) for pair in itertools.product(ACTIONS, repeat=2)),
        ("answer", "answer", "answer", "re-drill", "suspend", "undo", "re-drill"),
    ],
    ids="-".join,
)
def test_every_sequence_of_actions_keeps_the_session_true_to_the_file(
    tmp_path, actions
):
    with Store.open(tmp_path / "q.db") as store:
        session = fresh_session(store)
        check_claims(store, session)
        for action in actions:
            act(store, session, action)
            check_claims(store, session)


def test_undo_takes_back_a_suspension_then_the_answer_before_it(tmp_path):
    with Store.open(tmp_path / "q.db") as store:
        session = fresh_session(store)
        assert session.current().item_id == "due"
        session.answer(5, 2.0)
        assert session.current().item_id == "n1"
        session.suspend()
        assert schedule(store)["n1"][0] == Queue.SUSPENDED
        assert session.last_action() == "suspension"
        assert session.undo().item_id == "n1"  # the suspension, not the answer
        assert schedule(store)["n1"][0] == Queue.NEW
        assert session.current().is_new
        assert session.undo().item_id == "due"  # then the answer
        assert schedule(store)["due"][3] == 1  # its old interval again
        assert session.undo() is None


async def test_suspend_then_undo_on_the_study_screen(tmp_path):
    """The issue's steps: answer a card, suspend the next, press u."""
    from support.tui import MIXED, answer

    app = make_app(tmp_path / "q.db", (MIXED,), start="study")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer(pilot, right=True)
        await press(pilot, "space")  # on to the next card (if feedback shows)
        await settle(pilot)
        second = question(app).item
        await press(pilot, "s")
        notices = [n.message for n in app._notifications]
        assert any(m == "Card suspended: press u to undo." for m in notices)
        assert question(app).item.card.id != second.card.id
        await press(pilot, "u")
        assert question(app).item == second  # the suspended card, not the answer
        assert any("Undone" in n.message for n in app._notifications)
    with Store.open(tmp_path / "q.db") as store:
        queue = {
            row[0]: row[1]
            for row in store.conn.execute("SELECT item_id, queue FROM schedule")
        }
        answered = store.conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
    assert queue[second.item_id] != Queue.SUSPENDED
    assert answered == 1  # the first answer still stands


async def test_suspending_the_last_card_can_be_undone_from_the_summary(tmp_path):
    """The notice says "press u to undo" as the summary opens: u there brings
    the card back and goes on with the session."""
    from support.tui import answer

    from quizhinge.tui.screens.study import StudyScreen
    from quizhinge.tui.screens.summary import SummaryScreen

    app = make_app(tmp_path / "q.db", start="study", deck="basic")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        while sum(app.screen.step.counts[:3]) > 1:  # up to the last card
            await answer(pilot, right=True)
        last = question(app).item
        done = app.screen.step.counts.answered
        await press(pilot, "s")
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, "u")
        assert isinstance(app.screen, StudyScreen)
        assert question(app).item == last  # asked again
        await answer(pilot, right=True)
        assert isinstance(app.screen, SummaryScreen)
        summary = str(app.screen.query_one("#summary").render())
        assert f"Cards answered  {done + 1}" in summary
    with Store.open(tmp_path / "q.db") as store:
        queue = dict(store.conn.execute("SELECT item_id, queue FROM schedule"))
    assert queue[last.item_id] == Queue.REVIEW  # answered, not suspended
