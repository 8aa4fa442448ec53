"""Exam mode: a timed mock test drawn from the decks, scored by topic.

An exam is practice for a certification, not study: it never touches the
SM-2 schedules. Drawing, answering and scoring are pure; the last few
functions take a learner's store for their settings, suspended cards and the
record of exams (`store.exams`), and the TUI only renders what it is given.
Time is passed in, never read here, so a test can run out the clock at once.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from quizhinge import grading
from quizhinge.cards import LEVELS, TOPICS, Card, arranged, studied_at
from quizhinge.settings import ProfileSettings

if TYPE_CHECKING:
    from quizhinge.catalog import Catalog
    from quizhinge.store import Store
    from quizhinge.store.exams import ExamRecord

# An exam asks the kinds the program grades (grading.GRADERS).
EXAM_KINDS: tuple[str, ...] = tuple(kind.kind for kind in grading.GRADERS)
DEFAULT_QUESTIONS = 20
DEFAULT_MINUTES = 15
DEFAULT_PASS_MARK = 70
MINUTES = (1, 600)  # the clock's range: finite, and a sitting of at most ten hours
SEED_MAX = 2**63 - 1  # a seed is kept in an SQLite INTEGER

# What a learner gives for each kind: the picked choice, true or false, the
# typed text, or the steps in the order they put them.
Response = str | bool | tuple[str, ...]


class ExamError(ValueError):
    """A plan that cannot make an exam; the message is for the learner."""


@dataclass(frozen=True)
class ExamPlan:
    """What the learner asked for, on the command line or the home screen."""

    questions: int = DEFAULT_QUESTIONS
    minutes: float = DEFAULT_MINUTES
    topics: tuple[str, ...] = ()  # empty: every topic
    level: str | None = None  # as cards.studied_at reads it; None: every card
    seed: int | None = None  # None: a fresh seed, recorded so the exam can be rerun

    def check(self) -> None:
        """Refuse a plan with a message the learner can act on. The command
        line and the setup screen both come here, so their limits agree."""
        check_questions(self.questions)
        check_minutes(self.minutes)
        if self.seed is not None:
            check_seed(self.seed)
        unknown = [t for t in self.topics if t not in TOPICS]
        if unknown:
            raise ExamError(
                f"unknown topic {unknown[0]!r} (topics: {', '.join(TOPICS)})"
            )
        if self.level is not None and self.level not in LEVELS:
            raise ExamError(
                f"unknown level {self.level!r} (levels: {', '.join(LEVELS)})"
            )


def check_questions(questions: int) -> int:
    """Questions as given, if at least 1; else ExamError. How many the cards
    can give is `check_available`'s to say, once they are loaded."""
    if questions < 1:
        raise ExamError(f"an exam needs at least 1 question, not {questions}")
    return questions


def check_minutes(minutes: float) -> float:
    """Minutes as given, if a finite number in MINUTES; else ExamError."""
    low, high = MINUTES
    if not math.isfinite(minutes) or not low <= minutes <= high:
        raise ExamError(
            f"minutes must be a number from {low} to {high}, not {minutes:g}"
        )
    return minutes


def check_seed(seed: int) -> int:
    if not 0 <= seed <= SEED_MAX:
        raise ExamError(f"a seed is a whole number from 0 to {SEED_MAX}, not {seed}")
    return seed


def check_available(plan: ExamPlan, available: int) -> None:
    """Refuse more questions than the cards can give (`available` of them)."""
    if available == 0:
        raise ExamError(_no_cards_message(plan))
    if plan.questions > available:
        raise ExamError(
            f"{plan.questions} questions asked, but only {available} match"
            f" ({_scope(plan)}): choose 1 to {available}"
        )


@dataclass(frozen=True)
class Question:
    """One exam question; `options` are a choice card's choices, shuffled (a
    figure's panel letters in letter order: `cards.arranged`), or an order
    card's steps, scrambled, as the learner first sees them."""

    card: Card
    options: tuple[str, ...] = ()


def eligible(cards: Iterable[Card], plan: ExamPlan) -> list[Card]:
    """Auto-graded cards of the topics and level asked for, in a stable order."""
    topics = set(plan.topics) or set(TOPICS)
    levels = studied_at(plan.level)
    return sorted(
        (
            card
            for card in cards
            if card.kind in EXAM_KINDS and card.topic in topics and card.level in levels
        ),
        key=lambda card: card.id,
    )


def draw(cards: Iterable[Card], plan: ExamPlan, seed: int) -> tuple[Question, ...]:
    """Draw up to `plan.questions` distinct cards, balanced across topics.

    Topics take turns, so their counts differ by at most one unless a topic
    runs out of cards; the same cards and seed always give the same exam.
    """
    plan.check()
    pool = eligible(cards, plan)
    if not pool:
        raise ExamError(_no_cards_message(plan))
    rng = random.Random(seed)
    by_topic: dict[str, list[Card]] = {}
    for card in pool:
        by_topic.setdefault(card.topic, []).append(card)
    for topic_cards in by_topic.values():
        rng.shuffle(topic_cards)
    turns = sorted(by_topic)
    rng.shuffle(turns)
    picked: list[Card] = []
    while len(picked) < plan.questions and any(by_topic.values()):
        for topic in turns:
            if by_topic[topic] and len(picked) < plan.questions:
                picked.append(by_topic[topic].pop())
    rng.shuffle(picked)
    return tuple(Question(card, _options(card, rng)) for card in picked)


