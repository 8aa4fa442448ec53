"""Every screen at the sizes people use: whole at 60x20, still working below,
a readable measure at 200 columns; snapshots at 60x20 and 120x40.

Update the snapshots after a deliberate change with `pytest --snapshot-update`.
"""

from __future__ import annotations

import pytest
from support.exam_cards import right_answer, write_exam_deck
from support.tui import answer, answer_until, make_app, press, question, settle
from textual.widgets import DataTable, Input, Select

from quizhinge.exam import ExamPlan
from quizhinge.places import default_deck_paths
from quizhinge.tui.screens.exam import ExamScreen, ExamSetupScreen
from quizhinge.tui.screens.help import HelpScreen
from quizhinge.tui.screens.stats import StatsScreen
from quizhinge.tui.screens.study import StudyScreen
from quizhinge.tui.screens.summary import SummaryScreen
from quizhinge.tui.widgets.feedback import FeedbackPanel
from quizhinge.tui.widgets.key_footer import KeyFooter
from quizhinge.tui.widgets.step_list import StepList
from quizhinge.tui.widgets.study_header import StudyHeader

BUNDLED = tuple(default_deck_paths(()))
SIZES = [(60, 20), (120, 40)]
PLAN = ExamPlan(questions=6, minutes=15, seed=11)


def painted(widget) -> list[str]:
    """The widget's lines as painted."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def inside(widget, app) -> bool:
    """The widget's region lies wholly on the screen."""
    return app.screen.region.contains_region(widget.region)


# 60x20: whole, nothing cut or garbled


async def test_home_at_60x20_shows_every_count_column(tmp_path):
    app = make_app(tmp_path / "q.db", decks=BUNDLED)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#decks", DataTable)
        header = painted(table)[0]
        for label in ("Deck", "New", "Learning", "Due"):
            assert label in header
        assert inside(table, app)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        today = painted(app.screen.query_one("#today"))
        # the streak whole on a line of its own, not cut after "Streak 0"
        assert any(line.strip() == "Streak  0 days (best 0 days)" for line in today)


async def test_grades_are_whole_at_60x20(tmp_path):
    app = make_app(tmp_path / "q.db", start="study", deck="basic")
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await press(pilot, "space")
        lines = question(app).text().splitlines()
        title = max(y for y, line in enumerate(lines) if "again before" in line)
        lines = [line for line in lines[title + 1 :] if line.strip()]
        assert not any("…" in line for line in lines)
        # under the title: key, meaning, interval
        meanings = " ".join(" ".join(line[4:-9].split()) for line in lines)
        for meaning in (
            "correct response recalled with serious difficulty",
            "incorrect response; where the correct one seemed easy to recall",
        ):
            assert meaning in meanings


async def test_the_exam_level_reads_whole_at_60x20(tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks)
    app = make_app(tmp_path / "q.db", (decks,))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        assert isinstance(app.screen, ExamSetupScreen)
        level = app.screen.query_one("#setup-level", Select)
        label = level.query_one("SelectCurrent #label")
        assert "beginner cards only" in " ".join(painted(label))  # not cut
        for box in app.screen.query(Input):
            assert inside(box, app) or box.region.y >= app.screen.region.height


async def test_the_footer_wraps_rather_than_hiding_keys_at_60x20(tmp_path):
    app = make_app(tmp_path / "q.db")
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        text = " ".join(painted(footer))
        for key in ("Study all", "Stats", "Exam", "To Anki", "Quit", "Help"):
            assert key in text


# Below 60x20: every screen still opens and works


