"""The SQL of moving progress between quizhinge and Anki (store-side).

Three kinds of SQL live here, kept beside the store so that every SQL string
has one home (issue 14 moves this module under `quizhinge/store/`):

- reading an Anki collection (a SQLite file of Anki's, unpacked from an .apkg
  or .colpkg into a temporary folder): its schema version, notes, cards and
  review log;
- writing quizhinge's schedule and review log into the collection an export
  builds (`export --with-progress`);
- recording answers brought in from Anki in our own log, rewriting the log's
  derived columns and the schedule rows that a replay of the merged history
  gives, and keeping the record of every import.

The rules (what an answer does, how a history is replayed) are not here: they
are `store.answer_outcome` and `quizhinge.anki_progress`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import NamedTuple

from quizhinge.store import Outcome, Store, _day_text, _state_columns


class RevlogRow(NamedTuple):
    """One row of Anki's review log."""

    id: int  # the answer's time, in milliseconds since the epoch
    card_id: int
    ease: int  # the button: 1 Again, 2 Hard, 3 Good, 4 Easy; 0 none
    kind: int  # revlog.type: 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual...
    milliseconds: int  # time taken to answer


class AnkiCollection(NamedTuple):
    """What an import needs from an Anki collection."""

    version: int  # col.ver, Anki's schema version
    guids: dict[int, str]  # note id -> GUID
    cards: dict[int, tuple[int, int]]  # card id -> (note id, template ordinal)
    revlog: list[RevlogRow]


def read_collection(path: Path) -> AnkiCollection:
    """Read an Anki collection file, opened read-only.

    Raises sqlite3.DatabaseError for a file that is not a whole Anki
    collection (damaged, truncated, or without Anki's tables).
    """
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    # Anki's indexes sort names with its own collation; quick_check needs one.
    conn.create_collation("unicase", _unicase)
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("quick_check failed")
        (version,) = conn.execute("SELECT ver FROM col").fetchone()
        guids = dict(conn.execute("SELECT id, guid FROM notes"))
        cards = {
            row[0]: (row[1], row[2])
            for row in conn.execute("SELECT id, nid, ord FROM cards")
        }
        revlog = [
            RevlogRow(*row)
            for row in conn.execute(
                "SELECT id, cid, ease, type, time FROM revlog ORDER BY id"
            )
        ]
    finally:
        conn.close()
    return AnkiCollection(version, guids, cards, revlog)


def _unicase(left: str, right: str) -> int:
    a, b = left.casefold(), right.casefold()
    return (a > b) - (a < b)


# -- writing an exported collection's scheduling ----------------------------------


class AnkiCardSchedule(NamedTuple):
    """One Anki card's scheduling fields, as Anki keeps them."""

    ord: int  # the template ordinal, to find the card of a note
    guid: str  # the note's GUID
    queue: int  # 2 review, -1 suspended
    due: int  # day number, counted from the collection's creation day
    interval: int  # days
    factor: int  # ease, EF x 1000
    reps: int
    lapses: int


class AnkiRevlogEntry(NamedTuple):
    """One review log row to write for an exported card."""

    id: int  # answer time in ms; unique
    guid: str
    ord: int
    ease: int
    interval: int
    last_interval: int
    factor: int
    milliseconds: int
    kind: int


