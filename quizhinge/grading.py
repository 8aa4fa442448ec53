"""Checking answers the program can grade, and turning them into SM-2 grades.

`auto_grade` is the one place that maps an auto-graded answer to a quality q:

    typed, nothing typed ("I don't know") -> 0  "complete blackout"
    wrong                               -> 1  "incorrect; the correct one remembered"
    typed, wrong but near (a typo)      -> 2  "incorrect; the correct one seemed easy"
    right                               -> 4  "correct after a hesitation"
    right within QUICK_SECONDS[kind]    -> 5  "perfect response"

Grade 3 ("recalled with serious difficulty") is never given by the program: it
cannot see difficulty, only time. Everything below 3 restarts the item, so a
near miss still counts as wrong; it only costs a little less easiness.

`GRADERS` is the one table of auto-graded kinds: each kind's checker and its
quick time. `check` dispatches through it; a kind without a row is graded by
the learner.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quizhinge.cards import (
    Aliases,
    Card,
    ChoiceCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
    plain,
)

GRADE_BLACKOUT = 0  # a typed card answered with nothing: "I don't know"
GRADE_WRONG = 1
GRADE_NEAR_MISS = 2
GRADE_RIGHT = 4
GRADE_QUICK = 5

# A typed answer this many edits away from a variant (after normalising) is a
# near miss: the UI shows a diff instead of just "wrong".
MAX_NEAR_MISS_EDITS = 3


ARTICLES = frozenset({"the", "a", "an"})
# Symbols kept in answers because they change what the answer means.
MEANINGFUL_SYMBOLS = frozenset("+#°%")
# Marks dropped inside a word ("r.d.l", "hamstring's"); other punctuation
# separates words, so "pull-through" and "pull through" are one answer.
JOINING_MARKS = frozenset(".'\u2019")  # the last: a typographic apostrophe
MINUS_SIGNS = frozenset("-\u2212")


@dataclass(frozen=True)
class Verdict:
    """What the program decided about one answer."""

    correct: bool
    grade: int  # the SM-2 quality this answer maps to
    expected: str  # the right answer as text to show
    near_miss: bool = False  # typed: within a small edit distance, still wrong
    # typed: (op, text) segments turning what was typed into `expected`;
    # op is "equal", "insert" (missing from the answer) or "delete" (extra).
    diff: tuple[tuple[str, str], ...] = ()


def auto_grade(
    kind: str,
    correct: bool,
    seconds: float,
    near_miss: bool = False,
    blank: bool = False,
) -> int:
    """The SM-2 quality for an auto-graded answer (see the module docstring)."""
    if blank:
        return GRADE_BLACKOUT
    if not correct:
        return GRADE_NEAR_MISS if near_miss else GRADE_WRONG
    quick = QUICK_SECONDS.get(kind, 8.0)
    return GRADE_QUICK if 0 <= seconds <= quick else GRADE_RIGHT


def expected_answer(card: Card) -> str:
    """The right answer as a learner reads it (for a typed card, the first
    listed; a near miss shows the closest instead)."""
    return plain(card.shown_answer())


def auto_graded(card: Card) -> bool:
    """Whether the program grades this card's answers (else the learner does,
    after seeing the answer)."""
    return type(card) in GRADERS


def check(card: Card, response: object, seconds: float) -> Verdict:
    """Check an answer to any auto-graded card: the picked choice, true or
    false, the typed text, or the steps in the learner's order. Study and exam
    both grade through here. ValueError for a card the learner grades."""
    grader = GRADERS.get(type(card))
    if grader is None:
        raise ValueError(f"{card.kind} cards are graded by the learner")
    return grader.check(card, response, seconds)


def check_choice(card: ChoiceCard, picked: object, seconds: float) -> Verdict:
    correct = str(picked) == card.answer
    return Verdict(correct, auto_grade(card.kind, correct, seconds), card.answer)


def check_truefalse(card: TrueFalseCard, said: object, seconds: float) -> Verdict:
    correct = bool(said) == card.answer
    grade = auto_grade(card.kind, correct, seconds)
    return Verdict(correct, grade, expected_answer(card))


def check_order(card: OrderCard, steps: object, seconds: float) -> Verdict:
    """Right only when every step is in its place (`steps`: the learner's
    order, a tuple or list)."""
    given = tuple(steps) if isinstance(steps, tuple | list) else ()
    correct = given == tuple(card.steps)
    grade = auto_grade(card.kind, correct, seconds)
    return Verdict(correct, grade, expected_answer(card))


def check_typed(card: TypedCard, response: object, seconds: float) -> Verdict:
    """Right when it matches any listed answer as `normalize` compares them;
    otherwise a near miss if a few edits from the closest one. Nothing typed
    at all is the learner saying "I don't know": a blackout."""
    typed = str(response)
    if not typed.strip():
        grade = auto_grade(card.kind, False, seconds, blank=True)
        return Verdict(False, grade, card.answers[0] if card.answers else "")
    answer = normalize(typed, card.aliases)
    variants = card.answers or ("",)
    accepted = [normalize(v, card.aliases) for v in variants]
    if answer and answer in accepted:
        return Verdict(True, auto_grade(card.kind, True, seconds), card.answers[0])
    # Ties go to the earliest listed answer: the deck author's preferred wording.
    distance, index = min(
        (edit_distance(answer, form), i) for i, form in enumerate(accepted)
    )
    closest = variants[index]
    near = bool(answer) and distance <= near_miss_limit(accepted[index])
    expected = closest if near else variants[0]
    return Verdict(
        correct=False,
        grade=auto_grade(card.kind, False, seconds, near_miss=near),
        expected=expected,
        near_miss=near,
        diff=text_diff(typed.strip(), expected) if near else (),
    )


@dataclass(frozen=True)
class Grader:
    """How one auto-graded kind is checked."""

    check: Callable[[Any, object, float], Verdict]  # (card, response, seconds)
    quick_seconds: float  # a right answer at least this fast is "perfect"


GRADERS: dict[type[Card], Grader] = {
    ChoiceCard: Grader(check_choice, 8.0),
    TrueFalseCard: Grader(check_truefalse, 5.0),
    TypedCard: Grader(check_typed, 12.0),
    OrderCard: Grader(check_order, 20.0),
}
QUICK_SECONDS: dict[str, float] = {
    kind.kind: grader.quick_seconds for kind, grader in GRADERS.items()
}


def normalize(text: str, aliases: Aliases = ()) -> str:
    """The form two answers are compared in: what a knowledgeable person might
    type differently without meaning anything different is made the same.

    Case, spacing, hyphens, most punctuation, a leading article, plural
    endings and the deck's abbreviations (`aliases`) do not count; symbols
    that change the meaning (`+`, `#`, `°`, `%`, a minus sign) do, so that
    `C#` is not `C++` and `-45°` is not `45`.
    """
    words = [singular(word) for word in _words(text)]
    for short, long in _expanded(aliases):
        words = _replace(words, short, long)
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return "".join(words)


def _words(text: str) -> list[str]:
    """Lower-case words, split at spaces and punctuation, keeping the
    meaningful symbols and a minus sign before a digit."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    chars: list[str] = []
    for i, ch in enumerate(text):
        category = unicodedata.category(ch)
        if ch in MEANINGFUL_SYMBOLS or category[0] in "LN":
            chars.append(ch)
        elif ch in MINUS_SIGNS and _starts_number(text, i):
            chars.append("-")
        elif ch == "." and _between_digits(text, i):
            chars.append(ch)
        elif category == "Cf" or ch in JOINING_MARKS:
            continue  # zero-width marks, and marks that join a word's parts
        else:
            chars.append(" ")
    return "".join(chars).split()


