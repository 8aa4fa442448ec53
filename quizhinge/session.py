"""A study session: what to ask today, in what order, and what an answer does.

Today's queue for a profile is built once, when the session starts:

1. reviews due by today, most overdue first;
2. then new items in the decks' study order (mixed kinds, decks and facts;
   see `study_order`), up to new-per-day minus those introduced earlier today;
3. the two together capped by reviews-per-day minus today's earlier
   scheduling answers (re-drills do not count);
4. only cards of the profile's level (a trainer sees every level), and of one
   deck or topic if asked;
5. never two siblings on one day: the two directions of a definition, or two
   gaps of a cloze (one gives the other away, as Anki's sibling burying
   knows); the other waits for another day;
6. then SM-2 step 7: every item graded below 4 today comes back, again and
   again, until it scores 4 or 5. These re-drills are logged but only the
   first answer of the day schedules (see `Schedule.record_answer`). They are
   not capped by reviews-per-day, as Anki does not cap cards in (re)learning:
   a card failed today is always asked again before the day ends.

A study day starts at the profile's day-start hour (default 04:00) in local
time, so a session after midnight still belongs to the evening before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

from quizhinge.cards import TOPICS, Card
from quizhinge.catalog import Catalog
from quizhinge.scheduler import REDRILL_BELOW, Sm2State, check_grade
from quizhinge.scheduler import preview as preview_intervals
from quizhinge.store import AnswerRow, ItemRow, Profile, Queue, Store, item_id


def local_now() -> datetime:
    return datetime.now().astimezone()


def study_day(moment: datetime, day_start_hour: int) -> date:
    """The study day a moment belongs to, in the moment's own time zone."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return (moment - timedelta(hours=day_start_hour)).date()


class StudyItem(NamedTuple):
    item_id: str  # card id, or "card-id#variant"
    card: Card
    variant: str  # "" | "term" | "meaning" | "c1" ...
    is_new: bool
    redrill: bool  # a same-day re-drill (SM-2 step 7)
    state: Sm2State


class Counts(NamedTuple):
    new: int
    due: int
    redrill: int
    answered: int


class AnswerResult(NamedTuple):
    grade: int
    correct: bool  # grade >= 3
    redrill: bool  # this answer was a re-drill and did not schedule
    interval: int  # days (for a re-drill: unchanged)
    due: date  # next due study day
    will_redrill: bool  # grade < 4: comes back at the end of today's session
    leech: bool = False  # this answer was the item's 8th lapse


class Summary(NamedTuple):
    answered: int
    correct: int
    redrills: int
    seconds: float
    due_tomorrow: int


class DeckCounts(NamedTuple):
    deck_id: str
    name: str
    new: int  # new items that today's limit still lets in
    learning: int  # re-drills waiting today
    due: int  # reviews due today


class _Answered(NamedTuple):
    """One answer, with the queues as they were before it, for undo."""

    review_id: int
    queue: tuple[StudyItem, ...]
    redrills: tuple[StudyItem, ...]
    result: AnswerResult
    seconds: float


class _Suspended(NamedTuple):
    """One suspension, with the queues as they were before it, for undo."""

    card_id: str
    queue: tuple[StudyItem, ...]
    redrills: tuple[StudyItem, ...]


