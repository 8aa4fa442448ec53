"""Quitting while a question widget is still being mounted ends the app
cleanly. The study screen mounts the next card's kind, hidden, right after a
card shows, and the exam mounts each question's answer widget; a learner who
quit at that moment got a traceback: the app had stopped, so the widget's
children never mounted, and its on_mount looked them up."""

from __future__ import annotations

from datetime import date

import pytest
from support.tui import make_app, settle

from quizhinge.cards import ChoiceCard, OrderCard, TrueFalseCard, TypedCard
from quizhinge.exam import Question
from quizhinge.scheduler import Sm2State
from quizhinge.session import StudyItem
from quizhinge.tui.widgets import exam_questions, questions

COMMON = ("c", "beginner", "cues", "Why.", "d")
CARDS = {
    "choice": ChoiceCard(*COMMON, question="Q?", choices=("a", "b"), answer="a"),
    "truefalse": TrueFalseCard(*COMMON, statement="S.", answer=True),
    "typed": TypedCard(*COMMON, question="Q?", answers=("a",)),
    "order": OrderCard(*COMMON, question="Q?", steps=("a", "b", "c")),
}


def study_widget(kind: str) -> questions.Question:
    item = StudyItem("c", CARDS[kind], "", True, False, Sm2State())
    return questions.KINDS[kind](item, date(2026, 11, 23), {})


def exam_widget(kind: str) -> exam_questions.ExamAnswer:
    card = CARDS[kind]
    return exam_questions.KINDS[kind](Question(card, card.options()), None)


@pytest.mark.parametrize("kind", sorted(CARDS))
@pytest.mark.parametrize("make", [study_widget, exam_widget])
async def test_quitting_as_a_question_mounts(tmp_path, make, kind):
    app = make_app(tmp_path / "q.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.mount(make(kind))
        app.exit()  # before the widget has composed its parts
    assert app._exception is None


async def test_quitting_as_a_screen_opens(tmp_path):
    """The same for screens: a key that opens one, then ctrl+q at once."""
    from quizhinge.tui.screens.cards import CardsScreen
    from quizhinge.tui.screens.exam import ExamSetupScreen
    from quizhinge.tui.screens.help import HelpScreen
    from quizhinge.tui.screens.home import HomeScreen
    from quizhinge.tui.screens.stats import StatsScreen

    for make in (
        HomeScreen,
        CardsScreen,
        ExamSetupScreen,
        StatsScreen,
        lambda: HelpScreen([("Home", {"q": "Quit"})]),
    ):
        app = make_app(tmp_path / "q.db")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.push_screen(make())
            app.exit()
        assert app._exception is None, make
