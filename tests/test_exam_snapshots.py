"""Snapshots of the exam screens at 80x24: setup, mid-exam, results, and the
score chart on the stats screen. A fixed clock and seed make them repeatable;
update after a deliberate change with `pytest --snapshot-update`."""

from __future__ import annotations

from datetime import timedelta

from support.exam_cards import right_answer, write_exam_deck
from support.tui import START, make_app, press, settle

from quizhinge.catalog import load_catalog
from quizhinge.exam import ExamEnd, ExamPlan, begin_exam, save_exam
from quizhinge.store import Store

SIZE = (80, 24)
PLAN = ExamPlan(questions=6, minutes=15, seed=11)


def exam_app(tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks, topics=("cues", "faults", "drills"))
    return make_app(tmp_path / "q.db", (decks,), start="exam", exam_plan=PLAN)


def test_exam_setup(snap_compare, tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks)

    async def open_setup(pilot):
        await settle(pilot)
        await press(pilot, "e")

    app = make_app(tmp_path / "q.db", (decks,))
    assert snap_compare(app, terminal_size=SIZE, run_before=open_setup)


def test_exam_in_progress(snap_compare, tmp_path):
    async def answer_two(pilot):
        await settle(pilot)
        exam = pilot.app.screen.exam
        exam.answer(right_answer(exam.current.card))
        exam.go(2)
        exam.toggle_flag()
        await pilot.app.screen.show_question()
        await settle(pilot)

    app = exam_app(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=answer_two)


def test_exam_results(snap_compare, tmp_path):
    async def submit_half_right(pilot):
        await settle(pilot)
        exam = pilot.app.screen.exam
        for position in (0, 2, 4):
            exam.go(position)
            exam.answer(right_answer(exam.current.card))
        await press(pilot, "ctrl+s", "y")

    app = exam_app(tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=submit_half_right)


def test_stats_with_exam_history(snap_compare, tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks)
    db = tmp_path / "q.db"
    catalog = load_catalog([decks])
    with Store.open(db) as store:
        store.cards.sync(catalog)
        for day, right in enumerate((2, 3, 5, 4, 6, 0)):
            start = START - timedelta(days=12 - 2 * day)
            exam = begin_exam(store, catalog, "tester", PLAN, start)
            for position in range(right):
                exam.go(position)
                exam.answer(right_answer(exam.current.card))
            quit_it = right == 0
            end = ExamEnd(exam, start, None if quit_it else exam.score())
            save_exam(store, "tester", end)

    async def open_stats_bottom(pilot):
        await settle(pilot)
        await press(pilot, "s")
        await press(pilot, "end")

    app = make_app(db, (decks,))
    assert snap_compare(app, terminal_size=SIZE, run_before=open_stats_bottom)
