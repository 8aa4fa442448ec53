"""The Textual TUI. `QuizhingeApp(backend)` is the app, over a `Backend`.

`QuizhingeApp` is imported on first use, so that `quizhinge.tui.backend` can
start loading today's cards before Textual itself is imported (see `launch`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizhinge.tui.app import QuizhingeApp

__all__ = ["QuizhingeApp"]


def __getattr__(name: str) -> Any:
    if name == "QuizhingeApp":
        from quizhinge.tui.app import QuizhingeApp

        return QuizhingeApp
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
