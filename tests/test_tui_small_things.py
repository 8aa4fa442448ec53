"""Small things a learner notices: the help's columns, the heatmap's months,
the theme kept between runs, an order card's feedback."""

from __future__ import annotations

from datetime import date

import pytest
from support.tui import answer_until, feedback_text, make_app, press, question, settle
from textual.app import App, ComposeResult

from quizhinge.tui.screens.help import HelpRow, HelpScreen
from quizhinge.tui.widgets.heatmap import Heatmap
from quizhinge.tui.widgets.questions import OrderQuestion

SIZE = (80, 24)


async def test_help_keys_and_their_text_never_run_together(tmp_path):
    """It read "enter / escape / spaceBack to the home screen"."""
    app = make_app(tmp_path / "q.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = list(app.screen.query(HelpRow))
        assert any(row.keys == "enter / escape / space" for row in rows)
        for row in rows:
            keys, text = row.query_one(".help-keys"), row.query_one(".help-text")
            assert keys.content_region.right < text.region.x, row.keys


class HeatmapApp(App[None]):
    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        yield Heatmap(self.today, 16, {})


@pytest.mark.parametrize(
    "today, month",
    [
        (date(2026, 12, 7), "Dec"),  # the month began in the last week
        (date(2026, 12, 2), "Dec"),  # ... in this week, on a Tuesday
        (date(2026, 11, 23), "Nov"),
        (date(2027, 3, 1), "Mar"),  # today is the 1st, a Monday
    ],
)
async def test_the_heatmap_names_the_current_month(today, month):
    app = HeatmapApp(today)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first_line = str(app.query_one(Heatmap).render()).splitlines()[0]
        assert month in first_line
        assert first_line.rstrip().endswith(month) or month == "Nov"


async def test_the_theme_is_kept_in_the_profile_between_runs(tmp_path):
    db = tmp_path / "q.db"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme != "nord"
        app.theme = "nord"  # as ctrl+p > Change theme does
        await settle(pilot)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
    other = make_app(db, profile="someone-else")
    async with other.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert other.theme != "nord"  # one profile's choice


async def test_an_order_card_marks_misplaced_steps_and_lists_the_right_order(
    tmp_path,
):
    app = make_app(tmp_path / "q.db", start="study", deck="order")
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, "order")
        shown = question(app)
        assert isinstance(shown, OrderQuestion)
        given = list(shown.steps)
        await press(pilot, "enter")  # submit the scrambled order as it is
        text = feedback_text(app)
        assert text.startswith("✗ Not this time")
        assert "Answer: 1." not in text and "Accepted: 1." not in text
        lines = text.splitlines()
        assert "Your order:" in lines and "Right order:" in lines
        right = shown.card.steps
        for place, step in enumerate(given):
            line = next(
                line for line in lines if line.startswith(f"  {place + 1}. {step}")
            )
            if step == right[place]:
                assert line.endswith("✓")
            else:
                assert line.endswith(f"✗ belongs at {right.index(step) + 1}")
        start = lines.index("Right order:") + 1
        assert lines[start : start + len(right)] == [
            f"  {n}. {step}" for n, step in enumerate(right, 1)
        ]
        marks = [str(o.prompt)[-1] for o in shown.query_one("#steps").options]
        assert marks == [
            "✓" if s == r else "✗" for s, r in zip(given, right, strict=True)
        ]


async def test_a_theme_that_cannot_be_kept_is_said_not_a_crash(tmp_path, monkeypatch):
    from quizhinge.tui.backend import Backend, BackendError

    async def busy(self, theme: str) -> None:
        raise BackendError("the database is busy", kind="busy")

    monkeypatch.setattr(Backend, "set_theme", busy)
    app = make_app(tmp_path / "q.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
        assert app.is_running
        assert any("theme was not kept" in str(n.message) for n in app._notifications)
