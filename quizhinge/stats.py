"""How a learner is doing: today's load, streaks, retention, forecast, mastery.

Plain data out: the command line draws it as tables (`cli/report.py`), the app
as its stats screen. The counting is the store's (`store.stats`): one
aggregate query per figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from quizhinge.session import local_now, plan_counts, study_day
from quizhinge.store import Store

FORECAST_DAYS = 30
RETENTION_DAYS = 30
HISTORY_DAYS = 365
MATURE_INTERVAL = 21  # days; an item this far apart is "mastered", as in Anki


@dataclass(frozen=True)
class TopicMastery:
    topic: str
    items: int  # items this learner sees
    seen: int  # answered at least once
    mastered: int  # interval of MATURE_INTERVAL days or more

    @property
    def share(self) -> float:
        return self.mastered / self.items if self.items else 0.0


@dataclass(frozen=True)
class Leech:
    item_id: str
    card_id: str
    lapses: int


@dataclass(frozen=True)
class Stats:
    profile: str
    today: date
    due_today: int  # reviews today's session would ask (the session's planner)
    new_left: int  # new items it would still introduce
    learning: int  # re-drills waiting today
    reviews_today: int  # every answer today, re-drills included
    streak_current: int  # study days in a row with an answer, up to today
    streak_longest: int
    retention_30d: float | None  # share of review answers with q >= 3; None: none
    forecast: list[tuple[date, int]]  # reviews due per day, today (with overdue) on
    mastery: list[TopicMastery]
    leeches: list[Leech]
    reviews_per_day: dict[date, int]  # answers per study day, last year


def collect(store: Store, profile: str, today: date | None = None) -> Stats:
    found = store.profiles.get(profile)
    if today is None:
        today = study_day(local_now(), found.settings.day_start_hour)
    pid, levels = found.id, found.levels
    history = store.stats.answers_per_day(pid, today - timedelta(days=HISTORY_DAYS))
    current, longest = streaks(store.stats.study_days(pid), today)
    planned = plan_counts(store, found, today)
    forecast = _forecast(store, pid, today, levels)
    forecast[0] = (today, planned.due)  # today: what the session will ask
    return Stats(
        profile=found.name,
        today=today,
        due_today=planned.due,
        new_left=planned.new,
        learning=planned.redrill,
        reviews_today=history.get(today, 0),
        streak_current=current,
        streak_longest=longest,
        retention_30d=_retention(store, pid, today),
        forecast=forecast,
        mastery=_mastery(store, pid, levels),
        leeches=_leeches(store, pid),
        reviews_per_day=history,
    )


def streaks(days: list[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive study days.

    The current streak still counts when today has no answer yet, ending
    yesterday: the day is not over. It ends today at the latest: days after
    today (answers logged before the clock was set back) are not in it.
    """
    longest = run = current = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
        if day <= today:
            current = run if (today - day).days <= 1 else 0
    return current, longest


def _retention(store: Store, pid: int, today: date) -> float | None:
    passed, total = store.stats.reviews_passed(
        pid, today - timedelta(days=RETENTION_DAYS)
    )
    return passed / total if total else None


def _forecast(
    store: Store, pid: int, today: date, levels: tuple[str, ...]
) -> list[tuple[date, int]]:
    """Reviews due per day; a card counts once a day, as the session asks one
    item of a card a day (a definition's other direction waits)."""
    last = today + timedelta(days=FORECAST_DAYS - 1)
    counts = store.stats.cards_due(pid, today, last, levels)
    return [
        (today + timedelta(days=n), counts.get(today + timedelta(days=n), 0))
        for n in range(FORECAST_DAYS)
    ]


def _mastery(store: Store, pid: int, levels: tuple[str, ...]) -> list[TopicMastery]:
    rows = store.stats.mastery(pid, levels, MATURE_INTERVAL)
    return [TopicMastery(*row) for row in rows]


def _leeches(store: Store, pid: int) -> list[Leech]:
    return [Leech(*row) for row in store.stats.leeches(pid)]