async def test_at_40x15_the_study_header_splits_and_every_screen_opens(db):
    app = make_app(db)
    async with app.run_test(size=(40, 15)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, StatsScreen)
        heatmap = app.screen.query_one("Heatmap")
        assert heatmap.region.right <= 40
        await press(pilot, "escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape", "a")
        assert isinstance(app.screen, StudyScreen)
        header = app.screen.query_one(StudyHeader).text().splitlines()
        assert header[0].strip() == "All decks"  # the session's name
        assert header[1].startswith("New ")  # over its counts, whole
        assert "Done 0" in header[1]
        await answer(pilot, right=True)
        if app.screen.phase == "feedback":
            await press(pilot, "space")
        if isinstance(app.focused, Input):  # a typed card: out of its box first
            await press(pilot, "escape")
        await press(pilot, "q")
        assert isinstance(app.screen, SummaryScreen)
        box = app.screen.query_one("#summary-box")
        assert box.region.x >= 0 and box.region.right <= 40  # it scrolls, whole
    assert app._exception is None


# 200 columns: a readable measure


async def test_at_200_columns_text_keeps_a_readable_measure(tmp_path):
    app = make_app(tmp_path / "q.db", decks=BUNDLED)
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#decks").size.width <= 100
        await press(pilot, "a")
        shown = question(app)
        assert shown is not None
        assert shown.scrollable_content_region.width <= 100
        await press(pilot, "question_mark")
        assert app.screen.query_one("#help-box").size.width <= 110


# Snapshots


def study_revealed(tmp_path, db):
    async def reveal(pilot):
        await settle(pilot)
        # On a card (the trainer deck of the seeded file had none due today,
        # and this scene showed home instead)
        assert isinstance(pilot.app.screen, StudyScreen)
        await press(pilot, "space")
        assert pilot.app.screen.question.revealed

    return make_app(tmp_path / "fresh.db", start="study", deck="basic"), reveal


def study_choice_answered(tmp_path, db):
    async def wrong(pilot):
        await answer(pilot, right=False)

    return make_app(tmp_path / "fresh.db", start="study", deck="choice"), wrong


def summary(tmp_path, db):
    async def session(pilot):
        for right in (True, False, True):
            pilot.app.now.advance(seconds=9)
            await answer(pilot, right=right)
            if pilot.app.screen.phase == "feedback":
                await press(pilot, "space")
        if isinstance(pilot.app.focused, Input):
            await press(pilot, "escape")
        await press(pilot, "q")

    return make_app(tmp_path / "fresh.db", start="study"), session


def opened(key: str):
    def scene(tmp_path, db):
        async def open_it(pilot):
            await settle(pilot)
            await press(pilot, key)

        return make_app(db), open_it

    return scene


def home(tmp_path, db):
    return make_app(db), settle


def exam_setup(tmp_path, db):
    decks = tmp_path / "decks"
    write_exam_deck(decks)

    async def open_setup(pilot):
        await settle(pilot)
        await press(pilot, "e")

    return make_app(tmp_path / "fresh.db", (decks,)), open_setup


def exam_in_progress(tmp_path, db):
    decks = tmp_path / "decks"
    write_exam_deck(decks, topics=("cues", "faults", "drills"))

    async def answer_one(pilot):
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ExamScreen)
        screen.exam.answer(right_answer(screen.exam.current.card))
        screen.exam.go(1)
        await screen.show_question()
        await settle(pilot)

    app = make_app(tmp_path / "fresh.db", (decks,), start="exam", exam_plan=PLAN)
    return app, answer_one


def exam_results(tmp_path, db):
    app, _ = exam_in_progress(tmp_path, db)

    async def submit(pilot):
        await settle(pilot)
        exam = pilot.app.screen.exam
        for position in (0, 2, 4):
            exam.go(position)
            exam.answer(right_answer(exam.current.card))
        await press(pilot, "ctrl+s", "y")

    return app, submit


SCENES = {
    "home": home,
    "study_revealed": study_revealed,
    "study_choice_answered": study_choice_answered,
    "summary": summary,
    "stats": opened("s"),
    "help": opened("question_mark"),
    "cards": opened("c"),
    "exam_setup": exam_setup,
    "exam_in_progress": exam_in_progress,
    "exam_results": exam_results,
}


@pytest.mark.parametrize("size", SIZES, ids=["60x20", "120x40"])
@pytest.mark.parametrize("scene", list(SCENES))
def test_snapshot(snap_compare, tmp_path, db, scene, size):
    app, run_before = SCENES[scene](tmp_path, db)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


