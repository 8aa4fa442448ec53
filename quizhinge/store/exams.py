"""The `exams` and `exam_answers` tables: every exam sat, its score, its
status and each answer.

An exam never touches the cards' schedules or the review log: an exam is
practice, not study. Plain SQL, so saving or listing exams needs no
sqlite-utils import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizhinge.exam import ExamEnd
    from quizhinge.store import Store

FINISHED = "finished"
ABANDONED = "abandoned"


@dataclass(frozen=True)
class ExamRecord:
    """One stored exam, as the history shows it."""

    id: int
    started_at: datetime
    ended_at: datetime
    status: str
    questions: int
    answered: int
    correct: int | None  # None when abandoned: a quit exam is not scored
    pass_mark: int
    passed: bool | None
    timed_out: bool
    minutes: float
    seed: int
    topics: tuple[str, ...]
    level: str | None

    @property
    def percent(self) -> float | None:
        if self.correct is None or not self.questions:
            return None
        return 100 * self.correct / self.questions


class Exams:
    """Keeping and reading exams (`store.exams`)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def save(self, profile_id: int, end: ExamEnd) -> int:
        """Store a finished exam with its score, or a quit one unscored; its
        id. The exam and all its answers go in one transaction."""
        exam, result = end.exam, end.result
        outcomes = {o.position: o.correct for o in result.outcomes} if result else {}
        with self._store.transaction() as conn:
            cursor = conn.execute(
                """
                INSERT INTO exams (profile_id, started_at, ended_at, status,
                    questions, answered, correct, pass_mark, passed, timed_out,
                    minutes, seed, topics, level)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                (
                    profile_id,
                    _stamp(exam.started_at),
                    _stamp(end.ended_at),
                    ABANDONED if result is None else FINISHED,
                    len(exam.questions),
                    len(exam.responses),
                    None if result is None else result.correct,
                    exam.pass_mark,
                    None if result is None else result.passed,
                    end.timed_out,
                    exam.plan.minutes,
                    exam.seed,
                    ",".join(exam.plan.topics),
                    exam.plan.level,
                ),
            )
            exam_id = cursor.lastrowid
            assert exam_id is not None
            conn.executemany(
                """
                INSERT INTO exam_answers (exam_id, position, card_id, topic, kind,
                    response, correct, flagged)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    (
                        exam_id,
                        position,
                        question.card.id,
                        question.card.topic,
                        question.card.kind,
                        _response_json(exam.responses.get(position)),
                        outcomes.get(position),
                        position in exam.flagged,
                    )
                    for position, question in enumerate(exam.questions)
                ],
            )
        return exam_id

    def history(self, profile_id: int, limit: int | None = None) -> list[ExamRecord]:
        """A profile's exams, oldest first (the most recent `limit`, if given)."""
        rows = self._store.conn.execute(
            """
            SELECT * FROM (
                SELECT id, started_at, ended_at, status, questions, answered,
                    correct, pass_mark, passed, timed_out, minutes, seed, topics,
                    level
                FROM exams WHERE profile_id = ?
                ORDER BY started_at DESC, id DESC LIMIT ?
            ) ORDER BY started_at, id
            """,
            (profile_id, -1 if limit is None else limit),
        ).fetchall()
        return [_record(row) for row in rows]

    def answers(self, exam_id: int) -> list[dict[str, Any]]:
        """Each answer of one exam, in question order."""
        cursor = self._store.conn.execute(
            """
            SELECT position, card_id, topic, kind, response, correct, flagged
            FROM exam_answers WHERE exam_id = ? ORDER BY position
            """,
            (exam_id,),
        )
        names = [column[0] for column in cursor.description]
        answers = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        for answer in answers:
            if answer["response"] is not None:
                answer["response"] = json.loads(answer["response"])
        return answers


def _record(row: tuple[Any, ...]) -> ExamRecord:
    (
        exam_id,
        started,
        ended,
        status,
        questions,
        answered,
        correct,
        pass_mark,
        passed,
        timed_out,
        minutes,
        seed,
        topics,
        level,
    ) = row
    return ExamRecord(
        id=exam_id,
        started_at=datetime.fromisoformat(started),
        ended_at=datetime.fromisoformat(ended),
        status=status,
        questions=questions,
        answered=answered,
        correct=correct,
        pass_mark=pass_mark,
        passed=None if passed is None else bool(passed),
        timed_out=bool(timed_out),
        minutes=minutes,
        seed=seed,
        topics=tuple(t for t in topics.split(",") if t),
        level=level,
    )


def _stamp(moment: datetime) -> str:
    """UTC, so that exams sort in the order they were sat across time zones."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _response_json(response: Any) -> str | None:
    return None if response is None else json.dumps(response, ensure_ascii=False)
