"""Every rule of today's queue, re-drills, undo, suspend and leeches."""

from datetime import date, datetime, timedelta

import pytest
from support.clock import Clock
from support.engine import NOON, ZONE, basic, catalog_of, cloze, definition

from quizhinge.session import StudySession, deck_overview, study_day
from quizhinge.store import Store

D = date(2026, 3, 2)  # the Clock's first study day


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "q.db") as store:
        yield store


def start(store, *cards, clock=None, deck=None, topic=None, **settings):
    catalog = catalog_of(*cards)
    store.cards.sync(catalog)
    for key, value in settings.items():
        store.profiles.set_setting("me", key, str(value))
    return StudySession(
        store, catalog, "me", deck=deck, topic=topic, now=clock or Clock(NOON)
    )


def ids(session):
    return [item.item_id for item in session.upcoming()]


def answered_on(store, item, day, grade=4):
    """Answer an item directly in the store, on a given study day."""
    pid = store.profiles.get("me").id
    return store.schedule.record_answer(pid, item, grade, 3.0, day, NOON)


def log(store):
    return store.conn.execute(
        "SELECT item_id, grade, redrill FROM reviews ORDER BY id"
    ).fetchall()


# -- building the queue ----------------------------------------------------------


def test_due_reviews_come_first_most_overdue_first_then_new(store):
    cards = [basic(n) for n in ("a", "b", "c", "n1", "n2")]
    start(store, *cards)
    answered_on(store, "a", D - timedelta(days=5))  # due D-4
    answered_on(store, "b", D - timedelta(days=2))  # due D-1
    answered_on(store, "c", D - timedelta(days=10))  # due D-9
    session = start(store, *cards)
    assert ids(session)[:3] == ["c", "a", "b"]
    assert sorted(ids(session)[3:]) == ["n1", "n2"]
    assert session.counts().due == 3 and session.counts().new == 2


def test_reviews_not_yet_due_wait(store):
    start(store, basic("a"))
    answered_on(store, "a", D)  # due tomorrow
    assert ids(start(store, basic("a"))) == []


def test_new_cards_per_day_minus_those_introduced_today(store):
    cards = [basic(f"n{i}") for i in range(6)]
    session = start(store, *cards, new_per_day=3)
    first_three = ids(session)
    assert len(first_three) == 3
    session.answer(5, 1)
    session.answer(5, 1)
    again = start(store, *cards)
    assert ids(again) == first_three[2:]


def test_the_whole_queue_is_capped_by_reviews_per_day(store):
    cards = [basic(f"c{i}") for i in range(5)]
    start(store, *cards)
    for name in ("c0", "c1", "c2"):
        answered_on(store, name, D - timedelta(days=3))
    session = start(store, *cards, reviews_per_day=4)
    assert sorted(ids(session)[:3]) == ["c0", "c1", "c2"] and len(ids(session)) == 4
    session.answer(4, 1)
    # Earlier answers today count against the cap too.
    assert len(ids(start(store, *cards))) == 3


def test_re_drills_are_not_capped_by_reviews_per_day(store):
    """As Anki does not cap relearning: a card missed today is asked again
    even when the day's reviews are used up (README: How cards are scheduled)."""
    cards = [basic(f"c{i}") for i in range(3)]
    session = start(store, *cards, reviews_per_day=2)
    assert ids(session) == ["c0", "c1"]
    session.answer(1, 1)
    session.answer(1, 1)
    assert ids(session) == ["c0", "c1"]  # the cap is used up: re-drills still come
    session.answer(2, 1)
    session.answer(4, 1)
    assert ids(session) == ["c0"]
    again = start(store, *cards)  # a restart plans the same
    assert ids(again) == ["c0"] and again.counts().redrill == 1
    again.answer(5, 1)
    assert again.current() is None
    assert [row[2] for row in log(store)] == [0, 0, 1, 1, 1]


def test_a_beginner_sees_beginner_cards_and_a_trainer_all(store):
    cards = [basic("easy"), basic("hard", level="trainer")]
    assert ids(start(store, *cards)) == ["easy"]
    assert sorted(ids(start(store, *cards, level="trainer"))) == ["easy", "hard"]


def test_deck_and_topic_filters(store):
    cards = [
        basic("a", deck="d1", topic="cues"),
        basic("b", deck="d2", topic="cues"),
        basic("c", deck="d2", topic="faults"),
    ]
    assert sorted(ids(start(store, *cards, deck="d2"))) == ["b", "c"]
    assert sorted(ids(start(store, *cards, topic="cues"))) == ["a", "b"]
    assert ids(start(store, *cards, deck="d2", topic="cues")) == ["b"]


