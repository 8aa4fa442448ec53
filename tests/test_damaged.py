"""A damaged, read-only or odd database file is refused, and never written.

Damage is made as it happens to people: a page of garbage (a bad disk, a
copy cut short), a dropped table or column (someone's SQL). Every command
and the app refuse such a file with one line that says what is wrong and how
to recover, and its bytes stay as they were (md5 before and after), even with
a leftover write-ahead log that SQLite would copy into it on close.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.clock import Clock
from support.tui import MIXED, START, make_app, settle

from quizhinge.catalog import load_catalog
from quizhinge.cli import main
from quizhinge.session import StudySession
from quizhinge.store import EXPECTED_COLUMNS, Store, StoreError

PROFILE = "tester"


def with_progress(path: Path) -> Path:
    """A real database with a learner's answers, checkpointed into the file."""
    with Store.open(path) as store:
        store.cards.sync(load_catalog([MIXED]))
        session = StudySession(store, load_catalog([MIXED]), PROFILE, now=Clock(START))
        for grade in (5, 1, 4):
            session.answer(grade, 3.0)
    return path


def garbage_page(path: Path, like: Path | None = None) -> None:
    """Overwrite the schedule table's first page with garbage (found in
    `like`, a copy of the file that SQLite may open, if given)."""
    conn = sqlite3.connect(like or path)
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'schedule'"
    ).fetchone()
    (size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with path.open("r+b") as file:
        file.seek((root - 1) * size)
        file.write(bytes((n * 37 + 11) % 256 for n in range(size)))


def drop_table(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TABLE reviews")
    conn.close()


def drop_column(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("ALTER TABLE schedule DROP COLUMN lapses")
    conn.close()


DAMAGE = {"garbage page": garbage_page, "dropped table": drop_table}
DAMAGE_DETAIL = {
    "garbage page": "the database file is damaged",
    "dropped table": "the database file is damaged (the table 'reviews' is missing)",
}


def md5(path: Path) -> str | None:
    return hashlib.md5(path.read_bytes()).hexdigest() if path.exists() else None


@pytest.fixture(params=list(DAMAGE))
def damaged(request, tmp_path) -> tuple[Path, str]:
    path = with_progress(tmp_path / "q.db")
    DAMAGE[request.param](path)
    return path, request.param


def test_the_expected_schema_is_what_the_migrations_make(tmp_path):
    with Store.open(tmp_path / "q.db") as store:
        found: dict[str, list[str]] = {}
        for table, column in store.conn.execute(
            "SELECT m.name, p.name FROM sqlite_master AS m"
            " JOIN pragma_table_info(m.name) AS p WHERE m.type = 'table'"
        ):
            found.setdefault(table, []).append(column)
    assert {t: tuple(c) for t, c in found.items()} == EXPECTED_COLUMNS


def test_a_damaged_file_is_refused_at_open_untouched(damaged):
    path, kind = damaged
    before = md5(path)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert caught.value.kind == "damaged"
    message = str(caught.value)
    assert message.startswith(f"{path}: {DAMAGE_DETAIL[kind]}")
    assert "Restore a backup copy of it, or start a new file with --db" in message
    assert md5(path) == before


def test_a_dropped_column_is_damage_too(tmp_path):
    path = with_progress(tmp_path / "q.db")
    drop_column(path)
    with pytest.raises(StoreError, match=r"the column schedule\.lapses is missing"):
        Store.open(path)


def test_a_store_opened_unchecked_checks_before_its_first_write(tmp_path):
    path = with_progress(tmp_path / "q.db")
    garbage_page(path)
    before = md5(path)
    store = Store.open(path, verify=False)  # the tables are fine: it opens
    try:
        with pytest.raises(StoreError, match="damaged"):
            store.set_meta("x", "y")
        with pytest.raises(StoreError, match="damaged"):
            store.verify()
    finally:
        store.close()
    assert md5(path) == before


def test_a_leftover_write_ahead_log_is_not_copied_into_a_damaged_file(tmp_path):
    """A crash leaves answers in the -wal file; closing the last connection
    would checkpoint them into the damaged file, so it must not."""
    path = with_progress(tmp_path / "q.db")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO meta (key, value) VALUES ('left', 'in the log')")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):  # as a kill -9 leaves them
        shutil.copy(f"{path}{suffix}", crashed / f"q.db{suffix}")
    writer.close()
    copy = crashed / "q.db"
    garbage_page(copy, like=path)
    before = md5(copy), md5(Path(f"{copy}-wal"))
    assert before[1] is not None
    with pytest.raises(StoreError, match="damaged"):
        Store.open(copy)
    result = CliRunner().invoke(main, ["--db", str(copy), "config"])
    assert result.exit_code == 1 and "damaged" in result.output
    assert (md5(copy), md5(Path(f"{copy}-wal"))) == before


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["config"],
        ["config", "new-per-day", "5"],
        ["cards"],
        ["suspend", "t-basic-hinge-vs-squat"],
        ["unsuspend", "t-basic-hinge-vs-squat"],
    ],
)
def test_every_command_refuses_a_damaged_file_untouched(damaged, args):
    path, kind = damaged
    before = md5(path)
    result = CliRunner().invoke(
        main, ["--db", str(path), "--decks", str(MIXED), "--profile", PROFILE, *args]
    )
    assert result.exit_code == 1, result.output
    assert f"Error: {path}: {DAMAGE_DETAIL[kind]}" in result.output
    assert "Traceback" not in result.output
    assert md5(path) == before
    assert not Path(f"{path}-journal").exists()


@pytest.mark.parametrize("start", ["home", "study"])
async def test_the_app_refuses_a_damaged_file_untouched(damaged, start):
    path, kind = damaged
    before = md5(path)
    app = make_app(path, start=start)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert app.error_message is not None
    assert app.error_message.startswith(f"{path}: {DAMAGE_DETAIL[kind]}")
    assert "Restore a backup copy" in app.error_message
    assert md5(path) == before


async def test_the_app_refuses_a_damaged_exam_file_untouched(damaged):
    from quizhinge.exam import ExamPlan

    path, _ = damaged
    before = md5(path)
    app = make_app(path, start="exam")
    app.exam_plan = ExamPlan(2, 5, (), None, 1)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
    assert app.return_code == 1 and "damaged" in (app.error_message or "")
    assert md5(path) == before


# -- files that are not files, read-only files, full disks ----------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_device_is_refused_and_no_journal_is_left_beside_it(tmp_path):
    link = tmp_path / "full.db"
    link.symlink_to("/dev/full")
    for db in ("/dev/full", str(link)):
        result = CliRunner().invoke(main, ["--db", db, "config", "level", "trainer"])
        assert result.exit_code == 1
        assert f"{db}: is not a regular file" in result.output
    assert not Path("/dev/full-journal").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full.db"]


def test_a_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "q.db"
    os.mkfifo(fifo)
    with pytest.raises(StoreError, match="is not a regular file"):
        Store.open(fifo)


def immutable(path: Path) -> bool:
    """Make `path` read-only even for root (chattr +i); False if impossible."""
    if shutil.which("chattr") is None or os.geteuid() != 0:
        path.chmod(0o444)
        return not os.access(path, os.W_OK)
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    return done.returncode == 0


def mutable(path: Path) -> None:
    if shutil.which("chattr") is not None and os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
    path.chmod(0o644)


@pytest.fixture
def read_only(tmp_path):
    path = with_progress(tmp_path / "q.db")
    if not immutable(path):
        pytest.skip("cannot make a file read-only here")
    yield path
    mutable(path)


def test_a_read_only_file_is_found_out_at_open(read_only):
    before = md5(read_only)
    # reading it is fine; writing is found out
    with Store.open(read_only) as store, pytest.raises(StoreError) as caught:
        store.check_writable()
    assert caught.value.kind == "readonly"
    assert "cannot write there" in str(caught.value)
    assert md5(read_only) == before


async def test_the_app_on_a_read_only_file_says_so_before_the_first_card(read_only):
    app = make_app(read_only, start="study")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert f"{read_only}: cannot write there" in (app.error_message or "")


def test_a_write_lock_held_elsewhere_is_not_a_read_only_file(tmp_path):
    path = with_progress(tmp_path / "q.db")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Store.open(path) as store:
            store.check_writable()  # busy now is fine: it will be let go
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_disk_full_io_error_says_the_disk_is_full(tmp_path, monkeypatch):
    """SQLite reports a disk that filled under an existing database as an
    I/O error (it cannot grow its -shm); the learner reads "disk is full"."""
    path = with_progress(tmp_path / "q.db")

    class IOError_(sqlite3.OperationalError):
        sqlite_errorname = "SQLITE_IOERR_SHMSIZE"

    with Store.open(path) as store:
        monkeypatch.setattr(
            shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(10, 10, 0)
        )
        problem = store.problem(IOError_("disk I/O error"))
    assert problem.kind == "full"
    assert str(problem) == f"{path}: the disk is full; nothing was saved"


# -- profile names ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("", "''"),
        (" padded", "' padded'"),
        ("padded ", "'padded '"),
        ("two\nlines", "'two\\nlines'"),
        ("tab\there", "'tab\\there'"),
        ("esc\x1b]2;x\x07", "'esc\\x1b]2;x\\x07'"),
        ("x" * 5000, "'" + "x" * 30 + "...'"),
    ],
)
@pytest.mark.parametrize("command", [["config", "level"], ["stats"], ["config"]])
def test_one_profile_name_rule_for_every_command(tmp_path, name, shown, command):
    db = tmp_path / "q.db"
    result = CliRunner().invoke(main, ["--db", str(db), "--profile", name, *command])
    assert result.exit_code == 2, result.output
    assert f"profile name {shown}: use 1 to 60 printable characters" in result.output
    assert len(result.output) < 400  # a 5,000-character name is not echoed
    assert not db.exists()


async def test_the_app_refuses_a_bad_profile_name_with_a_message(tmp_path):
    from quizhinge.tui import QuizhingeApp
    from quizhinge.tui.backend import Backend

    app = QuizhingeApp(Backend(tmp_path / "q.db", [MIXED], " padded", Clock(START)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert "profile name ' padded'" in (app.error_message or "")


@pytest.mark.parametrize("command", [["stats"], ["cards"]])
def test_an_unknown_profile_in_a_reading_command_lists_the_profiles(tmp_path, command):
    db = with_progress(tmp_path / "q.db")
    result = CliRunner().invoke(
        main, ["--db", str(db), "--decks", str(MIXED), "--profile", "tstr", *command]
    )
    assert result.exit_code == 1, result.output
    assert f"{db}: no profile 'tstr' (profiles: 'tester')" in result.output
    with Store.open(db) as store:
        assert store.profiles.names() == [PROFILE]  # none made


def test_the_default_profile_of_a_new_file_reads_as_empty(tmp_path):
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "q.db"), "config"])
    assert result.exit_code == 0, result.output
    assert "settings of profile 'default'" in result.output
