"""Start the app the fast way: the session loads while Textual is imported.

Importing Textual takes a few hundred milliseconds; reading the decks and
opening the database on the backend's thread meanwhile takes most of their
time off the path to the first card.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizhinge.tui.backend import Backend

if TYPE_CHECKING:
    from quizhinge.exam import ExamPlan
    from quizhinge.tui.app import QuizhingeApp


def make_app(
    db_path: Path,
    deck_paths: Sequence[Path],
    profile: str = "default",
    *,
    start: str = "home",
    deck: str | None = None,
    topic: str | None = None,
    exam_plan: ExamPlan | None = None,
    make_folder: bool = False,
) -> QuizhingeApp:
    """The app; `make_folder` for the default database location only."""
    backend = Backend(db_path, deck_paths, profile, make_folder=make_folder)
    if start == "study":
        backend.begin(deck, topic)
    from quizhinge.tui.app import QuizhingeApp

    app = QuizhingeApp(
        db_path,
        deck_paths,
        profile,
        start=start,
        deck=deck,
        topic=topic,
        backend=backend,
        exam_plan=exam_plan,
    )
    app.announce_new_file = True
    return app


def run_app(
    db_path: Path,
    deck_paths: Sequence[Path],
    profile: str = "default",
    **options: Any,
) -> str | None:
    """Run the app until it ends; its error message, if it failed.

    The one way the command line opens the app. Python's cyclic garbage
    collector is paused until the first screen is painted (the app turns it
    back on): start-up makes only objects that live as long as the app, and
    collecting among them cost about 25 ms of it. A non-zero exit code other
    than a failure's leaves as SystemExit.
    """
    import gc

    gc.disable()
    try:
        app = make_app(db_path, deck_paths, profile, **options)
        app.run()
    finally:
        gc.enable()
    if app.error_message:
        return app.error_message
    if app.return_code:
        raise SystemExit(app.return_code)
    return None
