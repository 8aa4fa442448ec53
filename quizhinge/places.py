"""Where quizhinge finds its decks and keeps its database by default.

Kept apart from the catalog so that the command can name them without
importing the deck parser: the app then starts reading the decks on its
database thread while Textual is still being imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


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
