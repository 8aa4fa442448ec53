"""Faults a learner can meet: concurrent processes, kills, clocks, bad --db."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.clock import Clock
from support.engine import NOON, basic, catalog_of
from support.files import (
    newer_database,
    other_programs_database,
    text_file,
    truncated_database,
)

from quizhinge.cli import main
from quizhinge.session import StudySession
from quizhinge.store import Store

TESTS = Path(__file__).parent
CARDS = 40

# A learner answering every card it is shown, printing each answer once committed.
ANSWER_ALL = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {tests!r})
    from support.engine import basic, catalog_of
    from quizhinge.session import StudySession
    from quizhinge.store import Store

    catalog = catalog_of(*(basic(f"c{{n:02}}") for n in range({cards})))
    store = Store.open(sys.argv[1], timeout=30)
    store.cards.sync(catalog)
    session = StudySession(store, catalog, "me")
    print("ready", flush=True)
    sys.stdin.readline()  # wait for "go", so that two learners really overlap
    while (item := session.current()) is not None:
        session.answer(5, 1.0)
        print(item.item_id, flush=True)
        time.sleep(float(sys.argv[2]))
    """
).format(tests=str(TESTS), cards=CARDS)


def learner(path: Path, pause: float = 0.0) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", ANSWER_ALL, str(path), str(pause)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def go(*processes: subprocess.Popen) -> None:
    for process in processes:
        assert process.stdout.readline().strip() == "ready"
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()


def prepared(tmp_path: Path) -> Path:
    path = tmp_path / "q.db"
    with Store.open(path) as store:
        store.cards.sync(catalog_of(*(basic(f"c{n:02}") for n in range(CARDS))))
        store.profiles.set_setting("me", "new-per-day", str(CARDS))
    return path


def test_two_processes_answering_at_once_lose_nothing(tmp_path):
    path = prepared(tmp_path)
    first, second = learner(path), learner(path)
    go(first, second)
    outputs = [p.communicate(timeout=120) for p in (first, second)]
    for process, (_, err) in zip((first, second), outputs, strict=True):
        assert process.returncode == 0, err
        assert "locked" not in err
    answered = sum(len(out.split()) for out, _ in outputs)
    assert answered == 2 * CARDS
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == answered
    # Each card scheduled exactly once today; the other answer was a re-drill.
    assert conn.execute("SELECT count(*), sum(redrill) FROM reviews").fetchone() == (
        2 * CARDS,
        CARDS,
    )
    assert conn.execute("SELECT DISTINCT repetitions FROM schedule").fetchall() == [
        (1,)
    ]


def test_a_killed_process_loses_no_committed_answer(tmp_path):
    path = prepared(tmp_path)
    process = learner(path, pause=0.02)
    go(process)
    printed = [process.stdout.readline().strip() for _ in range(10)]
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    logged = {r[0] for r in conn.execute("SELECT item_id FROM reviews")}
    assert set(printed) <= logged
    # Log and schedule agree: no answer half-recorded.
    scheduled = {
        r[0]
        for r in conn.execute("SELECT item_id FROM schedule WHERE last_day IS NOT NULL")
    }
    assert scheduled == logged


def test_the_clock_going_backwards_schedules_nothing_twice_and_loses_nothing(tmp_path):
    clock = Clock(NOON)
    catalog = catalog_of(basic("a"), basic("b"))
    with Store.open(tmp_path / "q.db") as store:
        store.cards.sync(catalog)
        StudySession(store, catalog, "me", now=clock).answer(4, 1)  # a on day D
        clock.advance(days=1)
        StudySession(store, catalog, "me", now=clock).answer(4, 1)  # a again, due
        clock.advance(days=-3)  # the clock jumps back before both answers
        session = StudySession(store, catalog, "me", now=clock)
        assert [i.item_id for i in session.upcoming()] == ["b"]
        session.answer(5, 1)
        pid = session.profile.id
        late = store.schedule.record_answer(pid, "a", 0, 1, session.today, clock())
        assert late.redrill  # already scheduled on a later day: log only
        rows = store.conn.execute(
            "SELECT item_id, study_day, redrill, interval_after, due_after"
            " FROM reviews ORDER BY id"
        ).fetchall()
        assert len(rows) == 4
        assert all(interval >= 1 for *_, interval, _ in rows)
        for _, day, redrill, _, due in rows:
            assert redrill or date.fromisoformat(due) > date.fromisoformat(day)
        (a,) = store.schedule.items_by_id(pid, ["a"])
        assert (a.state.repetitions, a.state.interval) == (2, 6)


