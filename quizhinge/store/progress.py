"""Moving progress between quizhinge and Anki: our database's side.

- For `export --with-progress`: every studied item's schedule and every
  logged answer, read out.
- For `import-progress`: which Anki answers the log holds already, the
  answers of the items an import touches, the log rows of a replayed history
  (new answers logged, old ones' derived columns rewritten), and the record
  of every import (`anki_imports`).

The rules (what an answer does, how a history is replayed) are not here:
they are `store.schedule.answer_outcome` and `quizhinge.anki_progress`.
Writes run in the transaction the caller holds open on the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from quizhinge.store.schedule import Outcome
from quizhinge.store.values import day_text, state_columns, utc_text

if TYPE_CHECKING:
    from quizhinge.store import Store


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


class Progress:
    """The log's side of Anki exports and imports (`store.progress`)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # -- for an export ---------------------------------------------------------------

    def studied_items(self, profile_id: int) -> list[ScheduleExport]:
        """Every item this profile has answered (scheduled at least once)."""
        rows = self._store.conn.execute(
            "SELECT item_id, queue, repetitions, easiness, interval, due_day, lapses"
            " FROM schedule WHERE profile_id = ? AND last_day IS NOT NULL",
            (profile_id,),
        )
        return [
            ScheduleExport(r[0], r[1], r[2], r[3], r[4], date.fromisoformat(r[5]), r[6])
            for r in rows
        ]

    def answers_for_export(self, profile_id: int) -> list[ReviewExport]:
        """Every logged answer of the profile, oldest first."""
        rows = self._store.conn.execute(
            "SELECT item_id, answered_at, grade, seconds, redrill, interval_before,"
            " interval_after, easiness_after, repetitions_before, anki_revlog_id"
            " FROM reviews WHERE profile_id = ? ORDER BY answered_at, id",
            (profile_id,),
        )
        return [
            ReviewExport(
                r[0],
                datetime.fromisoformat(r[1]),
                r[2],
                r[3] or 0.0,
                bool(r[4]),
                *r[5:],
            )
            for r in rows
        ]

    # -- for an import ---------------------------------------------------------------

    def known_revlog_ids(self, profile_id: int) -> set[int]:
        """The Anki answers this profile's log already holds."""
        return {
            row[0]
            for row in self._store.conn.execute(
                "SELECT anki_revlog_id FROM reviews WHERE profile_id = ?"
                " AND anki_revlog_id IS NOT NULL",
                (profile_id,),
            )
        }

    def answers_at(self, profile_id: int, answered_at: str) -> int:
        """How many logged answers share one moment (UTC text, to the ms)."""
        row = self._store.conn.execute(
            "SELECT count(*) FROM reviews WHERE profile_id = ? AND answered_at = ?",
            (profile_id, answered_at),
        ).fetchone()
        return int(row[0])

    def logged_answers(
        self, profile_id: int, item_ids: Sequence[str]
    ) -> list[LoggedAnswer]:
        """Every logged answer of the given items."""
        found: list[LoggedAnswer] = []
        for start in range(0, len(item_ids), 500):
            chunk = list(item_ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            rows = self._store.conn.execute(
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

    def write_replay(self, profile_id: int, steps: Sequence[ReplayStep]) -> None:
        """Log the new answers and rewrite the derived columns of the old ones
        (re-drill flag, the row before and after)."""
        conn = self._store.conn
        for step in steps:
            answer, outcome = step.answer, step.outcome
            derived = (
                int(outcome.redrill),
                step.queue_before,
                *step.state_before,
                day_text(step.due_before),
                day_text(step.last_day_before),
                step.lapses_before,
                *state_columns(outcome.state),
                day_text(outcome.due_day),
            )
            if answer.review_id is None:
                conn.execute(
                    "INSERT INTO reviews (profile_id, item_id, answered_at, study_day,"
                    " grade, seconds, anki_revlog_id, redrill, queue_before,"
                    " repetitions_before, easiness_before, interval_before,"
                    " due_before, last_day_before, lapses_before, repetitions_after,"
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
                    " repetitions_before = ?, easiness_before = ?,"
                    " interval_before = ?, due_before = ?, last_day_before = ?,"
                    " lapses_before = ?, repetitions_after = ?, easiness_after = ?,"
                    " interval_after = ?, due_after = ? WHERE id = ?",
                    (*derived, answer.review_id),
                )

    def record_import(
        self,
        profile_id: int,
        file: str,
        reviews_added: int,
        items_rescheduled: int,
        when: datetime,
    ) -> None:
        self._store.conn.execute(
            "INSERT INTO anki_imports (profile_id, imported_at, file, reviews_added,"
            " items_rescheduled) VALUES (?, ?, ?, ?, ?)",
            (profile_id, utc_text(when), file, reviews_added, items_rescheduled),
        )

    def last_import(self, profile: str) -> datetime | None:
        """When this profile last imported progress from Anki (UTC), if ever."""
        row = self._store.conn.execute(
            "SELECT max(a.imported_at) FROM anki_imports a"
            " JOIN profiles p ON p.id = a.profile_id WHERE p.name = ?",
            (profile,),
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None
