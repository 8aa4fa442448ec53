"""Deck text turned into Textual Content, literally.

Deck text is untrusted: a string with markup enabled can run app actions when
clicked (`[@click=app.quit]x[/]`) and malformed markup (`Answer: [/]`) crashes
the render. So every piece of deck text becomes `Content(text)` (or a styled
part of `Content.assemble`), never markup.
"""

from __future__ import annotations

import random
from datetime import date

from textual.content import Content

from quizhinge.cards import (
    CLOZE_GAP,
    BasicCard,
    Card,
    ChoiceCard,
    ClozeCard,
    DefinitionCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)

GAP_STYLE = "bold $text-accent"
ANSWER_STYLE = "bold $text-success"


def prompt(card: Card, variant: str = "") -> Content:
    """What the card asks, with a cloze's asked gap blanked out."""
    match card:
        case BasicCard():
            return Content(card.front)
        case DefinitionCard():
            if variant == "meaning":
                return Content.assemble(("Which term means: ", "dim"), card.meaning)
            return Content.assemble(("What is: ", "dim"), card.term)
        case ClozeCard():
            return cloze(card, variant, reveal=False)
        case ChoiceCard() | TypedCard() | OrderCard():
            return Content(card.question)
        case TrueFalseCard():
            return Content.assemble(("True or false? ", "dim"), card.statement)
    return Content("")


def answer(card: Card, variant: str = "") -> Content:
    """The answer a self-graded card reveals."""
    match card:
        case BasicCard():
            return Content(card.back)
        case DefinitionCard():
            return Content(card.term if variant == "meaning" else card.meaning)
        case ClozeCard():
            return cloze(card, variant, reveal=True)
        case ChoiceCard():
            return Content(card.answer)
        case TrueFalseCard():
            return Content("True" if card.answer else "False")
        case TypedCard():
            return Content(card.answers[0] if card.answers else "")
        case OrderCard():
            return Content("\n").join(
                Content(f"{n}. ").append(Content(step))
                for n, step in enumerate(card.steps, 1)
            )
    return Content("")


def cloze(card: ClozeCard, variant: str, reveal: bool) -> Content:
    """The cloze sentence: the asked gap as `[...]` (or its hint), or revealed.

    Other gaps show their answer as plain text, as Anki does.
    """
    asked = int(variant[1:]) if variant[1:].isdigit() else 0
    parts: list[str | tuple[str, str]] = []
    position = 0
    for match in CLOZE_GAP.finditer(card.text):
        parts.append(card.text[position : match.start()])
        number, text, hint = int(match.group(1)), match.group(2), match.group(3)
        if number != asked:
            parts.append(text)
        elif reveal:
            parts.append((text, ANSWER_STYLE))
        else:
            parts.append((f"[{hint or '...'}]", GAP_STYLE))
        position = match.end()
    parts.append(card.text[position:])
    return Content.assemble(*parts)


def _seeded(item_id: str, today: date) -> random.Random:
    """Same order for the same item all day, so undo and reopen look alike."""
    return random.Random(f"{item_id}:{today.isoformat()}")


def shuffled_choices(card: ChoiceCard, item_id: str, today: date) -> list[str]:
    choices = list(card.choices)
    _seeded(item_id, today).shuffle(choices)
    return choices


def scrambled_steps(card: OrderCard, item_id: str, today: date) -> list[str]:
    """The steps out of order (never already right when there are two or more)."""
    steps = list(card.steps)
    if len(set(steps)) < 2:
        return steps
    rng = _seeded(item_id, today)
    while steps == list(card.steps):
        rng.shuffle(steps)
    return steps


def kind_label(card: Card, variant: str) -> str:
    """A short label of what kind of question this is."""
    labels = {
        "basic": "Question",
        "definition": "Definition",
        "cloze": "Fill the gap",
        "choice": "Choose one",
        "truefalse": "True or false",
        "typed": "Type the answer",
        "order": "Put in order",
    }
    return labels.get(card.kind, card.kind)
