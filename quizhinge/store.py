"""The SQLite file that keeps every learner's progress.

One file holds profiles, the cards synced from the decks, a schedule row per
profile and item (a card, or one direction/gap of it), and a log of every
answer. The rules it keeps:

- A file that is not ours, is damaged, or comes from a newer quizhinge is
  refused with one clear `StoreError` and left byte-for-byte untouched.
- Every answer is one transaction: the log row and the new schedule together.
- Sync never loses history: edited cards keep it, removed cards are retired,
  and come back with it.

Start-up speed matters (the TUI shows its first card from here), so opening an
up-to-date file and asking for today's queue use the plain `sqlite3`
connection. sqlite-utils, and its `Migrations`, are imported only to create or
migrate the schema and to write a changed catalog.
"""

from __future__ import annotations

import re
import sqlite3
import stat
import struct
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from quizhinge.cards import LEVEL_HELP, LEVELS, studied_at
from quizhinge.scheduler import PASSING_GRADE, Sm2State, check_grade, review

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

    from quizhinge.catalog import Catalog

APPLICATION_ID = 0x5148_4E47  # "QHNG" in the SQLite header: this file is ours
SCHEMA_VERSION = 4  # = the number of migrations; kept in PRAGMA user_version
BUSY_TIMEOUT_SECONDS = 10.0
LEECH_LAPSES = 8

# schedule.queue
NEW, REVIEW, SUSPENDED = 0, 1, -1

SQLITE_MAGIC = b"SQLite format 3\x00"


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


# The tables and columns of the current schema, checked at every open (a
# dropped table or column is damage; extra ones are left alone). A test
# compares this with what the migrations make.
EXPECTED_COLUMNS: dict[str, tuple[str, ...]] = {
    "_sqlite_migrations": ("id", "migration_set", "name", "applied_at"),
    "meta": ("key", "value"),
    "profiles": (
        "id",
        "name",
        "new_per_day",
        "reviews_per_day",
        "day_start_hour",
        "level",
        "created_at",
        "pass_mark",
        "theme",
    ),
    "cards": (
        "id",
        "deck_id",
        "kind",
        "level",
        "topic",
        "content_hash",
        "retired",
        "updated_at",
    ),
    "items": ("id", "card_id", "variant", "position", "retired"),
    "schedule": (
        "profile_id",
        "item_id",
        "queue",
        "repetitions",
        "easiness",
        "interval",
        "due_day",
        "last_day",
        "lapses",
        "new_order",
    ),
    "reviews": (
        "id",
        "profile_id",
        "item_id",
        "answered_at",
        "study_day",
        "grade",
        "seconds",
        "redrill",
        "queue_before",
        "repetitions_before",
        "easiness_before",
        "interval_before",
        "due_before",
        "last_day_before",
        "lapses_before",
        "repetitions_after",
        "easiness_after",
        "interval_after",
        "due_after",
        "anki_revlog_id",
    ),
    "exams": (
        "id",
        "profile_id",
        "started_at",
        "ended_at",
        "status",
        "questions",
        "answered",
        "correct",
        "pass_mark",
        "passed",
        "timed_out",
        "minutes",
        "seed",
        "topics",
        "level",
    ),
    "exam_answers": (
        "exam_id",
        "position",
        "card_id",
        "topic",
        "kind",
        "response",
        "correct",
        "flagged",
    ),
    "anki_imports": (
        "id",
        "profile_id",
        "imported_at",
        "file",
        "reviews_added",
        "items_rescheduled",
    ),
}
RECOVER = (
    "quizhinge has not written to it. Restore a backup copy of it, or start a"
    " new file with --db NEW.db"
)
LOW_DISK_BYTES = 1 << 20  # an I/O error with less free space than this: disk full


class ProfileSettings(NamedTuple):
    new_per_day: int = 10
    reviews_per_day: int = 200
    day_start_hour: int = 4
    level: str = "beginner"
    pass_mark: int = 70  # percent right to pass an exam
    theme: str = "textual-dark"  # the app's Textual theme (Textual's default)


# key -> (lowest, highest) for numbers; level is checked against LEVELS.
SETTING_LIMITS: dict[str, tuple[int, int]] = {
    "new_per_day": (0, 1000),
    "reviews_per_day": (1, 10000),
    "day_start_hour": (0, 23),
    "pass_mark": (1, 100),
}
SETTING_HELP: dict[str, str] = {
    "new_per_day": "new cards introduced per study day",
    "reviews_per_day": "most reviews and new cards per study day (re-drills extra)",
    "day_start_hour": "local hour at which a new study day begins (0-23)",
    "level": LEVEL_HELP,
    "pass_mark": "percent of exam questions right needed to pass (1-100)",
    "theme": "the app's colour theme (as chosen with ctrl+p in the app)",
}
THEME_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


class Profile(NamedTuple):
    id: int
    name: str
    settings: ProfileSettings

    @property
    def levels(self) -> tuple[str, ...]:
        """The card levels this learner studies (`cards.studied_at`)."""
        return studied_at(self.settings.level)


class SyncReport(NamedTuple):
    added: int = 0
    updated: int = 0
    retired: int = 0
    revived: int = 0

    @property
    def changed(self) -> bool:
        return any((self.added, self.updated, self.retired, self.revived))


