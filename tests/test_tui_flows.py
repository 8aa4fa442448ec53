"""The TUI driven as a learner drives it: keys (and clicks), at 80x24.

Every key press is followed by `settle`, which waits for the workers that talk
to the database, so nothing here depends on timing.
"""

from __future__ import annotations

import re

import pytest
from support.clock import Clock
from support.tui import (
    MIXED,
    START,
    UNTRUSTED,
    answer,
    answer_until,
    feedback_text,
    flash_text,
    go_on,
    last_answer_text,
    make_app,
    press,
    question,
    settle,
    type_keys,
)
from textual.widgets import DataTable, Input, OptionList, Static

from quizhinge.grading import auto_graded
from quizhinge.tui.screens.help import HelpRow, HelpScreen
from quizhinge.tui.screens.home import HomeScreen
from quizhinge.tui.screens.stats import StatsScreen
from quizhinge.tui.screens.study import StudyScreen
from quizhinge.tui.screens.summary import SummaryScreen
from quizhinge.tui.widgets import card_text
from quizhinge.tui.widgets.feedback import LastAnswer
from quizhinge.tui.widgets.key_footer import KeyFooter
from quizhinge.tui.widgets.questions import DrawnQuestion
from quizhinge.tui.widgets.study_header import StudyHeader

SIZE = (80, 24)
KINDS = ["basic", "definition", "cloze", "choice", "truefalse", "typed", "order"]


def home_counts(app) -> dict[str, tuple[str, str, str]]:
    table = app.screen.query_one("#decks", DataTable)
    rows = {}
    for key in table.rows:
        row = table.get_row(key)
        rows[key.value] = tuple(str(cell) for cell in row[1:])
    return rows


async def test_home_lists_decks_and_opens_a_study_session(tmp_path):
    app = make_app(tmp_path / "q.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        counts = home_counts(app)
        assert set(counts) == {*KINDS, "trainer", "__all__"}
        assert counts["trainer"] == ("0", "0", "0")  # a trainer card; beginner level
        new, learning, due = counts["__all__"]
        assert (learning, due) == ("0", "0")
        await press(pilot, "a")
        assert isinstance(app.screen, StudyScreen)
        assert question(app) is not None
        assert app.screen.step.counts.new == int(new)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
async def test_each_kind_answered_right_and_wrong(tmp_path, kind, right):
    app = make_app(tmp_path / "q.db", start="study", deck=kind)
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, kind)
        answered = app.screen.step.counts.answered
        card = (await answer(pilot, right)).card
        if auto_graded(card):  # feedback with the right answer, until space
            text = feedback_text(app)
            assert text is not None, "no feedback after the answer"
            assert text.startswith("✓ Right" if right else "✗ Not this time")
            assert card.explain.split(".")[0] in text.replace("\n", " ")
            assert ("comes back at the end" in text) == (not right)
            await press(pilot, "space")
        else:  # a grade goes straight on; one line tells its outcome
            assert feedback_text(app) is None if question(app) else True
            text = last_answer_text(app)
            assert text is not None, "no outcome line after the grade"
            assert text.startswith("Last card ✓ 5" if right else "Last card ✗ 1")
            assert ("again at the end of today" in text) == (not right)
        assert "Next due: tomorrow" in text  # a new card, either way: 1 day
        if isinstance(app.screen, SummaryScreen):  # the deck's only card is done
            assert right
            summary = str(app.screen.query_one("#summary").render())
            assert "Cards answered  1" in summary
        else:
            assert feedback_text(app) is None
            assert app.screen.step.counts.answered == answered + 1
            assert app.screen.step.counts.redrill == (0 if right else 1)


