"""Start the app the fast way: the session loads while Textual is imported.

Importing Textual takes a few hundred milliseconds, much of it waiting on the
disk; reading the decks and opening the database on the backend's thread
meanwhile takes most of their time off the path to the first card.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

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
) -> QuizhingeApp:
    backend = Backend(db_path, deck_paths, profile)
    if start == "study":
        backend.begin(deck, topic)
    from quizhinge.tui.app import QuizhingeApp

    return QuizhingeApp(
        db_path,
        deck_paths,
        profile,
        start=start,
        deck=deck,
        topic=topic,
        backend=backend,
        exam_plan=exam_plan,
    )
