"""Every exam and each of its answers is kept; a quit exam is kept unscored."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest
from exam_cards import exam_cards, right_answer

from quizhinge.exam import Exam, ExamPlan
from quizhinge.exam_store import (
    ABANDONED,
    FINISHED,
    create_tables,
    exam_answers,
    exam_history,
    save_exam,
)

T0 = datetime(2026, 11, 20, 18, 30)


@pytest.fixture
def conn():
    connection = sqlite3.connect(":memory:")
    create_tables(connection)
    yield connection
    connection.close()


def sat(right: int, questions: int = 5, started: datetime = T0) -> Exam:
    exam = Exam.start(
        exam_cards(per_kind=2),
        ExamPlan(questions=questions, minutes=10, topics=("cues", "faults")),
        started,
        pass_mark=60,
    )
    for position in range(right):
        exam.go(position)
        exam.answer(right_answer(exam.current.card))
    return exam


def test_finished_exam_is_stored_with_score_and_every_answer(conn):
    exam = sat(right=3)
    exam.go(4)
    exam.toggle_flag()
    exam_id = save_exam(conn, "ann", exam, T0 + timedelta(minutes=7), exam.score())
    [record] = exam_history(conn, "ann")
    assert record.id == exam_id
    assert (record.status, record.correct, record.questions) == (FINISHED, 3, 5)
    assert (record.passed, record.percent, record.pass_mark) == (True, 60, 60)
    assert record.topics == ("cues", "faults")
    assert record.seed == exam.seed
    assert record.ended_at - record.started_at == timedelta(minutes=7)
    answers = exam_answers(conn, exam_id)
    assert [a["card_id"] for a in answers] == [q.card.id for q in exam.questions]
    assert [a["correct"] for a in answers] == [1, 1, 1, 0, 0]
    assert [a["flagged"] for a in answers] == [0, 0, 0, 0, 1]
    assert answers[4]["response"] is None
    first = exam.questions[0].card
    expected = right_answer(first)
    assert answers[0]["response"] == (
        list(expected) if isinstance(expected, tuple) else expected
    )


def test_abandoned_exam_is_stored_but_not_scored(conn):
    exam = sat(right=2)
    save_exam(conn, "ann", exam, T0 + timedelta(minutes=2))
    [record] = exam_history(conn, "ann")
    assert record.status == ABANDONED
    assert (record.correct, record.passed, record.percent) == (None, None, None)
    assert record.answered == 2
    answers = exam_answers(conn, record.id)
    assert len(answers) == 5
    assert {a["correct"] for a in answers} == {None}


def test_history_is_per_profile_oldest_first_and_limited(conn):
    for day, right in enumerate([1, 4, 5]):
        exam = sat(right=right, started=T0 + timedelta(days=day))
        save_exam(conn, "ann", exam, exam.started_at, exam.score())
    other = sat(right=5)
    save_exam(conn, "bob", other, T0, other.score())
    assert [r.correct for r in exam_history(conn, "ann")] == [1, 4, 5]
    assert [r.correct for r in exam_history(conn, "ann", limit=2)] == [4, 5]
    assert [r.correct for r in exam_history(conn, "bob")] == [5]
    assert exam_history(conn, "nobody") == []
