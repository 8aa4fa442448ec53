"""SM-2 golden vectors, including the sequences where float EF goes wrong."""

import math
import random
from fractions import Fraction

import pytest

from quizhinge.scheduler import GRADE_MEANINGS, Sm2State, preview, review


def run(grades):
    state = Sm2State()
    for grade in grades:
        state = review(state, grade)
    return state


def reference(grades, number=Fraction):
    """SM-2 written straight from the paper, with a chosen number type."""
    n, ef, interval = 0, number("2.5"), 0
    for q in grades:
        old_ef = ef
        ef = ef + number("0.1") - (5 - q) * (number("0.08") + (5 - q) * number("0.02"))
        ef = max(number("1.3"), ef)
        if q < 3:
            n, interval = 0, 1
        else:
            interval = 1 if n == 0 else 6 if n == 1 else math.ceil(interval * old_ef)
            n += 1
    return n, ef, interval


def test_new_item_is_zero_two_and_a_half_zero():
    state = Sm2State()
    assert (state.repetitions, state.easiness, state.interval) == (0, 2.5, 0)


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        ([4], (1, 2.5, 1)),
        ([4, 4], (2, 2.5, 6)),
        ([4, 4, 4], (3, 2.5, 15)),
        ([4, 4, 4, 4], (4, 2.5, 38)),  # ceil(37.5)
        ([5, 5, 5], (3, 2.8, 17)),  # ceil(6 x 2.7): the EF before the update
        ([3, 3, 3], (3, 2.08, 14)),  # ceil(6 x 2.22)
        ([0, 0, 5, 5, 5], (3, 1.6, 9)),  # ceil(6 x 1.5): floats give 10
        ([4, 4, 4, 1], (0, 1.96, 1)),  # a lapse restarts, keeps the new EF
        ([4, 4, 4, 1, 4, 4, 4], (3, 1.96, 12)),  # ceil(6 x 1.96)
        ([0] * 10, (0, 1.3, 1)),  # floored at 1.3
    ],
)
def test_golden_vectors(grades, expected):
    state = run(grades)
    assert (state.repetitions, state.easiness, state.interval) == expected


def test_float_arithmetic_gets_the_trap_wrong_and_we_do_not():
    grades = [0, 0, 5, 5, 5]
    assert reference(grades, float)[2] == 10  # the trap is real
    assert run(grades).interval == reference(grades, Fraction)[2] == 9


def test_matches_an_exact_reference_on_random_histories():
    rng = random.Random(7)
    for _ in range(2000):
        grades = [
            rng.choice([0, 1, 2, 3, 3, 4, 4, 5, 5]) for _ in range(rng.randint(1, 12))
        ]
        n, ef, interval = reference(grades, Fraction)
        state = run(grades)
        assert (
            state.repetitions,
            Fraction(state.easiness_hundredths, 100),
            state.interval,
        ) == (n, ef, interval), grades


def test_preview_gives_each_grades_interval():
    after_two = run([4, 4])
    assert preview(after_two) == {0: 1, 1: 1, 2: 1, 3: 15, 4: 15, 5: 15}
    assert preview(Sm2State()) == dict.fromkeys(range(6), 1)


@pytest.mark.parametrize("bad", [-1, 6, 2.5, "4", True, None])
def test_grades_outside_zero_to_five_are_refused(bad):
    with pytest.raises(ValueError, match="0 to 5"):
        review(Sm2State(), bad)


def test_every_grade_has_supermemos_meaning():
    assert GRADE_MEANINGS[5] == "perfect response"
    assert GRADE_MEANINGS[0] == "complete blackout"
    assert sorted(GRADE_MEANINGS) == [0, 1, 2, 3, 4, 5]


def test_states_are_immutable():
    state = Sm2State()
    for field in state._fields:  # a NamedTuple: every field is read-only
        with pytest.raises(AttributeError):
            setattr(state, field, 3)
