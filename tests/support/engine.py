"""Small builders shared by the engine tests: cards, catalogs, and the
moment their clock starts at."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from quizhinge.cards import BasicCard, Card, ClozeCard, Deck, DefinitionCard
from quizhinge.catalog import Catalog

ZONE = timezone(timedelta(hours=1))
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=ZONE)  # the engine tests' first moment


def basic(
    card_id: str,
    level: str = "beginner",
    topic: str = "definitions",
    deck: str = "d1",
    front: str = "",
) -> BasicCard:
    return BasicCard(
        id=card_id,
        level=level,
        topic=topic,
        explain="why",
        deck_id=deck,
        front=front or f"front of {card_id}",
        back=f"back of {card_id}",
    )


def definition(card_id: str, deck: str = "d1") -> DefinitionCard:
    return DefinitionCard(
        id=card_id,
        level="beginner",
        topic="definitions",
        explain="why",
        deck_id=deck,
        term=f"term {card_id}",
        meaning=f"meaning {card_id}",
    )


def cloze(card_id: str, text: str, deck: str = "d1") -> ClozeCard:
    return ClozeCard(
        id=card_id,
        level="beginner",
        topic="definitions",
        explain="why",
        deck_id=deck,
        text=text,
    )


def catalog_of(*cards: Card) -> Catalog:
    """One deck per deck id, in order of first appearance."""
    decks: dict[str, list[Card]] = {}
    for card in cards:
        decks.setdefault(card.deck_id, []).append(card)
    return Catalog(
        tuple(
            Deck(
                id=deck_id,
                name=f"Deck {deck_id}",
                description="",
                path=f"{deck_id}.toml",
                cards=tuple(deck_cards),
            )
            for deck_id, deck_cards in decks.items()
        )
    )
