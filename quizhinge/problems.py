"""What is wrong with a deck file, as a person reads it.

Kept apart from the parser (deckfile.py) so that code which only reports or
catches deck problems, such as the catalog on a day when the decks' kept copy
is used, does not load the parser and its rules.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in a deck file, printed as `FILE:LINE: card ID: message`."""

    path: str
    line: int | None
    message: str
    card_id: str | None = None

    def __str__(self) -> str:
        """The printed line; inert, as paths and messages may echo a file's
        name or content."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        who = f" card {self.card_id}:" if self.card_id else ""
        from quizhinge.inert import inert  # only when a problem is printed

        return inert(f"{where}:{who} {self.message}")


class DeckError(Exception):
    """Raised with every problem found, so a user can fix them in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
