"""Helpers for the TUI tests: an app on a temporary database, its clock set
to START, and a learner who answers whatever card is on screen, right or
wrong."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList

from quizhinge.tui import QuizhingeApp
from quizhinge.tui.backend import Backend
from quizhinge.tui.widgets.feedback import FeedbackPanel
from quizhinge.tui.widgets.questions import (
    ChoiceQuestion,
    DrawnQuestion,
    OrderQuestion,
    Question,
    TypedQuestion,
)
from support.clock import Clock

DECKS = Path(__file__).parent.parent / "decks"
MIXED = DECKS / "mixed"
UNTRUSTED = DECKS / "untrusted"
START = datetime(2026, 11, 23, 9, 0, 0)


def make_app(
    db: Path,
    decks: tuple[Path, ...] = (MIXED,),
    *,
    start: str = "home",
    clock: Clock | None = None,
    profile: str = "tester",
    **options: str,
) -> QuizhingeApp:
    backend = Backend(db, list(decks), profile, clock or Clock(START))
    return QuizhingeApp(backend, start=start, **options)


async def settle(pilot: Pilot) -> None:
    """Let messages land and every worker (and so every database call) finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def question(app: QuizhingeApp) -> Question | None:
    """The card on the study screen (other kinds' widgets wait hidden)."""
    return getattr(app.screen, "question", None)


def flash_text(shown: Question | None) -> str:
    """A card drawn whole (self-graded, true/false) as drawn: prompt, then
    hint or answer and grades, or keys and feedback."""
    return shown.text() if isinstance(shown, DrawnQuestion) else ""


def feedback_text(app: QuizhingeApp) -> str | None:
    """An auto-graded answer's feedback, if it is on screen: under the card
    in the feedback panel, or drawn with a true/false card, off its edge."""
    shown = question(app)
    if isinstance(shown, DrawnQuestion):
        if not shown.feedback:
            return None
        return "\n".join(str(line) for line in shown.feedback)
    panel = app.screen.query_one(FeedbackPanel)
    if not panel.display:
        return None
    return panel.content.plain


def last_answer_text(app: QuizhingeApp) -> str | None:
    """The line under the next card that tells a self-graded answer's outcome
    (on the summary, when that answer ended the session)."""
    found = app.screen.query("#last-answer, #summary-last")
    if not found:
        return None
    line = found.first()
    if not line.display or not str(line.content):
        return None
    return str(line.content)  # a Static's, or the study screen's drawn text


async def go_on(pilot: Pilot) -> None:
    """After an answer, on to the next card: space leaves an auto-graded
    card's feedback; a grade already went on."""
    if getattr(pilot.app.screen, "phase", None) == "feedback":
        await press(pilot, "space")


def type_keys(text: str) -> list[str]:
    names = {" ": "space", "-": "minus", ".": "full_stop"}
    return [names.get(ch, ch) for ch in text]


async def answer(pilot: Pilot, right: bool) -> Question:
    """Answer the card on screen from the keyboard, as a learner would."""
    await settle(pilot)
    shown = question(pilot.app)
    assert shown is not None, "no card on screen"
    card = shown.card
    if isinstance(shown, ChoiceQuestion):
        index = shown.choices.index(card.answer)
        if not right:
            index = (index + 1) % len(shown.choices)
        await press(pilot, str(index + 1))
    elif card.kind == "truefalse":
        await press(pilot, "t" if card.answer == right else "f")
    elif isinstance(shown, TypedQuestion):
        text = card.answers[0] if right else "squat"
        await press(pilot, *type_keys(text), "enter")
    elif isinstance(shown, OrderQuestion):
        if right:
            await put_in_order(pilot, shown)
        await press(pilot, "enter")
    else:
        await press(pilot, "space", "5" if right else "1")
    return shown


async def put_in_order(pilot: Pilot, shown: OrderQuestion) -> None:
    """Move each step into place with the keyboard (down/up, shift+up)."""
    steps = shown.query_one(OptionList)
    for place, step in enumerate(shown.card.steps):
        position = shown.steps.index(step)
        while steps.highlighted < position:
            await press(pilot, "down")
        while steps.highlighted > position:
            await press(pilot, "up")
        for _ in range(position - place):
            await press(pilot, "shift+up")


async def answer_until(pilot: Pilot, kind: str, variant: str | None = None) -> None:
    """Answer cards right until one of `kind` is on screen.

    Each test deck holds one kind (its id is the kind), so `study --deck KIND`
    shows it first; this walks a mixed session to it.
    """
    for _ in range(40):
        await settle(pilot)
        shown = question(pilot.app)
        assert shown is not None, f"the session ended before a {kind} card"
        if shown.card.kind == kind and variant in (None, shown.item.variant):
            return
        await answer(pilot, right=True)
        await go_on(pilot)
    raise AssertionError(f"no {kind} card came up")


def seed_history(db: Path, decks: tuple[Path, ...] = (MIXED,), days: int = 60) -> None:
    """Study every day for `days` days before START, as a steady learner would.

    Grades follow a fixed pattern (mostly 4 and 5, some misses), and one card
    is always missed so that it becomes a leech. Everything goes through the
    engine, so the history is what real use would leave behind.
    """
    from quizhinge.catalog import load_catalog
    from quizhinge.session import StudySession
    from quizhinge.store import Store

    catalog = load_catalog(decks)
    store = Store.open(db)
    store.cards.sync(catalog)
    store.profiles.set_setting("tester", "level", "trainer")
    try:
        for back in range(days, 0, -1):
            if back % 9 == 4:
                continue  # a missed day now and then breaks the streak
            clock = Clock(START - timedelta(days=back))
            session = StudySession(store, catalog, "tester", now=clock)
            for turn in range(100):
                item = session.current()
                if item is None:
                    break
                if item.card.kind == "truefalse" and not item.redrill:
                    grade = 4 if item.state.repetitions == 0 else 1  # the leech
                elif item.redrill:
                    grade = 4
                else:
                    grade = (5, 4, 4, 5, 3, 4, 2, 5)[(back + turn) % 8]
                clock.advance(seconds=7)
                session.answer(grade, 7.0)
    finally:
        store.close()
