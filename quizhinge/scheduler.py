"""SM-2, exactly as SuperMemo published it (Wozniak, 1990).

Pure functions over small immutable values: no clock, no I/O. The caller
decides what "today" is and whether an answer is the first of the day (only
those schedule; see `quizhinge.session`).

Easiness is kept as an integer number of hundredths. Every EF is a multiple of
0.02, and floats get intervals wrong: after grades 0,0,5,5,5 the exact interval
is ceil(6 x 1.5) = 9, while a float EF of 1.5000000000000002 gives 10.

    >>> from quizhinge.scheduler import Sm2State, review
    >>> state = review(Sm2State(), 4)
    >>> state.repetitions, state.easiness, state.interval
    (1, 2.5, 1)
"""

from __future__ import annotations

from typing import NamedTuple

GRADES: tuple[int, ...] = (0, 1, 2, 3, 4, 5)
PASSING_GRADE = 3
# SM-2's step 7: after the day's session, every item graded under 4 is asked
# again (a re-drill) until it scores 4 or 5.
REDRILL_BELOW = 4

# SuperMemo's own words for each quality of response.
GRADE_MEANINGS: dict[int, str] = {
    5: "perfect response",
    4: "correct response after a hesitation",
    3: "correct response recalled with serious difficulty",
    2: "incorrect response; where the correct one seemed easy to recall",
    1: "incorrect response; the correct one remembered",
    0: "complete blackout",
}

INITIAL_EASINESS = 250
MIN_EASINESS = 130

# EF' = EF + (0.1 - (5-q) * (0.08 + (5-q) * 0.02)), in hundredths.
_EASINESS_DELTA: dict[int, int] = {5: 10, 4: 0, 3: -14, 2: -32, 1: -54, 0: -80}


class Sm2State(NamedTuple):
    """Where one item stands: a new item is (0, 2.5, 0)."""

    repetitions: int = 0
    easiness_hundredths: int = INITIAL_EASINESS
    interval: int = 0  # days

    @property
    def easiness(self) -> float:
        """EF as a number to show; never compute with it."""
        return self.easiness_hundredths / 100


def check_grade(grade: int) -> int:
    """Refuse anything that is not a quality 0-5 (bool included)."""
    if isinstance(grade, bool) or not isinstance(grade, int) or grade not in GRADES:
        raise ValueError(f"grade must be an integer from 0 to 5, not {grade!r}")
    return grade


def review(state: Sm2State, grade: int) -> Sm2State:
    """The state after one scheduling answer of quality `grade` (0-5).

    EF is updated on every answer and floored at 1.3. A pass (q >= 3) gives
    intervals 1, 6, then ceil(I x EF) with the EF from *before* this update; a
    fail (q < 3) starts the repetitions over with I = 1 but keeps the new EF.
    """
    check_grade(grade)
    easiness = max(MIN_EASINESS, state.easiness_hundredths + _EASINESS_DELTA[grade])
    if grade < PASSING_GRADE:
        return Sm2State(repetitions=0, easiness_hundredths=easiness, interval=1)
    if state.repetitions == 0:
        interval = 1
    elif state.repetitions == 1:
        interval = 6
    else:
        # ceil(I * EF / 100) in integers: "round it up", exactly.
        interval = -(-(state.interval * state.easiness_hundredths) // 100)
    return Sm2State(state.repetitions + 1, easiness, interval)


def preview(state: Sm2State) -> dict[int, int]:
    """The interval in days each grade 0-5 would give, for the grade buttons."""
    return {grade: review(state, grade).interval for grade in GRADES}
