"""The one test clock: an injectable `now` for sessions, the app and an
exam's countdown."""

from __future__ import annotations

from datetime import datetime, timedelta


class Clock:
    """Stands still at `start`, and moves only when a test says so."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        """Move on (or back) by timedelta's keywords: days, hours, seconds..."""
        self.moment += timedelta(**delta)
