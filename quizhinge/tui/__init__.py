"""The Textual TUI. `QuizhingeApp(db_path, deck_paths, profile)` is the app."""

from quizhinge.tui.app import QuizhingeApp

__all__ = ["QuizhingeApp"]
