"""The `schedule` and `reviews` tables: each profile's SM-2 row per item, and
the log of every answer.

Every answer is one transaction: the log row and the new schedule together.
Today's queue is read here lazily (most overdue first, then new items in deck
order), and so are the card browser's rows and a card's history.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from enum import IntEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from quizhinge.cards import LEVELS
from quizhinge.scheduler import PASSING_GRADE, Sm2State, check_grade, review
from quizhinge.store.errors import StoreError
from quizhinge.store.values import day_text, parse_day, state_columns, utc_text

if TYPE_CHECKING:
    from quizhinge.store import Store

LEECH_LAPSES = 8


class Queue(IntEnum):
    """schedule.queue: where an item stands (the column holds these numbers)."""

    SUSPENDED = -1
    NEW = 0
    REVIEW = 1


class ItemRow(NamedTuple):
    """One schedule row joined with its item."""

    item_id: str
    card_id: str
    variant: str
    queue: int  # a Queue
    state: Sm2State
    due_day: date | None
    last_day: date | None
    lapses: int


class AnswerRow(NamedTuple):
    """One logged answer of a study day, for rebuilding a session."""

    review_id: int
    item_id: str
    card_id: str
    grade: int
    redrill: bool
    was_new: bool


class ReviewRow(NamedTuple):
    """One logged answer of an item, for a card's history."""

    item_id: str
    answered_at: datetime  # UTC
    study_day: date
    grade: int
    seconds: float
    redrill: bool
    interval_after: int
    due_after: date | None


class Recorded(NamedTuple):
    """What recording one answer did."""

    review_id: int
    redrill: bool
    state: Sm2State
    due_day: date
    lapses: int
    became_leech: bool


class Outcome(NamedTuple):
    """What one answer does to an item's schedule row."""

    redrill: bool  # the item was already scheduled that study day
    state: Sm2State
    due_day: date | None
    last_day: date | None
    lapses: int
    queue: int  # a Queue


def answer_outcome(before: ItemRow, grade: int, day: date) -> Outcome:
    """The SM-2 rules of one answer on study day `day`, as the session applies
    them and as a replay of a merged history (Anki's and ours) applies them
    again: only the first answer of a study day schedules; a later one (or one
    dated before the last scheduling answer, by a clock that went back) is a
    re-drill that leaves the row as it is."""
    if before.last_day is not None and before.last_day >= day:
        return Outcome(
            True,
            before.state,
            before.due_day,
            before.last_day,
            before.lapses,
            before.queue,
        )
    after = review(before.state, grade)
    lapse = grade < PASSING_GRADE and before.state.repetitions > 0
    return Outcome(
        redrill=False,
        state=after,
        due_day=day + timedelta(days=after.interval),
        last_day=day,
        lapses=before.lapses + lapse,
        queue=Queue.SUSPENDED if before.queue == Queue.SUSPENDED else Queue.REVIEW,
    )


ITEM_COLUMNS = (
    "s.item_id, i.card_id, i.variant, s.queue, s.repetitions, s.easiness,"
    " s.interval, s.due_day, s.last_day, s.lapses"
)


