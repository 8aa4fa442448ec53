"""Every exam and each of its answers is kept; a quit exam is kept unscored;
an exam never changes a schedule."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from support.exam_cards import exam_cards, right_answer

from quizhinge.cards import Deck
from quizhinge.catalog import Catalog
from quizhinge.exam import ExamEnd, ExamPlan, begin_exam, exam_history, save_exam
from quizhinge.session import StudySession
from quizhinge.store import SCHEMA_VERSION, Store, migrations
from quizhinge.store.exams import ABANDONED, FINISHED

T0 = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)


def catalog_of(cards) -> Catalog:
    return Catalog(
        (Deck("exam-test", "Test::Exams", "", "exam-test.toml", tuple(cards)),)
    )


@pytest.fixture
def catalog() -> Catalog:
    return catalog_of(exam_cards(per_kind=2))


@pytest.fixture
def store(tmp_path, catalog):
    with Store.open(tmp_path / "progress.db") as opened:
        opened.cards.sync(catalog)
        yield opened


def sat(store, catalog, right: int, started=T0, profile="ann"):
    plan = ExamPlan(questions=5, minutes=10, topics=("cues", "faults"), level="trainer")
    exam = begin_exam(store, catalog, profile, plan, started)
    for position in range(right):
        exam.go(position)
        exam.answer(right_answer(exam.current.card))
    return exam


def finish(store, exam, profile="ann", minutes=7, abandon=False) -> int:
    ended = exam.started_at + timedelta(minutes=minutes)
    end = ExamEnd(exam, ended, None if abandon else exam.score())
    return save_exam(store, profile, end)


def test_finished_exam_is_stored_with_score_and_every_answer(store, catalog):
    exam = sat(store, catalog, right=3)
    exam.go(4)
    exam.toggle_flag()
    exam_id = finish(store, exam)
    [record] = exam_history(store, "ann")
    assert record.id == exam_id
    assert (record.status, record.correct, record.questions) == (FINISHED, 3, 5)
    assert (record.passed, record.percent, record.pass_mark) == (False, 60, 70)
    assert record.topics == ("cues", "faults")
    assert record.seed == exam.seed
    assert record.started_at == T0
    assert record.ended_at - record.started_at == timedelta(minutes=7)
    answers = store.exams.answers(exam_id)
    assert [a["card_id"] for a in answers] == [q.card.id for q in exam.questions]
    assert [a["correct"] for a in answers] == [1, 1, 1, 0, 0]
    assert [a["flagged"] for a in answers] == [0, 0, 0, 0, 1]
    assert answers[4]["response"] is None
    expected = right_answer(exam.questions[0].card)
    assert answers[0]["response"] == (
        list(expected) if isinstance(expected, tuple) else expected
    )


def test_abandoned_exam_is_stored_but_not_scored(store, catalog):
    exam = sat(store, catalog, right=2)
    finish(store, exam, minutes=2, abandon=True)
    [record] = exam_history(store, "ann")
    assert record.status == ABANDONED
    assert (record.correct, record.passed, record.percent) == (None, None, None)
    assert record.answered == 2
    answers = store.exams.answers(record.id)
    assert len(answers) == 5
    assert {a["correct"] for a in answers} == {None}


def test_history_is_per_profile_oldest_first_and_limited(store, catalog):
    for day, right in enumerate([1, 4, 5]):
        finish(store, sat(store, catalog, right, T0 + timedelta(days=day)))
    finish(store, sat(store, catalog, 5, profile="bob"), profile="bob")
    assert [r.correct for r in exam_history(store, "ann")] == [1, 4, 5]
    assert [r.correct for r in exam_history(store, "ann", limit=2)] == [4, 5]
    assert [r.correct for r in exam_history(store, "bob")] == [5]
    assert exam_history(store, "nobody") == []


def test_pass_mark_and_level_come_from_the_profile_settings(tmp_path):
    cards = exam_cards(topics=("cues",), level="trainer")
    cards += exam_cards(topics=("faults",), level="beginner")
    catalog = catalog_of(cards)
    with Store.open(tmp_path / "p.db") as store:
        store.cards.sync(catalog)
        store.profiles.set_setting("ann", "pass_mark", "60")
        store.profiles.set_setting("ann", "level", "beginner")
        exam = begin_exam(store, catalog, "ann", ExamPlan(questions=50), T0)
        assert exam.pass_mark == 60
        assert {q.card.level for q in exam.questions} == {"beginner"}
        asked = ExamPlan(questions=50, level="trainer")
        trainer = begin_exam(store, catalog, "ann", asked, T0)
        assert {q.card.level for q in trainer.questions} == {"beginner", "trainer"}
        with pytest.raises(ValueError, match="pass-mark"):
            store.profiles.set_setting("ann", "pass_mark", "0")


def test_suspended_cards_are_not_asked(store, catalog):
    profile = store.profiles.get("ann")
    store.schedule.suspend(profile.id, "cues-choice-0")
    plan = ExamPlan(questions=100, level="trainer")
    exam = begin_exam(store, catalog, "ann", plan, T0)
    assert "cues-choice-0" not in {q.card.id for q in exam.questions}
    assert len(exam.questions) == 3 * 8 - 1


def table_rows(store, table: str) -> list[tuple]:
    return store.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()


def test_an_exam_never_changes_schedules_or_the_review_log(store, catalog):
    store.profiles.set_setting("ann", "level", "trainer")
    session = StudySession(store, catalog, "ann", now=lambda: T0)
    for _ in range(3):  # some history first, so there is something to disturb
        session.answer(4, 2.0)
    schedule, reviews = table_rows(store, "schedule"), table_rows(store, "reviews")
    exam = sat(store, catalog, right=4)
    finish(store, exam)
    finish(store, sat(store, catalog, right=1), abandon=True)
    assert table_rows(store, "schedule") == schedule
    assert table_rows(store, "reviews") == reviews
    assert len(exam_history(store, "ann")) == 2


def test_a_database_from_before_exams_is_migrated_keeping_its_history(tmp_path):
    path = tmp_path / "old.db"
    catalog = catalog_of(exam_cards())
    with Store.open(path) as store:
        store.cards.sync(catalog)
    with sqlite3.connect(path) as conn:  # make it look like a schema-1 file
        conn.execute("DROP TABLE anki_imports")  # m003 first
        conn.execute("DROP INDEX reviews_anki")
        conn.execute("ALTER TABLE reviews DROP COLUMN anki_revlog_id")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_anki_progress'")
        conn.execute("DROP TABLE exam_answers")
        conn.execute("DROP TABLE exams")
        conn.execute("ALTER TABLE profiles DROP COLUMN pass_mark")
        conn.execute("ALTER TABLE profiles DROP COLUMN theme")
        conn.execute(
            "DELETE FROM _sqlite_migrations WHERE name IN ('m002_exams', 'm004_theme')"
        )
        conn.execute("PRAGMA user_version = 1")
        conn.execute(
            "INSERT INTO profiles (name, new_per_day, reviews_per_day,"
            " day_start_hour, level) VALUES ('ann', 5, 100, 4, 'trainer')"
        )
    with Store.open(path) as store:
        version = store.conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == SCHEMA_VERSION == len(migrations()._migrations)
        settings = store.profiles.settings("ann")
        assert (settings.new_per_day, settings.pass_mark) == (5, 70)
        exam = begin_exam(store, catalog, "ann", ExamPlan(questions=3), T0)
        assert exam.plan.level == "trainer"
        finish(store, exam)
        assert len(exam_history(store, "ann")) == 1
