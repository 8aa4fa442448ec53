"""The record of every exam sat: its score, its status and each answer.

Exams live in two tables of their own (`exams`, `exam_answers`), created by
the store's `m002_exams` migration, and never touch the cards' schedules or
the review log: an exam is practice, not study. Plain SQL on the store's
connection, so saving or listing exams needs no sqlite-utils import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from quizhinge.cards import Card
from quizhinge.catalog import Catalog
from quizhinge.exam import Exam, ExamEnd, ExamPlan, eligible
from quizhinge.store import ProfileSettings, Store

FINISHED = "finished"
ABANDONED = "abandoned"


def create_tables(db: Any) -> None:
    """The body of the store's `m002_exams` migration step.

    Frozen once released: a later change to these tables is a new step.
    `db` is a sqlite-utils Database or a sqlite3 connection (both `execute`).
    """
    db.execute(
        """
        CREATE TABLE exams (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles (id),
            started_at TEXT NOT NULL,
            ended_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('finished', 'abandoned')),
            questions INTEGER NOT NULL,
            answered INTEGER NOT NULL,
            correct INTEGER,
            pass_mark INTEGER NOT NULL,
            passed INTEGER,
            timed_out INTEGER NOT NULL DEFAULT 0,
            minutes REAL NOT NULL,
            seed INTEGER NOT NULL,
            topics TEXT NOT NULL,
            level TEXT
        )
        """
    )
    db.execute("CREATE INDEX exams_by_profile ON exams (profile_id, started_at)")
    db.execute(
        """
        CREATE TABLE exam_answers (
            exam_id INTEGER NOT NULL REFERENCES exams (id),
            position INTEGER NOT NULL,
            card_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            kind TEXT NOT NULL,
            response TEXT,
            correct INTEGER,
            flagged INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (exam_id, position)
        )
        """
    )


def begin_exam(
    store: Store, catalog: Catalog, profile: str, plan: ExamPlan, now: datetime
) -> Exam:
    """Draw an exam under the profile's settings: its pass mark, and its level
    unless the plan names one. Suspended cards stay out, as in study."""
    found = store.profile(profile)
    plan, cards = _plan_and_cards(store, catalog, profile, plan)
    return Exam.start(cards, plan, now, found.settings.pass_mark)


def available_questions(
    store: Store | None, catalog: Catalog, profile: str, plan: ExamPlan
) -> tuple[ExamPlan, int]:
    """The plan at this learner's level and how many questions it can ask, so
    the command line and the setup screen can refuse asking for more
    (exam.check_available). No store: a learner with no file yet."""
    plan, cards = _plan_and_cards(store, catalog, profile, plan)
    return plan, len(eligible(cards, plan))


def _plan_and_cards(
    store: Store | None, catalog: Catalog, profile: str, plan: ExamPlan
) -> tuple[ExamPlan, list[Card]]:
    """The plan at the profile's level unless it names one, and the cards an
    exam may ask: suspended cards stay out, as in study."""
    found = store.find_profile(profile) if store is not None else None
    if plan.level is None:
        level = found.settings.level if found else ProfileSettings().level
        plan = replace(plan, level=level)
    suspended = set(store.suspended(found.id)) if store and found else set()
    return plan, [card for card in catalog if card.id not in suspended]


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


def save_exam(store: Store, profile: str, end: ExamEnd) -> int:
    """Store a finished exam with its score, or a quit one unscored.

    The exam and all its answers go in one transaction.
    """
    exam, result = end.exam, end.result
    outcomes = {o.position: o.correct for o in result.outcomes} if result else {}
    profile_id = store.profile(profile).id
    with store.transaction() as conn:
        cursor = conn.execute(
            """
            INSERT INTO exams (profile_id, started_at, ended_at, status, questions,
                answered, correct, pass_mark, passed, timed_out, minutes, seed,
                topics, level)
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


def exam_history(
    store: Store, profile: str, limit: int | None = None
) -> list[ExamRecord]:
    """A profile's exams, oldest first (the most recent `limit`, if given)."""
    found = store.find_profile(profile)
    if found is None:
        return []
    rows = store.conn.execute(
        """
        SELECT * FROM (
            SELECT id, started_at, ended_at, status, questions, answered, correct,
                pass_mark, passed, timed_out, minutes, seed, topics, level
            FROM exams WHERE profile_id = ?
            ORDER BY started_at DESC, id DESC LIMIT ?
        ) ORDER BY started_at, id
        """,
        (found.id, -1 if limit is None else limit),
    ).fetchall()
    return [_record(row) for row in rows]


def exam_answers(store: Store, exam_id: int) -> list[dict[str, Any]]:
    """Each answer of one exam, in question order."""
    cursor = store.conn.execute(
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


def _record(row: tuple) -> ExamRecord:
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


def history_table(records: list[ExamRecord]) -> Any:
    """The exam history as a rich table, for `quizhinge stats`."""
    from rich.table import Table

    table = Table(title="Exams")
    table.add_column("when", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("result", no_wrap=True)
    table.add_column("mark", justify="right")
    table.add_column("minutes", justify="right")
    table.add_column("seed", justify="right")
    table.add_column("topics")
    if not records:
        table.add_row("none yet: try `quizhinge exam`", *[""] * 6)
    for record in records:
        if record.correct is None:
            score = f"{record.answered}/{record.questions} answered"
            result = "abandoned"
        else:
            score = f"{record.percent:.0f}% {record.correct}/{record.questions}"
            result = "pass" if record.passed else "fail"
            result += " (time up)" if record.timed_out else ""
        table.add_row(
            f"{record.started_at.astimezone():%Y-%m-%d %H:%M}",
            score,
            result,
            f"{record.pass_mark}%",
            f"{record.minutes:g}",
            str(record.seed),
            ", ".join(record.topics) or "all",
        )
    return table
