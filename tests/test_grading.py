"""Checking auto-graded answers and the one map from answers to SM-2 grades."""

import pytest

from quizhinge.cards import ChoiceCard, OrderCard, TrueFalseCard, TypedCard
from quizhinge.grading import (
    QUICK_SECONDS,
    auto_grade,
    check_choice,
    check_order,
    check_truefalse,
    check_typed,
    normalize,
)

COMMON = {"level": "beginner", "topic": "definitions", "explain": "", "deck_id": "d"}
RDL = TypedCard(
    id="typed-rdl",
    question="Which lift?",
    answers=("Romanian deadlift", "RDL"),
    **COMMON,
)


def test_the_grade_map():
    assert auto_grade("choice", correct=False, seconds=1) == 1
    assert auto_grade("typed", correct=False, seconds=1, near_miss=True) == 2
    assert auto_grade("choice", correct=True, seconds=QUICK_SECONDS["choice"] + 1) == 4
    assert auto_grade("choice", correct=True, seconds=1) == 5


@pytest.mark.parametrize(
    "typed",
    [
        "Romanian deadlift",
        "romanian DEADLIFT",
        "  Romanian   dead-lift. ",
        "r.d.l",
        "RDL!",
    ],
)
def test_typed_ignores_case_space_and_punctuation_and_takes_variants(typed):
    verdict = check_typed(RDL, typed, seconds=30)
    assert verdict.correct
    assert verdict.grade == 4
    assert verdict.expected == "Romanian deadlift"


def test_typed_near_miss_is_wrong_but_shows_a_diff():
    verdict = check_typed(RDL, "Romanain deadlft", seconds=5)
    assert not verdict.correct
    assert verdict.near_miss
    assert verdict.grade == 2
    assert verdict.expected == "Romanian deadlift"
    typed = "".join(text for op, text in verdict.diff if op in ("equal", "delete"))
    wanted = "".join(text for op, text in verdict.diff if op in ("equal", "insert"))
    assert typed.lower() == "romanain deadlft"
    assert wanted.lower() == "romanian deadlift"
    assert ("insert", "i") in verdict.diff


def test_typed_far_off_is_plain_wrong():
    verdict = check_typed(RDL, "good morning", seconds=5)
    assert (verdict.correct, verdict.near_miss, verdict.grade, verdict.diff) == (
        False,
        False,
        1,
        (),
    )


def test_empty_or_punctuation_only_answer_is_wrong():
    for typed in ("", "   ", "?!"):
        verdict = check_typed(RDL, typed, seconds=1)
        assert not verdict.correct and not verdict.near_miss


def test_near_miss_of_a_short_variant():
    verdict = check_typed(RDL, "RDK", seconds=1)
    assert verdict.near_miss and verdict.expected == "RDL"


def test_choice_and_truefalse():
    card = ChoiceCard(id="c", question="?", choices=("a", "b"), answer="b", **COMMON)
    assert check_choice(card, "b", 2).grade == 5
    assert check_choice(card, "a", 2).grade == 1
    tf = TrueFalseCard(id="t", statement="s", answer=False, **COMMON)
    assert check_truefalse(tf, False, 30).correct
    assert check_truefalse(tf, False, 30).grade == 4
    assert not check_truefalse(tf, True, 1).correct
    assert check_truefalse(tf, True, 1).expected == "False"


def test_order_is_right_only_in_the_right_order():
    card = OrderCard(id="o", question="?", steps=("one", "two", "three"), **COMMON)
    assert check_order(card, ["one", "two", "three"], 3).correct
    assert not check_order(card, ["one", "three", "two"], 3).correct
    assert not check_order(card, ["one", "two"], 3).correct
    assert check_order(card, ("two", "one", "three"), 3).expected == (
        "1. one\n2. two\n3. three"
    )


def test_near_miss_tie_shows_the_first_listed_answer():
    spelled_twice = TypedCard(
        id="typed-rdl-2",
        question="Which lift?",
        answers=("Romanian deadlift", "RDL", "Romanian dead lift"),
        **COMMON,
    )
    verdict = check_typed(spelled_twice, "Romanain deadlift", seconds=5)
    assert verdict.near_miss and verdict.expected == "Romanian deadlift"


