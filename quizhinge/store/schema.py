"""The database's schema: whose file it is, its version, and every migration.

Each migration is the SQL it ran, written out here: an applied migration must
never change, so none calls code that could (a table-making helper, or
sqlite-utils' own `create`, whose output may differ between its versions).
sqlite-utils' `Migrations` only records which steps a file has had.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

APPLICATION_ID = 0x5148_4E47  # "QHNG" in the SQLite header: this file is ours
SCHEMA_VERSION = 4  # = the number of migrations; kept in PRAGMA user_version

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

# m001: the first schema, as sqlite-utils wrote it then (its quoting kept).
# schedule.queue is 0 new, 1 review, -1 suspended (store.schedule.Queue);
# easiness is in hundredths, intervals in days, days are ISO study days and
# moments UTC ISO 8601.
M001_INITIAL = (
    """CREATE TABLE "meta" (
   "key" TEXT PRIMARY KEY,
   "value" TEXT
)""",
    """CREATE TABLE "profiles" (
   "id" INTEGER PRIMARY KEY,
   "name" TEXT NOT NULL,
   "new_per_day" INTEGER NOT NULL,
   "reviews_per_day" INTEGER NOT NULL,
   "day_start_hour" INTEGER NOT NULL,
   "level" TEXT,
   "created_at" TEXT
)""",
    """CREATE UNIQUE INDEX "idx_profiles_name"
    ON "profiles" ("name")""",
    """CREATE TABLE "cards" (
   "id" TEXT PRIMARY KEY,
   "deck_id" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "level" TEXT NOT NULL,
   "topic" TEXT NOT NULL,
   "content_hash" TEXT NOT NULL,
   "retired" INTEGER DEFAULT 0,
   "updated_at" TEXT
)""",
    """CREATE TABLE "items" (
   "id" TEXT PRIMARY KEY,
   "card_id" TEXT NOT NULL REFERENCES "cards"("id"),
   "variant" TEXT NOT NULL,
   "position" INTEGER NOT NULL,
   "retired" INTEGER DEFAULT 0
)""",
    """CREATE INDEX "idx_items_card_id"
    ON "items" ("card_id")""",
    """CREATE TABLE "schedule" (
   "profile_id" INTEGER REFERENCES "profiles"("id"),
   "item_id" TEXT REFERENCES "items"("id"),
   "queue" INTEGER NOT NULL DEFAULT 0,
   "repetitions" INTEGER NOT NULL DEFAULT 0,
   "easiness" INTEGER NOT NULL DEFAULT 250,
   "interval" INTEGER NOT NULL DEFAULT 0,
   "due_day" TEXT,
   "last_day" TEXT,
   "lapses" INTEGER NOT NULL DEFAULT 0,
   "new_order" INTEGER,
   PRIMARY KEY ("profile_id", "item_id")
)""",
    """CREATE INDEX "schedule_due"
    ON "schedule" ("profile_id", "queue", "due_day")""",
    """CREATE INDEX "schedule_new"
    ON "schedule" ("profile_id", "queue", "new_order")""",
    """CREATE TABLE "reviews" (
   "id" INTEGER PRIMARY KEY,
   "profile_id" INTEGER NOT NULL REFERENCES "profiles"("id"),
   "item_id" TEXT NOT NULL REFERENCES "items"("id"),
   "answered_at" TEXT NOT NULL,
   "study_day" TEXT NOT NULL,
   "grade" INTEGER NOT NULL,
   "seconds" REAL,
   "redrill" INTEGER,
   "queue_before" INTEGER,
   "repetitions_before" INTEGER,
   "easiness_before" INTEGER,
   "interval_before" INTEGER,
   "due_before" TEXT,
   "last_day_before" TEXT,
   "lapses_before" INTEGER,
   "repetitions_after" INTEGER,
   "easiness_after" INTEGER,
   "interval_after" INTEGER,
   "due_after" TEXT
)""",
    """CREATE INDEX "reviews_day"
    ON "reviews" ("profile_id", "study_day")""",
    """CREATE INDEX "reviews_item"
    ON "reviews" ("profile_id", "item_id")""",
)

# m002: exam mode. An exam never touches the schedules or the review log.
M002_EXAMS = (
    "ALTER TABLE profiles ADD COLUMN pass_mark INTEGER NOT NULL DEFAULT 70",
    """CREATE TABLE exams (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles (id),
            started_at TEXT NOT NULL,
            ended_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('finished', 'abandoned')),
            questions INTEGER NOT NULL,
            answered INTEGER NOT NULL,
            correct INTEGER,
            pass_mark INTEGER NOT NULL,
            passed INTEGER,
            timed_out INTEGER NOT NULL DEFAULT 0,
            minutes REAL NOT NULL,
            seed INTEGER NOT NULL,
            topics TEXT NOT NULL,
            level TEXT
        )""",
    "CREATE INDEX exams_by_profile ON exams (profile_id, started_at)",
    """CREATE TABLE exam_answers (
            exam_id INTEGER NOT NULL REFERENCES exams (id),
            position INTEGER NOT NULL,
            card_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            kind TEXT NOT NULL,
            response TEXT,
            correct INTEGER,
            flagged INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (exam_id, position)
        )""",
)

# m003: answers brought in from Anki, each keyed by its revlog id (so an
# import adds it once), and the record of every import.
M003_ANKI_PROGRESS = (
    "ALTER TABLE reviews ADD COLUMN anki_revlog_id INTEGER",
    "CREATE UNIQUE INDEX reviews_anki ON reviews (profile_id, anki_revlog_id)"
    " WHERE anki_revlog_id IS NOT NULL",
    "CREATE TABLE anki_imports (id INTEGER PRIMARY KEY,"
    " profile_id INTEGER NOT NULL REFERENCES profiles(id),"
    " imported_at TEXT NOT NULL, file TEXT NOT NULL,"
    " reviews_added INTEGER NOT NULL, items_rescheduled INTEGER NOT NULL)",
)

# m004: the app's theme, kept per profile between runs.
M004_THEME = (
    "ALTER TABLE profiles ADD COLUMN theme TEXT NOT NULL DEFAULT 'textual-dark'",
)

# The schema's history, in order. Add steps at the end; never edit one.
STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("m001_initial", (f"PRAGMA application_id = {APPLICATION_ID}", *M001_INITIAL)),
    ("m002_exams", M002_EXAMS),
    ("m003_anki_progress", M003_ANKI_PROGRESS),
    ("m004_theme", M004_THEME),
)


def migrations() -> Migrations:
    """The steps as sqlite-utils migrations (it records which have run); each
    step ends by setting PRAGMA user_version to its number."""
    from sqlite_utils import Migrations

    found = Migrations("quizhinge")
    for number, (name, statements) in enumerate(STEPS, 1):
        found(name=name)(_step(statements, number))
    return found


def _step(statements: tuple[str, ...], version: int) -> Callable[[Database], None]:
    def apply(db: Database) -> None:
        for statement in statements:
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {version}")

    return apply