class StudySession:
    """Today's study for one profile, optionally one deck or topic."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        profile: str,
        *,
        deck: str | None = None,
        topic: str | None = None,
        card_ids: Sequence[str] | None = None,
        now: Callable[[], datetime] = local_now,
    ):
        """`card_ids` studies just those cards (say, the ones an exam missed),
        due or not and outside the daily limits; answers schedule as usual."""
        self.store = store
        self.catalog = catalog
        self.profile: Profile = store.profiles.get(profile)
        self.deck = deck
        self.topic = topic
        self._now = now
        self.today = study_day(now(), self.profile.settings.day_start_hour)
        if card_ids is not None:
            self._queue = plan_cards(store, catalog, self.profile, card_ids, self.today)
            self._redrills: list[StudyItem] = []
        else:
            self._queue, self._redrills = plan_today(
                store, catalog, self.profile, self.today, deck, topic
            )
        # Every action of this session, answers and suspensions alike, so undo
        # takes back the last one whatever it was.
        self._history: list[_Answered | _Suspended] = []

    # -- asking and answering --------------------------------------------------

    def current(self) -> StudyItem | None:
        """The item to ask now; None when today's session is done."""
        if self._queue:
            return self._queue[0]
        return self._redrills[0] if self._redrills else None

    def day_over(self) -> bool:
        """Whether the study day this session planned has ended: the clock has
        passed the day-start hour since, so the queue is yesterday's and the
        new day's reviews are not in it. A screen then ends the session with
        its summary and offers a new one."""
        hour = self.profile.settings.day_start_hour
        return study_day(self._now(), hour) > self.today

    def upcoming(self) -> list[StudyItem]:
        """Every item still to ask today, in order (re-drills last)."""
        return [*self._queue, *self._redrills]

    def counts(self) -> Counts:
        new = sum(item.is_new for item in self._queue)
        again = sum(item.redrill for item in self._queue)  # `card_ids` sessions
        return Counts(
            new=new,
            due=len(self._queue) - new - again,
            redrill=len(self._redrills) + again,
            answered=len(self._answers()),
        )

    def preview(self) -> dict[int, int]:
        """Interval per grade for the current item (a re-drill keeps its own)."""
        item = self.current()
        if item is None:
            return {}
        if item.redrill:
            return dict.fromkeys(range(6), item.state.interval)
        return preview_intervals(item.state)

    def answer(self, grade: int, seconds: float) -> AnswerResult:
        """Record the current item's answer (one transaction) and move on."""
        check_grade(grade)
        item = self.current()
        if item is None:
            raise RuntimeError("nothing to answer: today's session is done")
        queue, redrills = tuple(self._queue), tuple(self._redrills)
        now = self._now()
        day = study_day(now, self.profile.settings.day_start_hour)
        recorded = self.store.schedule.record_answer(
            self.profile.id, item.item_id, grade, seconds, day, now
        )
        (self._queue if self._queue else self._redrills).pop(0)
        will_redrill = grade < REDRILL_BELOW
        if will_redrill:
            again = item._replace(is_new=False, redrill=True, state=recorded.state)
            self._redrills.append(again)
        result = AnswerResult(
            grade=grade,
            correct=grade >= 3,
            redrill=recorded.redrill,
            interval=recorded.state.interval,
            due=recorded.due_day,
            will_redrill=will_redrill,
            leech=recorded.became_leech,
        )
        self._history.append(
            _Answered(recorded.review_id, queue, redrills, result, seconds)
        )
        return result

    def _answers(self) -> list[_Answered]:
        return [step for step in self._history if isinstance(step, _Answered)]

    def undo(self) -> StudyItem | None:
        """Take back the last action, an answer or a suspension (several levels
        deep): an answer's log row is removed and its schedule restored; a
        suspended card is let back in. Returns the item to ask now, or None
        when there was nothing to undo."""
        if not self._history:
            return None
        step = self._history[-1]
        if isinstance(step, _Answered):
            self.store.schedule.undo_answer(self.profile.id, step.review_id)
        else:
            self.store.schedule.unsuspend(self.profile.id, step.card_id)
        self._history.pop()  # only once the store has taken it back
        self._queue, self._redrills = list(step.queue), list(step.redrills)
        return self.current()

    def can_undo(self) -> bool:
        return bool(self._history)

    def last_action(self) -> str | None:
        """What undo would take back: "answer", "suspension" or None."""
        if not self._history:
            return None
        return "answer" if isinstance(self._history[-1], _Answered) else "suspension"

    def suspend(self) -> str | None:
        """Suspend the current item's card (all its items) and move on;
        returns the card's id (None when nothing is asked)."""
        item = self.current()
        if item is None:
            return None
        card_id = item.card.id
        queue, redrills = tuple(self._queue), tuple(self._redrills)
        self.store.schedule.suspend(self.profile.id, card_id)
        self._history.append(_Suspended(card_id, queue, redrills))
        self._queue = [i for i in self._queue if i.card.id != card_id]
        self._redrills = [i for i in self._redrills if i.card.id != card_id]
        return card_id

    def unsuspend(self, card_id: str) -> None:
        """Let a suspended card back in (from the next session on)."""
        self.store.schedule.unsuspend(self.profile.id, card_id)

    def summary(self) -> Summary:
        answers = self._answers()
        results = [step.result for step in answers]
        tomorrow = self.today + timedelta(days=1)
        due_tomorrow = plan_counts(
            self.store, self.profile, tomorrow, self.deck, self.topic, answers=[]
        ).due
        return Summary(
            answered=len(results),
            correct=sum(r.correct for r in results),
            redrills=sum(r.redrill for r in results),
            seconds=sum(step.seconds for step in answers),
            due_tomorrow=due_tomorrow,
        )


