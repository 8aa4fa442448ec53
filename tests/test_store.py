"""The database file: refusing what is not ours, sync, and atomic answers."""

import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from support.engine import basic, catalog_of, cloze, definition
from support.files import (
    newer_database,
    other_programs_database,
    text_file,
    truncated_database,
)

from quizhinge.store import SCHEMA_VERSION, Store, StoreError, migrations

WHEN = datetime(2026, 3, 2, 12, tzinfo=UTC)
DAY = date(2026, 3, 2)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "q.db") as store:
        yield store


def snapshot(path: Path) -> bytes:
    return path.read_bytes()


# -- opening and refusing --------------------------------------------------------


def test_a_new_file_gets_the_schema_wal_and_our_marks(tmp_path):
    path = tmp_path / "sub" / "q.db"
    Store.open(path, make_folder=True).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"profiles", "cards", "items", "schedule", "reviews"} <= tables
    assert {"schedule_due", "schedule_new", "reviews_day"} <= tables
    applied = conn.execute("SELECT migration_set, name FROM _sqlite_migrations")
    assert applied.fetchall() == [
        ("quizhinge", "m001_initial"),
        ("quizhinge", "m002_exams"),
        ("quizhinge", "m003_anki_progress"),
        ("quizhinge", "m004_theme"),
    ]


def test_schema_version_counts_the_migrations():
    assert len(migrations()._migrations) == SCHEMA_VERSION


def test_reopening_an_up_to_date_file_writes_nothing(tmp_path):
    path = tmp_path / "q.db"
    Store.open(path).close()
    before = snapshot(path)
    with Store.open(path) as store:
        assert store.conn.total_changes == 0
    assert snapshot(path) == before


def test_opening_syncing_unchanged_and_studying_do_not_import_sqlite_utils(tmp_path):
    path = tmp_path / "q.db"
    Store.open(path).close()
    with Store.open(path) as store:
        store.cards.sync(catalog_of(basic("a")))
    code = (
        "import sys; sys.path.insert(0, 'tests'); from support.engine import *; "
        "from quizhinge.store import Store; "
        "from quizhinge.session import StudySession; "
        f"store = Store.open({str(path)!r}); catalog = catalog_of(basic('a')); "
        "store.cards.sync(catalog); StudySession(store, catalog, 'me').answer(4, 1); "
        "print('sqlite_utils' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (text_file, "not a quizhinge database"),
        (other_programs_database, "not a quizhinge database"),
        (truncated_database, "damaged"),
        (newer_database, "newer quizhinge"),
    ],
)
def test_foreign_damaged_or_newer_files_are_refused_untouched(tmp_path, make, message):
    path = tmp_path / "x.db"
    make(path)
    before = snapshot(path)
    with pytest.raises(StoreError, match=message) as error:
        Store.open(path)
    assert str(path) in str(error.value)
    assert snapshot(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db"]


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_leaves_nothing_half_written(store):
    catalog = catalog_of(*(basic(f"c{n}", front="x" * 500) for n in range(2000)))
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 5}")
    with pytest.raises(StoreError, match="disk is full; nothing was saved"):
        store.cards.sync(catalog)
    assert store.conn.execute("SELECT count(*) FROM cards").fetchone()[0] == 0
    assert store.meta("catalog_fingerprint") is None


def test_a_fault_between_log_row_and_schedule_keeps_neither(store):
    store.cards.sync(catalog_of(basic("a")))
    pid = store.profiles.get("me").id
    # The schedule update fails after the log row went in, as a full disk would.
    store.conn.execute(
        "CREATE TEMP TRIGGER fail AFTER UPDATE ON schedule"
        " BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END"
    )
    with pytest.raises(StoreError, match="disk is full; nothing was saved"):
        store.schedule.record_answer(pid, "a", 4, 3.0, DAY, WHEN)
    store.conn.execute("DROP TRIGGER fail")
    assert store.conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0
    (row,) = store.schedule.items_by_id(pid, ["a"])
    assert row.last_day is None and row.queue == 0


# -- sync --------------------------------------------------------------------


def test_sync_adds_updates_retires_and_revives_keeping_history(store):
    a, b = basic("a"), basic("b")
    assert store.cards.sync(catalog_of(a, b)).added == 2
    pid = store.profiles.get("me").id
    store.schedule.record_answer(pid, "a", 5, 2, DAY, WHEN)

    edited = basic("a", front="a better question")
    report = store.cards.sync(catalog_of(edited, b))
    assert (report.added, report.updated, report.retired, report.revived) == (
        0,
        1,
        0,
        0,
    )

    report = store.cards.sync(catalog_of(b))
    assert report.retired == 1
    assert [r.item_id for r in store.schedule.new_items(pid, ["beginner"])] == ["b"]
    assert list(store.schedule.due_items(pid, date(2030, 1, 1), ["beginner"])) == []

    report = store.cards.sync(catalog_of(edited, b))
    assert report.revived == 1
    (row,) = store.schedule.items_by_id(pid, ["a"])
    assert (row.state.repetitions, row.last_day) == (1, DAY)
    assert len(store.schedule.answers_on(pid, DAY)) == 1