def new_seed() -> int:
    """A seed for an exam nobody asked to reproduce, short enough to type."""
    return random.SystemRandom().randrange(1, 1_000_000)


def _options(card: Card, rng: random.Random) -> tuple[str, ...]:
    return tuple(arranged(card, rng.shuffle))


def _no_cards_message(plan: ExamPlan) -> str:
    kinds = "/".join(EXAM_KINDS)
    return f"no exam questions ({kinds} cards) for {_scope(plan)}"


def _scope(plan: ExamPlan) -> str:
    topics = ", ".join(plan.topics) if plan.topics else "any topic"
    partial = plan.level in LEVELS and studied_at(plan.level) != LEVELS
    level = f" at {plan.level} level" if partial else ""
    return f"{topics}{level}"


@dataclass
class Exam:
    """An exam being sat: the questions, where the learner is, what they said.

    Nothing is checked until the end, as in a real exam.
    """

    questions: tuple[Question, ...]
    plan: ExamPlan
    seed: int
    started_at: datetime
    pass_mark: int = DEFAULT_PASS_MARK
    position: int = 0
    responses: dict[int, Response] = field(default_factory=dict)
    flagged: set[int] = field(default_factory=set)

    @classmethod
    def start(
        cls,
        cards: Iterable[Card],
        plan: ExamPlan,
        now: datetime,
        pass_mark: int = DEFAULT_PASS_MARK,
    ) -> Exam:
        seed = plan.seed if plan.seed is not None else new_seed()
        return cls(draw(cards, plan, seed), plan, seed, now, pass_mark)

    @property
    def seconds(self) -> float:
        return self.plan.minutes * 60

    @property
    def current(self) -> Question:
        return self.questions[self.position]

    def remaining(self, now: datetime) -> float:
        """Seconds left on the clock, never below zero."""
        spent = (now - self.started_at).total_seconds()
        return max(0.0, self.seconds - spent)

    def time_up(self, now: datetime) -> bool:
        return self.remaining(now) <= 0

    def answer(self, response: Response | None) -> None:
        """Record, change or (with None) clear the answer to the current question."""
        if response is None:
            self.responses.pop(self.position, None)
        else:
            self.responses[self.position] = response

    def response(self, position: int | None = None) -> Response | None:
        return self.responses.get(self.position if position is None else position)

    def go(self, position: int) -> None:
        self.position = max(0, min(position, len(self.questions) - 1))

    def next(self) -> None:
        """The next question; from the last one, round to the first question
        still unanswered (one skipped earlier), if there is one."""
        if self.position < len(self.questions) - 1:
            self.go(self.position + 1)
            return
        left = [i for i in self.unanswered() if i != self.position]
        if left:
            self.go(left[0])

    @property
    def on_last(self) -> bool:
        return self.position == len(self.questions) - 1

    def previous(self) -> None:
        self.go(self.position - 1)

    def skip(self) -> None:
        """Leave this question for later: go to the next unanswered one, wrapping
        round to the start; stay put if every other question has an answer."""
        count = len(self.questions)
        for step in range(1, count):
            candidate = (self.position + step) % count
            if candidate not in self.responses:
                self.go(candidate)
                return

    def toggle_flag(self) -> bool:
        """Mark the current question for review (or unmark it); True if marked."""
        if self.position in self.flagged:
            self.flagged.discard(self.position)
            return False
        self.flagged.add(self.position)
        return True

    def unanswered(self) -> list[int]:
        return [i for i in range(len(self.questions)) if i not in self.responses]

    def score(self) -> ExamResult:
        """Check every answer; an unanswered question counts as wrong."""
        outcomes = []
        for position, question in enumerate(self.questions):
            response = self.responses.get(position)
            correct, expected = (
                (False, expected_answer(question.card))
                if response is None
                else check_response(question.card, response)
            )
            outcomes.append(
                Outcome(
                    position,
                    question,
                    response,
                    correct,
                    expected,
                    position in self.flagged,
                )
            )
        return ExamResult(tuple(outcomes), self.pass_mark)


@dataclass(frozen=True)
class Outcome:
    """How one question went, for the results screen and the record."""

    position: int
    question: Question
    response: Response | None
    correct: bool
    expected: str
    flagged: bool = False

    @property
    def card(self) -> Card:
        return self.question.card