async def test_enter_on_a_deck_studies_that_deck(tmp_path):
    app = make_app(tmp_path / "q.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "down", "down", "enter")
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.deck == "cloze"
        assert question(app).card.kind == "cloze"


async def test_reveal_shows_answer_grades_and_their_intervals(tmp_path):
    app = make_app(tmp_path / "q.db", start="study", deck="basic")
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, "basic")
        shown = question(app)
        assert isinstance(shown, DrawnQuestion) and shown.can_reveal
        answer = card_text.answer(shown.card, shown.item.variant).plain
        assert answer not in flash_text(shown)  # shown on reveal
        assert "space or enter: show the answer" in flash_text(shown)
        await press(pilot, "3")  # grading before the reveal does nothing
        assert app.screen.step.counts.answered == 0
        await press(pilot, "space")
        edged = [ln[2:] for ln in flash_text(shown).splitlines() if ln[:2] == "█ "]
        assert " ".join(edged) == answer  # on its green edge, every line of it
        assert "show the answer" not in flash_text(shown)
        assert "0-3: again before you stop" in flash_text(shown)  # a re-drill, today
        rows = grade_rows(shown)
        assert rows[0] == "5 perfect response 1 day"  # new: every grade, 1 day
        assert rows[-1] == "0 complete blackout 1 day"
        assert len(rows) == 6
        await press(pilot, "4")
        assert isinstance(app.screen, SummaryScreen)  # the deck's only card
        last = str(app.screen.query_one("#summary-last").render())
        assert last.startswith("Last card ✓ 4 · Next due: tomorrow")


async def test_the_grades_say_which_come_back_today_as_they_do(tmp_path):
    """The grade bar says which grades bring the card back before the session
    ends; a 3 passes, yet comes back (SM-2: every grade under 4 is asked
    again that day), and the bar said only 0-2 did."""
    app = make_app(tmp_path / "q.db", start="study")
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, "basic")
        await press(pilot, "space")
        lines = flash_text(question(app)).splitlines()
        title = next(line for line in lines if line.startswith("How well"))
        assert title.endswith("0-3: again before you stop")
        await press(pilot, "3")
        assert last_answer_text(app).endswith("again at the end of today")
        assert app.screen.step.counts.redrill == 1


async def test_a_grade_goes_straight_to_the_next_card(tmp_path):
    """Two keys a self-graded card: show, grade; the grade's outcome stays in
    one line under the next card until the next answer."""
    app = make_app(tmp_path / "q.db", start="study")
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, "basic")
        first = question(app).item.item_id
        await press(pilot, "space", "4")
        shown = question(app)
        assert shown.item.item_id != first
        assert app.screen.phase == "ask"
        assert feedback_text(app) is None
        line = last_answer_text(app)
        assert line.startswith("Last card ✓ 4 · Next due: tomorrow")
        assert "Next due: tomorrow" in line
        if shown.can_reveal:
            await press(pilot, "space")  # revealing keeps the line
            assert last_answer_text(app) == line
        await answer(pilot, right=True)  # the next answer replaces it
        assert last_answer_text(app) != line


async def test_typed_near_miss_shows_a_diff(tmp_path):
    app = make_app(tmp_path / "q.db", start="study", deck="typed")
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, "typed")
        await press(pilot, *type_keys("Romanain deadlift"), "enter")
        text = feedback_text(app)
        assert "Close!" in text
        assert "You typed Romanain deadlift" in text
        assert "Accepted  Romanian" in text


async def test_choice_answered_with_a_click(tmp_path):
    app = make_app(tmp_path / "q.db", start="study", deck="choice")
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, "choice")
        shown = question(app)
        right = shown.choices.index(shown.card.answer)
        options = shown.query_one(OptionList)
        await pilot.click(options, offset=(4, right + 1))  # below the border
        await settle(pilot)
        assert "Right" in feedback_text(app)