def test_a_profile_made_while_a_card_was_retired_gets_it_when_it_returns(store):
    store.cards.sync(catalog_of(basic("a"), basic("b")))
    store.cards.sync(catalog_of(basic("b")))
    pid = store.profiles.get("newcomer").id
    store.cards.sync(catalog_of(basic("a"), basic("b")))
    assert sorted(r.item_id for r in store.schedule.new_items(pid, ["beginner"])) == [
        "a",
        "b",
    ]


def test_syncing_unchanged_decks_writes_nothing(store):
    catalog = catalog_of(basic("a"), definition("d"), cloze("z", "{{c1::x}} {{c2::y}}"))
    store.cards.sync(catalog)
    store.profiles.get("me")
    changes = store.conn.total_changes
    assert not store.cards.sync(catalog).changed
    assert store.conn.total_changes == changes


def test_cloze_gaps_come_and_go_as_items(store):
    store.cards.sync(catalog_of(cloze("z", "{{c1::x}} {{c2::y}}")))
    pid = store.profiles.get("me").id
    assert [r.item_id for r in store.schedule.new_items(pid, ["beginner"])] == [
        "z#c1",
        "z#c2",
    ]
    store.cards.sync(catalog_of(cloze("z", "{{c1::x}} and y")))
    assert [r.item_id for r in store.schedule.new_items(pid, ["beginner"])] == ["z#c1"]


def test_new_cards_reach_every_profile(store):
    store.cards.sync(catalog_of(basic("a")))
    one, two = store.profiles.get("one").id, store.profiles.get("two").id
    store.cards.sync(catalog_of(basic("a"), basic("b")))
    for pid in (one, two):
        assert [r.item_id for r in store.schedule.new_items(pid, ["beginner"])] == [
            "a",
            "b",
        ]


# -- answers ---------------------------------------------------------------------


def test_an_answer_logs_and_schedules_together(store):
    store.cards.sync(catalog_of(basic("a")))
    pid = store.profiles.get("me").id
    done = store.schedule.record_answer(pid, "a", 4, 3.5, DAY, WHEN)
    assert (done.redrill, done.state.interval, done.due_day) == (
        False,
        1,
        date(2026, 3, 3),
    )
    row = store.conn.execute(
        "SELECT answered_at, study_day, grade, seconds, redrill, repetitions_before,"
        " repetitions_after, due_after FROM reviews"
    ).fetchone()
    assert row == (
        "2026-03-02T12:00:00.000+00:00",
        "2026-03-02",
        4,
        3.5,
        0,
        0,
        1,
        "2026-03-03",
    )


def test_settings_are_validated_and_kept_per_profile(store):
    store.profiles.set_setting("coach", "new-per-day", "25")
    store.profiles.set_setting("coach", "level", "trainer")
    assert store.profiles.settings("coach").new_per_day == 25
    assert store.profiles.settings("coach").level == "trainer"
    assert store.profiles.settings("client").new_per_day == 10
    for key, value in [
        ("new-per-day", "-1"),
        ("new-per-day", "many"),
        ("day-start-hour", "24"),
        ("reviews-per-day", "0"),
        ("level", "expert"),
        ("colour", "red"),
    ]:
        with pytest.raises(ValueError):
            store.profiles.set_setting("coach", key, value)
    assert store.profiles.settings("coach").new_per_day == 25


def test_answers_commit_in_wal_mode_without_waiting_for_the_disk(tmp_path):
    """An answer commits in well under a millisecond (no fsync per answer):
    WAL with synchronous=NORMAL survives any crash of the program."""
    with Store.open(tmp_path / "q.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    with Store.open(tmp_path / "q.db") as store:  # and on every later opening
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1


def test_a_file_from_before_themes_is_migrated_and_keeps_its_settings(tmp_path):
    path = tmp_path / "old.db"
    with Store.open(path) as store:
        store.profiles.set_setting("ann", "new_per_day", "5")
    with sqlite3.connect(path) as conn:  # make it look like a schema-3 file
        conn.execute("ALTER TABLE profiles DROP COLUMN theme")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_theme'")
        conn.execute("PRAGMA user_version = 3")
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == 4
        settings = store.profiles.settings("ann")
        assert (settings.new_per_day, settings.theme) == (5, "textual-dark")
        assert store.profiles.set_setting("ann", "theme", "nord").theme == "nord"
    with Store.open(path) as store:
        assert store.profiles.settings("ann").theme == "nord"


@pytest.mark.parametrize("bad", ["Nord!", "a b", "x" * 41, "-dark", ""])
def test_a_theme_name_is_checked(tmp_path, bad):
    with Store.open(tmp_path / "q.db") as store, pytest.raises(ValueError):
        store.profiles.set_setting("ann", "theme", bad)
