"""A learner's profile settings, and the rules for their values: pure.

The store keeps them (one row of `profiles` each); the command line's
`config`, the app's level switch and its theme picker all change them through
`parse_setting`, so every way in refuses the same values with the same words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from quizhinge.cards import LEVEL_HELP, LEVELS

MAX_PROFILE_NAME = 60


class ProfileSettings(NamedTuple):
    new_per_day: int = 10
    reviews_per_day: int = 200
    day_start_hour: int = 4
    level: str = "beginner"
    pass_mark: int = 70  # percent right to pass an exam
    theme: str = "textual-dark"  # the app's Textual theme (Textual's default)


# key -> (lowest, highest) for numbers; level is checked against LEVELS.
SETTING_LIMITS: dict[str, tuple[int, int]] = {
    "new_per_day": (0, 1000),
    "reviews_per_day": (1, 10000),
    "day_start_hour": (0, 23),
    "pass_mark": (1, 100),
}
SETTING_HELP: dict[str, str] = {
    "new_per_day": "new cards introduced per study day",
    "reviews_per_day": "most reviews and new cards per study day (re-drills extra)",
    "day_start_hour": "local hour at which a new study day begins (0-23)",
    "level": LEVEL_HELP,
    "pass_mark": "percent of exam questions right needed to pass (1-100)",
    "theme": "the app's colour theme (as chosen with ctrl+p in the app)",
}
THEME_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


def check_profile_name(name: str) -> str:
    """The one rule for a profile name, checked by every command and the app:
    1 to 60 printable characters (no newline, tab or control character),
    with no space at either end, as a name typed on every command line must
    be easy to type the same way again."""
    if (
        0 < len(name) <= MAX_PROFILE_NAME
        and name == name.strip()
        and (name.isprintable())
    ):
        return name
    shown = name if len(name) <= 30 else f"{name[:30]}..."  # repr escapes controls
    raise ValueError(
        f"profile name {shown!r}: use 1 to {MAX_PROFILE_NAME} printable"
        " characters, with no space at either end"
    )


def parse_setting(key: str, value: str) -> tuple[str, int | str]:
    """Validate `key = value`, returning the column name and parsed value."""
    key = key.strip().replace("-", "_")
    if key == "level":
        if value not in LEVELS:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {value!r}")
        return key, value
    if key == "theme":  # which names exist is the app's business (Textual's)
        if not THEME_NAME.fullmatch(value):
            raise ValueError(
                "theme must be a theme's name (letters, digits and '-'), as the"
                f" app's ctrl+p lists them, not {value[:40]!r}"
            )
        return key, value
    if key not in SETTING_LIMITS:
        known = ", ".join(k.replace("_", "-") for k in SETTING_HELP)
        raise ValueError(f"unknown setting {key.replace('_', '-')!r} (known: {known})")
    low, high = SETTING_LIMITS[key]
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        name = key.replace("_", "-")
        raise ValueError(
            f"{name} must be a whole number from {low} to {high}, not {value!r}"
        )
    return key, number