class ScopeError(ValueError):
    """A deck or topic that names no card; the message lists what exists."""


def check_scope(
    catalog: Catalog,
    deck: str | None,
    topic: str | None,
    levels: Sequence[str] | None = None,
) -> None:
    """Refuse a deck or topic (or the two together, or at these levels) that
    holds no card, naming what would: "All done for today" must mean that."""
    decks = {d.id: d for d in catalog.decks}
    if deck is not None and deck not in decks:
        raise ScopeError(f"no deck with id {deck!r} (decks: {', '.join(decks)})")
    if topic is not None and topic not in TOPICS:
        raise ScopeError(f"no topic {topic!r} (topics: {', '.join(TOPICS)})")
    cards = list(decks[deck].cards) if deck is not None else list(catalog)
    where = f"deck {deck!r}" if deck is not None else "the decks"
    holds = "holds" if deck is not None else "hold"
    if topic is not None:
        topics = ", ".join(sorted({card.topic for card in cards}))
        cards = [card for card in cards if card.topic == topic]
        if not cards:
            raise ScopeError(
                f"nothing matches: {where} {holds} no {topic!r} cards"
                f" (topics: {topics})"
            )
        where += f" with topic {topic!r}"
    if levels is not None and cards and not any(c.level in levels for c in cards):
        held = ", ".join(sorted({card.level for card in cards}))
        raise ScopeError(
            f"nothing matches at your level: {where} {holds} only {held} cards"
            " (switch with l on the home screen, or quizhinge config level trainer)"
        )


def plan_today(
    store: Store,
    catalog: Catalog,
    profile: Profile,
    today: date,
    deck: str | None = None,
    topic: str | None = None,
    answers: list[AnswerRow] | None = None,
) -> tuple[list[StudyItem], list[StudyItem]]:
    """Today's (queue, re-drills) by the rules in the module docstring."""
    due, new, redrills = _plan_rows(
        store, profile, today, deck, topic, answers, catalog.cards_by_id.__contains__
    )
    queue = [
        *_study_items(catalog, due, is_new=False, redrill=False),
        *_study_items(catalog, new, is_new=True, redrill=False),
    ]
    return queue, list(_study_items(catalog, redrills, is_new=False, redrill=True))


def plan_counts(
    store: Store,
    profile: Profile,
    today: date,
    deck: str | None = None,
    topic: str | None = None,
    answers: list[AnswerRow] | None = None,
) -> Counts:
    """What a session started now would ask on `today` (the same planner, so
    the home screen, its table, stats and the summary agree with the session);
    `answered` is every answer logged on that day."""
    if answers is None:
        answers = store.schedule.answers_on(profile.id, today)
    due, new, redrills = _plan_rows(
        store, profile, today, deck, topic, answers, _anything
    )
    return Counts(
        new=len(new), due=len(due), redrill=len(redrills), answered=len(answers)
    )


def _anything(_card_id: str) -> bool:
    return True


