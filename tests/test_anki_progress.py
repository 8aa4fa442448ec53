"""Progress made in a real Anki collection comes back into quizhinge, once.

The fixtures are made by the real `anki` package (see `support.phone.Phone`): our
export imported into a fresh collection, cards answered by Anki's own
scheduler over simulated days with Again/Hard/Good/Easy and learning steps,
then exported with scheduling in the current (zstd) and the legacy format,
as a deck (.apkg) and as a whole collection (.colpkg).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.phone import AGAIN, EASY, GOOD, HARD, Phone, local_day, revlog_time

from quizhinge.anki import note_guid
from quizhinge.anki_progress import BUTTON_GRADES
from quizhinge.catalog import load_catalog
from quizhinge.cli import main
from quizhinge.scheduler import Sm2State, review
from quizhinge.store import Store
from quizhinge.store.schedule import Schedule

DECKS = Path(__file__).parent / "decks" / "mixed"
EXPORTED = ("basic", "definition", "cloze", "truefalse")
BASIC = "t-basic-hinge-vs-squat"
DEFINITION = "t-def-hip-hinge"
CLOZE = "t-cloze-hinge-joint-actions"
TRUEFALSE = "t-tf-fold-at-spine"
# Anki card (note's card id, template ordinal) -> our item
ITEMS = {
    (BASIC, 0): BASIC,
    (DEFINITION, 0): f"{DEFINITION}#term",
    (DEFINITION, 1): f"{DEFINITION}#meaning",
    (CLOZE, 0): f"{CLOZE}#c1",
    (CLOZE, 1): f"{CLOZE}#c2",
    (TRUEFALSE, 0): TRUEFALSE,
}
# Day by day, the buttons pressed on the phone; "due" is a manual reschedule.
STUDY: dict[int, list[tuple[tuple[str, int], list[int | str]]]] = {
    0: [
        ((BASIC, 0), [AGAIN, GOOD, GOOD]),  # through both learning steps
        ((DEFINITION, 0), [GOOD, GOOD]),
        ((CLOZE, 0), [EASY]),
        ((TRUEFALSE, 0), [HARD, GOOD]),
    ],
    1: [
        ((BASIC, 0), [GOOD]),
        ((DEFINITION, 0), [AGAIN, GOOD]),
        ((DEFINITION, 1), [GOOD, GOOD]),
    ],
    2: [((CLOZE, 1), [AGAIN, AGAIN, GOOD, GOOD]), ((BASIC, 0), [HARD])],
    # day 3: a rest day
    4: [
        ((DEFINITION, 0), [EASY]),
        ((TRUEFALSE, 0), ["due"]),
        ((CLOZE, 0), [GOOD]),
    ],
    5: [((BASIC, 0), [AGAIN, GOOD]), ((DEFINITION, 1), [HARD])],
}
DAYS = 6


def cli(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def quizhinge(db: Path, *args: str) -> object:
    return cli("--db", str(db), "--decks", str(DECKS), *args)


@pytest.fixture(scope="module")
def studied(tmp_path_factory) -> dict[str, Path]:
    """The phone's packages after six days of study, in every format."""
    folder = tmp_path_factory.mktemp("phone")
    export = folder / "quizhinge.apkg"
    deck_args = [a for deck in EXPORTED for a in ("--deck", deck)]
    result = quizhinge(folder / "setup.db", "export", "--out", str(export), *deck_args)
    assert result.exit_code == 0, result.output
    phone = Phone(folder, export, DAYS)
    catalog = load_catalog([DECKS])
    guid = {card_id: note_guid(catalog.cards_by_id[card_id]) for card_id, _ in ITEMS}
    for day, plan in sorted(STUDY.items()):
        phone.go_to_day(day)
        for (card_id, ordinal), presses in plan:
            cid = phone.card_id(guid[card_id], ordinal)
            for press in presses:
                if press == "due":
                    phone.set_due_date(cid, "3")
                else:
                    phone.answer(cid, press)
    packages = {
        "apkg": phone.export(folder / "phone.apkg", legacy=False),
        "apkg-legacy": phone.export(folder / "phone-legacy.apkg", legacy=True),
        "colpkg": phone.export_collection(folder / "phone.colpkg", legacy=False),
        "colpkg-legacy": phone.export_collection(
            folder / "phone-legacy.colpkg", legacy=True
        ),
        "no-scheduling": phone.export(
            folder / "phone-bare.apkg", legacy=False, scheduling=False
        ),
    }
    cards = {
        phone.card_id(guid[card_id], ordinal): item
        for (card_id, ordinal), item in ITEMS.items()
    }
    (folder / "revlog.json").write_text(
        json.dumps(
            [[rid, cards[cid], ease, kind] for rid, cid, ease, kind in phone.revlog()]
        )
    )
    phone.close()
    return {**packages, "revlog": folder / "revlog.json"}


