"""Stats figures, and the `stats` and `config` commands on a real database."""

from datetime import UTC, date, timedelta

from click.testing import CliRunner
from support.engine import basic, catalog_of

from quizhinge.cli import main
from quizhinge.stats import collect, streaks
from quizhinge.store import Store

D = date(2026, 3, 2)


def test_streaks_count_consecutive_study_days():
    days = [D - timedelta(days=n) for n in (9, 8, 7, 3, 2, 1)]
    assert streaks(days, D) == (3, 3)  # today not studied yet: still on
    assert streaks([*days, D], D) == (4, 4)
    assert streaks(days, D + timedelta(days=1)) == (0, 3)
    assert streaks([], D) == (0, 0)


def test_collect(tmp_path):
    cards = [basic("a", topic="cues"), basic("b", topic="cues"), basic("c")]
    with Store.open(tmp_path / "q.db") as store:
        store.cards.sync(catalog_of(*cards))
        pid = store.profiles.get("me").id
        when = store.conn  # noqa: F841 - keep the connection name handy below
        from datetime import datetime

        now = datetime(2026, 3, 2, 12, tzinfo=UTC)
        for n in range(3):  # a: learned over three days in a row, ending today
            store.schedule.record_answer(pid, "a", 5, 1, D - timedelta(days=2 - n), now)
        store.schedule.record_answer(
            pid, "b", 4, 1, D - timedelta(days=1), now
        )  # due today
        store.schedule.record_answer(pid, "b", 1, 1, D, now)  # a lapse today
        stats = collect(store, "me", D)
    assert stats.due_today == 0
    assert stats.reviews_today == 2
    assert (stats.streak_current, stats.streak_longest) == (3, 3)
    assert stats.retention_30d == 2 / 3  # reviews only: a twice passed, b failed
    assert stats.new_left == 1  # c, the one card never answered
    assert dict(stats.forecast)[D + timedelta(days=1)] == 1  # b again tomorrow
    assert sum(count for _, count in stats.forecast) == 2
    cues = next(m for m in stats.mastery if m.topic == "cues")
    assert (cues.items, cues.seen) == (2, 2)
    assert stats.leeches == []


def test_stats_and_config_commands_on_a_real_database(tmp_path):
    db = str(tmp_path / "q.db")
    runner = CliRunner()
    result = runner.invoke(main, ["--db", db, "--profile", "sam", "config"])
    assert result.exit_code == 0
    assert "new-per-day" in result.output and "10" in result.output
    result = runner.invoke(
        main, ["--db", db, "--profile", "sam", "config", "new-per-day", "15"]
    )
    assert (result.exit_code, result.output) == (0, "new-per-day = 15\n")
    result = runner.invoke(
        main, ["--db", db, "--profile", "sam", "config", "new-per-day"]
    )
    assert result.output == "new-per-day = 15\n"
    result = runner.invoke(
        main, ["--db", db, "--profile", "kim", "config", "new-per-day"]
    )
    assert result.output == "new-per-day = 10\n"
    for bad in (["level", "expert"], ["day-start-hour", "25"], ["volume", "11"]):
        result = runner.invoke(main, ["--db", db, "config", *bad])
        assert result.exit_code == 1 and "Error:" in result.output
    result = runner.invoke(main, ["--db", db, "--profile", "sam", "stats"])
    assert result.exit_code == 0, result.output
    assert "due reviews" in result.output
    assert "Mastery by topic" in result.output
    assert "definitions" in result.output


def test_new_left_agrees_with_the_session_when_a_sibling_waits(tmp_path):
    from datetime import datetime

    from support.engine import definition

    from quizhinge.session import deck_overview

    catalog = catalog_of(definition("d"), basic("b"))
    with Store.open(tmp_path / "q.db") as store:
        store.cards.sync(catalog)
        pid = store.profiles.get("me").id
        now = datetime(2026, 3, 2, 12, tzinfo=UTC)
        store.schedule.record_answer(pid, "d#term", 5, 1, D, now)  # "d#meaning" waits
        stats = collect(store, "me", D)
        planned = sum(deck.new for deck in deck_overview(store, catalog, "me", D))
    assert stats.new_left == planned == 1  # only "b"


def test_the_current_streak_ends_today_after_the_clock_went_back():
    """Answers logged on days 'after' today (the clock was set back since)
    do not lengthen today's streak."""
    days = [D + timedelta(days=n) for n in (-2, -1, 0, 1, 2)]
    assert streaks(days, D) == (3, 5)  # up to today, not the two days after
    assert streaks([D + timedelta(days=5)], D) == (0, 1)
    assert streaks([D - timedelta(days=3), D + timedelta(days=1)], D) == (0, 1)
