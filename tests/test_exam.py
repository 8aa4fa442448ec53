"""Exam mode's rules, without a terminal or a database."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest
from support.exam_cards import exam_card, exam_cards, right_answer

from quizhinge.catalog import load_catalog
from quizhinge.exam import (
    EXAM_KINDS,
    Exam,
    ExamError,
    ExamPlan,
    draw,
    format_seconds,
)
from quizhinge.places import bundled_decks_dir

T0 = datetime(2026, 11, 23, 9, 0, 0)


def test_draw_is_balanced_across_topics():
    cards = exam_cards(topics=("cues", "faults", "drills", "anatomy"), per_kind=3)
    questions = draw(cards, ExamPlan(questions=10), seed=1)
    per_topic = Counter(q.card.topic for q in questions)
    assert sum(per_topic.values()) == 10
    assert set(per_topic) == {"cues", "faults", "drills", "anatomy"}
    assert max(per_topic.values()) - min(per_topic.values()) <= 1


def test_draw_only_auto_graded_kinds_no_repeats():
    cards = exam_cards(per_kind=2)
    questions = draw(cards, ExamPlan(questions=100), seed=3)
    ids = [q.card.id for q in questions]
    assert len(ids) == len(set(ids))
    assert {q.card.kind for q in questions} == set(EXAM_KINDS)
    # every auto-graded card, and no basic card, when more are asked than exist
    assert len(ids) == sum(card.kind in EXAM_KINDS for card in cards)


def test_topic_that_runs_out_leaves_the_rest_to_the_others():
    cards = exam_cards(topics=("cues", "faults"), per_kind=3)
    cards.append(exam_card("choice", "drills", 0))
    per_topic = Counter(
        q.card.topic for q in draw(cards, ExamPlan(questions=9), seed=5)
    )
    assert per_topic["drills"] == 1
    assert per_topic["cues"] == per_topic["faults"] == 4


def test_same_seed_same_exam_other_seed_other_exam():
    cards = exam_cards(per_kind=3)
    plan = ExamPlan(questions=8)
    first = draw(cards, plan, seed=42)
    assert draw(list(reversed(cards)), plan, seed=42) == first
    assert draw(cards, plan, seed=43) != first


def test_choices_are_shuffled_and_order_steps_scrambled():
    cards = [exam_card("choice", "cues", n) for n in range(12)]
    cards += [exam_card("order", "drills", n) for n in range(12)]
    questions = draw(cards, ExamPlan(questions=24), seed=7)
    choice_orders = {q.options for q in questions if q.card.kind == "choice"}
    assert len(choice_orders) > 1
    for q in questions:
        assert sorted(q.options) == sorted(
            q.card.choices if q.card.kind == "choice" else q.card.steps
        )
        if q.card.kind == "order":
            assert q.options != q.card.steps


def test_topics_and_level_filter_the_draw():
    cards = exam_cards(topics=("cues", "faults"), level="trainer")
    cards += exam_cards(topics=("cues", "drills"), level="beginner")
    beginner = draw(cards, ExamPlan(questions=50, level="beginner"), seed=1)
    assert {q.card.level for q in beginner} == {"beginner"}
    only_cues = draw(cards, ExamPlan(questions=50, topics=("cues",)), seed=1)
    assert {q.card.topic for q in only_cues} == {"cues"}
    assert {q.card.level for q in only_cues} == {"beginner", "trainer"}


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (ExamPlan(questions=0), "at least 1 question"),
        (ExamPlan(minutes=0), "minutes must be a number from 1 to 600, not 0"),
        (ExamPlan(minutes=float("inf")), "from 1 to 600, not inf"),
        (ExamPlan(minutes=float("nan")), "from 1 to 600, not nan"),
        (ExamPlan(minutes=1e308), "from 1 to 600, not 1e"),
        (ExamPlan(minutes=600.5), "not 600.5"),
        (ExamPlan(seed=2**63), "a seed is a whole number from 0 to"),
        (ExamPlan(seed=-1), "a seed is a whole number from 0 to"),
        (ExamPlan(topics=("cardio",)), "unknown topic 'cardio'"),
        (ExamPlan(level="expert"), "unknown level 'expert'"),
        (ExamPlan(topics=("mobility",)), "no exam questions"),
    ],
)
def test_bad_plans_are_refused_clearly(plan, message):
    with pytest.raises(ExamError, match=message):
        draw(exam_cards(), plan, seed=1)


def test_bundled_decks_make_an_exam():
    catalog = load_catalog([bundled_decks_dir()])
    exam = Exam.start(catalog, ExamPlan(questions=20), T0)
    assert exam.questions
    assert {q.card.kind for q in exam.questions} <= set(EXAM_KINDS)


def sit(cards, questions=6, **plan):
    return Exam.start(cards, ExamPlan(questions=questions, **plan), T0)


def test_all_right_scores_full_marks_and_passes():
    exam = sit(exam_cards(), seed=9)
    for position, question in enumerate(exam.questions):
        exam.go(position)
        exam.answer(right_answer(question.card))
    result = exam.score()
    assert (result.correct, result.total, result.passed) == (6, 6, True)
    assert result.missed == ()


def test_unanswered_and_wrong_count_as_missed_with_the_right_answer():
    exam = sit(exam_cards(), seed=9)
    first = exam.current.card
    exam.answer("nonsense" if first.kind != "truefalse" else False)
    result = exam.score()
    assert result.correct == 0
    assert len(result.missed) == 6
    assert result.missed[0].card == first
    assert result.missed[0].expected
    assert result.missed[1].response is None
    assert not result.passed


def test_pass_mark_is_exact_at_the_boundary():
    exam = sit(exam_cards(per_kind=3), questions=10, seed=2)
    for position in range(7):
        exam.go(position)
        exam.answer(right_answer(exam.current.card))
    assert exam.score().passed  # 70% by default
    exam.pass_mark = 71
    assert not exam.score().passed


def test_score_per_topic_weakest_first():
    cards = exam_cards(topics=("cues", "faults"), per_kind=2)
    exam = sit(cards, questions=4, seed=4)
    for position, question in enumerate(exam.questions):
        if question.card.topic == "cues":
            exam.go(position)
            exam.answer(right_answer(question.card))
    by_topic = exam.score().by_topic
    assert [(s.topic, s.correct, s.total) for s in by_topic] == [
        ("faults", 0, 2),
        ("cues", 2, 2),
    ]
    assert by_topic[1].percent == 100


def test_typed_answers_tolerate_case_and_spacing():
    exam = Exam.start([exam_card("typed", "cues", 0)], ExamPlan(questions=1), T0)
    exam.answer("  HINGE ")
    assert exam.score().correct == 1


def test_order_must_be_exact():
    exam = Exam.start([exam_card("order", "drills", 0)], ExamPlan(questions=1), T0)
    exam.answer(("one", "three", "two"))
    assert exam.score().correct == 0


def test_skip_goes_to_next_unanswered_and_wraps_round():
    exam = sit(exam_cards(), questions=4, seed=1)
    exam.answer(right_answer(exam.current.card))  # 0 answered
    exam.skip()
    assert exam.position == 1
    exam.go(3)
    exam.skip()  # wraps past answered 0
    assert exam.position == 1
    assert exam.unanswered() == [1, 2, 3]


def test_flag_toggles_and_shows_in_the_outcome():
    exam = sit(exam_cards(), questions=3, seed=1)
    exam.go(1)
    assert exam.toggle_flag() is True
    exam.go(2)
    exam.toggle_flag()
    assert exam.toggle_flag() is False
    assert exam.flagged == {1}
    assert [o.flagged for o in exam.score().outcomes] == [False, True, False]


def test_clock_counts_down_to_zero():
    exam = sit(exam_cards(), minutes=1, seed=1)
    assert exam.remaining(T0) == 60
    assert exam.remaining(T0 + timedelta(seconds=45)) == 15
    assert not exam.time_up(T0 + timedelta(seconds=59))
    assert exam.time_up(T0 + timedelta(seconds=60))
    assert exam.remaining(T0 + timedelta(hours=1)) == 0


def test_seed_is_recorded_when_none_given():
    exam = sit(exam_cards(per_kind=3))
    again = sit(exam_cards(per_kind=3), seed=exam.seed)
    assert again.questions == exam.questions


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(900, "15:00"), (899.2, "15:00"), (61, "1:01"), (0.1, "0:01"), (0, "0:00")],
)
def test_countdown_format(seconds, shown):
    assert format_seconds(seconds) == shown


def test_exam_core_never_imports_textual():
    import subprocess
    import sys

    code = (
        "import sys, quizhinge.exam, quizhinge.store.exams;"
        "from quizhinge.exam import check_response;"
        "from quizhinge.cards import TrueFalseCard;"
        "card = TrueFalseCard('t', 'beginner', 'cues', 'x', 'd', statement='s');"
        "assert check_response(card, False) == (True, 'False');"
        "print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_next_from_the_last_question_goes_round_to_the_first_unanswered():
    exam = sit(exam_cards(), questions=4, seed=1)
    exam.answer(right_answer(exam.current.card))  # 0 answered, 1 and 2 skipped
    exam.go(3)
    assert exam.on_last
    exam.next()
    assert exam.position == 1
    exam.go(3)
    for position in (1, 2, 3):
        exam.responses[position] = right_answer(exam.questions[position].card)
    exam.next()  # nothing left unanswered: stays on the last
    assert exam.position == 3