def test_a_time_zone_change_keeps_every_answer_and_one_schedule_per_day(tmp_path):
    catalog = catalog_of(basic("a"), basic("b"))
    evening = datetime(2026, 3, 2, 22, 0, tzinfo=timezone(timedelta(hours=1)))
    with Store.open(tmp_path / "q.db") as store:
        store.cards.sync(catalog)
        first = StudySession(store, catalog, "me", now=lambda: evening)
        first.answer(4, 1)  # a, study day 2 March
        # Flying west: an hour later is 13:00 on 2 March, the same study day.
        west = (evening + timedelta(hours=1)).astimezone(timezone(timedelta(hours=-8)))
        second = StudySession(store, catalog, "me", now=lambda: west)
        assert [i.item_id for i in second.upcoming()] == ["b"]
        second.answer(4, 1)
        # Flying far east: it is already 3 March there, a day ahead.
        east = west.astimezone(timezone(timedelta(hours=13)))
        third = StudySession(store, catalog, "me", now=lambda: east)
        assert third.today == date(2026, 3, 3)
        assert [i.item_id for i in third.upcoming()] == ["a", "b"]
        third.answer(5, 1)
        assert store.conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 3


# -- --db that is not ours ---------------------------------------------------------


def run_cli(*args):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize(
    "command", [["stats"], ["config"], ["config", "level", "trainer"]]
)
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (text_file, "not a quizhinge database"),
        (other_programs_database, "not a quizhinge database"),
        (truncated_database, "damaged"),
        (newer_database, "newer quizhinge"),
    ],
)
def test_cli_refuses_a_bad_db_with_one_message_and_leaves_it(
    tmp_path, make, message, command
):
    path = tmp_path / "x.db"
    make(path)
    before = path.read_bytes()
    result = run_cli("--db", str(path), *command)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_cli_refuses_a_directory(tmp_path):
    result = run_cli("--db", str(tmp_path), "stats")
    assert result.exit_code == 1
    assert "is a folder" in result.output
    assert list(tmp_path.iterdir()) == []


def run_unprivileged(*args: str) -> subprocess.CompletedProcess:
    """Run the CLI as a user that cannot write where root could."""
    command = [sys.executable, "-m", "quizhinge", *args]
    if os.geteuid() == 0:
        command = [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            *command,
        ]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


@pytest.fixture
def read_only_dir():
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv to drop privileges")
    if run_unprivileged("--version").returncode != 0:
        pytest.skip(
            "this Python or its packages are not readable by an unprivileged user"
        )
    base = Path(tempfile.mkdtemp())
    base.chmod(0o755)
    folder = base / "ro"
    folder.mkdir()
    with Store.open(folder / "old.db") as store:
        store.profiles.get("me")
    (folder / "old.db").chmod(0o444)
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(base)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("new.db", "read-only location"),
        ("sub/new.db", "does not exist"),  # --db never makes a folder
        ("old.db", "read-only location"),
    ],
)
def test_a_read_only_location_gets_a_clear_message_and_no_files(
    read_only_dir, name, message
):
    before = sorted(p.name for p in read_only_dir.iterdir())
    old = (read_only_dir / "old.db").read_bytes()
    result = run_unprivileged(
        "--db", str(read_only_dir / name), "config", "level", "trainer"
    )
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in read_only_dir.iterdir()) == before
    assert (read_only_dir / "old.db").read_bytes() == old
