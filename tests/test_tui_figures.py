"""Figures on screen: drawn in braille with the question and the answer, as the
caption when the terminal is too small, in study, exams and the Cards screen,
and never on the start-up path."""

from __future__ import annotations

import subprocess
import sys

import pytest
from support.tui import DECKS, make_app, press, settle
from textual.content import Content

from quizhinge.tui.widgets.figure import FigureView, rows_for

FIGURES = DECKS / "figures"
BRAILLE = range(0x2801, 0x2900)


def braille_in(line: str) -> bool:
    return any(ord(char) in BRAILLE for char in line)


def braille_cells(view: FigureView) -> int:
    text = view.render().plain
    return sum(ord(char) in BRAILLE for char in text)


def study(tmp_path):
    return make_app(tmp_path / "q.db", (FIGURES,), start="study", deck="figs")


async def test_the_question_figure_is_drawn_in_braille_above_the_prompt(tmp_path):
    async with study(tmp_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = pilot.app.screen.query_one(".question-figure", FigureView)
        assert not view.has_class("caption-only")
        assert view.size.height == rows_for(24) == 11
        assert braille_cells(view) > 60


async def test_a_terminal_too_small_to_draw_in_shows_the_caption(tmp_path):
    async with study(tmp_path).run_test(size=(80, 18)) as pilot:
        await settle(pilot)
        view = pilot.app.screen.query_one(".question-figure", FigureView)
        assert view.has_class("caption-only")
        text = view.render().plain
        assert text.startswith("Figure: Two figures, A and B")
        assert "A: Side view: hips far back" in text
        assert "B: Side view: knees forward" in text
        assert braille_cells(view) == 0


async def test_the_figure_grows_and_shrinks_with_the_terminal(tmp_path):
    async with study(tmp_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = pilot.app.screen.query_one(".question-figure", FigureView)
        assert view.size.height == 16
        await pilot.resize_terminal(80, 20)
        await settle(pilot)
        assert view.has_class("caption-only")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not view.has_class("caption-only")


async def test_the_answer_figure_comes_with_the_answer(tmp_path):
    async with study(tmp_path).run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert not screen.query(".answer-figure")
        question = screen.question
        assert question is not None
        if question.card.kind == "choice":
            await press(pilot, str(question.choices.index("A") + 1))
        else:
            await press(pilot, "space")
        await settle(pilot)
        (answer,) = screen.query(".answer-figure").results(FigureView)
        assert answer.figure.id == "fig-hinge"


def figure_deck(tmp_path, figure_id, extra=""):
    """The test deck plus `extra` figures, and one card showing `figure_id`."""
    deck = tmp_path / "decks"
    deck.mkdir()
    text = (FIGURES / "figures.toml").read_text().split("[[card]]")[0] + extra
    text += (
        '[[card]]\nid = "one"\nkind = "basic"\nlevel = "beginner"\n'
        'topic = "faults"\nfront = "What is wrong here?"\nback = "Back."\n'
        f'explain = "Why."\nfigure = "{figure_id}"\n'
    )
    (deck / "figs.toml").write_text(text)
    return make_app(tmp_path / "q.db", (deck,), start="study", deck="figs")


async def test_the_figure_fills_its_widget_whatever_terminal_plotext_sees(
    tmp_path, monkeypatch
):
    """plotext caps a plot at the size of the terminal it reads (COLUMNS and
    LINES here; under Textual, not the widget's): all four panels must still
    be drawn, lettered, at the widget's full size, the last one included."""
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("LINES", "10")
    extra = (
        '[[figure]]\nid = "fig-round"\ncaption = "A rounded back."\n'
        "pose = { shin = 5, knee = 20, hip = 55, lumbar = 35, thoracic = 20 }\n\n"
        '[[figure]]\nid = "fig-four"\ncaption = "Four figures."\n'
        'panels = ["fig-hinge", "fig-squat", "fig-dowel", "fig-round"]\n\n'
    )
    async with figure_deck(tmp_path, "fig-four", extra).run_test(
        size=(130, 40)
    ) as pilot:
        await settle(pilot)
        question = pilot.app.screen.question  # a basic card, drawn whole
        lines = question.text().splitlines()[:16]  # the figure on top
        width = question.scrollable_content_region.width
        assert {len(line) for line in lines} == {min(width, 120)}
        letters = [char for char in "".join(lines) if char.isalpha()]
        assert letters == ["A", "B", "C", "D"]
        # Past the 60 columns plotext reads: the last panel, whole.
        beyond = "".join(line[60:] for line in lines)
        assert sum(ord(char) in BRAILLE for char in beyond) > 40
        assert "D" in beyond


async def test_each_part_of_a_figure_takes_its_theme_colour_and_nothing_else_shows(
    tmp_path,
):
    """Body, ground, dowel, contact kept and contact lost each in their theme
    colour; no axis, tick, frame or legend: only dots."""
    async with figure_deck(tmp_path, "fig-dowel").run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        question = pilot.app.screen.question  # a basic card, drawn whole
        content = Content("\n").join(question.lines()[: rows_for(30)])
        styles = {str(span.style) for span in content.spans}
        assert styles == {
            "$text-muted",  # the ground
            "$text-primary",  # the body
            "$text-warning",  # the dowel
            "$text-success",  # upper back and head touching it
            "$text-error",  # the sacrum, off it
        }
        styled = {i for span in content.spans for i in range(span.start, span.end)}
        for i, char in enumerate(content.plain):
            assert char in " \n" or ord(char) in BRAILLE, repr(char)
            assert (i in styled) == (char not in " \n"), i


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_of_a_figure_card(snap_compare, tmp_path, size):
    assert snap_compare(study(tmp_path), terminal_size=size, run_before=settle)


def test_the_figure_widget_and_plotext_stay_off_the_start_up_path():
    code = (
        "import sys, quizhinge.tui.screens.study, quizhinge.tui.screens.exam;"
        "print(sorted(m for m in ('plotext', 'quizhinge.figures',"
        " 'quizhinge.tui.widgets.figure') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


async def test_without_plotext_the_caption_is_shown(tmp_path, monkeypatch):
    from quizhinge.tui.widgets import figure

    monkeypatch.setattr(figure, "_plotext", lambda: None)
    async with study(tmp_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = pilot.app.screen.query_one(".question-figure", FigureView)
        assert view.has_class("caption-only")
        assert view.render().plain.startswith("Figure: Two figures")


async def test_an_exam_question_shows_its_figure():
    from dataclasses import replace

    from support.clock import Clock
    from support.exam_cards import exam_card
    from test_exam_screens import T0, ExamApp

    from quizhinge.cards import Figure, Pose
    from quizhinge.exam import Exam, ExamPlan

    hinge = Figure("fig-hinge", "Hips back, shins near vertical.", Pose(hip=80))
    card = replace(exam_card("truefalse", "cues", 0), figure=hinge)
    exam = Exam.start([card], ExamPlan(questions=1, minutes=10), T0)
    app = ExamApp(exam, Clock(T0))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        view = app.screen.query_one(".question-figure", FigureView)
        assert view.figure is hinge
        assert braille_cells(view) > 20


async def test_each_card_shows_its_own_figures_when_the_widgets_are_reused(
    tmp_path,
):
    """The study screen keeps one widget per kind and loads each card into it:
    the next card of a kind shows its figure, and none it does not have."""
    deck = tmp_path / "decks"
    deck.mkdir()
    text = (FIGURES / "figures.toml").read_text().split("[[card]]")[0]
    for n, figure in enumerate(("fig-dowel", "fig-squat", None)):
        text += (
            f'[[card]]\nid = "b{n}"\nkind = "basic"\nlevel = "beginner"\n'
            f'topic = "faults"\nfront = "Card {n}?"\nback = "Back {n}."\n'
            f'explain = "Why {n}."\n'
            + (f'figure = "{figure}"\nanswer_figure = "fig-hinge"\n' if figure else "")
        )
    (deck / "figs.toml").write_text(text)
    app = make_app(tmp_path / "q.db", (deck,), start="study", deck="figs")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        drawn = {}
        for n, figure in enumerate(("fig-dowel", "fig-squat", None)):
            question = screen.question
            assert question.card.id == f"b{n}"
            lines = question.text().splitlines()
            prompt = lines.index(f"Card {n}?")
            above = [line for line in lines[:prompt] if braille_in(line)]
            assert bool(above) == (figure is not None)
            drawn[figure] = above  # each card's own figure, not the last one's
            await press(pilot, "space")
            lines = question.text().splitlines()
            answer = next(y for y, line in enumerate(lines) if line.startswith("█ "))
            assert any(braille_in(line) for line in lines[answer:]) == bool(figure)
            await press(pilot, "5")
        assert drawn["fig-dowel"] != drawn["fig-squat"]
