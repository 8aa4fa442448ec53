"""The SQLite file that keeps every learner's progress: the only code in
quizhinge that touches SQLite.

One file holds profiles, the cards synced from the decks, a schedule row per
profile and item (a card, or one direction/gap of it), a log of every answer,
the exams sat and the imports from Anki. `Store` is the open file; it
composes one part per concern, as sqlite-utils' Database hands out Tables:

    store.profiles   profiles and their settings       (store/profiles.py)
    store.cards      the decks' cards and items, synced (store/cards.py)
    store.schedule   queues, answers, suspensions, the browser's rows
    store.exams      every exam sat                     (store/exams.py)
    store.stats      the counts behind `quizhinge stats` (store/stats.py)
    store.progress   the log's side of Anki exports and imports

The schema and its migrations are in store/schema.py, Anki's own collection
files in store/anki_collection.py. The rules it keeps:

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

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from quizhinge.store.cards import Cards, SyncReport, item_id
from quizhinge.store.errors import RECOVER, DatabaseError, StoreError
from quizhinge.store.files import (
    check_file,
    close_untouched,
    disk_low,
    remove_database_files,
)
from quizhinge.store.profiles import Profile, Profiles
from quizhinge.store.schedule import (
    LEECH_LAPSES,
    AnswerRow,
    ItemRow,
    Outcome,
    Queue,
    Recorded,
    ReviewRow,
    Schedule,
    answer_outcome,
)
from quizhinge.store.schema import (
    APPLICATION_ID,
    EXPECTED_COLUMNS,
    SCHEMA_VERSION,
    migrations,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from quizhinge.store.exams import Exams
    from quizhinge.store.progress import Progress
    from quizhinge.store.stats import StatsQueries

__all__ = [
    "APPLICATION_ID",
    "EXPECTED_COLUMNS",
    "LEECH_LAPSES",
    "SCHEMA_VERSION",
    "AnswerRow",
    "DatabaseError",
    "ItemRow",
    "Outcome",
    "Profile",
    "Queue",
    "Recorded",
    "ReviewRow",
    "Store",
    "StoreError",
    "SyncReport",
    "answer_outcome",
    "item_id",
    "migrations",
]

BUSY_TIMEOUT_SECONDS = 10.0


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
        self.profiles = Profiles(self)
        self.cards = Cards(self)
        self.schedule = Schedule(self)

    # The parts no first card needs are imported on first use.

    @cached_property
    def exams(self) -> Exams:
        from quizhinge.store.exams import Exams

        return Exams(self)

    @cached_property
    def stats(self) -> StatsQueries:
        from quizhinge.store.stats import StatsQueries

        return StatsQueries(self)

    @cached_property
    def progress(self) -> Progress:
        from quizhinge.store.progress import Progress

        return Progress(self)

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
        SQLite's quick_check, whose time grows with the file) too, unless
        `verify=False` puts them off: then they are checked before the first
        write, or when `verify()` is called (the app calls it once its first
        card is on screen).
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
            # cut can lose the last few), and recording an answer need not
            # wait for an fsync.
            conn.execute("PRAGMA synchronous=NORMAL")
        except BaseException:
            store.close()
            if created:
                remove_database_files(path)
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
            return int(version)
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
                migrations().apply(self.db)

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
            close_untouched(self.conn, self.path)
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

    def problem(self, error: DatabaseError) -> StoreError:
        """The StoreError, with its kind, for an error SQLite reported (say,
        while reading a damaged page before the file was checked)."""
        return self._error(error)

    def _error(self, error: sqlite3.Error) -> StoreError:
        """The StoreError, with its kind, for an error SQLite reported."""
        text = str(error).lower()
        name = getattr(error, "sqlite_errorname", "")
        if "full" in text or (name.startswith("SQLITE_IOERR") and disk_low(self.path)):
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

    @property
    def _busy_ms(self) -> int:
        return int(self._timeout * 1000)

    # -- the file's own keys -------------------------------------------------

    def meta(self, key: str) -> str | None:
        """A value the store keeps for quizhinge itself (see `set_meta`): the
        fingerprint of the catalog last synced, the deck cache."""
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
