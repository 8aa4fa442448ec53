"""Exam mode in the whole app and on the command line: from the home screen or
`quizhinge exam`, to the stored result, the history, and untouched schedules."""

from __future__ import annotations

from click.testing import CliRunner
from support.clock import Clock
from support.exam_cards import write_exam_deck
from support.tui import START, make_app, press, settle
from test_exam_screens import answer_current_right

from quizhinge.catalog import load_catalog
from quizhinge.cli import main
from quizhinge.exam import (
    ExamEnd,
    ExamPlan,
    available_questions,
    begin_exam,
    exam_history,
    save_exam,
)
from quizhinge.places import default_deck_paths
from quizhinge.session import StudySession
from quizhinge.store import Store
from quizhinge.tui.screens.confirm import ConfirmScreen
from quizhinge.tui.screens.exam import (
    ExamResultsScreen,
    ExamScreen,
    ExamSetupScreen,
)
from quizhinge.tui.screens.home import HomeScreen
from quizhinge.tui.screens.stats import StatsScreen
from quizhinge.tui.widgets.exam_history import ExamHistory

SIZE = (80, 24)


def history(db, profile="tester"):
    with Store.open(db) as store:
        return exam_history(store, profile)


def tables(db) -> tuple[list, list]:
    with Store.open(db) as store:
        rows = [
            store.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("schedule", "reviews")
        ]
    return rows[0], rows[1]


async def sit_all_right(pilot, app) -> None:
    exam = app.screen.exam
    for position in range(len(exam.questions)):
        exam.go(position)
        await app.screen.show_question()
        await answer_current_right(pilot, exam)
    await press(pilot, "ctrl+s", "y")


async def test_exam_from_home_to_results_then_history_on_the_stats_screen(tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks)
    app = make_app(tmp_path / "q.db", (decks,))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "e")
        assert isinstance(app.screen, ExamSetupScreen)
        await press(pilot, "backspace", "backspace", "6", "ctrl+s")
        assert isinstance(app.screen, ExamScreen)
        assert len(app.screen.exam.questions) == 6
        await sit_all_right(pilot, app)
        assert isinstance(app.screen, ExamResultsScreen)
        assert "PASS" in str(app.screen.query_one("#exam-score").render())
        assert not app.screen.query("#study")  # nothing missed, nothing to study
        await press(pilot, "q")
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "s")
        assert isinstance(app.screen, StatsScreen)
        chart = app.screen.query_one(ExamHistory)
        summary = str(chart.query_one("#exam-summary").render())
        assert "1 exam · last 100% pass" in summary
        assert "██" in str(chart.query_one("#exam-chart").render())
    [record] = history(tmp_path / "q.db")
    assert (record.status, record.correct, record.questions) == ("finished", 6, 6)


async def test_exams_never_change_schedules(tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks)
    db = tmp_path / "q.db"
    clock = Clock(START)
    with Store.open(db) as store:  # some study first, so there is a schedule
        store.cards.sync(load_catalog([decks]))
        session = StudySession(store, load_catalog([decks]), "tester", now=clock)
        for grade in (5, 2, 4):
            session.answer(grade, 3.0)
    before = tables(db)
    plan = ExamPlan(questions=8, minutes=5, seed=1)
    app = make_app(db, (decks,), start="exam", exam_plan=plan, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await answer_current_right(pilot, app.screen.exam)
        await press(pilot, "f", "ctrl+s", "y")  # one right, maybe one wrong
        assert isinstance(app.screen, ExamResultsScreen)
    assert tables(db) == before
    assert [r.status for r in history(db)] == ["finished"]


async def test_ctrl_q_mid_exam_asks_and_a_quit_exam_is_stored_abandoned(tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks)
    db = tmp_path / "q.db"
    plan = ExamPlan(questions=4, minutes=5, seed=3)
    app = make_app(db, (decks,), start="exam", exam_plan=plan)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        exam = app.screen.exam
        await answer_current_right(pilot, exam)
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)  # not gone
        await press(pilot, "ctrl+q")  # again, with the dialog open: still asks
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert isinstance(app.screen, HomeScreen)
    [record] = history(db)
    assert (record.status, record.answered, record.correct) == ("abandoned", 1, None)