def write_schedule(
    conn: sqlite3.Connection,
    created: int,
    cards: Iterable[AnkiCardSchedule],
    revlog: Iterable[AnkiRevlogEntry],
) -> None:
    """Put quizhinge's schedule into a collection genanki has just written:
    review cards (type 2) with their due day, interval, ease, repetitions and
    lapses, and one revlog row per answer. `created` is the collection's
    creation time (seconds), from which Anki counts due days."""
    # schedVer 2: without it Anki takes the log for its old v1 scheduler's and
    # moves every learning answer up a button (Good would come back Easy).
    conn.execute(
        "UPDATE col SET crt = ?, conf = json_set(conf, '$.schedVer', 2)", (created,)
    )
    conn.executemany(
        "UPDATE cards SET type = 2, queue = ?, due = ?, ivl = ?, factor = ?,"
        " reps = ?, lapses = ?, left = 0 WHERE ord = ?"
        " AND nid = (SELECT id FROM notes WHERE guid = ?)",
        [
            (c.queue, c.due, c.interval, c.factor, c.reps, c.lapses, c.ord, c.guid)
            for c in cards
        ],
    )
    conn.executemany(
        "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
        " SELECT ?, c.id, -1, ?, ?, ?, ?, ?, ? FROM cards c"
        " JOIN notes n ON n.id = c.nid WHERE n.guid = ? AND c.ord = ?",
        [
            (
                r.id,
                r.ease,
                r.interval,
                r.last_interval,
                r.factor,
                r.milliseconds,
                r.kind,
                r.guid,
                r.ord,
            )
            for r in revlog
        ],
    )


class ScheduleExport(NamedTuple):
    """One studied item's schedule, for an export with progress."""

    item_id: str
    queue: int
    repetitions: int
    easiness: int  # hundredths
    interval: int
    due_day: date
    lapses: int


class ReviewExport(NamedTuple):
    """One logged answer, for an export with progress."""

    item_id: str
    answered_at: datetime
    grade: int
    seconds: float
    redrill: bool
    interval_before: int
    interval_after: int
    easiness_after: int  # hundredths
    repetitions_before: int
    anki_revlog_id: int | None


def studied_items(store: Store, profile_id: int) -> list[ScheduleExport]:
    """Every item this profile has answered (scheduled at least once)."""
    rows = store.conn.execute(
        "SELECT item_id, queue, repetitions, easiness, interval, due_day, lapses"
        " FROM schedule WHERE profile_id = ? AND last_day IS NOT NULL",
        (profile_id,),
    )
    return [
        ScheduleExport(r[0], r[1], r[2], r[3], r[4], date.fromisoformat(r[5]), r[6])
        for r in rows
    ]


def answers_for_export(store: Store, profile_id: int) -> list[ReviewExport]:
    """Every logged answer of the profile, oldest first."""
    rows = store.conn.execute(
        "SELECT item_id, answered_at, grade, seconds, redrill, interval_before,"
        " interval_after, easiness_after, repetitions_before, anki_revlog_id"
        " FROM reviews WHERE profile_id = ? ORDER BY answered_at, id",
        (profile_id,),
    )
    return [
        ReviewExport(
            r[0], datetime.fromisoformat(r[1]), r[2], r[3] or 0.0, bool(r[4]), *r[5:]
        )
        for r in rows
    ]


# -- recording an import in our log -------------------------------------------------


class LoggedAnswer(NamedTuple):
    """One answer of an item's history, logged already or about to be."""

    review_id: int | None  # None: an answer from Anki not yet in the log
    item_id: str
    answered_at: str  # UTC, ISO 8601 with milliseconds (sorts as time does)
    study_day: date
    grade: int
    seconds: float
    anki_revlog_id: int | None


class ReplayStep(NamedTuple):
    """One answer of a replayed history: the row before it, and what it did."""

    answer: LoggedAnswer
    queue_before: int
    state_before: tuple[int, int, int]  # repetitions, easiness, interval
    due_before: date | None
    last_day_before: date | None
    lapses_before: int
    outcome: Outcome


def known_revlog_ids(conn: sqlite3.Connection, profile_id: int) -> set[int]:
    """The Anki answers this profile's log already holds."""
    return {
        row[0]
        for row in conn.execute(
            "SELECT anki_revlog_id FROM reviews WHERE profile_id = ?"
            " AND anki_revlog_id IS NOT NULL",
            (profile_id,),
        )
    }


def answers_at(conn: sqlite3.Connection, profile_id: int, answered_at: str) -> int:
    """How many logged answers share one moment (UTC text, to the ms)."""
    row = conn.execute(
        "SELECT count(*) FROM reviews WHERE profile_id = ? AND answered_at = ?",
        (profile_id, answered_at),
    ).fetchone()
    return int(row[0])


