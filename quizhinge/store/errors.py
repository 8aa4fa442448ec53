"""The store's one error type, and SQLite's, for code outside the store.

Only `quizhinge.store` imports sqlite3; a caller that must tell a file SQLite
cannot read from any other failure catches `DatabaseError` from here.
"""

from __future__ import annotations

import sqlite3

# What SQLite raises for a file it cannot read (damaged, not a database).
DatabaseError = sqlite3.DatabaseError

RECOVER = (
    "quizhinge has not written to it. Restore a backup copy of it, or start a"
    " new file with --db NEW.db"
)
TRUNCATED = "{path}: the database file is damaged (truncated). " + RECOVER + "."


class StoreError(Exception):
    """A problem with the database file, in words a learner can act on.

    `kind` says what a program can do about it: "busy" (another process holds
    the write lock: try again), "refused" (this change cannot be made, say an
    undo of an answer changed elsewhere: the file is fine), or one of
    "readonly", "full" and "damaged", after which nothing more can be saved;
    "other" for the rest.
    """

    def __init__(self, message: str, kind: str = "other") -> None:
        super().__init__(message)
        self.kind = kind
