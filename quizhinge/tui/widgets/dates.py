"""How the TUI words dates and intervals."""

from __future__ import annotations

from datetime import date


def days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def due_text(due: date, today: date) -> str:
    """`tomorrow (Tue 24 Nov)` or `in 6 days (Sun 29 Nov)`."""
    delta = (due - today).days
    when = due.strftime("%a %d %b")
    if delta <= 0:
        return f"today ({when})"
    if delta == 1:
        return f"tomorrow ({when})"
    return f"in {days(delta)} ({when})"


def duration(seconds: float) -> str:
    """`45 s`, `3 min 05 s`."""
    total = round(seconds)
    if total < 60:
        return f"{total} s"
    return f"{total // 60} min {total % 60:02d} s"
