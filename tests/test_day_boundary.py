"""A session that runs past the day-start hour (04:00 by default) ends the old
study day with its summary and offers the new day's cards: the reviews that
fall due on the new day are not left waiting for a restart."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from support.clock import Clock
from support.engine import ZONE, basic, catalog_of
from support.tui import (
    MIXED,
    answer,
    feedback_text,
    make_app,
    press,
    question,
    settle,
)

from quizhinge.catalog import load_catalog
from quizhinge.session import StudySession
from quizhinge.store import Store
from quizhinge.tui.screens.study import StudyScreen
from quizhinge.tui.screens.summary import SummaryScreen

OLD_DAY = date(2026, 11, 23)
NEW_DAY = date(2026, 11, 24)


def test_a_session_knows_when_its_study_day_is_over(tmp_path):
    clock = Clock(datetime(2026, 3, 3, 3, 30, tzinfo=ZONE))  # study day 2 March
    cards = [basic("old"), basic("new-day"), basic("fresh")]
    catalog = catalog_of(*cards)
    with Store.open(tmp_path / "q.db") as store:
        store.cards.sync(catalog)
        pid = store.profiles.get("me").id
        now = clock.moment
        store.schedule.record_answer(
            pid, "old", 4, 2, date(2026, 3, 1), now
        )  # due 2 March
        store.schedule.record_answer(
            pid, "new-day", 4, 2, date(2026, 3, 2), now
        )  # 3 March
        session = StudySession(store, catalog, "me", now=clock)
        assert [i.item_id for i in session.upcoming()] == ["old", "fresh"]
        assert not session.day_over()
        clock.advance(hours=0.5)  # 04:00: a new study day
        assert session.day_over()
        again = StudySession(store, catalog, "me", now=clock)
        assert again.today == date(2026, 3, 3)
        assert "new-day" in [i.item_id for i in again.upcoming()]


def prepare(db, clock_start: datetime) -> dict[str, str]:
    """Three reviews due on the old day, one on the new day; no new cards."""
    catalog = load_catalog([MIXED])
    ids = [c.id for c in catalog if len(c.variants()) == 1 and c.level == "beginner"]
    old1, old2, old3, next_day = ids[:4]
    with Store.open(db) as store:
        store.cards.sync(catalog)
        store.profiles.set_setting("tester", "new_per_day", "0")
        pid = store.profiles.get("tester").id
        before = clock_start - timedelta(days=3)
        for item in (old1, old2, old3):
            store.schedule.record_answer(
                pid, item, 4, 2, OLD_DAY - timedelta(days=1), before
            )
        store.schedule.record_answer(pid, next_day, 4, 2, OLD_DAY, before)
    return {"old1": old1, "old2": old2, "old3": old3, "next_day": next_day}


async def answer_and_go_on(pilot) -> None:
    await answer(pilot, right=True)
    if feedback_text(pilot.app) is not None:
        await press(pilot, "space")


async def test_the_study_screen_ends_the_old_day_and_offers_the_new_days_cards(
    tmp_path,
):
    start = datetime(2026, 11, 24, 3, 50)  # 03:50: still the 23rd's study day
    db = tmp_path / "q.db"
    ids = prepare(db, start)
    clock = Clock(start)
    app = make_app(db, start="study", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        asked = [question(app).card.id]
        assert set(asked) <= {ids["old1"], ids["old2"], ids["old3"]}
        await answer_and_go_on(pilot)
        assert isinstance(app.screen, StudyScreen)
        asked.append(question(app).card.id)
        clock.advance(minutes=15)  # 04:05: the new study day has begun
        await answer_and_go_on(pilot)
        assert isinstance(app.screen, SummaryScreen)
        text = str(app.screen.query_one("#summary").render())
        assert "A new study day has begun" in text
        assert "Cards answered  2" in text
        hint = str(app.screen.query_one("#summary-hint").render())
        assert "n: today's cards" in hint
        await press(pilot, "n")
        assert isinstance(app.screen, StudyScreen)
        session = app.backend._session
        assert session is not None and session.today == NEW_DAY
        upcoming = {item.card.id for item in session.upcoming()}
        left_over = ({ids["old1"], ids["old2"], ids["old3"]} - set(asked)).pop()
        assert upcoming == {ids["next_day"], left_over}
