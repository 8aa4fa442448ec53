"""Every count agrees with the session: the home screen's header and table,
`stats` (the CLI and the app) and the summary's "due tomorrow" all come from
the session's own planner.

The collection is made so that a plain count of due rows would be wrong:
both directions of definitions and several gaps of a cloze are due the same
day (the session asks one item of a card a day), one due card is suspended,
one card waits as a re-drill, and both daily limits bite.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from support.clock import Clock
from support.tui import START, make_app, settle
from textual.widgets import DataTable

from quizhinge.catalog import load_catalog
from quizhinge.cli import main
from quizhinge.session import StudySession, study_day
from quizhinge.stats import collect
from quizhinge.store import Store
from quizhinge.tui.screens.home import ALL_DECKS
from quizhinge.tui.widgets.study_header import StudyHeader

TODAY = study_day(START, 4)


def card(card_id: str, kind: str, body: str) -> str:
    return (
        f'[[card]]\nid = "{card_id}"\nkind = "{kind}"\nlevel = "beginner"\n'
        f'topic = "cues"\nexplain = "Why."\n{body}\n'
    )


def write_decks(folder: Path) -> Path:
    folder.mkdir()
    one = [
        card(f"d{n}", "definition", f'term = "t{n}"\nmeaning = "m{n}"')
        for n in (1, 2, 3)
    ]
    one.append(card("c1", "cloze", 'text = "{{c1::a}} {{c2::b}} {{c3::c}}"'))
    one += [
        card(f"b{n}", "basic", f'front = "f{n}"\nback = "b{n}"') for n in range(1, 6)
    ]
    two = [
        card(f"n{n}", "basic", f'front = "nf{n}"\nback = "nb{n}"') for n in range(1, 7)
    ]
    for deck_id, cards in (("one", one), ("two", two)):
        header = f'[deck]\nid = "{deck_id}"\nname = "Deck {deck_id}"\n\n'
        (folder / f"{deck_id}.toml").write_text(header + "\n".join(cards))
    return folder


def make_collection(tmp_path: Path, now: datetime = START) -> tuple[Path, Path]:
    """Due today: 3 definitions (both ways), a cloze (3 gaps), 5 basics (one
    suspended) = 14 due rows, of which the session may ask 8; one answered
    today and failed (a re-drill); 6 new cards; limits 10 reviews, 3 new."""
    decks = write_decks(tmp_path / "decks")
    db = tmp_path / "q.db"
    catalog = load_catalog([decks])
    with Store.open(db) as store:
        store.cards.sync(catalog)
        pid = store.profiles.get("tester").id
        store.profiles.set_setting("tester", "reviews_per_day", "10")
        store.profiles.set_setting("tester", "new_per_day", "3")
        today = study_day(now, 4)
        yesterday = today - timedelta(days=1)
        moment = now - timedelta(days=1)
        due_items = [f"d{n}#{way}" for n in (1, 2, 3) for way in ("term", "meaning")]
        due_items += [f"c1#c{n}" for n in (1, 2, 3)]
        due_items += [f"b{n}" for n in range(1, 6)]
        for item in due_items:
            store.schedule.record_answer(pid, item, 4, 3, yesterday, moment)
        store.schedule.suspend(pid, "b5")
        store.schedule.record_answer(pid, "b1", 1, 3, today, now)  # a lapse: re-drill
    return db, decks


def test_every_count_comes_from_the_sessions_planner(tmp_path):
    db, decks = make_collection(tmp_path)
    catalog = load_catalog([decks])
    clock = Clock(START)
    with Store.open(db) as store:
        session = StudySession(store, catalog, "tester", now=clock)
        counts = session.counts()
        # 10 reviews a day, one used: room for 9. Due: d1-d3 once each, c1
        # once, b2-b4 (b1 answered, b5 suspended) = 7; new: min(3, 9 - 7) = 2.
        assert (counts.new, counts.due, counts.redrill) == (2, 7, 1)
        stats = collect(store, "tester", TODAY)
        assert (stats.new_left, stats.due_today, stats.learning) == (2, 7, 1)
        assert stats.forecast[0] == (TODAY, 7)
        asked = 0
        while session.current() is not None:
            session.answer(5, 1)
            asked += 1
        assert asked == 2 + 7 + 1
        summary = session.summary()
    clock.advance(days=1)
    with Store.open(db) as store:
        tomorrow = StudySession(store, catalog, "tester", now=clock)
        assert summary.due_tomorrow == tomorrow.counts().due


def test_stats_command_says_what_the_session_asks(tmp_path):
    db, decks = make_collection(tmp_path, datetime.now())
    args = ["--db", str(db), "--decks", str(decks), "--profile", "tester", "stats"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    for label, value in (
        ("due reviews", 7),
        ("new cards left", 2),
        ("re-drills waiting", 1),
        ("answers today", 1),
    ):
        assert any(f"{label} │ {value} │" in line for line in lines), label


async def test_home_header_and_table_agree_with_the_session(tmp_path):
    db, decks = make_collection(tmp_path)
    app = make_app(db, (decks,))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        header = str(app.screen.query_one("#today").render())
        assert "1 answered · 7 due · 2 new left" in header
        table = app.screen.query_one(DataTable)
        total = [str(cell) for cell in table.get_row(ALL_DECKS)[1:]]
        assert total == ["2", "1", "7"]  # New, Learning, Due
        one = [str(cell) for cell in table.get_row("one")[1:]]
        assert one == ["0", "1", "7"]
        two = [str(cell) for cell in table.get_row("two")[1:]]
        assert two == ["3", "0", "0"]  # deck two alone: its 3 new
        await pilot.press("a")
        await settle(pilot)
        counts = app.screen.query_one(StudyHeader).text()
        assert "New 2" in counts and "Due 7" in counts and "Re-drill 1" in counts