def phone_answers(studied: dict[str, Path]) -> list[tuple[int, str, int, int]]:
    """(revlog id, item, ease, type) of the phone's whole log."""
    return [tuple(row) for row in json.loads(studied["revlog"].read_text())]


def expected_schedules(answers, hour: int = 4) -> dict[str, tuple]:
    """What quizhinge should hold: each item's answers in time order, the
    first of each study day scheduling by SM-2 (an oracle written apart from
    the code under test)."""
    result = {}
    for item in {a[1] for a in answers}:
        state, last, lapses, due = Sm2State(), None, 0, None
        for rid, _, ease, kind in sorted(a for a in answers if a[1] == item):
            if ease == 0 or kind > 3:
                continue
            day = local_day(revlog_time(rid), hour)
            if last is not None and day <= last:
                continue
            grade = BUTTON_GRADES[ease]
            lapses += grade < 3 and state.repetitions > 0
            state = review(state, grade)
            last, due = day, day + timedelta(days=state.interval)
        result[item] = (state, due, last, lapses)
    return result


def schedules(db: Path, items) -> dict[str, tuple]:
    with Store.open(db) as store:
        profile = store.profiles.get("default")
        return {
            row.item_id: (row.state, row.due_day, row.last_day, row.lapses)
            for row in store.schedule.items_by_id(profile.id, list(items))
        }


def logged(db: Path) -> list[tuple]:
    with Store.open(db) as store:
        return store.conn.execute(
            "SELECT item_id, answered_at, study_day, grade, redrill, anki_revlog_id"
            " FROM reviews ORDER BY answered_at"
        ).fetchall()


@pytest.mark.parametrize("kind", ["apkg", "apkg-legacy", "colpkg", "colpkg-legacy"])
def test_reviews_done_in_anki_come_in_with_their_schedules(tmp_path, studied, kind):
    db = tmp_path / "q.db"
    result = quizhinge(db, "import-progress", str(studied[kind]), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.splitlines()[0])
    answers = phone_answers(studied)
    buttons = [a for a in answers if a[2] > 0]
    days = sorted({local_day(revlog_time(a[0])) for a in buttons})
    assert report == {
        "reviews_added": len(buttons),
        "items_rescheduled": len(ITEMS),
        "notes_matched": 4,
        "notes_ignored": 0,
        "first_day": days[0].isoformat(),
        "last_day": days[-1].isoformat(),
    }
    assert "Skipped 1 manual reschedule" in result.stderr
    # every press is a review of the right item, with the mapped grade,
    # and only the first of each study day scheduled
    rows = logged(db)
    assert [(r[0], r[3], r[5]) for r in rows] == [
        (item, BUTTON_GRADES[ease], rid) for rid, item, ease, _ in sorted(buttons)
    ]
    firsts = {(r[0], r[2]) for r in rows}
    assert sum(not r[4] for r in rows) == len(firsts)
    assert schedules(db, ITEMS.values()) == expected_schedules(answers)


def test_importing_the_same_file_again_adds_nothing(tmp_path, studied):
    db = tmp_path / "q.db"
    first = quizhinge(db, "import-progress", str(studied["apkg"]))
    assert first.exit_code == 0, first.output
    before = (logged(db), schedules(db, ITEMS.values()))
    for kind in ("apkg", "apkg-legacy", "colpkg"):  # the same log, any format
        again = quizhinge(db, "import-progress", str(studied[kind]), "--json")
        assert again.exit_code == 0, again.output
        report = json.loads(again.stdout.splitlines()[0])
        assert (report["reviews_added"], report["items_rescheduled"]) == (0, 0)
        assert (report["first_day"], report["last_day"]) == (None, None)
    assert (logged(db), schedules(db, ITEMS.values())) == before
    text = quizhinge(db, "import-progress", str(studied["apkg"])).output
    assert "Added 0 reviews from Anki; rescheduled 0 items." in text
    assert "already in your log" in text


