"""Sitting an exam in the terminal: keys in, answers kept, no feedback until the end."""

from __future__ import annotations

from datetime import datetime, timedelta

from support.clock import Clock
from support.exam_cards import exam_card, right_answer
from textual.app import App
from textual.widgets import Input, OptionList, Static

from quizhinge.exam import Exam, ExamEnd, ExamPlan
from quizhinge.tui.screens.confirm import ConfirmScreen
from quizhinge.tui.screens.exam import (
    ExamResultsScreen,
    ExamScreen,
    ExamSetupScreen,
)

T0 = datetime(2026, 11, 23, 9, 0)
SIZE = (80, 24)


class ExamApp(App[None]):
    """Just the exam screen, recording how it ended."""

    def __init__(self, exam: Exam, clock: Clock) -> None:
        super().__init__()
        self.exam = exam
        self.clock = clock
        self.ended: ExamEnd | None = None

    def on_mount(self) -> None:
        self.push_screen(ExamScreen(self.exam, self.clock), self.finished)

    def finished(self, end: ExamEnd | None) -> None:
        self.ended = end


def one_of_each(**plan) -> Exam:
    """Four questions, one per auto-graded kind, in a fixed order."""
    cards = [
        exam_card("choice", "cues", 0),
        exam_card("truefalse", "faults", 0),
        exam_card("typed", "drills", 0),
        exam_card("order", "anatomy", 0),
    ]
    exam = Exam.start(cards, ExamPlan(questions=4, minutes=10, **plan), T0)
    by_kind = {q.card.kind: q for q in exam.questions}
    exam.questions = tuple(
        by_kind[k] for k in ("choice", "truefalse", "typed", "order")
    )
    return exam