def test_the_study_day_starts_at_the_configured_hour():
    late = datetime(2026, 3, 3, 2, 30, tzinfo=ZONE)
    assert study_day(late, 4) == date(2026, 3, 2)
    assert study_day(late, 0) == date(2026, 3, 3)
    assert study_day(datetime(2026, 3, 3, 4, 0, tzinfo=ZONE), 4) == date(2026, 3, 3)


def test_after_midnight_is_still_the_evening_before(store):
    clock = Clock(datetime(2026, 3, 2, 23, 0, tzinfo=ZONE))
    session = start(store, basic("a"), clock=clock)
    assert session.answer(4, 2).due == date(2026, 3, 3)
    clock.advance(hours=3)  # 02:00: same study day, nothing due
    assert ids(start(store, basic("a"), clock=clock)) == []
    clock.advance(hours=3)  # 05:00: a new study day
    assert ids(start(store, basic("a"), clock=clock)) == ["a"]


def test_day_start_hour_is_a_setting(store):
    clock = Clock(datetime(2026, 3, 3, 2, 0, tzinfo=ZONE))
    assert start(store, basic("a"), clock=clock).today == date(2026, 3, 2)
    assert start(
        store, basic("a"), clock=clock, day_start_hour=0
    ).today == D + timedelta(1)


# -- SM-2 step 7: re-drills ----------------------------------------------------


def test_items_graded_below_4_come_back_until_4_or_5_without_rescheduling(store):
    session = start(store, basic("a"), basic("b"), basic("c"))
    first = [session.answer(g, 2) for g in (2, 3, 5)]  # a, b, c
    assert [r.will_redrill for r in first] == [True, True, False]
    assert ids(session) == ["a", "b"]
    assert all(item.redrill for item in session.upcoming())
    session.answer(3, 2)  # a again: still below 4, comes back again
    session.answer(4, 2)  # b: done
    assert ids(session) == ["a"]
    last = session.answer(5, 2)
    assert last.redrill and last.interval == 1
    assert session.current() is None
    assert log(store) == [
        ("a", 2, 0),
        ("b", 3, 0),
        ("c", 5, 0),
        ("a", 3, 1),
        ("b", 4, 1),
        ("a", 5, 1),
    ]
    pid = session.profile.id
    a, b = store.schedule.items_by_id(pid, ["a", "b"])
    assert (a.state.repetitions, a.state.easiness_hundredths, a.lapses) == (0, 218, 0)
    assert (b.state.repetitions, b.state.easiness_hundredths) == (1, 236)


def test_pending_redrills_survive_a_restart(store):
    session = start(store, basic("a"), basic("b"))
    session.answer(1, 2)
    session.answer(5, 2)
    again = start(store, basic("a"), basic("b"))
    assert ids(again) == ["a"] and again.current().redrill


def test_a_redrill_never_counts_as_a_lapse(store):
    start(store, basic("a"))
    answered_on(store, "a", D - timedelta(days=1), grade=5)
    session = start(store, basic("a"))
    assert session.answer(0, 2).redrill is False
    for _ in range(3):
        session.answer(0, 2)
    (row,) = store.schedule.items_by_id(session.profile.id, ["a"])
    assert row.lapses == 1


# -- definition directions ------------------------------------------------------


def test_the_two_directions_of_a_definition_are_not_both_asked_one_day(store):
    clock = Clock(NOON)
    session = start(store, definition("d"), basic("b"), clock=clock)
    assert ids(session) == ["d#term", "b"]
    session.answer(5, 1)
    session.answer(5, 1)
    assert ids(start(store, definition("d"), basic("b"), clock=clock)) == []
    clock.advance(days=1)  # tomorrow: term is due, meaning is new; one of them
    assert ids(start(store, definition("d"), basic("b"), clock=clock)) == [
        "d#term",
        "b",
    ]


def test_two_gaps_of_one_cloze_are_not_both_asked_one_day(store):
    """The second gap would show the first one's answer in its text."""
    clock = Clock(NOON)
    gaps = cloze("z", "Knees {{c1::soft}}, hips {{c2::back}}.")
    session = start(store, gaps, basic("b"), clock=clock)
    assert ids(session) == ["z#c1", "b"]
    session.answer(5, 1)
    session.answer(5, 1)
    clock.advance(days=1)
    assert ids(start(store, gaps, basic("b"), clock=clock)) == ["z#c1", "b"]