async def test_undo_asks_the_card_again_and_forgets_the_answer(tmp_path):
    app = make_app(tmp_path / "q.db", start="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = question(app).item.item_id
        await answer(pilot, right=False)
        assert app.screen.step.counts.answered == 1
        await press(pilot, "u")
        assert question(app).item.item_id == first
        assert app.screen.step.counts.answered == 0
        assert app.screen.step.counts.redrill == 0
        await press(pilot, "u")  # nothing left to undo: a warning, no change
        assert question(app).item.item_id == first


async def test_a_notice_never_covers_the_last_answers_line(tmp_path):
    """The line under the card says how the last self-graded card went; the
    notice a suspension gives (how to undo it) shows above it, not on it."""
    app = make_app(tmp_path / "q.db", start="study")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await answer_until(pilot, "definition")  # self-graded: it leaves a line
        await answer(pilot, right=True)
        await press(pilot, "s")
        await pilot.pause(0.2)  # the notice slides in
        toasts = list(app.screen.query("Toast"))  # Textual exports no Toast type
        assert toasts, "suspending says how to undo it"
        last = app.screen.query_one("#last-answer", LastAnswer)
        assert last.display and last_answer_text(app).startswith("Last card")
        assert not any(toast.region.overlaps(last.region) for toast in toasts)


async def test_a_drag_over_the_cards_text_selects_it(tmp_path):
    """The card's text is drawn line by line (for speed), yet a learner can
    still drag over it to select and copy it, as over any text in the app."""
    app = make_app(tmp_path / "q.db", start="study")
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, "basic")
        await press(pilot, "space")
        shown = question(app)
        lines = flash_text(shown).splitlines()
        answer_at = next(y for y, line in enumerate(lines) if line.startswith("█ "))
        answer = lines[answer_at].removeprefix("█ ").rstrip()
        assert answer
        x = 1 + 2  # a column of padding, then the answer's edge
        await pilot.mouse_down(shown, offset=(x, answer_at))
        await pilot.hover(shown, offset=(x + len(answer), answer_at))
        await pilot.mouse_up(shown, offset=(x + len(answer), answer_at))
        await pilot.pause()
        assert app.screen.get_selected_text() == answer


async def test_notices_go_once_the_learner_answers(tmp_path):
    """A notice (the new progress file, how to undo) must not stay over the
    feedback or the grades the learner reads next."""
    app = make_app(tmp_path / "q.db", start="study", deck="typed")
    app.announce_new_file = True  # as `quizhinge` does
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        assert list(app.screen.query("Toast")), "a new file is announced"
        await answer(pilot, right=False)
        await pilot.pause(0.2)
        assert feedback_text(app) is not None
        assert not list(app.screen.query("Toast"))