def _plan_rows(
    store: Store,
    profile: Profile,
    today: date,
    deck: str | None,
    topic: str | None,
    answers: list[AnswerRow] | None,
    known: Callable[[str], bool],
) -> tuple[list[ItemRow], list[ItemRow], list[ItemRow]]:
    """Today's (due, new, re-drill) schedule rows by the rules of the module
    docstring; `known` says which cards the decks loaded now still hold."""
    if answers is None:
        answers = store.schedule.answers_on(profile.id, today)
    settings = profile.settings
    scheduled = [a for a in answers if not a.redrill]
    introduced = sum(a.was_new for a in scheduled)
    shown_cards = {a.card_id for a in answers}
    room = max(0, settings.reviews_per_day - len(scheduled))
    filters = (profile.levels, deck, topic)
    due: list[ItemRow] = []
    if room:
        rows = store.schedule.due_items(profile.id, today, *filters)
        due = _take(rows, room, shown_cards, known)
    new: list[ItemRow] = []
    new_room = min(room - len(due), settings.new_per_day - introduced)
    if new_room > 0:
        new = _take(
            store.schedule.new_items(profile.id, *filters), new_room, shown_cards, known
        )
    latest = {a.item_id: a.grade for a in answers}
    pending = [i for i, grade in latest.items() if grade < REDRILL_BELOW]
    redrills = [
        row
        for row in store.schedule.items_by_id(profile.id, pending, *filters)
        if row.queue != Queue.SUSPENDED and known(row.card_id)
    ]
    return due, new, redrills


def plan_cards(
    store: Store,
    catalog: Catalog,
    profile: Profile,
    card_ids: Sequence[str],
    today: date,
) -> list[StudyItem]:
    """Every item of the given cards, in that order, new or due or not yet due;
    suspended items and cards no longer in the decks stay out. An item already
    answered today is a re-drill (its answer will not schedule it again), and
    says so."""
    cards = catalog.cards_by_id
    wanted = [
        item_id(card_id, variant)
        for card_id in dict.fromkeys(card_ids)
        if card_id in cards
        for variant in cards[card_id].variants()
    ]
    rows = [
        row
        for row in store.schedule.items_by_id(profile.id, wanted)
        if row.queue != Queue.SUSPENDED
    ]
    return [
        StudyItem(
            row.item_id,
            cards[row.card_id],
            row.variant,
            row.queue == Queue.NEW,
            row.last_day is not None and row.last_day >= today,
            row.state,
        )
        for row in rows
    ]


def _take(
    rows: Iterator[ItemRow],
    limit: int,
    shown_cards: set[str],
    known: Callable[[str], bool],
) -> list[ItemRow]:
    """The first `limit` rows the rules allow, reading them lazily: one item
    of a card a day, so a sibling (a definition's other direction, another
    gap of a cloze) waits for another day."""
    taken: list[ItemRow] = []
    for row in rows:
        if row.card_id in shown_cards or not known(row.card_id):
            continue
        shown_cards.add(row.card_id)
        taken.append(row)
        if len(taken) >= limit:
            break
    return taken


def _study_items(
    catalog: Catalog, rows: Iterable[ItemRow], *, is_new: bool, redrill: bool
) -> Iterator[StudyItem]:
    cards = catalog.cards_by_id
    for row in rows:
        card = cards.get(row.card_id)
        if card is None:
            continue  # not in the decks loaded now
        yield StudyItem(row.item_id, card, row.variant, is_new, redrill, row.state)


def deck_overview(
    store: Store, catalog: Catalog, profile: str, today: date | None = None
) -> list[DeckCounts]:
    """New, learning (re-drills waiting) and due counts per deck: what a
    session on that deck alone would ask today."""
    found = store.profiles.get(profile)
    if today is None:
        today = study_day(local_now(), found.settings.day_start_hour)
    answers = store.schedule.answers_on(found.id, today)
    counts = []
    for deck in catalog.decks:
        planned = plan_counts(store, found, today, deck=deck.id, answers=answers)
        counts.append(
            DeckCounts(deck.id, deck.name, planned.new, planned.redrill, planned.due)
        )
    return counts