@dataclass(frozen=True)
class TopicScore:
    topic: str
    correct: int
    total: int

    @property
    def percent(self) -> float:
        return 100 * self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class ExamResult:
    outcomes: tuple[Outcome, ...]
    pass_mark: int = DEFAULT_PASS_MARK

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def correct(self) -> int:
        return sum(outcome.correct for outcome in self.outcomes)

    @property
    def percent(self) -> float:
        return 100 * self.correct / self.total if self.total else 0.0

    @property
    def passed(self) -> bool:
        # In integers, so 7 of 10 passes a 70% mark exactly.
        return self.correct * 100 >= self.pass_mark * self.total

    @property
    def by_topic(self) -> tuple[TopicScore, ...]:
        """Score per topic, weakest first, so what to study next comes first."""
        tally: dict[str, list[int]] = {}
        for outcome in self.outcomes:
            right_total = tally.setdefault(outcome.card.topic, [0, 0])
            right_total[0] += outcome.correct
            right_total[1] += 1
        scores = [TopicScore(t, right, total) for t, (right, total) in tally.items()]
        return tuple(sorted(scores, key=lambda s: (s.percent, s.topic)))

    @property
    def missed(self) -> tuple[Outcome, ...]:
        return tuple(outcome for outcome in self.outcomes if not outcome.correct)

    def missed_card_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(outcome.card.id for outcome in self.missed))


@dataclass(frozen=True)
class ExamEnd:
    """How an exam ended: submitted (with its result), timed out, or quit.

    A quit exam has no result: it is kept as abandoned, not scored.
    """

    exam: Exam
    ended_at: datetime
    result: ExamResult | None
    timed_out: bool = False

    @property
    def abandoned(self) -> bool:
        return self.result is None


# -- checking answers ---------------------------------------------------------


def check_response(card: Card, response: Response) -> tuple[bool, str]:
    """(correct, the right answer as text), by the same grader as study.

    The exam ignores the grade: time per question does not change the score.
    """
    if card.kind not in EXAM_KINDS:
        raise _not_asked(card)
    verdict = grading.check(card, response, 0.0)
    return verdict.correct, verdict.expected


def expected_answer(card: Card) -> str:
    """The right answer of an exam question, as text (for one left unanswered)."""
    if card.kind not in EXAM_KINDS:
        raise _not_asked(card)
    return grading.expected_answer(card)


def _not_asked(card: Card) -> ExamError:
    return ExamError(f"card {card.id}: {card.kind} cards are not asked in exams")


def response_text(response: Response | None) -> str:
    """What the learner answered, as text; '(no answer)' if they left it."""
    if response is None:
        return "(no answer)"
    if isinstance(response, bool):
        return "True" if response else "False"
    if isinstance(response, tuple):
        return "\n".join(f"{n}. {step}" for n, step in enumerate(response, 1))
    return response


def format_seconds(seconds: float) -> str:
    """A countdown as a learner reads it: 14:59, or 1:02:03 past an hour."""
    whole = int(-(-seconds // 1))  # round up, so 0:00 means time is really up
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


# -- with a learner's store ------------------------------------------------------


def begin_exam(
    store: Store, catalog: Catalog, profile: str, plan: ExamPlan, now: datetime
) -> Exam:
    """Draw an exam under the profile's settings: its pass mark, and its level
    unless the plan names one. Suspended cards stay out, as in study."""
    found = store.profiles.get(profile)
    plan, cards = _plan_and_cards(store, catalog, profile, plan)
    return Exam.start(cards, plan, now, found.settings.pass_mark)


def available_questions(
    store: Store | None, catalog: Catalog, profile: str, plan: ExamPlan
) -> tuple[ExamPlan, int]:
    """The plan at this learner's level and how many questions it can ask, so
    the command line and the setup screen can refuse asking for more
    (`check_available`). No store: a learner with no file yet."""
    plan, cards = _plan_and_cards(store, catalog, profile, plan)
    return plan, len(eligible(cards, plan))


def _plan_and_cards(
    store: Store | None, catalog: Catalog, profile: str, plan: ExamPlan
) -> tuple[ExamPlan, list[Card]]:
    """The plan at the profile's level unless it names one, and the cards an
    exam may ask: suspended cards stay out, as in study."""
    found = store.profiles.find(profile) if store is not None else None
    if plan.level is None:
        level = found.settings.level if found else ProfileSettings().level
        plan = replace(plan, level=level)
    suspended = set(store.schedule.suspended(found.id)) if store and found else set()
    return plan, [card for card in catalog if card.id not in suspended]


def save_exam(store: Store, profile: str, end: ExamEnd) -> int:
    """Keep a finished exam with its score, or a quit one unscored (one
    transaction); its id."""
    return store.exams.save(store.profiles.get(profile).id, end)


def exam_history(
    store: Store, profile: str, limit: int | None = None
) -> list[ExamRecord]:
    """A profile's exams, oldest first (the most recent `limit`, if given)."""
    found = store.profiles.find(profile)
    return store.exams.history(found.id, limit) if found is not None else []