def test_the_other_direction_follows_on_another_day(store):
    clock = Clock(NOON)
    session = start(store, definition("d"), clock=clock)
    session.answer(5, 1)
    clock.advance(days=1)
    session = start(store, definition("d"), clock=clock)
    session.answer(5, 1)  # term, due today
    clock.advance(days=1)
    assert ids(start(store, definition("d"), clock=clock)) == ["d#meaning"]


# -- undo ------------------------------------------------------------------------


def test_undo_several_levels_restores_schedule_log_and_queue(store):
    session = start(store, basic("a"), basic("b"), basic("c"))
    session.answer(5, 1)
    session.answer(2, 1)
    session.answer(4, 1)
    assert session.counts().answered == 3
    assert session.undo().item_id == "c"
    assert session.undo().item_id == "b"
    assert ids(session) == ["b", "c"]
    assert session.undo().item_id == "a"
    assert session.undo() is None  # nothing left to undo
    assert log(store) == []
    assert ids(session) == ["a", "b", "c"]
    pid = session.profile.id
    for row in store.schedule.items_by_id(pid, ["a", "b", "c"]):
        assert (row.queue, row.state.repetitions, row.last_day) == (0, 0, None)
    assert session.counts().answered == 0 and not session.can_undo()


def test_undoing_a_redrill_keeps_the_first_answer(store):
    session = start(store, basic("a"))
    session.answer(2, 1)
    session.answer(5, 1)  # the re-drill
    session.undo()
    assert log(store) == [("a", 2, 0)]
    assert session.current().redrill


# -- suspend and leeches ---------------------------------------------------------


def test_suspend_and_unsuspend(store):
    cards = (definition("d"), basic("b"))
    session = start(store, *cards)
    session.suspend()
    assert ids(session) == ["b"]
    assert ids(start(store, *cards)) == ["b"]
    assert store.schedule.suspended(session.profile.id) == ["d"]
    session.unsuspend("d")
    assert ids(start(store, *cards)) == ["d#term", "b"]


def test_a_suspended_review_keeps_its_schedule(store):
    session = start(store, basic("a"))
    session.answer(5, 1)
    session.suspend()  # nothing current: no-op
    pid = session.profile.id
    store.schedule.suspend(pid, "a")
    store.schedule.unsuspend(pid, "a")
    (row,) = store.schedule.items_by_id(pid, ["a"])
    assert (row.queue, row.state.repetitions, row.due_day) == (1, 1, D + timedelta(1))


def test_the_eighth_lapse_of_a_learned_card_flags_a_leech(store):
    start(store, basic("a"))
    day = D
    flags = []
    for _ in range(8):
        answered_on(store, "a", day, grade=4)
        day += timedelta(days=1)
        flags.append(answered_on(store, "a", day, grade=1).became_leech)
        day += timedelta(days=1)
    assert flags == [False] * 7 + [True]
    # Failing an item never learned is not a lapse.
    start(store, basic("a"), basic("b"))
    for n in range(9):
        answered_on(store, "b", D + timedelta(days=n), grade=0)
    pid = store.profiles.get("me").id
    assert [row.lapses for row in store.schedule.items_by_id(pid, ["a", "b"])] == [8, 0]


# -- overview ------------------------------------------------------------------


def test_deck_overview_counts_per_deck(store):
    cards = [
        basic("a", deck="d1"),
        basic("b", deck="d1"),
        definition("c", deck="d2"),  # one direction a day
        basic("e", deck="d3"),
    ]
    start(store, *cards)
    answered_on(store, "e", D - timedelta(days=1))  # due today
    session = start(store, *cards)

    def overview():
        found = deck_overview(store, session.catalog, "me", D)
        return [(d.deck_id, d.new, d.learning, d.due) for d in found]

    assert overview() == [("d1", 2, 0, 0), ("d2", 1, 0, 0), ("d3", 0, 0, 1)]
    session.answer(5, 1)  # e, the review, comes first
    start(store, *cards, deck="d1").answer(1, 1)  # a or b: re-drill pending
    assert overview() == [("d1", 1, 1, 0), ("d2", 1, 0, 0), ("d3", 0, 0, 0)]


def test_summary(store):
    session = start(store, basic("a"), basic("b"))
    session.answer(5, 2)
    session.answer(1, 3)
    session.answer(4, 4)
    summary = session.summary()
    assert (summary.answered, summary.correct, summary.redrills) == (3, 2, 1)
    assert summary.seconds == 9 and summary.due_tomorrow == 2