class ItemRow(NamedTuple):
    """One schedule row joined with its item."""

    item_id: str
    card_id: str
    variant: str
    queue: int
    state: Sm2State
    due_day: date | None
    last_day: date | None
    lapses: int


class AnswerRow(NamedTuple):
    """One logged answer of a study day, for rebuilding a session."""

    review_id: int
    item_id: str
    card_id: str
    grade: int
    redrill: bool
    was_new: bool


class ReviewRow(NamedTuple):
    """One logged answer of an item, for a card's history."""

    item_id: str
    answered_at: datetime  # UTC
    study_day: date
    grade: int
    seconds: float
    redrill: bool
    interval_after: int
    due_after: date | None


class Recorded(NamedTuple):
    """What recording one answer did."""

    review_id: int
    redrill: bool
    state: Sm2State
    due_day: date
    lapses: int
    became_leech: bool


def item_id(card_id: str, variant: str) -> str:
    return f"{card_id}#{variant}" if variant else card_id


class Store:
    """An open quizhinge database. Use from the thread that opened it."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        created: bool = False,
        timeout: float = BUSY_TIMEOUT_SECONDS,
    ):
        self.path = path
        self.conn = conn
        self.created = created  # this open made the file: say so to the learner
        self._timeout = timeout
        self._db: Database | None = None
        self._verified = False  # quick_check passed: it may be written
        self._damaged = False

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        timeout: float | None = None,
        make_folder: bool = False,
        verify: bool = True,
    ) -> Store:
        """Open (creating or migrating) the database at `path`.

        Raises StoreError, without changing a byte of the file, for a folder, a
        file that is not a quizhinge database, a damaged one, or one written by
        a newer quizhinge. A missing folder is made only with `make_folder`
        (the default location, on first run): a mistyped --db must not become
        an empty new database that looks like lost progress.

        The tables and columns are checked at once; the pages (`verify`,
        SQLite's quick_check, about 2 ms per MB) too, unless `verify=False`
        puts them off: then they are checked before the first write, or when
        `verify()` is called (the app calls it once its first card is on
        screen).
        """
        path = Path(path)
        timeout = BUSY_TIMEOUT_SECONDS if timeout is None else timeout
        check_file(path)
        created = not path.exists()
        if created and not make_folder and not path.parent.exists():
            raise StoreError(
                f"{path}: the folder {path.parent} does not exist; check the path"
                " (quizhinge makes a folder only for its default location)"
            )
        try:
            if created:
                path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise StoreError(
                f"{path}: cannot create or open it here (a read-only location?):"
                f" {reason}"
            ) from None
        store = cls(path, conn, created, timeout)
        try:
            store._prepare()
            if verify:
                store.verify()
            # In WAL mode, NORMAL commits without waiting for the disk: a
            # committed answer survives any crash of the program (only a power
            # cut can lose the last few), and an answer is recorded in well
            # under a millisecond instead of an fsync's several.
            conn.execute("PRAGMA synchronous=NORMAL")
        except BaseException:
            store.close()
            if created:
                _remove_database_files(path)
            raise
        return store

    def _prepare(self) -> None:
        """Check whose file this is, then bring its schema up to date."""
        version = self._schema_version()
        if version == SCHEMA_VERSION:
            self._check_tables()
            return  # the fast path: a few PRAGMAs, no sqlite-utils
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer quizhinge (schema {version}; this "
                f"version knows up to {SCHEMA_VERSION}). Upgrade quizhinge to use it."
            )
        self._migrate()

    def _check_tables(self) -> None:
        """StoreError if a table or column of the schema is missing."""
        try:
            found = set(
                self.conn.execute(
                    "SELECT m.name, p.name FROM sqlite_master AS m"
                    " JOIN pragma_table_info(m.name) AS p WHERE m.type = 'table'"
                )
            )
        except sqlite3.DatabaseError as error:
            raise self._error(error) from None
        tables = {table for table, _ in found}
        for table, columns in EXPECTED_COLUMNS.items():
            if table not in tables:
                raise self._damage(f"the table {table!r} is missing")
            for column in columns:
                if (table, column) not in found:
                    raise self._damage(f"the column {table}.{column} is missing")

    def verify(self) -> None:
        """Check every page (SQLite's quick_check) once; StoreError, with the
        file left as it is, if the database is damaged."""
        if self._verified:
            return
        try:
            rows = self.conn.execute("PRAGMA quick_check(3)").fetchall()
        except sqlite3.DatabaseError as error:
            raise self._error(error) from None
        if rows != [("ok",)]:
            lines = [line for (text,) in rows for line in str(text).splitlines()]
            detail = next((x for x in lines if not x.startswith("***")), lines[0])
            raise self._damage(detail if len(detail) < 80 else detail[:77] + "...")
        self._verified = True

    def check_writable(self) -> None:
        """StoreError now, rather than at the first answer, when nothing can
        be saved here (a read-only file, folder or disk). A write lock held by
        another process is no such problem: it is let go soon."""
        try:
            self.conn.execute("PRAGMA busy_timeout = 0")
            try:
                # In WAL mode BEGIN IMMEDIATE locks only the -shm file: only
                # a change shows whether the file itself can be written. It is
                # rolled back before anything reaches the file.
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('probe', '')"
                )
            finally:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                self.conn.execute(f"PRAGMA busy_timeout = {self._busy_ms}")
        except sqlite3.DatabaseError as error:
            problem = self._error(error)
            if problem.kind != "busy":
                raise problem from None

    def _damage(self, detail: str) -> StoreError:
        self._damaged = True
        return StoreError(
            f"{self.path}: the database file is damaged ({detail}). {RECOVER}.",
            "damaged",
        )

    def _schema_version(self) -> int:
        """Our schema version, 0 for an empty file; StoreError if not ours."""
        try:
            app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id == 0:
                tables = self.conn.execute(
                    "SELECT count(*) FROM sqlite_master"
                ).fetchone()[0]
        except sqlite3.OperationalError as error:
            raise self._error(error) from None
        except sqlite3.DatabaseError as error:
            self._damaged = True
            raise StoreError(
                f"{self.path}: not a quizhinge database, or damaged ({error})",
                "damaged",
            ) from None
        if app_id == APPLICATION_ID:
            return version
        if app_id == 0 and tables == 0:
            return 0
        raise StoreError(
            f"{self.path}: not a quizhinge database (an SQLite file of another "
            "program). Choose another file with --db."
        )

    def _migrate(self) -> None:
        """Create or move the schema forward, all in one transaction."""
        self.verify()  # an older file is checked before its first change
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.Error as error:
            raise self._error(error) from None
        with self.transaction():
            # Another process may have migrated while we waited for the lock.
            if self._schema_version() < SCHEMA_VERSION:
                _migrations().apply(self.db)

    @property
    def db(self) -> Database:
        """The same connection seen through sqlite-utils (imported on first use)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    def close(self) -> None:
        """Close the file; a damaged one without SQLite's checkpoint on close,
        which would copy a leftover write-ahead log into it."""
        if self._damaged:
            _close_untouched(self.conn, self.path)
        else:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and errors --------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction that takes the write lock up front.

        BEGIN IMMEDIATE makes a second process wait (busy timeout) instead of
        failing halfway with "database is locked". Any error rolls back all of
        it and surfaces as a StoreError. A file not yet checked is checked
        first: a damaged one is never written.
        """
        self.verify()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise self._error(error) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise self._error(error) from None
            raise

    def problem(self, error: sqlite3.Error) -> StoreError:
        """The StoreError, with its kind, for an error SQLite reported (say,
        while reading a damaged page before the file was checked)."""
        return self._error(error)

    def _error(self, error: sqlite3.Error) -> StoreError:
        """The StoreError, with its kind, for an error SQLite reported."""
        text = str(error).lower()
        name = getattr(error, "sqlite_errorname", "")
        if "full" in text or (name.startswith("SQLITE_IOERR") and self._disk_low()):
            reason, kind = "the disk is full; nothing was saved", "full"
        elif "readonly" in text or "read-only" in text or "unable to open" in text:
            reason = "cannot write there (a read-only location?); nothing was saved"
            kind = "readonly"
        elif "locked" in text or "busy" in text:
            reason = "the database is busy (another quizhinge is writing); try again"
            kind = "busy"
        elif "malformed" in text or "not a database" in text:
            self._damaged = True
            reason, kind = f"the database file is damaged. {RECOVER}", "damaged"
        else:
            reason, kind = f"database error: {error}", "other"
        return StoreError(f"{self.path}: {reason}", kind)

    def _disk_low(self) -> bool:
        """True when the database's disk has (almost) no room left: SQLite
        reports a full disk as an I/O error when it cannot grow its -shm."""
        import shutil

        try:
            return shutil.disk_usage(self.path.absolute().parent).free < LOW_DISK_BYTES
        except OSError:
            return False

    @property
    def _busy_ms(self) -> int:
        return int(self._timeout * 1000)

    # -- settings and profiles -----------------------------------------------

    def find_profile(self, name: str) -> Profile | None:
        row = self.conn.execute(
            "SELECT id, name, new_per_day, reviews_per_day, day_start_hour, level,"
            " pass_mark, theme FROM profiles WHERE name = ?",
            (name,),
        ).fetchone()
        if row is None:
            return None
        return Profile(row[0], row[1], ProfileSettings(*row[2:]))

    def profile(self, name: str) -> Profile:
        """The named profile, created (with every active item new) if missing."""
        found = self.find_profile(name)
        if found is not None:
            return found
        name = check_profile_name(name)
        now = _utc_text(datetime.now(UTC))
        defaults = ProfileSettings()
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO profiles (name, new_per_day, reviews_per_day,"
                " day_start_hour, level, pass_mark, theme, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (name, *defaults, now),
            )
            conn.execute(
                "INSERT OR IGNORE INTO schedule (profile_id, item_id, new_order)"
                " SELECT p.id, i.id, i.position FROM profiles p, items i"
                " WHERE p.name = ? AND i.retired = 0",
                (name,),
            )
        found = self.find_profile(name)
        assert found is not None
        return found

    def require_profile(self, name: str) -> None:
        """For a command that only reads: StoreError naming the profiles there
        are if `name` is not one of them, rather than a new, empty profile.
        The default profile of a file where nobody has studied yet is let
        through (it reads as empty)."""
        name = check_profile_name(name)
        if self.find_profile(name) is not None:
            return
        names = self.profiles()
        if not names and name == DEFAULT_PROFILE:
            return
        known = ", ".join(repr(n) for n in names) or "none yet"
        raise StoreError(
            f"{self.path}: no profile {name!r} (profiles: {known}). Studying"
            " with --profile NAME makes a new one."
        )

    def profiles(self) -> list[str]:
        return [
            r[0] for r in self.conn.execute("SELECT name FROM profiles ORDER BY id")
        ]

    def settings(self, profile: str) -> ProfileSettings:
        """A profile's settings; the defaults for one that has not studied yet."""
        found = self.find_profile(profile)
        return found.settings if found else ProfileSettings()

    def set_setting(self, profile: str, key: str, value: str) -> ProfileSettings:
        """Change one setting; ValueError with a readable message if invalid."""
        key, parsed = parse_setting(key, value)
        self.profile(profile)
        with self.transaction() as conn:
            conn.execute(
                f"UPDATE profiles SET {key} = ? WHERE name = ?", (parsed, profile)
            )
        return self.settings(profile)

    # -- sync ----------------------------------------------------------------

    def sync(self, catalog: Catalog) -> SyncReport:
        """Bring the cards in line with the decks; writes nothing if unchanged."""
        fingerprint = catalog.fingerprint
        if self.meta("catalog_fingerprint") == fingerprint:
            return SyncReport()
        cards = {
            row[0]: (row[1], row[2])
            for row in self.conn.execute("SELECT id, content_hash, retired FROM cards")
        }
        items = {
            row[0]: (row[1], row[2])
            for row in self.conn.execute("SELECT id, position, retired FROM items")
        }
        now = _utc_text(datetime.now(UTC))
        card_rows, item_rows = [], []
        added = updated = revived = 0
        seen_cards: set[str] = set()
        seen_items: set[str] = set()
        from quizhinge.study_order import study_order  # only when decks changed

        position = 0
        for card in study_order(catalog.decks):  # positions: the order new cards come
            seen_cards.add(card.id)
            digest = card.content_hash()
            old = cards.get(card.id)
            if old is None or old != (digest, 0):
                added += old is None
                updated += old is not None and old[0] != digest
                revived += old is not None and old[1] == 1
                card_rows.append(
                    {
                        "id": card.id,
                        "deck_id": card.deck_id,
                        "kind": card.kind,
                        "level": card.level,
                        "topic": card.topic,
                        "content_hash": digest,
                        "retired": 0,
                        "updated_at": now,
                    }
                )
            for variant in card.variants():
                position += 1
                iid = item_id(card.id, variant)
                seen_items.add(iid)
                if items.get(iid) != (position, 0):
                    item_rows.append(
                        {
                            "id": iid,
                            "card_id": card.id,
                            "variant": variant,
                            "position": position,
                            "retired": 0,
                        }
                    )
        gone_cards = [c for c, (_, r) in cards.items() if not r and c not in seen_cards]
        gone_items = [i for i, (_, r) in items.items() if not r and i not in seen_items]
        with self.transaction() as conn:
            db = self.db
            db.table("cards").upsert_all(card_rows, pk="id")
            db.table("items").upsert_all(item_rows, pk="id")
            conn.executemany(
                "UPDATE cards SET retired = 1, updated_at = ? WHERE id = ?",
                [(now, c) for c in gone_cards],
            )
            conn.executemany(
                "UPDATE items SET retired = 1 WHERE id = ?", [(i,) for i in gone_items]
            )
            # New items, and revived ones a newer profile never had, start new;
            # items not yet studied follow the decks' current order.
            conn.executemany(
                "INSERT OR IGNORE INTO schedule (profile_id, item_id, new_order)"
                " SELECT p.id, i.id, i.position FROM profiles p, items i"
                " WHERE i.id = ?",
                [(row["id"],) for row in item_rows],
            )
            conn.executemany(
                "UPDATE schedule SET new_order = ? WHERE item_id = ? AND queue = ?",
                [(row["position"], row["id"], NEW) for row in item_rows],
            )
            db.table("meta").upsert(
                {"key": "catalog_fingerprint", "value": fingerprint}, pk="key"
            )
        return SyncReport(added, updated, len(gone_cards), revived)

    def meta(self, key: str) -> str | None:
        """A value the store keeps for quizhinge itself (see `set_meta`)."""
        row = self.conn.execute(
            "SELECT value FROM meta WHERE key = ?", (key,)
        ).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Keep `value` under `key`, in plain SQL (no sqlite-utils at start-up)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value)
            )

    # -- today's queue ---------------------------------------------------------

    def due_items(
        self,
        profile_id: int,
        today: date,
        levels: Sequence[str],
        deck: str | None = None,
        topic: str | None = None,
    ) -> Iterator[ItemRow]:
        """Reviews due by `today`, most overdue first, read lazily."""
        where, args = _card_filter(levels, deck, topic)
        yield from self._items(
            "s.queue = ? AND s.due_day <= ?" + where,
            (profile_id, REVIEW, today.isoformat(), *args),
            "s.due_day",
        )

    def new_items(
        self,
        profile_id: int,
        levels: Sequence[str],
        deck: str | None = None,
        topic: str | None = None,
    ) -> Iterator[ItemRow]:
        """Items never studied, in deck order, read lazily."""
        where, args = _card_filter(levels, deck, topic)
        yield from self._items(
            "s.queue = ?" + where, (profile_id, NEW, *args), "s.new_order"
        )

    def items_by_id(
        self,
        profile_id: int,
        item_ids: Sequence[str],
        levels: Sequence[str] | None = None,
        deck: str | None = None,
        topic: str | None = None,
    ) -> list[ItemRow]:
        """Schedule rows of the given items (retired ones included), in that
        order; with `levels`, only active items of cards of those levels, deck
        and topic (what a session may ask)."""
        where = ""
        args: list[str] = []
        if levels is not None:
            where, args = _card_filter(levels, deck, topic)
        found = {}
        for start in range(0, len(item_ids), 500):
            chunk = list(item_ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            for row in self._items(
                f"s.item_id IN ({marks})" + where,
                (profile_id, *chunk, *args),
                "s.rowid",
                active=levels is not None,
            ):
                found[row.item_id] = row
        return [found[i] for i in item_ids if i in found]

    def _items(
        self, where: str, args: Sequence[Any], order: str, active: bool = True
    ) -> Iterator[ItemRow]:
        sql = (
            "SELECT s.item_id, i.card_id, i.variant, s.queue, s.repetitions,"
            " s.easiness, s.interval, s.due_day, s.last_day, s.lapses"
            " FROM schedule s JOIN items i ON i.id = s.item_id"
            " JOIN cards c ON c.id = i.card_id"
            f" WHERE s.profile_id = ? AND {where}"
            + (" AND i.retired = 0" if active else "")
            + f" ORDER BY {order}"
        )
        for row in self.conn.execute(sql, args):
            yield _item_row(row)

    def answers_on(self, profile_id: int, day: date) -> list[AnswerRow]:
        """Every answer logged on one study day, in order."""
        rows = self.conn.execute(
            "SELECT r.id, r.item_id, i.card_id, r.grade, r.redrill, r.queue_before"
            " FROM reviews r JOIN items i ON i.id = r.item_id"
            " WHERE r.profile_id = ? AND r.study_day = ?"
            " ORDER BY r.answered_at, r.id",  # imported answers come in later
            (profile_id, day.isoformat()),
        )
        return [
            AnswerRow(r[0], r[1], r[2], r[3], bool(r[4]), r[5] == NEW) for r in rows
        ]

    # -- answering -------------------------------------------------------------

    def record_answer(
        self,
        profile_id: int,
        item: str,
        grade: int,
        seconds: float,
        study_day: date,
        answered_at: datetime,
    ) -> Recorded:
        """Log one answer and reschedule, as one transaction.

        Only the first answer of a study day schedules (SM-2 step 7): if the
        item was already scheduled on `study_day` (or, with a clock that went
        back, on a later day) this is a re-drill: logged, schedule untouched.
        The check reads the row inside the transaction, so two processes
        answering the same item cannot both schedule it.
        """
        check_grade(grade)
        seconds = max(0.0, float(seconds))
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT s.item_id, i.card_id, i.variant, s.queue, s.repetitions,"
                " s.easiness, s.interval, s.due_day, s.last_day, s.lapses"
                " FROM schedule s JOIN items i ON i.id = s.item_id"
                " WHERE s.profile_id = ? AND s.item_id = ?",
                (profile_id, item),
            ).fetchone()
            if row is None:
                raise StoreError(f"{self.path}: no such item {item!r} for this profile")
            before = _item_row(row)
            outcome = answer_outcome(before, grade, study_day)
            redrill, after, due = outcome.redrill, outcome.state, outcome.due_day
            queue, last_day, lapses = outcome.queue, outcome.last_day, outcome.lapses
            assert due is not None
            cursor = conn.execute(
                "INSERT INTO reviews (profile_id, item_id, answered_at, study_day,"
                " grade, seconds, redrill, queue_before, repetitions_before,"
                " easiness_before, interval_before, due_before, last_day_before,"
                " lapses_before, repetitions_after, easiness_after, interval_after,"
                " due_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?)",
                (
                    profile_id,
                    item,
                    _utc_text(answered_at),
                    study_day.isoformat(),
                    grade,
                    seconds,
                    int(redrill),
                    before.queue,
                    *_state_columns(before.state),
                    _day_text(before.due_day),
                    _day_text(before.last_day),
                    before.lapses,
                    *_state_columns(after),
                    due.isoformat(),
                ),
            )
            if not redrill:
                conn.execute(
                    "UPDATE schedule SET queue = ?, repetitions = ?, easiness = ?,"
                    " interval = ?, due_day = ?, last_day = ?, lapses = ?"
                    " WHERE profile_id = ? AND item_id = ?",
                    (
                        queue,
                        *_state_columns(after),
                        due.isoformat(),
                        _day_text(last_day),
                        lapses,
                        profile_id,
                        item,
                    ),
                )
        review_id = cursor.lastrowid
        assert review_id is not None
        became_leech = lapses >= LEECH_LAPSES > before.lapses
        return Recorded(review_id, redrill, after, due, lapses, became_leech)

    def undo_answer(self, profile_id: int, review_id: int) -> None:
        """Remove one logged answer and put the schedule back as it was.

        Refused if the item was scheduled again since (by another process),
        so an undo never overwrites someone else's answer.
        """
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT item_id, redrill, queue_before, repetitions_before,"
                " easiness_before, interval_before, due_before, last_day_before,"
                " lapses_before, repetitions_after, easiness_after, interval_after,"
                " due_after FROM reviews WHERE id = ? AND profile_id = ?",
                (review_id, profile_id),
            ).fetchone()
            if row is None:
                raise StoreError(
                    f"{self.path}: that answer is no longer in the log", "refused"
                )
            item, redrill, queue, *before, reps, ef, interval, due = row
            if not redrill:
                changed = conn.execute(
                    "UPDATE schedule SET queue = CASE WHEN queue = ? THEN queue"
                    " ELSE ? END, repetitions = ?, easiness = ?, interval = ?,"
                    " due_day = ?, last_day = ?, lapses = ?"
                    " WHERE profile_id = ? AND item_id = ? AND repetitions = ?"
                    " AND easiness = ? AND interval = ? AND due_day = ?",
                    (
                        SUSPENDED,
                        queue,
                        *before,
                        profile_id,
                        item,
                        reps,
                        ef,
                        interval,
                        due,
                    ),
                ).rowcount
                if not changed:
                    raise StoreError(
                        "that answer can no longer be undone: the card was answered"
                        " again elsewhere",
                        "refused",
                    )
            conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))

    # -- suspending --------------------------------------------------------------

    def suspend(self, profile_id: int, card_id: str) -> int:
        """Keep every item of a card out of the queues until unsuspended;
        returns how many items were not suspended before."""
        with self.transaction() as conn:
            return conn.execute(
                "UPDATE schedule SET queue = ? WHERE profile_id = ? AND queue != ?"
                " AND item_id IN (SELECT id FROM items WHERE card_id = ?)",
                (SUSPENDED, profile_id, SUSPENDED, card_id),
            ).rowcount

    def unsuspend(self, profile_id: int, card_id: str) -> int:
        """Let a card's items back in: new if never answered, else a review
        (due as scheduled). Returns how many items were suspended."""
        with self.transaction() as conn:
            return conn.execute(
                "UPDATE schedule SET queue = CASE WHEN last_day IS NULL THEN ?"
                " ELSE ? END WHERE profile_id = ? AND queue = ? AND item_id IN"
                " (SELECT id FROM items WHERE card_id = ?)",
                (NEW, REVIEW, profile_id, SUSPENDED, card_id),
            ).rowcount

    def browse_items(
        self,
        profile_id: int,
        levels: Sequence[str],
        deck: str | None = None,
        topic: str | None = None,
        *,
        suspended_only: bool = False,
        leeches_only: bool = False,
    ) -> list[ItemRow]:
        """Every active item of the cards of `levels` (and every suspended one,
        whatever its level: nothing suspended is ever out of sight), of one deck
        and topic if given, in deck order, for the card browser."""
        where, filters = _card_filter(LEVELS, deck, topic)
        marks = ", ".join("?" * len(levels))
        where += f" AND (c.level IN ({marks}) OR s.queue = ?)"
        args: list[Any] = [*filters, *levels, SUSPENDED]
        if suspended_only:
            where += " AND s.queue = ?"
            args.append(SUSPENDED)
        if leeches_only:
            where += " AND s.lapses >= ?"
            args.append(LEECH_LAPSES)
        return list(self._items("1" + where, (profile_id, *args), "i.position"))

    def card_reviews(self, profile_id: int, card_id: str) -> list[ReviewRow]:
        """Every logged answer to a card's items, oldest first."""
        rows = self.conn.execute(
            "SELECT r.item_id, r.answered_at, r.study_day, r.grade, r.seconds,"
            " r.redrill, r.interval_after, r.due_after FROM reviews r"
            " JOIN items i ON i.id = r.item_id"
            " WHERE r.profile_id = ? AND i.card_id = ?"
            " ORDER BY r.answered_at, r.id",
            (profile_id, card_id),
        )
        return [
            ReviewRow(
                row[0],
                datetime.fromisoformat(row[1]),
                date.fromisoformat(row[2]),
                row[3],
                row[4] or 0.0,
                bool(row[5]),
                row[6],
                _parse_day(row[7]),
            )
            for row in rows
        ]

    def suspended(self, profile_id: int) -> list[str]:
        """Card ids with at least one suspended item."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT i.card_id FROM schedule s JOIN items i"
                " ON i.id = s.item_id WHERE s.profile_id = ? AND s.queue = ?"
                " ORDER BY i.card_id",
                (profile_id, SUSPENDED),
            )
        ]


class Outcome(NamedTuple):
    """What one answer does to an item's schedule row."""

    redrill: bool  # the item was already scheduled that study day
    state: Sm2State
    due_day: date | None
    last_day: date | None
    lapses: int
    queue: int


