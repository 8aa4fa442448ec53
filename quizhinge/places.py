"""Where quizhinge finds its decks and its database, and whose progress it uses.

The one answer for both ways in: the daily fast path (`quizhinge` and
`quizhinge study`, `quizhinge.command`, without click) and every click
command (`quizhinge.cli`). Kept apart from the catalog so that the command
can name them without importing the deck parser: the app then starts reading
the decks on its database thread while Textual is still being imported.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

DB_ENV = "QUIZHINGE_DB"  # a database named in the environment, as --db names one
DEFAULT_PROFILE = "default"


class Database(NamedTuple):
    """Where the progress file is, and whether a person named it."""

    path: Path
    # Named by --db or QUIZHINGE_DB: its folder must exist already (a typo
    # must not become an empty new database); only the default location's
    # folder is made, on first run.
    given: bool


def database(option: Path | str | None = None) -> Database:
    """--db if given, else QUIZHINGE_DB if set (and not empty), else the
    default location in the user's data folder."""
    named = option or os.environ.get(DB_ENV)
    if named:
        return Database(Path(named), True)
    return Database(default_db_path(), False)


def profile_name(option: str | None = None) -> str:
    """--profile if given, else the default profile; ValueError, in words for
    the learner, for a name no command would take (`settings`' rule)."""
    if option is None:
        return DEFAULT_PROFILE
    from quizhinge.settings import check_profile_name

    return check_profile_name(option)


def bundled_decks_dir() -> Path:
    """The decks shipped with quizhinge.

    A wheel carries them inside the package; an editable install or a source
    checkout finds them at the repository root.
    """
    packaged = Path(__file__).parent / "decks"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "decks"


def default_deck_paths(extra: Iterable[Path] = ()) -> list[Path]:
    """The bundled decks, then any extra deck folders or files."""
    return [bundled_decks_dir(), *extra]


def default_db_path() -> Path:
    """Where progress lives unless --db or QUIZHINGE_DB says otherwise."""
    from platformdirs import user_data_path

    return user_data_path("quizhinge", appauthor=False) / "quizhinge.db"
