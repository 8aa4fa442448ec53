"""Deck text turned into Textual Content, literally.

Deck text is untrusted: a string with markup enabled can run app actions when
clicked (`[@click=app.quit]x[/]`) and malformed markup (`Answer: [/]`) crashes
the render. So every piece of deck text becomes `Content(text)` (or a styled
part of `Content.assemble`), never markup. What a card shows is the card's own
business (`Card.shown_question`, `Card.shown_answer`); here its runs get their
styles.
"""

from __future__ import annotations

import random
from datetime import date

from textual.content import Content

from quizhinge.cards import Card, Runs, arranged

GAP_STYLE = "bold $text-accent"
ANSWER_STYLE = "bold $text-success"
ROLE_STYLES = {"lead": "dim", "gap": GAP_STYLE, "answer": ANSWER_STYLE}


def content(runs: Runs) -> Content:
    """Runs of card text as Content, each styled by its role only."""
    return Content.assemble(
        *((text, ROLE_STYLES[role]) if role else text for text, role in runs)
    )


def prompt(card: Card, variant: str = "") -> Content:
    """What the card asks, with a cloze's asked gap blanked out."""
    return content(card.shown_question(variant))


def answer(card: Card, variant: str = "") -> Content:
    """The answer a card reveals (a cloze's gap filled in)."""
    return content(card.shown_answer(variant))


def options(card: Card, item_id: str, today: date, redrill: bool = False) -> list[str]:
    """The card's choices or steps as the study screen shows them: the same
    order for the same item all day, so undo and reopen look alike; but
    another order for its re-drill, so that a missed card is answered again
    by its content, not by the place of the answer just shown. A figure's
    panel letters stay in letter order whatever the day (`cards.arranged`):
    they name panels the figure already shows in a fixed order."""
    again = ":redrill" if redrill else ""
    rng = random.Random(f"{item_id}:{today.isoformat()}{again}")
    return arranged(card, rng.shuffle)