# What a knowledgeable person types differently without meaning anything
# different: each rule on its own, then answers that must stay wrong.
HEX = TypedCard(
    id="typed-trap-bar",
    question="Which bar?",
    answers=("trap bar",),
    aliases=(("hex bar", "trap bar"), ("hexagonal bar", "trap bar")),
    **COMMON,
)
MAGNUS = TypedCard(
    id="typed-magnus", question="Which muscle?", answers=("adductor magnus",), **COMMON
)
SWING = TypedCard(
    id="typed-swing", question="Which swing?", answers=("squatty swing",), **COMMON
)
BEND = TypedCard(
    id="typed-bend", question="Which pattern?", answers=("bend-and-lift",), **COMMON
)
PRESS = TypedCard(
    id="typed-press", question="Which lift?", answers=("bench press",), **COMMON
)
STRUCTURAL = TypedCard(
    id="typed-structural",
    question="Which exercises?",
    answers=("structural exercise",),
    **COMMON,
)
WITH_ALIASES = TypedCard(
    id="typed-rdl-aliases",
    question="Which lift?",
    answers=("Romanian deadlift",),
    aliases=(("RDL", "Romanian deadlift"), ("DL", "deadlift"), ("KB", "kettlebell")),
    **COMMON,
)


@pytest.mark.parametrize(
    ("card", "typed"),
    [
        (MAGNUS, "the adductor magnus"),  # a leading article
        (MAGNUS, "an adductor magnus"),
        (MAGNUS, "Adductor Magnus."),
        (SWING, "squatty swings"),  # plural s
        (RDL, "Romanian deadlifts"),
        (RDL, "RDLs"),
        (PRESS, "bench presses"),  # plural es
        (STRUCTURAL, "structural exercises"),  # plural s after an s sound
        (STRUCTURAL, "Structural exercise"),
        (BEND, "bend and lift"),  # hyphens vs spaces
        (BEND, "bend & lift"),  # & vs and
        (BEND, "bend-&-lift"),
        (HEX, "hex bar"),  # the deck's aliases
        (HEX, "Hex bars"),
        (HEX, "the hexagonal bar"),
        (WITH_ALIASES, "RDL"),
        (WITH_ALIASES, "Romanian DL"),
        (WITH_ALIASES, "romanian DLs"),
        (WITH_ALIASES, "the RDL"),
        (MAGNUS, "adductor\u200bmagnus"),  # a zero-width space, invisible
    ],
)
def test_typed_accepts_what_a_person_would_type(card, typed):
    assert check_typed(card, typed, seconds=30).correct, typed


@pytest.mark.parametrize(
    ("card", "typed"),
    [
        (MAGNUS, "adductor longus"),
        (MAGNUS, "the"),  # an article alone is not the answer
        (SWING, "kettlebell swing"),
        (HEX, "barbell"),
        (HEX, "hex"),  # half an alias is not the alias
        (WITH_ALIASES, "stiff-leg deadlift"),
        (WITH_ALIASES, "KB deadlift"),  # an alias of another word
        (WITH_ALIASES, "DL"),  # the deadlift, not the Romanian one
        (PRESS, "leg press"),
    ],
)
def test_typed_still_refuses_a_different_answer(card, typed):
    assert not check_typed(card, typed, seconds=30).correct, typed


@pytest.mark.parametrize(
    ("answer", "typed", "right"),
    [
        ("C++", "C++", True),
        ("C++", "C#", False),
        ("C++", "C", False),
        ("C#", "c #", True),
        ("-45°", "-45°", True),
        ("-45°", "\u221245°", True),  # the typographic minus sign
        ("-45°", "45°", False),
        ("-45°", "-45", False),
        ("-45°", "45", False),
        ("90%", "90 %", True),
        ("90%", "90", False),
        ("1.5", "1.5", True),
        ("1.5", "15", False),
        ("2-for-2 rule", "2 for 2 rule", True),  # a hyphen between words
    ],
)
def test_symbols_that_change_the_meaning_are_kept(answer, typed, right):
    card = TypedCard(id="t", question="?", answers=(answer,), **COMMON)
    assert check_typed(card, typed, seconds=30).correct is right


def test_normalize_keeps_meaning_and_drops_the_rest():
    assert normalize("The RDLs!", (("RDL", "Romanian deadlift"),)) == (
        "romaniandeadlift"
    )
    assert normalize("!!! ...") == ""
    assert normalize("a") == "a"  # an article alone stays: it is all there is


def test_a_longer_alias_wins_over_a_shorter_one():
    aliases = (("KB", "kettlebell"), ("KB DL", "kettlebell deadlift"))
    assert normalize("KB DL", aliases) == normalize("kettlebell deadlift")


def test_nothing_typed_is_i_dont_know_a_blackout():
    """The study screen sends an empty answer only after the learner confirmed
    "I don't know"; SM-2 calls that a complete blackout (0)."""
    assert auto_grade("typed", correct=False, seconds=1, blank=True) == 0
    for typed in ("", "   "):
        verdict = check_typed(RDL, typed, seconds=1)
        assert verdict.grade == 0 and not verdict.correct
        assert verdict.expected == "Romanian deadlift"
    assert check_typed(RDL, "?!", seconds=1).grade == 1  # something typed: wrong
