"""How a learner is doing: today's load, streaks, retention, forecast, mastery.

Every figure is one aggregate query over indexed columns, so the cost does not
grow with the size of the collection beyond what the query has to count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from quizhinge.session import local_now, plan_counts, study_day
from quizhinge.store import LEECH_LAPSES, Store

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
    found = store.profile(profile)
    if today is None:
        today = study_day(local_now(), found.settings.day_start_hour)
    pid, levels = found.id, found.levels
    history = _answers_per_day(store, pid, today - timedelta(days=HISTORY_DAYS))
    current, longest = streaks(_study_days(store, pid), today)
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


def _answers_per_day(store: Store, pid: int, since: date) -> dict[date, int]:
    rows = store.conn.execute(
        "SELECT study_day, count(*) FROM reviews WHERE profile_id = ?"
        " AND study_day > ? GROUP BY study_day",
        (pid, since.isoformat()),
    )
    return {date.fromisoformat(day): count for day, count in rows}


def _study_days(store: Store, pid: int) -> list[date]:
    """Every day with an answer, in order (a few thousand at most)."""
    return [
        date.fromisoformat(row[0])
        for row in store.conn.execute(
            "SELECT DISTINCT study_day FROM reviews WHERE profile_id = ?"
            " ORDER BY study_day",
            (pid,),
        )
    ]


def _retention(store: Store, pid: int, today: date) -> float | None:
    since = today - timedelta(days=RETENTION_DAYS)
    passed, total = store.conn.execute(
        "SELECT sum(grade >= 3), count(*) FROM reviews WHERE profile_id = ?"
        " AND study_day > ? AND redrill = 0 AND queue_before = 1",
        (pid, since.isoformat()),
    ).fetchone()
    return passed / total if total else None


def _forecast(
    store: Store, pid: int, today: date, levels: tuple[str, ...]
) -> list[tuple[date, int]]:
    """Reviews due per day; a card counts once a day, as the session asks one
    item of a card a day (a definition's other direction waits)."""
    last = today + timedelta(days=FORECAST_DAYS - 1)
    marks = ", ".join("?" * len(levels))
    rows = store.conn.execute(
        "SELECT max(s.due_day, ?), count(DISTINCT i.card_id) FROM schedule s"
        " JOIN items i ON i.id = s.item_id JOIN cards c ON c.id = i.card_id"
        " WHERE s.profile_id = ? AND s.queue = 1 AND s.due_day <= ?"
        f" AND i.retired = 0 AND c.level IN ({marks}) GROUP BY 1",
        (today.isoformat(), pid, last.isoformat(), *levels),
    )
    counts = {date.fromisoformat(day): count for day, count in rows}
    return [
        (today + timedelta(days=n), counts.get(today + timedelta(days=n), 0))
        for n in range(FORECAST_DAYS)
    ]


def _mastery(store: Store, pid: int, levels: tuple[str, ...]) -> list[TopicMastery]:
    marks = ", ".join("?" * len(levels))
    rows = store.conn.execute(
        "SELECT c.topic, count(*), sum(s.last_day IS NOT NULL), sum(s.interval >= ?)"
        " FROM schedule s JOIN items i ON i.id = s.item_id"
        " JOIN cards c ON c.id = i.card_id WHERE s.profile_id = ?"
        f" AND i.retired = 0 AND c.level IN ({marks}) GROUP BY c.topic"
        " ORDER BY c.topic",
        (MATURE_INTERVAL, pid, *levels),
    )
    return [TopicMastery(*row) for row in rows]


def _leeches(store: Store, pid: int) -> list[Leech]:
    rows = store.conn.execute(
        "SELECT s.item_id, i.card_id, s.lapses FROM schedule s"
        " JOIN items i ON i.id = s.item_id WHERE s.profile_id = ?"
        " AND s.lapses >= ? AND i.retired = 0 ORDER BY s.lapses DESC, s.item_id",
        (pid, LEECH_LAPSES),
    )
    return [Leech(*row) for row in rows]


def tables(stats: Stats) -> list:
    """The figures as rich tables, for `quizhinge stats`."""
    from rich.table import Table

    def percent(share: float | None) -> str:
        return "-" if share is None else f"{share:.0%}"

    today = Table(
        title=f"Today ({stats.today:%a %d %b}), profile {stats.profile}",
        show_header=False,
    )
    today.add_column("")
    today.add_column("", justify="right")
    for label, value in (
        ("due reviews", stats.due_today),
        ("new cards left", stats.new_left),
        ("re-drills waiting", stats.learning),
        ("answers today", stats.reviews_today),
        ("current streak (days)", stats.streak_current),
        ("longest streak (days)", stats.streak_longest),
        (f"retention, last {RETENTION_DAYS} days", percent(stats.retention_30d)),
    ):
        today.add_row(label, str(value))
    forecast = Table(title=f"Due in the next {FORECAST_DAYS} days")
    forecast.add_column("day")
    forecast.add_column("due", justify="right")
    for day, count in stats.forecast:
        if count:
            forecast.add_row(f"{day:%a %d %b}", str(count))
    if not forecast.row_count:
        forecast.add_row("nothing due", "0")
    mastery = Table(title=f"Mastery by topic (interval {MATURE_INTERVAL}+ days)")
    for name in ("topic", "items", "seen", "mastered", "share"):
        mastery.add_column(name, justify="left" if name == "topic" else "right")
    for row in stats.mastery:
        mastery.add_row(
            row.topic,
            str(row.items),
            str(row.seen),
            str(row.mastered),
            percent(row.share),
        )
    result = [today, forecast, mastery]
    if stats.leeches:
        leeches = Table(title=f"Leeches ({LEECH_LAPSES}+ lapses)")
        leeches.add_column("item")
        leeches.add_column("lapses", justify="right")
        for leech in stats.leeches:
            leeches.add_row(leech.item_id, str(leech.lapses))
        result.append(leeches)
    return result