# What a learner must read stays in view at a small size


def in_view(app, widget, line: int = 0) -> bool:
    """Whether `line` of `widget` is inside the card area's visible part."""
    area = app.screen.query_one("#card-area")
    y = line
    node = widget
    while node is not area:
        y += node.virtual_region.y
        node = node.parent
    return area.scroll_y <= y < area.scroll_y + area.scrollable_content_region.height


async def study_all_until(pilot, kind: str) -> None:
    """From home, study all the bundled decks until a card of `kind` shows."""
    await settle(pilot)
    await press(pilot, "a")
    await answer_until(pilot, kind)


async def test_at_60x20_a_revealed_answer_is_in_view(tmp_path):
    app = make_app(tmp_path / "q.db", decks=BUNDLED)
    async with app.run_test(size=(60, 20)) as pilot:
        await study_all_until(pilot, "definition")
        await press(pilot, "space")
        await pilot.pause()
        shown = question(app)
        lines = shown.text().splitlines()
        first = next(n for n, line in enumerate(lines) if line.startswith("█ "))
        # the card overflows: scrolled to the answer, the grades under it
        assert shown.max_scroll_y > 0 and shown.scroll_y == first


async def test_at_60x20_a_true_false_cards_feedback_is_in_view(tmp_path):
    app = make_app(tmp_path / "q.db", decks=BUNDLED)
    async with app.run_test(size=(60, 20)) as pilot:
        await study_all_until(pilot, "truefalse")
        await answer(pilot, right=False)
        await pilot.pause()
        shown = question(app)
        lines = shown.text().splitlines()
        first = next(y for y, line in enumerate(lines) if "Not this time" in line)
        room = shown.scrollable_content_region.height
        if shown.max_scroll_y:  # it overflows: scrolled to the feedback's top
            assert shown.scroll_y == min(first, shown.max_scroll_y)
        assert shown.scroll_y <= first < shown.scroll_y + room


async def test_at_60x20_the_feedback_of_a_wrong_answer_is_in_view(tmp_path):
    """All of it when it fits (the right answer is in it), else from its top."""
    app = make_app(tmp_path / "q.db", decks=BUNDLED)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        room = app.screen.query_one("#card-area").scrollable_content_region.height
        for kind in ("typed", "choice"):
            await answer_until(pilot, kind)
            await answer(pilot, right=False)
            await pilot.pause()
            feedback = app.screen.query_one(FeedbackPanel)
            assert feedback.display
            assert in_view(app, feedback), kind
            last = feedback.outer_size.height - 1
            assert last >= room or in_view(app, feedback, last), kind
            await press(pilot, "space")


def hangs_under_its_text(lines: list[str], start: str) -> bool:
    """Whether the item that starts `start` wraps, and its next line begins
    where its text began (under the text, not under its number)."""
    at = next(i for i, line in enumerate(lines) if start in line)
    column = lines[at].index(start)
    follow = lines[at + 1]
    return follow[:column].strip(" ▊") == "" and follow[column] != " "


async def test_at_60x20_a_long_order_step_wraps_under_its_text(tmp_path):
    """A step too long for the line goes on under its own text, in the list
    and in the feedback, not under its number."""
    app = make_app(tmp_path / "q.db", start="study", deck="order")
    step = "Push the hips back"  # the start of a step too long for 60 columns
    async with app.run_test(size=(60, 20)) as pilot:
        await answer_until(pilot, "order")
        steps = question(app).query_one(StepList)
        shown = [strip.text for strip in steps.render_lines(steps.size.region)]
        assert hangs_under_its_text(shown, step)
        await press(pilot, "enter")  # submit the order as it is
        feedback = app.screen.query_one(FeedbackPanel)
        lines = [line.plain for line in feedback.lines()]
        assert "Right order:" in lines
        right = lines[lines.index("Right order:") :]
        assert hangs_under_its_text(right, step)
