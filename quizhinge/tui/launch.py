"""Start the app the fast way: the session loads while Textual is imported,
and the garbage collector rests until the first screen is painted.

Importing Textual takes a few hundred milliseconds; reading the decks and
opening the database on the backend's thread meanwhile takes most of their
time off the path to the first card.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizhinge.places import DEFAULT_PROFILE
from quizhinge.tui.backend import Backend

if TYPE_CHECKING:
    from quizhinge.exam import ExamPlan
    from quizhinge.tui.app import QuizhingeApp


def make_app(
    db_path: Path,
    deck_paths: Sequence[Path],
    profile: str = DEFAULT_PROFILE,
    *,
    start: str = "home",
    deck: str | None = None,
    topic: str | None = None,
    exam_plan: ExamPlan | None = None,
    make_folder: bool = False,
    on_first_paint: Callable[[], None] | None = None,
) -> QuizhingeApp:
    """The app; `make_folder` for the default database location only."""
    backend = Backend(db_path, deck_paths, profile, make_folder=make_folder)
    if start == "study":
        backend.begin(deck, topic)  # before Textual is imported: see above
    from quizhinge.tui.app import QuizhingeApp

    app = QuizhingeApp(
        backend,
        start=start,
        deck=deck,
        topic=topic,
        exam_plan=exam_plan,
        on_first_paint=on_first_paint,
    )
    app.announce_new_file = True
    return app


def run_app(
    db_path: Path,
    deck_paths: Sequence[Path],
    profile: str = DEFAULT_PROFILE,
    **options: Any,
) -> str | None:
    """Run the app until it ends; its error message, if it failed.

    The one way the command line opens the app. Python's cyclic garbage
    collector is paused until the first screen is painted (`resume_collector`
    turns it back on): start-up makes only objects that live as long as the
    app, so collecting among them would only delay the first card. A non-zero
    exit code other than a failure's leaves as SystemExit.
    """
    gc.disable()
    try:
        app = make_app(
            db_path, deck_paths, profile, on_first_paint=resume_collector, **options
        )
        app.run()
    finally:
        gc.enable()
    if app.error_message:
        return app.error_message
    if app.return_code:
        raise SystemExit(app.return_code)
    return None


def resume_collector() -> None:
    """Turn the garbage collector back on once the first screen is painted.
    Everything made so far lives as long as the app, so it is frozen out of
    later collections: a collection over all of it would stall the first
    keypress."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