def test_dry_run_reports_the_same_and_changes_nothing(tmp_path, studied):
    db = tmp_path / "q.db"
    assert quizhinge(db, "stats").exit_code == 0  # the profile exists
    files = [db, Path(f"{db}-wal")]
    before = [p.read_bytes() if p.exists() else None for p in files]
    dry = quizhinge(db, "import-progress", str(studied["apkg"]), "--dry-run", "--json")
    assert dry.exit_code == 0, dry.output
    assert [p.read_bytes() if p.exists() else None for p in files] == before
    assert logged(db) == []
    real = quizhinge(db, "import-progress", str(studied["apkg"]), "--json")
    assert dry.stdout.splitlines()[0] == real.stdout.splitlines()[0]
    text = quizhinge(db, "import-progress", str(studied["apkg"]), "--dry-run").output
    assert "Dry run: nothing was changed." in text


def test_phone_reviews_appear_in_stats_once(tmp_path, studied):
    from quizhinge.stats import collect

    db = tmp_path / "q.db"
    for _ in range(2):
        assert quizhinge(db, "import-progress", str(studied["colpkg"])).exit_code == 0
    answers = [a for a in phone_answers(studied) if a[2] > 0]
    per_day: dict[date, int] = {}
    for rid, *_ in answers:
        day = local_day(revlog_time(rid))
        per_day[day] = per_day.get(day, 0) + 1
    today = max(per_day)
    with Store.open(db) as store:
        stats = collect(store, "default", today)
    assert {d: n for d, n in stats.reviews_per_day.items() if n} == per_day
    assert stats.streak_current == 2  # days 4 and 5 (day 3 was a rest)
    assert stats.streak_longest == 3
    assert stats.retention_30d is not None
    shown = quizhinge(db, "stats")
    assert shown.exit_code == 0, shown.output


# -- packages that cannot be imported -----------------------------------------------


def rezip(source: Path, out: Path, change) -> Path:
    """A copy of a package with its members changed by `change(name, data)`
    (returning None drops the member)."""
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for name in old.namelist():
            data = change(name, old.read(name))
            if data is not None:
                new.writestr(name, data)
    return out


def with_collection(source: Path, out: Path, sql: str) -> Path:
    """A copy of a current-format package whose collection ran `sql`."""
    import sqlite3

    import zstandard

    def change(name: str, data: bytes) -> bytes:
        if name != "collection.anki21b":
            return data
        scratch = out.with_suffix(".sqlite")
        scratch.write_bytes(
            zstandard.ZstdDecompressor().decompressobj().decompress(data)
        )
        with sqlite3.connect(scratch) as conn:
            conn.create_collation("unicase", lambda a, b: (a > b) - (a < b))
            conn.execute(sql)
        conn.close()
        return zstandard.ZstdCompressor().compress(scratch.read_bytes())

    return rezip(source, out, change)


def someone_elses(folder: Path) -> Path:
    """A real Anki package, with scheduling, of a deck that is not ours."""
    from anki.collection import Collection, ExportAnkiPackageOptions
    from support.phone import GOOD as good

    col = Collection(str(folder / "other.anki2"))
    note = col.new_note(col.models.by_name("Basic"))
    note["Front"], note["Back"] = "Capital of France?", "Paris"
    col.add_note(note, col.decks.id_for_name("Default"))
    card = note.cards()[0]
    card.start_timer()
    states = col._backend.get_scheduling_states(card.id)
    col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=good))
    out = folder / "other.apkg"
    col.export_anki_package(
        out_path=str(out),
        options=ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=True, with_media=False, legacy=False
        ),
        limit=None,
    )
    col.close()
    return out


