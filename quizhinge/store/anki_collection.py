"""Anki's own SQLite file, a collection: read from a package a learner
brings in, and written with a learner's schedule into a package we export.

- Reading: an Anki collection unpacked from an .apkg or .colpkg into a
  temporary folder, opened read-only: its schema version, notes, cards and
  review log.
- Writing: the collection an export builds, in a scratch file that is zipped
  and deleted. genanki fills it with notes (through the cursor `fill` is
  given), and `export --with-progress` adds quizhinge's schedule and log.

What the values mean (buttons, due days, the matching of notes to cards) is
`quizhinge.anki_progress`'s business, not this module's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple


class CollectionError(Exception):
    """A collection SQLite cannot read or write (damaged, truncated, not
    Anki's, or a disk that refused the write); the message is SQLite's."""


class RevlogRow(NamedTuple):
    """One row of Anki's review log."""

    id: int  # the answer's time, in milliseconds since the epoch
    card_id: int
    ease: int  # the button: 1 Again, 2 Hard, 3 Good, 4 Easy; 0 none
    kind: int  # revlog.type: 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual...
    milliseconds: int  # time taken to answer


class AnkiCollection(NamedTuple):
    """What an import needs from an Anki collection."""

    version: int  # col.ver, Anki's schema version
    guids: dict[int, str]  # note id -> GUID
    cards: dict[int, tuple[int, int]]  # card id -> (note id, template ordinal)
    revlog: list[RevlogRow]


def read_collection(path: Path) -> AnkiCollection:
    """Read an Anki collection file, opened read-only.

    Raises CollectionError for a file that is not a whole Anki collection
    (damaged, truncated, or without Anki's tables).
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.DatabaseError as error:
        raise CollectionError(str(error)) from None
    # Anki's indexes sort names with its own collation; quick_check needs one.
    conn.create_collation("unicase", _unicase)
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise CollectionError("quick_check failed")
        (version,) = conn.execute("SELECT ver FROM col").fetchone()
        guids = dict(conn.execute("SELECT id, guid FROM notes"))
        cards = {
            row[0]: (row[1], row[2])
            for row in conn.execute("SELECT id, nid, ord FROM cards")
        }
        revlog = [
            RevlogRow(*row)
            for row in conn.execute(
                "SELECT id, cid, ease, type, time FROM revlog ORDER BY id"
            )
        ]
    except sqlite3.DatabaseError as error:
        raise CollectionError(str(error)) from None
    finally:
        conn.close()
    return AnkiCollection(version, guids, cards, revlog)


def _unicase(left: str, right: str) -> int:
    a, b = left.casefold(), right.casefold()
    return (a > b) - (a < b)


# -- writing an exported collection ------------------------------------------------


class AnkiCardSchedule(NamedTuple):
    """One Anki card's scheduling fields, as Anki keeps them."""

    ord: int  # the template ordinal, to find the card of a note
    guid: str  # the note's GUID
    queue: int  # 2 review, -1 suspended
    due: int  # day number, counted from the collection's creation day
    interval: int  # days
    factor: int  # ease, EF x 1000
    reps: int
    lapses: int


class AnkiRevlogEntry(NamedTuple):
    """One review log row to write for an exported card."""

    id: int  # answer time in ms; unique
    guid: str
    ord: int
    ease: int
    interval: int
    last_interval: int
    factor: int
    milliseconds: int
    kind: int


@dataclass(frozen=True)
class ExportProgress:
    """Scheduling to write into an exported collection (`write_collection`)."""

    created: int  # the collection's creation time, seconds: Anki's day 0
    cards: tuple[AnkiCardSchedule, ...]
    revlog: tuple[AnkiRevlogEntry, ...]


def write_collection(
    path: Path,
    fill: Callable[[Any], int],
    scheduling: ExportProgress | None = None,
) -> int:
    """Make the collection file at `path`: `fill(cursor)` writes its notes
    (genanki's writer) and returns how many cards it made, which is returned;
    then `scheduling`, if given, goes into the cards and the review log.

    CollectionError if SQLite cannot write it; `fill`'s own errors pass as
    they are.
    """
    try:
        connection = sqlite3.connect(path)
    except sqlite3.Error as error:
        raise CollectionError(str(error)) from None
    try:
        cursor = connection.cursor()
        # A scratch file, zipped and deleted: no journal, no fsync.
        cursor.execute("PRAGMA journal_mode = OFF")
        cursor.execute("PRAGMA synchronous = OFF")
        cards = fill(cursor)
        if scheduling is not None:
            _write_schedule(connection, scheduling)
        connection.commit()
    except sqlite3.Error as error:
        raise CollectionError(str(error)) from None
    finally:
        connection.close()
    return cards


def _write_schedule(conn: sqlite3.Connection, scheduling: ExportProgress) -> None:
    """Put quizhinge's schedule into a collection genanki has just written:
    review cards (type 2) with their due day, interval, ease, repetitions and
    lapses, and one revlog row per answer. `created` is the collection's
    creation time (seconds), from which Anki counts due days."""
    # schedVer 2: without it Anki takes the log for its old v1 scheduler's and
    # moves every learning answer up a button (Good would come back Easy).
    conn.execute(
        "UPDATE col SET crt = ?, conf = json_set(conf, '$.schedVer', 2)",
        (scheduling.created,),
    )
    conn.executemany(
        "UPDATE cards SET type = 2, queue = ?, due = ?, ivl = ?, factor = ?,"
        " reps = ?, lapses = ?, left = 0 WHERE ord = ?"
        " AND nid = (SELECT id FROM notes WHERE guid = ?)",
        [
            (c.queue, c.due, c.interval, c.factor, c.reps, c.lapses, c.ord, c.guid)
            for c in scheduling.cards
        ],
    )
    conn.executemany(
        "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
        " SELECT ?, c.id, -1, ?, ?, ?, ?, ?, ? FROM cards c"
        " JOIN notes n ON n.id = c.nid WHERE n.guid = ? AND c.ord = ?",
        [
            (
                r.id,
                r.ease,
                r.interval,
                r.last_interval,
                r.factor,
                r.milliseconds,
                r.kind,
                r.guid,
                r.ord,
            )
            for r in scheduling.revlog
        ],
    )