async def test_time_up_in_the_app_stores_a_timed_out_exam(tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks)
    db = tmp_path / "q.db"
    clock = Clock(START)
    plan = ExamPlan(questions=3, minutes=1, seed=3)
    app = make_app(db, (decks,), start="exam", exam_plan=plan, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        clock.advance(seconds=61)
        app.screen.tick()
        await settle(pilot)
        assert isinstance(app.screen, ExamResultsScreen)
        assert "time ran out" in str(app.screen.query_one("#exam-score").render())
    [record] = history(db)
    assert (record.timed_out, record.correct, record.passed) == (True, 0, False)


def test_stats_command_lists_exams(tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks)
    db = tmp_path / "q.db"
    catalog = load_catalog([decks])
    with Store.open(db) as store:
        store.cards.sync(catalog)
        plan = ExamPlan(questions=4, minutes=5, seed=1)
        for start, abandon in (
            (Clock(START).moment, False),
            (Clock(START).moment, True),
        ):
            exam = begin_exam(store, catalog, "ann", plan, start)
            end = ExamEnd(exam, start, None if abandon else exam.score())
            save_exam(store, "ann", end)
    runner = CliRunner()
    args = ["--db", str(db), "--decks", str(decks), "--profile", "ann", "stats"]
    result = runner.invoke(main, args, terminal_width=100)
    assert result.exit_code == 0, result.output
    assert "Exams" in result.output
    assert "0% 0/4" in result.output and "fail" in result.output
    assert "abandoned" in result.output and "0/4 answered" in result.output
    fresh = runner.invoke(main, ["--db", str(tmp_path / "new.db"), "stats"])
    assert "none yet" in fresh.output


def test_exam_command_refuses_bad_choices_clearly(tmp_path):
    runner = CliRunner()
    db = ["--db", str(tmp_path / "q.db")]
    for args, message in (
        (["--questions", "0"], "an exam needs at least 1 question, not 0"),
        (["--questions=-3"], "an exam needs at least 1 question, not -3"),
        (["-n", "-3"], "an exam needs at least 1 question, not -3"),
        (["-n", "2.5"], "'2.5' is not a whole number"),
        (["--minutes", "0"], "minutes must be a number from 1 to 600, not 0"),
        (["--minutes", "inf"], "from 1 to 600, not inf"),
        (["--minutes", "1e308"], "from 1 to 600, not 1e+308"),
        (["--minutes", "nan"], "from 1 to 600, not nan"),
        (["--minutes", "soon"], "'soon' is not a number"),
        (
            ["--seed", str(2**63)],
            "a seed is a whole number from 0 to 9223372036854775807",
        ),
        (["--seed", "-5"], "a seed is a whole number from 0 to"),
        (["--questions", "100000"], "100000 questions asked, but only"),
        (["--questions", "100000"], ": choose 1 to "),
        (["--topic", "cardio"], "'cardio' is not one of"),
        (["--level", "expert"], "'expert' is not one of"),
    ):
        result = runner.invoke(main, [*db, "exam", *args])
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output, args
        assert "Traceback" not in result.output
        assert "is not in the range" not in result.output  # click's words
    assert not (tmp_path / "q.db").exists()


async def test_an_exam_with_no_questions_says_why_and_goes_home(tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks, topics=("cues",))
    plan = ExamPlan(topics=("mobility",))
    app = make_app(tmp_path / "q.db", (decks,), start="exam", exam_plan=plan)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        [note] = app._notifications
        assert "no exam questions" in note.message and "mobility" in note.message
    assert history(tmp_path / "q.db") == []


def test_pass_mark_is_a_profile_setting_used_by_the_next_exam(tmp_path):
    runner = CliRunner()
    db = ["--db", str(tmp_path / "q.db"), "--profile", "ann"]
    result = runner.invoke(main, [*db, "config", "pass-mark", "85"])
    assert (result.exit_code, result.stdout) == (0, "pass-mark = 85\n")
    refused = runner.invoke(main, [*db, "config", "pass-mark", "101"])
    assert refused.exit_code == 1
    assert "pass-mark must be a whole number from 1 to 100" in refused.output
    decks = tmp_path / "decks"
    write_exam_deck(decks)
    with Store.open(tmp_path / "q.db") as store:
        catalog = load_catalog([decks])
        store.cards.sync(catalog)
        exam = begin_exam(store, catalog, "ann", ExamPlan(), Clock(START).moment)
    assert exam.pass_mark == 85


async def test_asking_more_questions_than_there_are_says_so(tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks, topics=("cues",), per_kind=1)
    plan = ExamPlan(questions=20, seed=1)
    app = make_app(tmp_path / "q.db", (decks,), start="exam", exam_plan=plan)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ExamScreen)
        assert len(app.screen.exam.questions) == 4
        [note] = app._notifications
        assert "Only 4 questions match" in note.message


def test_exam_command_opens_the_app_on_the_exam_asked_for(tmp_path, monkeypatch):
    from quizhinge.tui.app import QuizhingeApp

    opened = []
    monkeypatch.setattr(QuizhingeApp, "run", lambda app: opened.append(app))
    args = ["--db", str(tmp_path / "q.db"), "exam", "-n", "12", "-m", "9.5"]
    args += ["--topic", "faults", "--topic", "cues", "--level", "trainer"]
    result = CliRunner().invoke(main, [*args, "--seed", "4"])
    assert result.exit_code == 0, result.output
    [app] = opened
    assert app.start == "exam"
    assert app.exam_plan == ExamPlan(12, 9.5, ("faults", "cues"), "trainer", 4)


async def test_setup_screen_refuses_more_questions_than_there_are(tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks, topics=("cues",), per_kind=1)  # 4 questions in all
    app = make_app(tmp_path / "q.db", (decks,))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        assert isinstance(app.screen, ExamSetupScreen)
        await press(pilot, "ctrl+a", "ctrl+k", "9", "ctrl+s")
        error = str(app.screen.query_one("#setup-error").render())
        assert "9 questions asked, but only 4 match" in error
        assert "choose 1 to 4" in error
        assert isinstance(app.screen, ExamSetupScreen)
        await press(pilot, "backspace", "4", "ctrl+s")
        assert isinstance(app.screen, ExamScreen)
        assert len(app.screen.exam.questions) == 4


def test_exam_command_without_questions_asks_all_there_are(tmp_path, monkeypatch):
    from quizhinge.tui.app import QuizhingeApp

    decks = tmp_path / "decks"
    write_exam_deck(decks, topics=("cues",), per_kind=1)
    opened = []
    monkeypatch.setattr(QuizhingeApp, "run", lambda app: opened.append(app))
    args = ["--db", str(tmp_path / "q.db"), "--decks", str(decks), "exam"]
    result = CliRunner().invoke(main, [*args, "--topic", "cues"])
    assert result.exit_code == 0, result.output
    catalog = load_catalog(default_deck_paths([decks]))
    _, there = available_questions(None, catalog, "x", ExamPlan(topics=("cues",)))
    assert there < 20
    assert opened[0].exam_plan.questions == there  # not the default 20
    more = str(there + 1)
    asked = CliRunner().invoke(main, [*args, "--topic", "cues", "-n", more])
    assert asked.exit_code == 2
    expected = f"{more} questions asked, but only {there} match (cues at beginner"
    assert expected in asked.output