def text_of(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def answer_current_right(pilot, exam: Exam) -> None:
    """Answer the question on screen with keys, the right way."""
    card = exam.current.card
    if card.kind == "choice":
        await pilot.press(str(exam.current.options.index(card.answer) + 1))
    elif card.kind == "truefalse":
        await pilot.press("t" if card.answer else "f")
    elif card.kind == "typed":
        await pilot.press(*card.answers[0], "enter")
    elif card.kind == "order":
        await arrange(pilot, exam, card.steps)
        await pilot.press("enter")
    await pilot.pause()


async def arrange(pilot, exam: Exam, goal: tuple[str, ...]) -> None:
    """Move steps with shift+down/up (selection sort) until they read `goal`."""
    steps = list(exam.response() or exam.current.options)
    for target, step in enumerate(goal):
        index = steps.index(step)
        await pilot.press("home")  # highlight the first step, then walk down
        for _ in range(index):
            await pilot.press("down")
        for _ in range(index - target):
            await pilot.press("shift+up")
        steps.insert(target, steps.pop(index))
    await pilot.pause()


async def test_taking_an_exam_all_right_passes_with_no_feedback_before_the_end():
    exam = one_of_each()
    app = ExamApp(exam, Clock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Question 1 of 4" in text_of(app, "#exam-status")
        for _ in range(3):
            await answer_current_right(pilot, exam)
            assert "right" not in text_of(app, "#exam-status").lower()
        await answer_current_right(pilot, exam)
        assert exam.position == 3  # the last question stays on screen
        assert len(exam.responses) == 4
        assert isinstance(app.screen, ConfirmScreen)  # enter on the last: submit?
        await pilot.press("y")
        await pilot.pause()
    assert app.ended is not None and app.ended.result is not None
    assert (app.ended.result.correct, app.ended.result.passed) == (4, True)
    assert not app.ended.timed_out


async def test_skip_and_come_back_then_change_an_answer():
    exam = one_of_each()
    app = ExamApp(exam, Clock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")  # skip the choice question
        await pilot.pause()
        assert exam.position == 1
        await pilot.press("f")  # wrong: the statement is true
        await pilot.pause()
        assert exam.position == 2
        await pilot.press("ctrl+up", "p")  # back through the typed box
        await pilot.pause()
        assert exam.position == 0
        await answer_current_right(pilot, exam)
        await pilot.press("t")  # change the true/false answer to the right one
        await pilot.pause()
        assert exam.responses == {0: "right", 1: True}
        await pilot.press("ctrl+s", "y")
        await pilot.pause()
    result = app.ended.result
    assert result.correct == 2
    assert {o.card.kind for o in result.missed} == {"typed", "order"}


async def test_typed_answer_is_kept_without_enter_and_shown_on_return():
    exam = one_of_each()
    app = ExamApp(exam, Clock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        exam.go(2)
        await app.screen.show_question()
        await pilot.press(*"hin")
        await pilot.press("ctrl+n")  # leave the box without enter
        await pilot.pause()
        assert exam.position == 3
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one("#typed", Input).value == "hin"
        assert exam.responses == {2: "hin"}


async def test_while_typing_letters_go_in_the_box_and_ctrl_keys_still_work():
    exam = one_of_each()
    app = ExamApp(exam, Clock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        exam.go(2)
        await app.screen.show_question()
        await pilot.press("n", "m", "s", "q", "ctrl+f")
        await pilot.pause()
        assert exam.responses == {2: "nmsq"}
        assert exam.flagged == {2}
        assert exam.position == 2
        active = app.screen.active_bindings
        shown = {key for key, b in active.items() if b.enabled and b.binding.show}
        assert {"ctrl+n", "ctrl+f"} <= shown
        assert not {"n", "m", "s"} & shown  # they would type in the box
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert exam.position == 3
        assert app.ended is None


async def test_flag_for_review_shows_in_the_map_and_the_result():
    exam = one_of_each()
    app = ExamApp(exam, Clock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "m")
        await pilot.pause()
        assert exam.flagged == {1}
        assert "flagged 1" in text_of(app, "#exam-status")
        assert "2⚑" in text_of(app, "#exam-map")
        assert "flagged for review" in text_of(app, "#exam-kind")
        await pilot.press("ctrl+s")
        await pilot.pause()
        question = str(app.screen.query_one("#confirm-question").render())
        assert "Flagged for review: 2." in question
        await pilot.press("n")  # go back instead
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)
        await pilot.press("m")  # unflag
        await pilot.pause()
        assert exam.flagged == set()


async def test_time_up_submits_the_exam_by_itself():
    exam = one_of_each()
    clock = Clock(T0)
    app = ExamApp(exam, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "10:00" in text_of(app, "#exam-clock")
        await answer_current_right(pilot, exam)
        clock.advance(seconds=9 * 60 + 30)
        app.screen.tick()
        await pilot.pause()
        assert "0:30" in text_of(app, "#exam-clock")
        await pilot.press("ctrl+s")  # a dialog is open when time runs out
        await pilot.pause()
        clock.advance(seconds=30)
        app.screen_stack[-2].tick()
        await pilot.pause()
        assert not isinstance(app.screen, ExamScreen | ConfirmScreen)
    assert app.ended.timed_out
    assert app.ended.result.correct == 1
    assert app.ended.result.total == 4


async def test_quit_asks_first_and_ends_abandoned():
    exam = one_of_each()
    app = ExamApp(exam, Clock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer_current_right(pilot, exam)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no: keep going
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)
        assert app.ended is None
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.ended is not None
    assert app.ended.abandoned and app.ended.result is None
    assert app.ended.exam.responses == {0: "right"}


class ResultsApp(App[None]):
    def __init__(self, end: ExamEnd) -> None:
        super().__init__()
        self.end = end
        self.choice: str | None = "not yet"

    def on_mount(self) -> None:
        self.push_screen(ExamResultsScreen(self.end), self.chosen)

    def chosen(self, choice: str | None) -> None:
        self.choice = choice


async def test_results_show_score_topics_and_each_miss_with_answer_and_why():
    exam = one_of_each()
    exam.go(0)
    exam.answer(right_answer(exam.current.card))
    exam.go(1)
    exam.answer(False)
    end = ExamEnd(exam, T0 + timedelta(minutes=3), exam.score())
    app = ResultsApp(end)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        score = text_of(app, "#exam-score")
        assert "FAIL" in score and "1 of 4 right (25%)" in score
        assert "pass mark 70%" in score
        topics = text_of(app, "#exam-topics").splitlines()
        assert topics[-1].startswith("cues") and "1/1" in topics[-1]
        assert len(topics) == 4
        missed = [str(w.render()) for w in app.screen.query(".missed")]
        assert len(missed) == 3
        assert "faults claim 0." in missed[0]
        assert "Your answer: False" in missed[0] and "Right answer: True" in missed[0]
        assert "Why: Because of faults rule 0." in missed[0]
        assert "(no answer)" in missed[1]
        await pilot.press("s")
        await pilot.pause()
    assert app.choice == "study"
    assert end.result.missed_card_ids() == (
        "faults-truefalse-0",
        "drills-typed-0",
        "anatomy-order-0",
    )


async def test_deck_text_with_markup_is_shown_literally():
    nasty = "[@click=app.quit]Hinge[/] or [b]squat[/b]? Answer: [/]"
    card = exam_card("choice", "cues", 0)
    choices = ("right", nasty, "[red]wrong[/red]", "[")
    fields = {**card.__dict__, "question": nasty, "explain": nasty, "choices": choices}
    card = type(card)(**fields)
    exam = Exam.start([card], ExamPlan(questions=1), T0)
    app = ExamApp(exam, Clock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert nasty in str(app.screen.query_one(".prompt", Static).render())
        options = app.screen.query_one("#choices", OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(4)]
        for choice in choices:
            assert any(line.endswith(f"  {choice}") for line in shown)
        await pilot.press(str(exam.current.options.index(nasty) + 1))
        await pilot.press("ctrl+s", "y")
        await pilot.pause()
    results = ResultsApp(app.ended)
    async with results.run_test(size=SIZE) as pilot:
        await pilot.pause()
        missed = str(results.screen.query_one(".missed", Static).render())
        assert missed.count(nasty) == 3  # question, the answer picked, why


class SetupApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.plan: object = "not yet"

    def on_mount(self) -> None:
        self.push_screen(ExamSetupScreen("beginner"), self.chosen)

    def chosen(self, plan) -> None:
        self.plan = plan


async def test_setup_screen_makes_the_plan_and_refuses_nonsense():
    app = SetupApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "0", "ctrl+s")
        await pilot.pause()
        assert "at least 1 question" in text_of(app, "#setup-error")
        assert app.plan == "not yet"
        await pilot.press("backspace", *"12", "tab", "ctrl+a", "ctrl+k", "5")
        await pilot.press("tab", *"42", "ctrl+s")
        await pilot.pause()
    assert app.plan == ExamPlan(questions=12, minutes=5, level="beginner", seed=42)


async def test_enter_on_the_last_question_offers_to_submit_naming_what_is_left():
    exam = one_of_each()
    app = ExamApp(exam, Clock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "m")  # skip the choice; flag the true/false
        await pilot.press("n", "ctrl+n")  # past the typed box to the order
        await pilot.pause()
        assert exam.position == 3
        await pilot.press("enter")  # keep the order as it is
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "You answered 1 of 4." in question
        assert "Not answered (count as wrong): 1, 2, 3." in question
        assert "Flagged for review: 2." in question
        await pilot.press("n")  # go back
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen) and exam.position == 3
    assert app.ended is None


async def test_next_from_the_last_question_wraps_to_the_skipped_ones():
    exam = one_of_each()
    app = ExamApp(exam, Clock(T0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")  # skip the choice question
        await pilot.press("t")  # answer the true/false: on to the typed one
        await pilot.pause()
        await pilot.press("ctrl+n")  # leave the typed box empty: next
        await pilot.pause()
        assert exam.position == 3
        await pilot.press("n")  # the last: round to the first unanswered
        await pilot.pause()
        assert exam.position == 0


async def test_setup_screen_refuses_what_the_command_line_refuses():
    """The same limits as `quizhinge exam`: finite minutes from 1 to 600, a
    seed from 0 to 2**63-1 (issue 12 item 3, issue 13 item 6)."""
    app = SetupApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # to the minutes
        box = app.screen.query_one("#setup-minutes", Input)
        for minutes, message in (
            ("inf", "from 1 to 600, not inf"),  # pasted: the box takes it
            ("nan", "from 1 to 600, not nan"),
            ("1e308", "from 1 to 600, not 1e+308"),
            ("601", "from 1 to 600, not 601"),
        ):
            box.value = minutes
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert message in text_of(app, "#setup-error"), minutes
            assert app.plan == "not yet"
        await pilot.press("ctrl+a", "ctrl+k", "5", "tab", *str(2**63), "ctrl+s")
        await pilot.pause()
        assert "a seed is a whole number from 0 to" in text_of(app, "#setup-error")
        assert app.plan == "not yet"
        await pilot.press("backspace", "ctrl+s")
        await pilot.pause()
    assert app.plan == ExamPlan(
        questions=20, minutes=5, level="beginner", seed=int(str(2**63)[:-1])
    )
