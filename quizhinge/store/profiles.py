"""The `profiles` table: one row per learner, with their settings."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

from quizhinge.cards import studied_at
from quizhinge.places import DEFAULT_PROFILE
from quizhinge.settings import ProfileSettings, check_profile_name, parse_setting
from quizhinge.store.errors import StoreError
from quizhinge.store.values import utc_text

if TYPE_CHECKING:
    from quizhinge.store import Store


class Profile(NamedTuple):
    id: int
    name: str
    settings: ProfileSettings

    @property
    def levels(self) -> tuple[str, ...]:
        """The card levels this learner studies (`cards.studied_at`)."""
        return studied_at(self.settings.level)


class Profiles:
    """Finding, making and changing profiles (`store.profiles`)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def find(self, name: str) -> Profile | None:
        row = self._store.conn.execute(
            "SELECT id, name, new_per_day, reviews_per_day, day_start_hour, level,"
            " pass_mark, theme FROM profiles WHERE name = ?",
            (name,),
        ).fetchone()
        if row is None:
            return None
        return Profile(row[0], row[1], ProfileSettings(*row[2:]))

    def get(self, name: str) -> Profile:
        """The named profile, created (with every active item new) if missing."""
        found = self.find(name)
        if found is not None:
            return found
        name = check_profile_name(name)
        now = utc_text(datetime.now(UTC))
        defaults = ProfileSettings()
        with self._store.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO profiles (name, new_per_day, reviews_per_day,"
                " day_start_hour, level, pass_mark, theme, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (name, *defaults, now),
            )
            conn.execute(
                "INSERT OR IGNORE INTO schedule (profile_id, item_id, new_order)"
                " SELECT p.id, i.id, i.position FROM profiles p, items i"
                " WHERE p.name = ? AND i.retired = 0",
                (name,),
            )
        found = self.find(name)
        assert found is not None
        return found

    def require(self, name: str) -> None:
        """For a command that only reads: StoreError naming the profiles there
        are if `name` is not one of them, rather than a new, empty profile.
        The default profile of a file where nobody has studied yet is let
        through (it reads as empty)."""
        name = check_profile_name(name)
        if self.find(name) is not None:
            return
        names = self.names()
        if not names and name == DEFAULT_PROFILE:
            return
        known = ", ".join(repr(n) for n in names) or "none yet"
        raise StoreError(
            f"{self._store.path}: no profile {name!r} (profiles: {known}). Studying"
            " with --profile NAME makes a new one."
        )

    def names(self) -> list[str]:
        return [
            r[0]
            for r in self._store.conn.execute("SELECT name FROM profiles ORDER BY id")
        ]

    def settings(self, name: str) -> ProfileSettings:
        """A profile's settings; the defaults for one that has not studied yet."""
        found = self.find(name)
        return found.settings if found else ProfileSettings()

    def set_setting(self, name: str, key: str, value: str) -> ProfileSettings:
        """Change one setting; ValueError with a readable message if invalid."""
        key, parsed = parse_setting(key, value)
        self.get(name)
        with self._store.transaction() as conn:
            conn.execute(
                f"UPDATE profiles SET {key} = ? WHERE name = ?", (parsed, name)
            )
        return self.settings(name)