def answer_outcome(before: ItemRow, grade: int, day: date) -> Outcome:
    """The SM-2 rules of one answer on study day `day`, as the session applies
    them and as a replay of a merged history (Anki's and ours) applies them
    again: only the first answer of a study day schedules; a later one (or one
    dated before the last scheduling answer, by a clock that went back) is a
    re-drill that leaves the row as it is."""
    if before.last_day is not None and before.last_day >= day:
        return Outcome(
            True,
            before.state,
            before.due_day,
            before.last_day,
            before.lapses,
            before.queue,
        )
    after = review(before.state, grade)
    lapse = grade < PASSING_GRADE and before.state.repetitions > 0
    return Outcome(
        redrill=False,
        state=after,
        due_day=day + timedelta(days=after.interval),
        last_day=day,
        lapses=before.lapses + lapse,
        queue=SUSPENDED if before.queue == SUSPENDED else REVIEW,
    )


# -- helpers ---------------------------------------------------------------------


def check_file(path: Path) -> None:
    """Refuse, before SQLite touches it, anything that cannot be our database:
    a folder, a device (SQLite would put its journal beside /dev/full), a
    FIFO (opening it would wait forever), a file not SQLite's, a truncated one.
    """
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # a new file (or a path SQLite will say it cannot make)
    except OSError as error:
        raise StoreError(f"{path}: cannot read it ({error.strerror})") from None
    if stat.S_ISDIR(mode):
        raise StoreError(f"{path}: is a folder, not a quizhinge database")
    if not stat.S_ISREG(mode):
        raise StoreError(f"{path}: is not a regular file, so not a quizhinge database")
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            header = file.read(100)
    except OSError as error:
        raise StoreError(f"{path}: cannot read it ({error.strerror})") from None
    if size == 0:
        return  # an empty file is an empty database
    if not header.startswith(SQLITE_MAGIC):
        raise StoreError(f"{path}: not a quizhinge database (not an SQLite file)")
    if len(header) < 100:
        raise StoreError(TRUNCATED.format(path=path), "damaged")
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    (pages,) = struct.unpack(">I", header[28:32])
    wal = Path(f"{path}-wal")
    checkpointing = wal.exists() and wal.stat().st_size > 0  # may be growing it
    if size < page_size * pages and not checkpointing:
        raise StoreError(TRUNCATED.format(path=path), "damaged")


