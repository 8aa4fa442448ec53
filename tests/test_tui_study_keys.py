"""Every card's keys work the moment it shows, and none is a dead end.

A choice card answers to up/down and enter at once (not only after Tab); on a
typed card, undo, suspend and leaving the box are reachable while typing and
shown in the footer; enter on an empty box means "I don't know".
"""

from __future__ import annotations

import sqlite3

from support.tui import (
    answer,
    answer_until,
    feedback_text,
    go_on,
    make_app,
    press,
    question,
    settle,
    type_keys,
)
from textual.widgets import Input, OptionList

from quizhinge.tui.widgets.key_footer import KeyFooter
from quizhinge.tui.widgets.questions import ChoiceQuestion, TypedQuestion

SIZE = (80, 24)


def footer(app) -> str:
    return str(app.screen.query_one(KeyFooter).render())


async def test_a_new_choice_card_answers_to_up_down_and_enter(tmp_path):
    app = make_app(tmp_path / "q.db", start="study")
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, "choice")
        shown = question(app)
        assert isinstance(shown, ChoiceQuestion)
        options = shown.query_one(OptionList)
        assert app.focused is options
        assert options.highlighted == 0
        await press(pilot, "down", "down", "up")
        assert options.highlighted == 1
        await press(pilot, "enter")
        assert shown.picked == shown.choices[1]
        text = feedback_text(app)
        assert text is not None
        assert text.startswith("✓" if shown.choices[1] == shown.card.answer else "✗")
        first = shown.item.item_id  # the widget is reused for a next choice card
        await press(pilot, "enter")  # the focus left the choices: enter goes on
        assert question(app) is None or question(app).item.item_id != first


async def test_the_first_card_of_a_session_has_the_focus_too(tmp_path):
    app = make_app(tmp_path / "q.db", start="study", deck="choice")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, OptionList)
        await press(pilot, "enter")
        assert feedback_text(app) is not None


async def test_typed_card_undo_and_suspend_while_typing(tmp_path):
    db = tmp_path / "q.db"
    app = make_app(db, start="study")
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, "typed")
        typed = question(app)
        assert isinstance(typed, TypedQuestion)
        box = typed.query_one(Input)
        assert app.focused is box
        shown = footer(app)
        assert "^z Undo" in shown and "^s Suspend" in shown
        assert "esc Leave the box" in shown
        assert "u Undo" not in shown and "? Help" not in shown  # they type
        answered = app.screen.step.counts.answered
        await press(pilot, "u", "s")
        assert box.value == "us"  # letters go in the box
        await press(pilot, "ctrl+z")
        assert app.screen.step.counts.answered == answered - 1
        assert question(app).item.item_id != typed.item.item_id  # the one before
        await answer(pilot, right=True)
        await go_on(pilot)
        assert question(app).card.kind == "typed"
        await press(pilot, "ctrl+s")
        assert question(app) is None or question(app).card.kind != "typed"
    with sqlite3.connect(db) as conn:
        (queue,) = conn.execute(
            "SELECT s.queue FROM schedule s JOIN items i ON i.id = s.item_id"
            " WHERE i.card_id = ?",
            (typed.card.id,),
        ).fetchone()
    assert queue == -1  # suspended


async def test_escape_leaves_the_box_and_the_letter_keys_work_again(tmp_path):
    app = make_app(tmp_path / "q.db", start="study")
    async with app.run_test(size=SIZE) as pilot:
        await answer_until(pilot, "typed")
        answered = app.screen.step.counts.answered
        await press(pilot, "escape")
        assert not isinstance(app.focused, Input)
        assert "u Undo" in footer(app) and "? Help" in footer(app)
        assert "⏎ Type the answer" in footer(app)
        await press(pilot, "u")
        assert app.screen.step.counts.answered == answered - 1
        await answer_until(pilot, "typed")
        await press(pilot, "escape", "enter")  # enter goes back in the box
        assert isinstance(app.focused, Input)
        await press(pilot, "escape", "escape")  # out of the box, then: end
        assert app.screen.__class__.__name__ == "SummaryScreen"


async def test_enter_on_an_empty_box_twice_means_i_dont_know(tmp_path):
    db = tmp_path / "q.db"
    app = make_app(db, start="study", deck="typed")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = question(app)
        await press(pilot, "enter")
        assert feedback_text(app) is None  # asked first, nothing recorded
        assert app.screen.step.counts.answered == 0
        hint = str(shown.query_one("#typed-hint").render())
        assert "Enter again to say you don't know" in hint
        await press(pilot, *type_keys("x"), "backspace", "enter")  # asks again
        assert app.screen.step.counts.answered == 0
        await press(pilot, "enter")
        text = feedback_text(app)
        assert text.startswith("✗ Not this time")
        assert f"Answer: {shown.card.answers[0]}" in text
        hint = str(shown.query_one("#typed-hint").render())
        assert "Enter again" not in hint  # the question is answered now
    with sqlite3.connect(db) as conn:
        grades = [g for (g,) in conn.execute("SELECT grade FROM reviews")]
    assert grades == [0]  # a blackout


def basic_and_true_false_deck(folder, cards: int = 12):
    """Basic and true/false cards in turns, as the key benchmark asks them."""
    folder.mkdir()
    text = '[deck]\nid = "turns"\nname = "Turns"\n'
    for n in range(cards):
        body = (
            f'kind = "basic"\nfront = "Front {n}?"\nback = "Back {n}."'
            if n % 2 == 0
            else f'kind = "truefalse"\nstatement = "Statement {n}."\nanswer = true'
        )
        text += (
            f'\n[[card]]\nid = "turns-{n}"\n{body}\nlevel = "beginner"\n'
            f'topic = "cues"\nexplain = "Why {n}."\n'
        )
    (folder / "turns.toml").write_text(text)
    return folder


async def test_the_study_loop_lays_nothing_out_on_a_key(tmp_path, monkeypatch):
    """Issue 12 item 13: each key of the loop (show, grade, t, go on) draws
    the card's lines again; laying the screen out on a key (a card's height
    changed, a line came and went) cost most of the time to the screen."""
    from textual.screen import Screen

    decks = basic_and_true_false_deck(tmp_path / "decks")
    app = make_app(tmp_path / "q.db", (decks,), start="study", deck="turns")
    layouts = []
    lay_out = Screen._refresh_layout

    def counted(screen, *args, **kwargs):
        layouts.append(screen)
        return lay_out(screen, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "space", "4", "t", "space")  # every part mounted once
        for _ in range(2):
            layouts.clear()
            shown = question(app)
            await press(pilot, "space")
            assert "Back" in shown.text() and not layouts, "show the answer"
            await press(pilot, "4")
            assert "Statement" in question(app).text() and not layouts, "grade"
            await press(pilot, "t")
            assert feedback_text(app) and not layouts, "t"
            await press(pilot, "space")
            assert "Front" in question(app).text() and not layouts, "go on"
