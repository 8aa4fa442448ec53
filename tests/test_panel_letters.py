"""Choices that are a figure's panel letters are shown in letter order, in study
and in the exam: choice 1 is A, 2 is B, so the key a learner presses and the
letter they mean agree. Every other choice card stays shuffled."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from support.clock import Clock
from support.exam_cards import exam_card
from support.tui import DECKS, make_app, press, settle
from test_exam_screens import T0, ExamApp
from textual.widgets import OptionList

from quizhinge.cards import ChoiceCard, Figure, Pose
from quizhinge.catalog import load_catalog
from quizhinge.exam import Exam, ExamPlan, draw
from quizhinge.places import bundled_decks_dir
from quizhinge.tui.widgets import card_text

FIGURES = DECKS / "figures"
DAYS = [date(2026, 11, 1) + timedelta(days=n) for n in range(40)]
SEEDS = range(40)

HINGE = Figure("fig-hinge", "Hips back.", Pose(hip=80))
SQUAT = Figure("fig-squat", "Knees forward.", Pose(knee=80, hip=85))
FOUR = Figure("fig-four", "Four figures.", panels=(HINGE, SQUAT, HINGE, SQUAT))


def lettered_card(choices: tuple[str, ...], answer: str, figure=FOUR) -> ChoiceCard:
    card = exam_card("choice", "faults", 0)
    assert isinstance(card, ChoiceCard)
    return replace(card, figure=figure, choices=choices, answer=answer)


def bundled_letter_cards() -> list[ChoiceCard]:
    """The bundled choice cards that ask which panel of a figure."""
    catalog = load_catalog([bundled_decks_dir()])
    cards = [
        card for card in catalog if isinstance(card, ChoiceCard) and "A" in card.choices
    ]
    assert len(cards) >= 5  # the figures deck has them; the test needs them
    return cards


def study_orders(card: ChoiceCard) -> list[list[str]]:
    return [
        card_text.options(card, f"{card.id}:0", day, redrill)
        for day in DAYS
        for redrill in (False, True)
    ]


def exam_orders(card: ChoiceCard) -> list[tuple[str, ...]]:
    plan = ExamPlan(questions=1)
    return [draw([card], plan, seed)[0].options for seed in SEEDS]


def test_bundled_panel_letter_cards_read_a_b_c_every_day_redrill_and_exam():
    for card in bundled_letter_cards():
        panels = "ABCD"[: len(card.figure.panels)] if card.figure else ""
        assert panels, card.id
        for options in [*study_orders(card), *exam_orders(card)]:
            assert list(options[: len(panels)]) == list(panels), (card.id, options)
            assert set(options) == set(card.choices)


def test_letters_written_out_of_order_still_read_in_letter_order():
    card = lettered_card(("D", "B", "A", "C"), "C")
    for options in [*study_orders(card), *exam_orders(card)]:
        assert list(options) == ["A", "B", "C", "D"]


def test_single_letter_choices_without_a_panel_figure_are_letters_too():
    card = lettered_card(("C", "A", "B"), "B", figure=None)
    for options in [*study_orders(card), *exam_orders(card)]:
        assert list(options) == ["A", "B", "C"]


def test_panel_letters_come_first_and_the_other_choice_after_them():
    card = lettered_card(("A", "B", "C", "D", "None of them"), "B")
    for options in [*study_orders(card), *exam_orders(card)]:
        assert list(options) == ["A", "B", "C", "D", "None of them"]


def test_worded_choices_on_a_figure_card_are_still_shuffled():
    card = lettered_card(("right", "wrong one", "wrong two", "wrong three"), "right")
    study = {tuple(options) for options in study_orders(card)}
    exam = set(exam_orders(card))
    assert len(study) > 5 and len(exam) > 5


def test_an_exam_seed_still_gives_every_other_card_the_same_order():
    """The letter order takes the place of a shuffle without skipping it, so
    the seed's later draws, and so the other cards' orders, do not move."""
    worded = [exam_card("choice", topic, 0) for topic in ("cues", "drills")]
    letters = lettered_card(("A", "B", "C"), "C")
    plain = replace(letters, choices=("x", "y", "z"), answer="z")
    for seed in SEEDS:
        with_letters = draw([letters, *worded], ExamPlan(questions=3), seed)
        with_words = draw([plain, *worded], ExamPlan(questions=3), seed)
        assert [q.card.id for q in with_letters] == [q.card.id for q in with_words]
        for a, b in zip(with_letters, with_words, strict=True):
            if a.card is letters:
                assert a.options == ("A", "B", "C")
            else:
                assert a.options == b.options


# --- on screen ------------------------------------------------------------------


def option_lines(options: OptionList) -> list[str]:
    return [
        options.get_option_at_index(i).prompt.plain.rstrip()  # type: ignore[union-attr]
        for i in range(options.option_count)
    ]


def panel_deck(tmp_path: Path, choices: str, answer: str) -> Path:
    """The test figures plus a four-panel figure, and one choice card asking
    which of its panels."""
    deck = tmp_path / "decks"
    deck.mkdir()
    text = (FIGURES / "figures.toml").read_text().split("[[card]]")[0]
    text += (
        '[[figure]]\nid = "fig-round"\ncaption = "A rounded back."\n'
        "pose = { shin = 5, knee = 20, hip = 55, lumbar = 35, thoracic = 20 }\n\n"
        '[[figure]]\nid = "fig-four"\ncaption = "Four figures, A to D."\n'
        'panels = ["fig-hinge", "fig-squat", "fig-dowel", "fig-round"]\n\n'
        '[[card]]\nid = "which"\nkind = "choice"\nlevel = "beginner"\n'
        'topic = "faults"\nfigure = "fig-four"\n'
        'question = "Which figure has lost the sacrum?"\n'
        f'choices = {choices}\nanswer = "{answer}"\n'
        'explain = "In C the stick has left the sacrum."\n'
    )
    (deck / "figs.toml").write_text(text)
    return deck


@pytest.mark.parametrize(
    ("choices", "shown"),
    [
        ('["C", "A", "D", "B"]', ["1  A", "2  B", "3  C", "4  D"]),
        (
            '["A", "B", "C", "D", "Neither"]',
            ["1  A", "2  B", "3  C", "4  D", "5  Neither"],
        ),
    ],
)
async def test_study_shows_panel_letters_as_1_a_2_b_and_key_1_picks_a(
    tmp_path, choices, shown
):
    deck = panel_deck(tmp_path, choices, "C")
    app = make_app(tmp_path / "q.db", (deck,), start="study", deck="figs")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        options = app.screen.query_one("#choices", OptionList)
        assert option_lines(options) == shown
        await press(pilot, "3")
        await settle(pilot)
        assert option_lines(options)[2] == "3  C ✓"


async def test_the_exam_shows_panel_letters_as_1_a_2_b_and_key_1_picks_a():
    card = lettered_card(("B", "D", "A", "C"), "A")
    exam = Exam.start([card], ExamPlan(questions=1, minutes=10, seed=3), T0)
    app = ExamApp(exam, Clock(T0))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        options = app.screen.query_one("#choices", OptionList)
        assert option_lines(options) == ["○ 1  A", "○ 2  B", "○ 3  C", "○ 4  D"]
        await pilot.press("1")
        await pilot.pause()
        assert exam.response(0) == "A"