def _starts_number(text: str, i: int) -> bool:
    """A minus sign: before a digit and not joining two words or numbers."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else ""
    return after.isdigit() and not before.isalnum()


def _between_digits(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def singular(word: str) -> str:
    """One spelling for singular and plural ("RDLs", "glutes", "presses").

    Applied to both sides of a comparison, so it need only be consistent, not
    correct English: "press" stays, "biceps" and "bicep" meet at "bicep".
    """
    if len(word) < 3 or not word.isalpha() or not word.endswith("s"):
        return word
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]  # "presses", "benches", "boxes"; not "exercises"
    return word[:-1]


def _expanded(aliases: Aliases) -> list[tuple[list[str], list[str]]]:
    """The deck's aliases as word lists, longest first so that "KB DL" wins
    over "KB" where a deck lists both."""
    pairs = [
        ([singular(w) for w in _words(short)], [singular(w) for w in _words(long)])
        for short, long in aliases
    ]
    return sorted((p for p in pairs if p[0]), key=lambda p: -len(p[0]))


def _replace(words: list[str], short: list[str], long: list[str]) -> list[str]:
    """`words` with every whole-word run equal to `short` replaced by `long`."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i : i + len(short)] == short:
            out.extend(long)
            i += len(short)
        else:
            out.append(words[i])
            i += 1
    return out


def near_miss_limit(target: str) -> int:
    """Short answers tolerate one slip; longer ones about one in five letters."""
    return max(1, min(MAX_NEAR_MISS_EDITS, len(target) // 5))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one row at a time."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            )
        previous = current
    return previous[-1]


def text_diff(typed: str, expected: str) -> tuple[tuple[str, str], ...]:
    """Segments that turn `typed` into `expected`, compared case-insensitively."""
    matcher = difflib.SequenceMatcher(None, typed.lower(), expected.lower(), False)
    if len(typed.lower()) != len(typed) or len(expected.lower()) != len(expected):
        matcher = difflib.SequenceMatcher(None, typed, expected, False)
    segments: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("equal", expected[j1:j2]))
            continue
        if i2 > i1:
            segments.append(("delete", typed[i1:i2]))
        if j2 > j1:
            segments.append(("insert", expected[j1:j2]))
    return tuple(segments)