async def test_suspend_skips_the_card_for_good(tmp_path):
    db = tmp_path / "q.db"
    app = make_app(db, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = question(app).item.card.id
        before = app.screen.step.counts
        await press(pilot, "s")
        assert question(app).item.card.id != first
        after = app.screen.step.counts
        assert after.new + after.due < before.new + before.due
    app = make_app(db, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert question(app).item.card.id != first
        assert app.screen.step.counts == after


async def test_redrills_come_at_the_end_marked_as_such(tmp_path):
    app = make_app(tmp_path / "q.db", start="study", deck="cloze")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        missed = question(app).item.item_id
        await answer(pilot, right=False)
        await go_on(pilot)
        while app.screen.step.counts.new + app.screen.step.counts.due:
            assert not question(app).item.redrill
            await answer(pilot, right=True)
            await go_on(pilot)
        shown = question(app)
        assert shown.item.redrill and shown.item.item_id == missed
        assert "RE-DRILL" in app.screen.query_one(StudyHeader).text()
        await answer(pilot, right=True)
        await go_on(pilot)
        assert isinstance(app.screen, SummaryScreen)
        last = str(app.screen.query_one("#summary-last", Static).render())
        assert "Re-drill: today's schedule is kept" in last
        text = str(app.screen.query_one("#summary", Static).render())
        assert "Re-drills       1" in text
        assert "Session complete" in text


async def test_quit_mid_session_keeps_answers_on_reopen(tmp_path):
    db = tmp_path / "q.db"
    clock = Clock(START)
    app = make_app(db, start="study", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        done = []
        for _ in range(3):
            done.append(question(app).item.item_id)
            await answer(pilot, right=True)
            await go_on(pilot)
        left = app.screen.step.counts
        left = left.new + left.due + left.redrill
        if isinstance(app.focused, Input):  # a typed card: leave its box first
            await press(pilot, "escape")
        await press(pilot, "q")
        assert isinstance(app.screen, SummaryScreen)
        summary = str(app.screen.query_one("#summary").render())
        assert "Cards answered  3" in summary
        assert f"Session ended: {left} cards left for today" in summary
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
    app = make_app(db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "3 answered" in str(app.screen.query_one("#today").render())
        new = int(home_counts(app)["__all__"][0])
        await press(pilot, "a")
        seen = set()
        while question(app) is not None:
            seen.add(question(app).item.item_id)
            await answer(pilot, right=True)
            await go_on(pilot)
        assert not seen & set(done)
        assert len(seen) == new


async def test_escape_on_a_fresh_session_goes_home(tmp_path):
    app = make_app(tmp_path / "q.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a", "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_level_switch_shows_trainer_cards(tmp_path):
    app = make_app(tmp_path / "q.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "beginner" in str(app.screen.query_one("#level").render())
        assert home_counts(app)["trainer"][0] == "0"
        await press(pilot, "l")
        assert "trainer" in str(app.screen.query_one("#level").render())
        assert home_counts(app)["trainer"][0] == "1"
    app = make_app(tmp_path / "q.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "trainer" in str(app.screen.query_one("#level").render())


async def test_stats_screen_after_some_answers(tmp_path):
    app = make_app(tmp_path / "q.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        await answer(pilot, right=True)
        await go_on(pilot)
        await press(pilot, "q", "t")
        assert isinstance(app.screen, StatsScreen)
        head = str(app.screen.query_one("#stats-head").render())
        assert "1 answered" in head
        assert app.screen.query("Heatmap")
        for row in app.screen.query(".topic-row"):  # "0% 0/4 mastered", not "0%0/4"
            bar, count = row.query_one("ProgressBar"), row.query_one(".topic-count")
            assert count.region.x > bar.region.right
        await press(pilot, "escape")
        assert isinstance(app.screen, SummaryScreen)


async def test_help_lists_the_keys_of_every_screen(tmp_path):
    app = make_app(tmp_path / "q.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        titles = {str(title.render()) for title in app.screen.query(".help-screen")}
        assert {"Home", "Study", "Summary", "Stats", "Everywhere"} <= titles
        keys = [row.keys for row in app.screen.query(HelpRow)]
        assert "u (ctrl+z in the box)" in keys and "0-5" in keys and "t / f" in keys
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("start", ["home", "study"])
async def test_command_palette_keys_opens_the_help(tmp_path, start):
    """ctrl+p -> Keys shows our help, every screen's keys (it crashed on our
    screens; Textual's own key panel listed keys no screen uses)."""
    from textual.widgets import HelpPanel

    app = make_app(tmp_path / "q.db", start=start)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = type(app.screen)
        await press(pilot, "ctrl+p", *"keys")
        await press(pilot, "enter")
        assert app.is_running and app._exception is None
        assert isinstance(app.screen, HelpScreen) and not app.screen.query(HelpPanel)
        await press(pilot, "escape")
        assert type(app.screen) is before
    assert app._exception is None


# Textual's own class attributes that our classes set on purpose, as Textual
# means them; any other upper-case name shared with Textual is a collision.
TEXTUAL_SETTINGS = {
    "BINDINGS",
    "CSS_PATH",
    "DEFAULT_CSS",
    "COMPONENT_CLASSES",
    "TITLE",
    "ALLOW_SELECT",
    "HORIZONTAL_BREAKPOINTS",
    "AUTO_FOCUS",
    "BLANK",
}


def test_no_class_attribute_collides_with_textual():
    import importlib
    import inspect
    import pkgutil

    import quizhinge.tui

    collisions = []
    for module_info in pkgutil.walk_packages(
        quizhinge.tui.__path__, prefix="quizhinge.tui."
    ):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not cls.__module__.startswith("quizhinge."):
                continue
            textual_bases = [
                base for base in cls.__mro__ if base.__module__.startswith("textual")
            ]
            for name in vars(cls):
                if not name.isupper() or name in TEXTUAL_SETTINGS:
                    continue
                if any(hasattr(base, name) for base in textual_bases):
                    collisions.append(f"{cls.__qualname__}.{name}")
    assert not collisions, f"Textual already uses: {collisions}"


def test_help_mentions_every_bound_key():
    from quizhinge.tui.app import QuizhingeApp

    sections = QuizhingeApp.help_sections()
    documented = " ".join(keys for _, table in sections for keys in table)
    for owner in (QuizhingeApp, HomeScreen, StudyScreen, SummaryScreen, StatsScreen):
        for binding in owner.BINDINGS:
            for key in binding.key.split(","):
                shown = {"question_mark": "?"}.get(key, key)
                if key.isdigit():
                    shown = "0-5" if key == "0" else ("1-9" if key > "5" else "0-5")
                assert shown in documented, f"{owner.__name__}: {key} not in help"


async def test_untrusted_text_is_literal_and_clicking_it_does_nothing(tmp_path):
    app = make_app(tmp_path / "q.db", decks=(UNTRUSTED,))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#decks", DataTable)
        name = str(table.get_row("untrusted")[0])
        assert name == "Untrusted [@click=app.quit]deck[/]"
        await pilot.click("#decks", offset=(12, 1))  # on "[@click=app.quit]"
        await settle(pilot)
        assert app.is_running
        if not isinstance(app.screen, StudyScreen):  # the click only moved the cursor
            await press(pilot, "enter")
        assert isinstance(app.screen, StudyScreen)
        await answer_until(pilot, "basic")
        prompt = question(app)
        text = "[@click=app.quit]x[/] and [ @click=app.quit]y[/]"
        assert flash_text(prompt).splitlines()[1] == text  # under a blank line
        for column in (1, 3, 6, 31):  # past the column of padding
            await pilot.click(prompt, offset=(column, 1))
            await settle(pilot)
            assert app.is_running
        await press(pilot, "space")
        lines = flash_text(question(app)).splitlines()
        assert "█ Answer: [/] <script>alert(1)</script>" in lines
        await press(pilot, "4")
        shown = question(app)
        assert shown.card.kind == "choice"
        options = shown.query_one(OptionList)
        prompts = [str(option.prompt) for option in options.options]
        expected = [f"{n}  {c}" for n, c in enumerate(shown.choices, 1)]
        assert prompts == expected
        assert set(shown.choices) == set(shown.card.choices)
        await pilot.click(options, offset=(8, 1 + shown.choices.index("<script>")))
        await settle(pilot)
        assert app.is_running
        assert "Answer: Answer: [/]" in feedback_text(app)
    assert app.return_code in (0, None)


async def test_a_broken_extra_deck_is_left_out_and_home_says_why(tmp_path):
    """Issue 12 item 22: a broken extra deck must not stop a learner from
    studying the others; the home screen names the file and the problem."""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.toml").write_text("[deck]\nid = 'x'\n")
    app = make_app(tmp_path / "q.db", decks=(MIXED, bad))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, HomeScreen)
        problems = app.screen.query_one("#deck-problems", Static)
        assert not problems.has_class("hidden")
        text = str(problems.render())
        assert "Left out: 1 deck file with 2 problems" in text
        assert f"{bad / 'x.toml'}" in text and "quizhinge validate" in text
        table = app.screen.query_one(DataTable)
        keys = {row.value for row in table.rows}
        assert "basic" in keys and "x" not in keys
        await press(pilot, "a")
        assert question(app) is not None  # the other decks are studied


async def test_mouse_only_grade_truefalse_and_order(tmp_path):
    app = make_app(tmp_path / "q.db", start="study", deck="basic")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "space")
        shown = question(app)
        await pilot.click(shown, offset=(3, line_starting(shown, " 5 ")))
        await settle(pilot)
        last = str(app.screen.query_one("#summary-last", Static).render())
        assert last.startswith("Last card ✓ 5 · Next due")
    app = make_app(tmp_path / "q.db", start="study", deck="truefalse")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = question(app)
        keys = line_starting(shown, "  True (t)")
        await pilot.click(shown, offset=(1 + 18, keys))  # False: it is false
        await settle(pilot)
        assert "Right" in feedback_text(app)
    app = make_app(tmp_path / "q.db", start="study", deck="order")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = question(app)
        before = list(shown.steps)
        await pilot.click("#down")
        await settle(pilot)
        assert shown.steps == [before[1], before[0], *before[2:]]
        await pilot.click("#submit")
        await settle(pilot)
        assert feedback_text(app) is not None


async def test_choice_marks_the_right_answer_and_the_wrong_pick(tmp_path):
    app = make_app(tmp_path / "q.db", start="study", deck="choice")
    async with app.run_test(size=SIZE) as pilot:
        await answer(pilot, right=False)
        shown = question(app)
        prompts = [str(o.prompt) for o in shown.query_one(OptionList).options]
        right = shown.choices.index(shown.card.answer)
        assert prompts[right].endswith(" ✓")
        assert sum(p.endswith(" ✗") for p in prompts) == 1


async def test_footer_lists_the_study_keys_and_a_click_presses_one(tmp_path):
    app = make_app(tmp_path / "q.db", start="study", deck="basic")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeyFooter)
        text = str(footer.render())
        for shown in ("Show answer", "u Undo", "s Suspend", "q End session"):
            assert shown in text
        assert "? Help" in text
        shown = question(app)
        assert isinstance(shown, DrawnQuestion) and not shown.revealed
        await pilot.click(footer, offset=(text.index("Show answer") + 2, 0))
        await settle(pilot)
        assert shown.revealed
        assert "█ " in flash_text(shown)  # the answer, on its green edge
        text = str(footer.render())
        assert "Show answer" not in text  # shown: the grades are the keys now
        await pilot.click(footer, offset=(text.index("? Help"), 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


def progress_bar(app) -> StudyHeader:
    return app.screen.query_one(StudyHeader)


def session_size(app) -> int:
    counts = app.screen.step.counts
    return counts.answered + counts.new + counts.due + counts.redrill


@pytest.mark.parametrize("start", ["study", "home"])
async def test_progress_bar_counts_the_answered_cards(tmp_path, start):
    app = make_app(tmp_path / "q.db", start=start)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if start == "home":
            await press(pilot, "a")
        bar = progress_bar(app)
        assert bar.total == session_size(app) >= 2
        assert bar.progress == 0
        await answer(pilot, right=True)
        await go_on(pilot)
        assert question(app) is not None
        assert progress_bar(app).progress == 1
        assert progress_bar(app).total == session_size(app)


async def test_started_on_a_session_quit_at_once_goes_home_then_exits(tmp_path):
    app = make_app(tmp_path / "q.db", start="study")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        await press(pilot, "q")
        assert isinstance(app.screen, HomeScreen)
        assert home_counts(app)["__all__"][0] != "0"
        await press(pilot, "q")
        assert not app.is_running
    assert app._exception is None
    assert app.return_code in (0, None)


async def test_started_on_a_session_summary_home_and_another_session(tmp_path):
    app = make_app(tmp_path / "q.db", start="study")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(2):
            await answer(pilot, right=True)
            await press(pilot, "q")
            assert isinstance(app.screen, SummaryScreen)
            summary = str(app.screen.query_one("#summary").render())
            assert "Cards answered  1" in summary
            await press(pilot, "enter")
            assert isinstance(app.screen, HomeScreen)
            assert app._exception is None
            await press(pilot, "a")
            assert isinstance(app.screen, StudyScreen)
        assert question(app) is not None
        await press(pilot, "q")
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "q")
    assert app._exception is None
    assert app.return_code in (0, None)


@pytest.mark.parametrize("start", ["study", "home"])
async def test_a_deck_session_is_headed_by_the_decks_name(tmp_path, start):
    """As home lists it, not by its id (`figures` read as "Seeing the Hinge")."""
    app = make_app(tmp_path / "q.db", start=start, deck="basic")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if start == "home":
            table = app.screen.query_one("#decks", DataTable)
            table.move_cursor(row=table.get_row_index("basic"))
            await press(pilot, "enter")
        assert isinstance(app.screen, StudyScreen)
        top = app.screen.query_one(StudyHeader).text().splitlines()[0]
        assert top.startswith("Deck: Test basic ")  # its name, not "basic"


def grade_rows(shown) -> list[str]:
    """Each grade's row of a revealed card, its runs of spaces made one."""
    lines = flash_text(shown).splitlines()
    return [" ".join(line.split()) for line in lines if re.match(r" [0-5] ", line)]


def line_starting(shown, start: str) -> int:
    """The line of a drawn card that starts with `start`."""
    lines = flash_text(shown).splitlines()
    return next(y for y, line in enumerate(lines) if line.startswith(start))