class Schedule:
    """Queues, answers, suspensions and the browser's rows (`store.schedule`)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # -- today's queue ---------------------------------------------------------

    def due_items(
        self,
        profile_id: int,
        today: date,
        levels: Sequence[str],
        deck: str | None = None,
        topic: str | None = None,
    ) -> Iterator[ItemRow]:
        """Reviews due by `today`, most overdue first, read lazily."""
        where, args = _card_filter(levels, deck, topic)
        yield from self._items(
            "s.queue = ? AND s.due_day <= ?" + where,
            (profile_id, Queue.REVIEW, today.isoformat(), *args),
            "s.due_day",
        )

    def new_items(
        self,
        profile_id: int,
        levels: Sequence[str],
        deck: str | None = None,
        topic: str | None = None,
    ) -> Iterator[ItemRow]:
        """Items never studied, in deck order, read lazily."""
        where, args = _card_filter(levels, deck, topic)
        yield from self._items(
            "s.queue = ?" + where, (profile_id, Queue.NEW, *args), "s.new_order"
        )

    def items_by_id(
        self,
        profile_id: int,
        item_ids: Sequence[str],
        levels: Sequence[str] | None = None,
        deck: str | None = None,
        topic: str | None = None,
    ) -> list[ItemRow]:
        """Schedule rows of the given items (retired ones included), in that
        order; with `levels`, only active items of cards of those levels, deck
        and topic (what a session may ask)."""
        where = ""
        args: list[str] = []
        if levels is not None:
            where, args = _card_filter(levels, deck, topic)
        found = {}
        for start in range(0, len(item_ids), 500):
            chunk = list(item_ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            for row in self._items(
                f"s.item_id IN ({marks})" + where,
                (profile_id, *chunk, *args),
                "s.rowid",
                active=levels is not None,
            ):
                found[row.item_id] = row
        return [found[i] for i in item_ids if i in found]

    def _items(
        self, where: str, args: Sequence[Any], order: str, active: bool = True
    ) -> Iterator[ItemRow]:
        sql = (
            f"SELECT {ITEM_COLUMNS} FROM schedule s JOIN items i ON i.id = s.item_id"
            " JOIN cards c ON c.id = i.card_id"
            f" WHERE s.profile_id = ? AND {where}"
            + (" AND i.retired = 0" if active else "")
            + f" ORDER BY {order}"
        )
        for row in self._store.conn.execute(sql, args):
            yield _item_row(row)

    def answers_on(self, profile_id: int, day: date) -> list[AnswerRow]:
        """Every answer logged on one study day, in order."""
        rows = self._store.conn.execute(
            "SELECT r.id, r.item_id, i.card_id, r.grade, r.redrill, r.queue_before"
            " FROM reviews r JOIN items i ON i.id = r.item_id"
            " WHERE r.profile_id = ? AND r.study_day = ?"
            " ORDER BY r.answered_at, r.id",  # imported answers come in later
            (profile_id, day.isoformat()),
        )
        return [
            AnswerRow(r[0], r[1], r[2], r[3], bool(r[4]), r[5] == Queue.NEW)
            for r in rows
        ]

    # -- answering -------------------------------------------------------------

    def record_answer(
        self,
        profile_id: int,
        item: str,
        grade: int,
        seconds: float,
        study_day: date,
        answered_at: datetime,
    ) -> Recorded:
        """Log one answer and reschedule, as one transaction.

        Only the first answer of a study day schedules (SM-2 step 7): if the
        item was already scheduled on `study_day` (or, with a clock that went
        back, on a later day) this is a re-drill: logged, schedule untouched.
        The check reads the row inside the transaction, so two processes
        answering the same item cannot both schedule it.
        """
        check_grade(grade)
        seconds = max(0.0, float(seconds))
        with self._store.transaction() as conn:
            row = conn.execute(
                f"SELECT {ITEM_COLUMNS} FROM schedule s JOIN items i"
                " ON i.id = s.item_id WHERE s.profile_id = ? AND s.item_id = ?",
                (profile_id, item),
            ).fetchone()
            if row is None:
                raise StoreError(
                    f"{self._store.path}: no such item {item!r} for this profile"
                )
            before = _item_row(row)
            outcome = answer_outcome(before, grade, study_day)
            redrill, after, due = outcome.redrill, outcome.state, outcome.due_day
            assert due is not None
            cursor = conn.execute(
                "INSERT INTO reviews (profile_id, item_id, answered_at, study_day,"
                " grade, seconds, redrill, queue_before, repetitions_before,"
                " easiness_before, interval_before, due_before, last_day_before,"
                " lapses_before, repetitions_after, easiness_after, interval_after,"
                " due_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?)",
                (
                    profile_id,
                    item,
                    utc_text(answered_at),
                    study_day.isoformat(),
                    grade,
                    seconds,
                    int(redrill),
                    before.queue,
                    *state_columns(before.state),
                    day_text(before.due_day),
                    day_text(before.last_day),
                    before.lapses,
                    *state_columns(after),
                    due.isoformat(),
                ),
            )
            if not redrill:
                self.write_row(profile_id, item, outcome)
        review_id = cursor.lastrowid
        assert review_id is not None
        lapses = outcome.lapses
        became_leech = lapses >= LEECH_LAPSES > before.lapses
        return Recorded(review_id, redrill, after, due, lapses, became_leech)

    def write_row(self, profile_id: int, item: str, outcome: Outcome) -> None:
        """Set an item's schedule row to what an answer (or the replay of a
        merged history) made it, in the transaction open on the store."""
        self._store.conn.execute(
            "UPDATE schedule SET queue = ?, repetitions = ?, easiness = ?,"
            " interval = ?, due_day = ?, last_day = ?, lapses = ?"
            " WHERE profile_id = ? AND item_id = ?",
            (
                outcome.queue,
                *state_columns(outcome.state),
                day_text(outcome.due_day),
                day_text(outcome.last_day),
                outcome.lapses,
                profile_id,
                item,
            ),
        )

    def undo_answer(self, profile_id: int, review_id: int) -> None:
        """Remove one logged answer and put the schedule back as it was.

        Refused if the item was scheduled again since (by another process),
        so an undo never overwrites someone else's answer.
        """
        with self._store.transaction() as conn:
            row = conn.execute(
                "SELECT item_id, redrill, queue_before, repetitions_before,"
                " easiness_before, interval_before, due_before, last_day_before,"
                " lapses_before, repetitions_after, easiness_after, interval_after,"
                " due_after FROM reviews WHERE id = ? AND profile_id = ?",
                (review_id, profile_id),
            ).fetchone()
            if row is None:
                raise StoreError(
                    f"{self._store.path}: that answer is no longer in the log",
                    "refused",
                )
            item, redrill, queue, *before, reps, ef, interval, due = row
            if not redrill:
                changed = conn.execute(
                    "UPDATE schedule SET queue = CASE WHEN queue = ? THEN queue"
                    " ELSE ? END, repetitions = ?, easiness = ?, interval = ?,"
                    " due_day = ?, last_day = ?, lapses = ?"
                    " WHERE profile_id = ? AND item_id = ? AND repetitions = ?"
                    " AND easiness = ? AND interval = ? AND due_day = ?",
                    (
                        Queue.SUSPENDED,
                        queue,
                        *before,
                        profile_id,
                        item,
                        reps,
                        ef,
                        interval,
                        due,
                    ),
                ).rowcount
                if not changed:
                    raise StoreError(
                        "that answer can no longer be undone: the card was answered"
                        " again elsewhere",
                        "refused",
                    )
            conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))

    # -- suspending --------------------------------------------------------------

    def suspend(self, profile_id: int, card_id: str) -> int:
        """Keep every item of a card out of the queues until unsuspended;
        returns how many items were not suspended before."""
        with self._store.transaction() as conn:
            return conn.execute(
                "UPDATE schedule SET queue = ? WHERE profile_id = ? AND queue != ?"
                " AND item_id IN (SELECT id FROM items WHERE card_id = ?)",
                (Queue.SUSPENDED, profile_id, Queue.SUSPENDED, card_id),
            ).rowcount

    def unsuspend(self, profile_id: int, card_id: str) -> int:
        """Let a card's items back in: new if never answered, else a review
        (due as scheduled). Returns how many items were suspended."""
        with self._store.transaction() as conn:
            return conn.execute(
                "UPDATE schedule SET queue = CASE WHEN last_day IS NULL THEN ?"
                " ELSE ? END WHERE profile_id = ? AND queue = ? AND item_id IN"
                " (SELECT id FROM items WHERE card_id = ?)",
                (Queue.NEW, Queue.REVIEW, profile_id, Queue.SUSPENDED, card_id),
            ).rowcount

    def suspended(self, profile_id: int) -> list[str]:
        """Card ids with at least one suspended item."""
        return [
            r[0]
            for r in self._store.conn.execute(
                "SELECT DISTINCT i.card_id FROM schedule s JOIN items i"
                " ON i.id = s.item_id WHERE s.profile_id = ? AND s.queue = ?"
                " ORDER BY i.card_id",
                (profile_id, Queue.SUSPENDED),
            )
        ]

    # -- the card browser --------------------------------------------------------

    def browse_items(
        self,
        profile_id: int,
        levels: Sequence[str],
        deck: str | None = None,
        topic: str | None = None,
        *,
        suspended_only: bool = False,
        leeches_only: bool = False,
    ) -> list[ItemRow]:
        """Every active item of the cards of `levels` (and every suspended one,
        whatever its level: nothing suspended is ever out of sight), of one deck
        and topic if given, in deck order, for the card browser."""
        where, filters = _card_filter(LEVELS, deck, topic)
        marks = ", ".join("?" * len(levels))
        where += f" AND (c.level IN ({marks}) OR s.queue = ?)"
        args: list[Any] = [*filters, *levels, Queue.SUSPENDED]
        if suspended_only:
            where += " AND s.queue = ?"
            args.append(Queue.SUSPENDED)
        if leeches_only:
            where += " AND s.lapses >= ?"
            args.append(LEECH_LAPSES)
        return list(self._items("1" + where, (profile_id, *args), "i.position"))

    def card_reviews(self, profile_id: int, card_id: str) -> list[ReviewRow]:
        """Every logged answer to a card's items, oldest first."""
        rows = self._store.conn.execute(
            "SELECT r.item_id, r.answered_at, r.study_day, r.grade, r.seconds,"
            " r.redrill, r.interval_after, r.due_after FROM reviews r"
            " JOIN items i ON i.id = r.item_id"
            " WHERE r.profile_id = ? AND i.card_id = ?"
            " ORDER BY r.answered_at, r.id",
            (profile_id, card_id),
        )
        return [
            ReviewRow(
                row[0],
                datetime.fromisoformat(row[1]),
                date.fromisoformat(row[2]),
                row[3],
                row[4] or 0.0,
                bool(row[5]),
                row[6],
                parse_day(row[7]),
            )
            for row in rows
        ]


def _card_filter(
    levels: Sequence[str], deck: str | None, topic: str | None
) -> tuple[str, list[str]]:
    marks = ", ".join("?" * len(levels))
    where = f" AND c.level IN ({marks})"
    args = list(levels)
    if deck is not None:
        where += " AND c.deck_id = ?"
        args.append(deck)
    if topic is not None:
        where += " AND c.topic = ?"
        args.append(topic)
    return where, args


def _item_row(row: Sequence[Any]) -> ItemRow:
    return ItemRow(
        item_id=row[0],
        card_id=row[1],
        variant=row[2],
        queue=row[3],
        state=Sm2State(row[4], row[5], row[6]),
        due_day=parse_day(row[7]),
        last_day=parse_day(row[8]),
        lapses=row[9],
    )
