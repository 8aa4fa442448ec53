"""How the store writes days, moments and SM-2 states into its columns."""

from __future__ import annotations

from datetime import UTC, date, datetime

from quizhinge.scheduler import Sm2State


def state_columns(state: Sm2State) -> tuple[int, int, int]:
    """repetitions, easiness (hundredths), interval (days)."""
    return state.repetitions, state.easiness_hundredths, state.interval


def parse_day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def day_text(day: date | None) -> str | None:
    return day.isoformat() if day else None


def utc_text(moment: datetime) -> str:
    """A moment as the log keeps it: UTC, to the millisecond (a naive moment
    is local time)."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")
