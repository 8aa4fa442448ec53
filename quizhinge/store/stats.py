"""The queries behind `quizhinge.stats`: each figure is one aggregate query
over indexed columns, so its cost does not grow with the collection beyond
what it has to count."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from quizhinge.scheduler import PASSING_GRADE
from quizhinge.store.schedule import LEECH_LAPSES, Queue

if TYPE_CHECKING:
    from quizhinge.store import Store


class StatsQueries:
    """Counts over the log and the schedule (`store.stats`)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def answers_per_day(self, profile_id: int, since: date) -> dict[date, int]:
        """Answers per study day after `since`, re-drills included."""
        rows = self._store.conn.execute(
            "SELECT study_day, count(*) FROM reviews WHERE profile_id = ?"
            " AND study_day > ? GROUP BY study_day",
            (profile_id, since.isoformat()),
        )
        return {date.fromisoformat(day): count for day, count in rows}

    def study_days(self, profile_id: int) -> list[date]:
        """Every day with an answer, in order."""
        return [
            date.fromisoformat(row[0])
            for row in self._store.conn.execute(
                "SELECT DISTINCT study_day FROM reviews WHERE profile_id = ?"
                " ORDER BY study_day",
                (profile_id,),
            )
        ]

    def reviews_passed(self, profile_id: int, since: date) -> tuple[int, int]:
        """(passed, total) of the review answers after `since`: answers to
        items that were reviews, not new ones, and not re-drills."""
        passed, total = self._store.conn.execute(
            "SELECT sum(grade >= ?), count(*) FROM reviews WHERE profile_id = ?"
            " AND study_day > ? AND redrill = 0 AND queue_before = ?",
            (PASSING_GRADE, profile_id, since.isoformat(), Queue.REVIEW),
        ).fetchone()
        return passed or 0, total

    def cards_due(
        self, profile_id: int, today: date, last: date, levels: Sequence[str]
    ) -> dict[date, int]:
        """Cards with a review due per day up to `last` (overdue ones on
        `today`); a card counts once a day, as the session asks one item of a
        card a day."""
        marks = ", ".join("?" * len(levels))
        rows = self._store.conn.execute(
            "SELECT max(s.due_day, ?), count(DISTINCT i.card_id) FROM schedule s"
            " JOIN items i ON i.id = s.item_id JOIN cards c ON c.id = i.card_id"
            " WHERE s.profile_id = ? AND s.queue = ? AND s.due_day <= ?"
            f" AND i.retired = 0 AND c.level IN ({marks}) GROUP BY 1",
            (today.isoformat(), profile_id, Queue.REVIEW, last.isoformat(), *levels),
        )
        return {date.fromisoformat(day): count for day, count in rows}

    def mastery(
        self, profile_id: int, levels: Sequence[str], mature: int
    ) -> list[tuple[str, int, int, int]]:
        """(topic, items, answered at least once, interval of `mature` days
        or more) per topic, for the items of `levels`."""
        marks = ", ".join("?" * len(levels))
        rows = self._store.conn.execute(
            "SELECT c.topic, count(*), sum(s.last_day IS NOT NULL),"
            " sum(s.interval >= ?) FROM schedule s JOIN items i ON i.id = s.item_id"
            " JOIN cards c ON c.id = i.card_id WHERE s.profile_id = ?"
            f" AND i.retired = 0 AND c.level IN ({marks}) GROUP BY c.topic"
            " ORDER BY c.topic",
            (mature, profile_id, *levels),
        )
        return [(row[0], row[1], row[2], row[3]) for row in rows]

    def leeches(self, profile_id: int) -> list[tuple[str, str, int]]:
        """(item id, card id, lapses) of every active leech, worst first."""
        rows = self._store.conn.execute(
            "SELECT s.item_id, i.card_id, s.lapses FROM schedule s"
            " JOIN items i ON i.id = s.item_id WHERE s.profile_id = ?"
            " AND s.lapses >= ? AND i.retired = 0 ORDER BY s.lapses DESC, s.item_id",
            (profile_id, LEECH_LAPSES),
        )
        return [(row[0], row[1], row[2]) for row in rows]