def logged_answers(
    conn: sqlite3.Connection, profile_id: int, item_ids: Sequence[str]
) -> list[LoggedAnswer]:
    """Every logged answer of the given items."""
    found: list[LoggedAnswer] = []
    for start in range(0, len(item_ids), 500):
        chunk = list(item_ids[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        rows = conn.execute(
            "SELECT id, item_id, answered_at, study_day, grade, seconds,"
            f" anki_revlog_id FROM reviews WHERE profile_id = ? AND item_id IN"
            f" ({marks})",
            (profile_id, *chunk),
        )
        found.extend(
            LoggedAnswer(r[0], r[1], r[2], date.fromisoformat(r[3]), *r[4:])
            for r in rows
        )
    return found


def write_replay(
    conn: sqlite3.Connection, profile_id: int, steps: Sequence[ReplayStep]
) -> None:
    """Log the new answers and rewrite the derived columns of the old ones
    (re-drill flag, the row before and after), in the transaction open on
    `conn`."""
    for step in steps:
        answer, outcome = step.answer, step.outcome
        derived = (
            int(outcome.redrill),
            step.queue_before,
            *step.state_before,
            _day_text(step.due_before),
            _day_text(step.last_day_before),
            step.lapses_before,
            *_state_columns(outcome.state),
            _day_text(outcome.due_day),
        )
        if answer.review_id is None:
            conn.execute(
                "INSERT INTO reviews (profile_id, item_id, answered_at, study_day,"
                " grade, seconds, anki_revlog_id, redrill, queue_before,"
                " repetitions_before, easiness_before, interval_before, due_before,"
                " last_day_before, lapses_before, repetitions_after,"
                " easiness_after, interval_after, due_after) VALUES (?, ?, ?, ?,"
                " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    profile_id,
                    answer.item_id,
                    answer.answered_at,
                    answer.study_day.isoformat(),
                    answer.grade,
                    answer.seconds,
                    answer.anki_revlog_id,
                    *derived,
                ),
            )
        else:
            conn.execute(
                "UPDATE reviews SET redrill = ?, queue_before = ?,"
                " repetitions_before = ?, easiness_before = ?, interval_before = ?,"
                " due_before = ?, last_day_before = ?, lapses_before = ?,"
                " repetitions_after = ?, easiness_after = ?, interval_after = ?,"
                " due_after = ? WHERE id = ?",
                (*derived, answer.review_id),
            )


def write_schedule_row(
    conn: sqlite3.Connection, profile_id: int, item_id: str, outcome: Outcome
) -> None:
    """Set an item's schedule row to the end of its replayed history."""
    conn.execute(
        "UPDATE schedule SET queue = ?, repetitions = ?, easiness = ?,"
        " interval = ?, due_day = ?, last_day = ?, lapses = ?"
        " WHERE profile_id = ? AND item_id = ?",
        (
            outcome.queue,
            *_state_columns(outcome.state),
            _day_text(outcome.due_day),
            _day_text(outcome.last_day),
            outcome.lapses,
            profile_id,
            item_id,
        ),
    )


def record_import(
    conn: sqlite3.Connection,
    profile_id: int,
    file: str,
    reviews_added: int,
    items_rescheduled: int,
    when: datetime,
) -> None:
    conn.execute(
        "INSERT INTO anki_imports (profile_id, imported_at, file, reviews_added,"
        " items_rescheduled) VALUES (?, ?, ?, ?, ?)",
        (
            profile_id,
            when.astimezone(UTC).isoformat(timespec="milliseconds"),
            file,
            reviews_added,
            items_rescheduled,
        ),
    )


def last_import(store: Store, profile: str) -> datetime | None:
    """When this profile last imported progress from Anki (UTC), if ever."""
    row = store.conn.execute(
        "SELECT max(a.imported_at) FROM anki_imports a"
        " JOIN profiles p ON p.id = a.profile_id WHERE p.name = ?",
        (profile,),
    ).fetchone()
    return datetime.fromisoformat(row[0]) if row and row[0] else None