TRUNCATED = "{path}: the database file is damaged (truncated). " + RECOVER + "."


def _close_untouched(conn: sqlite3.Connection, path: Path) -> None:
    """Close `conn` without SQLite's checkpoint on close.

    The last connection to close copies the write-ahead log into the file; a
    read-only connection held open meanwhile makes this one not the last, and
    a read-only connection never writes. With no log to copy, the plain close
    writes nothing to the file, and tidies the -wal and -shm files away."""
    wal = Path(f"{path}-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        conn.close()
        return
    try:
        guard = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        guard.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error:
        conn.close()  # nothing can read it: nothing can checkpoint into it
        return
    conn.close()
    guard.close()


def _remove_database_files(path: Path) -> None:
    """Remove a database this process created but could not finish."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


DEFAULT_PROFILE = "default"
MAX_PROFILE_NAME = 60


def check_profile_name(name: str) -> str:
    """The one rule for a profile name, checked by every command and the app:
    1 to 60 printable characters (no newline, tab or control character),
    with no space at either end, as a name typed on every command line must
    be easy to type the same way again."""
    if (
        0 < len(name) <= MAX_PROFILE_NAME
        and name == name.strip()
        and (name.isprintable())
    ):
        return name
    shown = name if len(name) <= 30 else f"{name[:30]}..."  # repr escapes controls
    raise ValueError(
        f"profile name {shown!r}: use 1 to {MAX_PROFILE_NAME} printable"
        " characters, with no space at either end"
    )


def parse_setting(key: str, value: str) -> tuple[str, int | str]:
    """Validate `key = value`, returning the column name and parsed value."""
    key = key.strip().replace("-", "_")
    if key == "level":
        if value not in LEVELS:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {value!r}")
        return key, value
    if key == "theme":  # which names exist is the app's business (Textual's)
        if not THEME_NAME.fullmatch(value):
            raise ValueError(
                "theme must be a theme's name (letters, digits and '-'), as the"
                f" app's ctrl+p lists them, not {value[:40]!r}"
            )
        return key, value
    if key not in SETTING_LIMITS:
        known = ", ".join(k.replace("_", "-") for k in SETTING_HELP)
        raise ValueError(f"unknown setting {key.replace('_', '-')!r} (known: {known})")
    low, high = SETTING_LIMITS[key]
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        name = key.replace("_", "-")
        raise ValueError(
            f"{name} must be a whole number from {low} to {high}, not {value!r}"
        )
    return key, number


def _card_filter(
    levels: Sequence[str], deck: str | None, topic: str | None
) -> tuple[str, list[str]]:
    marks = ", ".join("?" * len(levels))
    where = f" AND c.level IN ({marks})"
    args = list(levels)
    if deck is not None:
        where += " AND c.deck_id = ?"
        args.append(deck)
    if topic is not None:
        where += " AND c.topic = ?"
        args.append(topic)
    return where, args


def _item_row(row: Sequence[Any]) -> ItemRow:
    return ItemRow(
        item_id=row[0],
        card_id=row[1],
        variant=row[2],
        queue=row[3],
        state=Sm2State(row[4], row[5], row[6]),
        due_day=_parse_day(row[7]),
        last_day=_parse_day(row[8]),
        lapses=row[9],
    )


def _state_columns(state: Sm2State) -> tuple[int, int, int]:
    return state.repetitions, state.easiness_hundredths, state.interval


def _parse_day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _day_text(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _utc_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def _migrations() -> Migrations:
    """The schema's history. Add steps at the end; never edit an applied one."""
    from sqlite_utils import Migrations

    migrations = Migrations("quizhinge")

    @migrations(name="m001_initial")
    def initial(db: Database) -> None:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.table("meta").create({"key": str, "value": str}, pk="key")
        db.table("profiles").create(
            {
                "id": int,
                "name": str,
                "new_per_day": int,
                "reviews_per_day": int,
                "day_start_hour": int,
                "level": str,
                "created_at": str,
            },
            pk="id",
            not_null={"name", "new_per_day", "reviews_per_day", "day_start_hour"},
        )
        db.table("profiles").create_index(["name"], unique=True)
        db.table("cards").create(
            {
                "id": str,
                "deck_id": str,
                "kind": str,
                "level": str,
                "topic": str,
                "content_hash": str,
                "retired": int,
                "updated_at": str,
            },
            pk="id",
            not_null={"deck_id", "kind", "level", "topic", "content_hash"},
            defaults={"retired": 0},
        )
        db.table("items").create(
            {
                "id": str,
                "card_id": str,
                "variant": str,
                "position": int,
                "retired": int,
            },
            pk="id",
            foreign_keys=[("card_id", "cards", "id")],
            not_null={"card_id", "variant", "position"},
            defaults={"retired": 0},
        )
        db.table("items").create_index(["card_id"])
        db.table("schedule").create(
            {
                "profile_id": int,
                "item_id": str,
                "queue": int,  # 0 new, 1 review, -1 suspended
                "repetitions": int,
                "easiness": int,  # hundredths
                "interval": int,  # days
                "due_day": str,  # study day, ISO date
                "last_day": str,  # study day of the last scheduling answer
                "lapses": int,
                "new_order": int,
            },
            pk=("profile_id", "item_id"),
            foreign_keys=[("profile_id", "profiles", "id"), ("item_id", "items", "id")],
            not_null={"queue", "repetitions", "easiness", "interval", "lapses"},
            defaults={
                "queue": 0,
                "repetitions": 0,
                "easiness": 250,
                "interval": 0,
                "lapses": 0,
            },
        )
        db.table("schedule").create_index(
            ["profile_id", "queue", "due_day"], "schedule_due"
        )
        db.table("schedule").create_index(
            ["profile_id", "queue", "new_order"], "schedule_new"
        )
        state = ("repetitions", "easiness", "interval")
        db.table("reviews").create(
            {
                "id": int,
                "profile_id": int,
                "item_id": str,
                "answered_at": str,  # UTC, ISO 8601
                "study_day": str,  # local study day, ISO date
                "grade": int,
                "seconds": float,
                "redrill": int,
                "queue_before": int,
                **{f"{name}_before": int for name in state},
                "due_before": str,
                "last_day_before": str,
                "lapses_before": int,
                **{f"{name}_after": int for name in state},
                "due_after": str,
            },
            pk="id",
            foreign_keys=[("profile_id", "profiles", "id"), ("item_id", "items", "id")],
            not_null={"profile_id", "item_id", "answered_at", "study_day", "grade"},
        )
        db.table("reviews").create_index(["profile_id", "study_day"], "reviews_day")
        db.table("reviews").create_index(["profile_id", "item_id"], "reviews_item")
        db.execute("PRAGMA user_version = 1")

    @migrations(name="m002_exams")
    def exams(db: Database) -> None:
        """Exam mode: the pass mark setting, and the record of every exam."""
        from quizhinge.exam_store import create_tables

        db.execute(
            "ALTER TABLE profiles ADD COLUMN pass_mark INTEGER NOT NULL DEFAULT 70"
        )
        create_tables(db)
        db.execute("PRAGMA user_version = 2")

    @migrations(name="m003_anki_progress")
    def anki_progress(db: Database) -> None:
        """Answers brought in from Anki, each keyed by its revlog id (so an
        import adds it once), and the record of every import."""
        db.execute("ALTER TABLE reviews ADD COLUMN anki_revlog_id INTEGER")
        db.execute(
            "CREATE UNIQUE INDEX reviews_anki ON reviews (profile_id, anki_revlog_id)"
            " WHERE anki_revlog_id IS NOT NULL"
        )
        db.execute(
            "CREATE TABLE anki_imports (id INTEGER PRIMARY KEY,"
            " profile_id INTEGER NOT NULL REFERENCES profiles(id),"
            " imported_at TEXT NOT NULL, file TEXT NOT NULL,"
            " reviews_added INTEGER NOT NULL, items_rescheduled INTEGER NOT NULL)"
        )
        db.execute("PRAGMA user_version = 3")

    @migrations(name="m004_theme")
    def theme(db: Database) -> None:
        """The app's theme, kept per profile between runs."""
        db.execute(
            "ALTER TABLE profiles ADD COLUMN theme TEXT NOT NULL DEFAULT 'textual-dark'"
        )
        db.execute("PRAGMA user_version = 4")

    return migrations
