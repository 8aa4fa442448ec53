"""A study session on chosen cards: the exam's "study these now"."""

from __future__ import annotations

from datetime import UTC, datetime

from support.clock import Clock
from support.exam_cards import write_exam_deck
from support.tui import START, make_app, press, settle
from test_exam_screens import answer_current_right

from quizhinge.catalog import load_catalog
from quizhinge.exam import ExamPlan
from quizhinge.session import StudySession
from quizhinge.store import Store
from quizhinge.tui.screens.exam import ExamResultsScreen
from quizhinge.tui.screens.study import StudyScreen
from quizhinge.tui.widgets.study_header import StudyHeader

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SIZE = (80, 24)


def test_a_session_on_chosen_cards_asks_just_those_due_or_not(tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks)
    catalog = load_catalog([decks])
    with Store.open(tmp_path / "q.db") as store:
        store.cards.sync(catalog)
        store.profiles.set_setting(
            "ann", "new_per_day", "0"
        )  # a normal session: nothing
        assert StudySession(store, catalog, "ann", now=lambda: T0).current() is None
        profile = store.profiles.get("ann")
        store.schedule.suspend(profile.id, "faults-typed-1")
        chosen = ["faults-order-0", "cues-choice-1", "faults-typed-1", "gone-card"]
        session = StudySession(store, catalog, "ann", card_ids=chosen, now=lambda: T0)
        asked = [item.card.id for item in session.upcoming()]
        assert asked == ["faults-order-0", "cues-choice-1"]  # in order, none else
        assert session.counts().new == 2
        result = session.answer(5, 2.0)  # schedules as usual
        assert result.interval == 1 and not result.redrill
        session.answer(2, 2.0)  # a miss comes back, SM-2 step 7
        assert session.current().card.id == "cues-choice-1"
        assert session.current().redrill


async def test_study_these_now_opens_a_session_on_the_missed_cards(tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks)
    db = tmp_path / "q.db"
    plan = ExamPlan(questions=3, minutes=5, seed=2)
    app = make_app(db, (decks,), start="exam", exam_plan=plan, clock=Clock(START))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        exam = app.screen.exam
        await answer_current_right(pilot, exam)  # 1 right, 2 missed
        await press(pilot, "ctrl+s", "y")
        assert isinstance(app.screen, ExamResultsScreen)
        missed = app.screen.result.missed_card_ids()
        assert len(missed) == 2
        await press(pilot, "s")
        assert isinstance(app.screen, StudyScreen)
        step = app.screen.step
        assert step.item.card.id == missed[0]
        assert step.counts.new + step.counts.due == 2
        assert "Missed in the exam: 2 cards" in app.screen.query_one(StudyHeader).text()


def test_a_chosen_card_answered_today_is_asked_as_the_re_drill_it_is(tmp_path):
    """After an exam, "study these now" on a card already answered today: the
    badge must not say "review" when the answer will be logged as a re-drill."""
    decks = tmp_path / "decks"
    write_exam_deck(decks)
    catalog = load_catalog([decks])
    with Store.open(tmp_path / "q.db") as store:
        store.cards.sync(catalog)
        today = StudySession(store, catalog, "ann", now=lambda: T0)
        first = today.current()
        today.answer(5, 2.0)  # scheduled today: tomorrow's review
        chosen = [first.card.id]
        session = StudySession(store, catalog, "ann", card_ids=chosen, now=lambda: T0)
        item = session.current()
        assert item.redrill and not item.is_new
        assert session.counts().redrill == 1 and session.counts().due == 0
        assert set(session.preview().values()) == {1}  # the schedule stays
        result = session.answer(5, 2.0)
        assert result.redrill == item.redrill
        assert result.interval == 1
