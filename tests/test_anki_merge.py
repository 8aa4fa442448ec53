"""Merging is exact: terminal and phone answers, interleaved and imported at
any moments (and re-imported), leave the log and the schedule a single log
of the same answers would, every answer given in quizhinge."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from quizhinge.anki_progress import ImportedAnswer, Matched, merge
from quizhinge.catalog import load_catalog
from quizhinge.session import study_day
from quizhinge.store import Store

DECKS = Path(__file__).parent / "decks" / "mixed"
CATALOG = load_catalog([DECKS])
ITEMS = [
    "t-basic-hinge-vs-squat",
    "t-def-hip-hinge#term",
    "t-def-hip-hinge#meaning",
    "t-cloze-hinge-joint-actions#c1",
    "t-tf-fold-at-spine",
]
START = datetime(2026, 10, 1, 2, 0, tzinfo=UTC)
PHONE_GRADES = (1, 3, 4, 5)  # Again, Hard, Good, Easy

answers = st.lists(
    st.tuples(
        st.integers(0, len(ITEMS) - 1),  # item
        st.integers(0, 12 * 24 * 60),  # minutes after START: 12 days
        st.booleans(),  # on the phone?
        st.integers(0, 5),  # grade (on the phone, a button)
    ),
    min_size=1,
    max_size=40,
)


def columns(store: Store) -> tuple[list[tuple], list[tuple]]:
    """The schedule and the log as a learner's history: everything but ids."""
    schedule = store.conn.execute(
        "SELECT item_id, queue, repetitions, easiness, interval, due_day, last_day,"
        " lapses FROM schedule ORDER BY item_id"
    ).fetchall()
    log = store.conn.execute(
        "SELECT item_id, answered_at, study_day, grade, seconds, redrill,"
        " queue_before, repetitions_before, easiness_before, interval_before,"
        " due_before, last_day_before, lapses_before, repetitions_after,"
        " easiness_after, interval_after, due_after"
        " FROM reviews ORDER BY answered_at, item_id"
    ).fetchall()
    return schedule, log


def fresh_store(folder: Path, name: str) -> tuple[Store, int, int]:
    store = Store.open(folder / name)
    store.cards.sync(CATALOG)
    profile = store.profiles.get("default")
    return store, profile.id, profile.settings.day_start_hour


@settings(max_examples=80, deadline=None)
@given(events=answers, imports=st.sets(st.integers(0, 40), max_size=4))
# a phone answer 1 ms after a terminal one is the phone's, not ours come back
@example(events=[(0, 0, False, 0), (0, 0, True, 0)], imports=set())
def test_merged_history_schedules_as_a_single_log(events, imports):
    timeline = []
    for n, (item, minutes, phone, grade) in enumerate(
        sorted(events, key=lambda e: e[1])
    ):
        # distinct moments, to the millisecond as both logs keep them
        moment = START + timedelta(minutes=minutes, milliseconds=n)
        if phone:
            grade = PHONE_GRADES[grade % 4]
        timeline.append((ITEMS[item], moment, phone, grade))
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        single, single_id, hour = fresh_store(folder, "single.db")
        merged, merged_id, _ = fresh_store(folder, "merged.db")
        with single, merged:
            profile = merged.profiles.get("default")
            phone_log: list[ImportedAnswer] = []

            def import_phone() -> None:
                matched = Matched(tuple(phone_log), 1, 0, 0, 0)
                merge(merged, profile, matched, "phone.apkg")

            for n, (item, moment, phone, grade) in enumerate(timeline):
                day = study_day(moment.astimezone(), hour)
                single.schedule.record_answer(single_id, item, grade, 2.0, day, moment)
                if phone:
                    revlog_id = int(moment.timestamp() * 1000)
                    phone_log.append(
                        ImportedAnswer(revlog_id, item, moment, grade, 2.0)
                    )
                else:
                    merged.schedule.record_answer(
                        merged_id, item, grade, 2.0, day, moment
                    )
                if n in imports:
                    import_phone()  # the phone's whole log so far, again
            import_phone()
            import_phone()  # once more: adds nothing
            assert columns(merged) == columns(single)
            anki_rows = merged.conn.execute(
                "SELECT count(*) FROM reviews WHERE anki_revlog_id IS NOT NULL"
            ).fetchone()[0]
            assert anki_rows == len(phone_log)