def half(data: bytes) -> bytes:
    return data[: len(data) // 2]


BAD = {
    "missing": lambda s, f: f / "not-there.apkg",
    "not a zip": lambda s, f: _write(f / "notes.apkg", b"just some text\n"),
    "zip without a collection": lambda s, f: rezip(
        s["apkg"], f / "empty.apkg", lambda n, d: None if "collection" in n else d
    ),
    "truncated collection": lambda s, f: rezip(
        s["apkg"], f / "cut.apkg", lambda n, d: half(d) if n.endswith("21b") else d
    ),
    "truncated legacy collection": lambda s, f: rezip(
        s["apkg-legacy"], f / "cut.apkg", lambda n, d: half(d) if "21" in n else d
    ),
    "unknown package version": lambda s, f: rezip(
        s["apkg"], f / "new.apkg", lambda n, d: b"\x08\x04" if n == "meta" else d
    ),
    "unknown collection schema": lambda s, f: with_collection(
        s["apkg"], f / "schema.apkg", "UPDATE col SET ver = 19"
    ),
    "no scheduling": lambda s, f: s["no-scheduling"],
    "none of our notes": lambda s, f: someone_elses(f),
}
MESSAGES = {
    "missing": "no such file",
    "not a zip": "not an Anki package (not a zip file)",
    "zip without a collection": "not an Anki package (no collection inside)",
    "truncated collection": "the collection inside is damaged or truncated",
    "truncated legacy collection": "the collection inside is damaged or truncated",
    "unknown package version": "made by a newer Anki (package version 4",
    "unknown collection schema": "made by an Anki this quizhinge cannot read",
    "no scheduling": "holds no review history",
    "none of our notes": "none of its notes are quizhinge cards",
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_package_is_refused_in_one_line_leaving_the_database(
    tmp_path, studied, case
):
    import hashlib
    import subprocess
    import sys

    db = tmp_path / "q.db"
    assert quizhinge(db, "import-progress", str(studied["apkg"])).exit_code == 0
    package = BAD[case](studied, tmp_path)

    def digest() -> list[str | None]:
        return [
            hashlib.md5(p.read_bytes()).hexdigest() if p.exists() else None
            for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm"))
        ]

    before = digest()
    command = [sys.executable, "-m", "quizhinge", "--db", str(db)]
    for flags in ([], ["--json"], ["--dry-run"]):
        done = subprocess.run(
            [*command, "--decks", str(DECKS), "import-progress", str(package), *flags],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 1, done.stderr
        assert done.stdout == ""
        assert done.stderr.count("\n") == 1, done.stderr
        assert done.stderr.startswith(f"Error: {package}: ")
        assert MESSAGES[case] in done.stderr
        assert digest() == before


# -- faults ---------------------------------------------------------------------


def test_log_entries_of_cards_not_in_the_package_are_reported_not_fatal(
    tmp_path, studied
):
    answers = phone_answers(studied)
    gone = next(rid for rid, item, ease, _ in answers if item == f"{CLOZE}#c2")
    package = with_collection(
        studied["apkg"],
        tmp_path / "holes.apkg",
        f"DELETE FROM cards WHERE id = (SELECT cid FROM revlog WHERE id = {gone})",
    )
    missing = [a for a in answers if a[1] == f"{CLOZE}#c2"]
    db = tmp_path / "q.db"
    result = quizhinge(db, "import-progress", str(package))
    assert result.exit_code == 0, result.output
    assert f"Skipped {len(missing)} log entries of cards" in result.output
    buttons = [a for a in answers if a[2] > 0 and a[1] != f"{CLOZE}#c2"]
    assert len(logged(db)) == len(buttons)


def test_an_import_interrupted_midway_leaves_the_database_as_it_was(
    tmp_path, studied, monkeypatch
):
    from quizhinge import anki_progress

    db = tmp_path / "q.db"
    assert quizhinge(db, "stats").exit_code == 0
    with Store.open(db) as store:
        before = store.conn.execute("SELECT * FROM schedule").fetchall()
    calls = []

    def killed(*args):
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt  # as a kill would, halfway through the writes
        return real(*args)

    real = Schedule.write_row
    monkeypatch.setattr(Schedule, "write_row", killed)
    catalog = load_catalog([DECKS])
    matched = anki_progress.match(
        anki_progress.read_package(studied["apkg"]), catalog, "phone.apkg"
    )
    with Store.open(db) as store:
        profile = store.profiles.get("default")
        with pytest.raises(KeyboardInterrupt):
            anki_progress.merge(store, profile, matched, "phone.apkg")
        assert store.conn.execute("SELECT * FROM schedule").fetchall() == before
        assert store.conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM anki_imports").fetchone() == (
            0,
        )


def test_two_imports_at_once_are_serialized(tmp_path, studied):
    import sqlite3
    import subprocess
    import sys
    import time

    db = tmp_path / "q.db"
    assert quizhinge(db, "stats").exit_code == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # both imports must wait for the lock
    command = [sys.executable, "-m", "quizhinge", "--db", str(db)]
    runs = [
        subprocess.Popen(
            [
                *command,
                "--decks",
                str(DECKS),
                "import-progress",
                str(package),
                "--json",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for package in (studied["apkg"], studied["colpkg-legacy"])
    ]
    time.sleep(2)
    holder.execute("ROLLBACK")
    holder.close()
    reports = []
    for run in runs:
        out, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
        reports.append(json.loads(out.splitlines()[0]))
    buttons = [a for a in phone_answers(studied) if a[2] > 0]
    assert sorted(r["reviews_added"] for r in reports) == [0, len(buttons)]
    assert len(logged(db)) == len(buttons)


# -- quizhinge's progress, sent to Anki ------------------------------------------------


def study_in_quizhinge(db: Path) -> date:
    """Ten days of answers in quizhinge, ending today; returns today."""
    from quizhinge.session import local_now, study_day

    catalog = load_catalog([DECKS])
    now = local_now().replace(microsecond=0)
    with Store.open(db) as store:
        store.cards.sync(catalog)
        pid = store.profiles.get("default").id
        plan = {
            BASIC: [(9, 4), (8, 5), (2, 3)],
            f"{DEFINITION}#term": [(9, 5), (9, 2), (8, 1), (7, 4), (1, 4)],
            f"{DEFINITION}#meaning": [(6, 3)],
            f"{CLOZE}#c1": [(5, 4), (4, 0), (3, 4), (2, 5), (0, 5)],
            TRUEFALSE: [(4, 4)],
        }
        for item, answers in plan.items():
            for n, (back, grade) in enumerate(answers):
                moment = now - timedelta(days=back, hours=2, minutes=-n)
                day = study_day(moment, 4)
                store.schedule.record_answer(pid, item, grade, 3.0, day, moment)
        store.schedule.suspend(pid, TRUEFALSE)
        return study_day(now, 4)


def test_export_with_progress_starts_a_fresh_anki_collection_where_quizhinge_is(
    tmp_path,
):
    from anki.collection import Collection
    from support.phone import import_package

    db = tmp_path / "q.db"
    today = study_in_quizhinge(db)
    out = tmp_path / "progress.apkg"
    deck_args = [a for deck in EXPORTED for a in ("--deck", deck)]
    result = quizhinge(db, "export", "--with-progress", "--out", str(out), *deck_args)
    assert result.exit_code == 0, result.output
    assert "Import any learning progress" in result.output
    col = Collection(str(tmp_path / "fresh.anki2"))
    col.crt -= 40 * 86_400  # a collection started long ago: its own day numbers
    col.close()
    col = Collection(str(tmp_path / "fresh.anki2"))
    import_package(col, out, with_scheduling=True)
    catalog = load_catalog([DECKS])
    with Store.open(db) as store:
        profile = store.profiles.get("default")
        rows = {
            r.item_id: r
            for r in store.schedule.items_by_id(profile.id, list(ITEMS.values()))
        }
        ours = store.conn.execute(
            "SELECT item_id, grade, redrill FROM reviews ORDER BY answered_at"
        ).fetchall()
    for (card_id, ordinal), item in ITEMS.items():
        guid = note_guid(catalog.cards_by_id[card_id])
        type_, queue, due, ivl, factor, reps, lapses = col.db.first(
            "SELECT c.type, c.queue, c.due, c.ivl, c.factor, c.reps, c.lapses"
            " FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = ? AND c.ord = ?",
            guid,
            ordinal,
        )
        row = rows[item]
        if row.last_day is None:
            assert (type_, queue) == (0, 0), item  # never studied: new in Anki
            continue
        assert type_ == 2, item
        assert queue == (-1 if item == TRUEFALSE else 2), item
        assert today + timedelta(days=due - col.sched.today) == row.due_day, item
        assert ivl == row.state.interval, item
        assert factor == row.state.easiness_hundredths * 10, item
        assert (reps, lapses) == (row.state.repetitions, row.lapses), item
    eases = col.db.list("SELECT ease FROM revlog ORDER BY id")
    assert eases == [{0: 1, 1: 1, 2: 1, 3: 2, 4: 3, 5: 4}[g] for _, g, _ in ours]
    assert col.db.scalar("SELECT count(*) FROM revlog WHERE type = 2") == sum(
        r[2] for r in ours
    )
    # and back: our own answers come home as already logged
    col.close()
    phone_export = tmp_path / "back.apkg"
    col = Collection(str(tmp_path / "fresh.anki2"))
    from anki.collection import ExportAnkiPackageOptions

    col.export_anki_package(
        out_path=str(phone_export),
        options=ExportAnkiPackageOptions(
            with_scheduling=True,
            with_deck_configs=False,
            with_media=False,
            legacy=False,
        ),
        limit=None,
    )
    col.close()
    back = quizhinge(db, "import-progress", str(phone_export), "--json")
    assert back.exit_code == 0, back.output
    assert json.loads(back.stdout.splitlines()[0])["reviews_added"] == 0


def test_anki_keeps_its_own_schedule_for_cards_it_already_has(tmp_path):
    """What the README promises about Anki, checked: "Import any learning
    progress" fills in cards that are new to the collection only."""
    from anki.collection import Collection
    from support.phone import import_package

    db = tmp_path / "q.db"
    study_in_quizhinge(db)
    plain, full = tmp_path / "plain.apkg", tmp_path / "full.apkg"
    deck_args = [a for deck in EXPORTED for a in ("--deck", deck)]
    assert quizhinge(db, "export", "--out", str(plain), *deck_args).exit_code == 0
    col = Collection(str(tmp_path / "phone.anki2"))
    import_package(col, plain, with_scheduling=False)
    export = quizhinge(db, "export", "--with-progress", "--out", str(full), *deck_args)
    assert export.exit_code == 0
    log = import_package(col, full, with_scheduling=True)
    assert len(log.updated) + len(log.duplicate) == 4  # notes matched by GUID
    assert col.db.scalar("SELECT count(*) FROM cards WHERE type != 0") == 0
    assert col.db.scalar("SELECT count(*) FROM revlog") == 0
    col.close()


# -- the app --------------------------------------------------------------------


async def test_home_shows_when_progress_was_last_imported_from_anki(tmp_path, studied):
    from support.tui import make_app, settle
    from textual.widgets import Static

    db = tmp_path / "q.db"
    app = make_app(db, (DECKS,))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#anki-import", Static).display
    result = quizhinge(
        db, "--profile", "tester", "import-progress", str(studied["apkg"])
    )
    assert result.exit_code == 0, result.output
    app = make_app(db, (DECKS,))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#anki-import", Static)
        assert line.display
        from quizhinge.session import local_now

        assert str(line.render()).startswith(
            f"Last imported from Anki: {local_now():%Y-%m-%d}"
        )


def test_a_file_name_with_terminal_controls_is_shown_inert(tmp_path):
    package = _write(tmp_path / "evil\x1b]2;pwned\x07.apkg", b"not a zip")
    result = quizhinge(tmp_path / "q.db", "import-progress", str(package))
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "evil\\x1b]2;pwned\\x07.apkg: not an Anki package" in result.output


def test_export_with_progress_of_a_profile_that_does_not_exist_says_so(tmp_path):
    db = tmp_path / "q.db"
    study_in_quizhinge(db)
    out = tmp_path / "p.apkg"
    result = quizhinge(
        db, "--profile", "bob", "export", "--with-progress", "--out", str(out)
    )
    assert result.exit_code == 1
    assert (
        "no profile 'bob'" in result.output and "(profiles: default)" in result.output
    )
    assert not out.exists()


def test_a_dry_run_without_a_progress_file_creates_none(tmp_path, studied):
    db = tmp_path / "q.db"
    result = quizhinge(db, "import-progress", "--dry-run", str(studied["apkg"]))
    assert result.exit_code == 1
    assert "no progress file at" in result.output
    assert not db.exists()
