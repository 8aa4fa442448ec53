"""Files a --db may name that are not a database quizhinge can use: each is
refused with one message and left as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quizhinge.store import SCHEMA_VERSION, Store
from support.engine import basic, catalog_of


def text_file(path: Path) -> None:
    path.write_text("shopping list: eggs, kettlebell\n" * 50)


def other_programs_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.execute("INSERT INTO songs VALUES ('hinge blues')")
    conn.commit()
    conn.close()


def truncated_database(path: Path) -> None:
    """Ours, with a few hundred cards, cut off a third of the way from the end."""
    with Store.open(path) as store:
        store.cards.sync(catalog_of(*(basic(f"c{n}") for n in range(200))))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def newer_database(path: Path) -> None:
    """Ours, as a later quizhinge (a schema this one does not know) left it."""
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
