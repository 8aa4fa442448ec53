"""The order new cards are introduced in: mixed kinds, decks and facts.

A learner notices it on their first days: the same fact asked four ways in a
row, one deck for a week, no typed or order card until the second week.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from support.engine import basic, catalog_of

from quizhinge.cards import (
    BasicCard,
    Card,
    ChoiceCard,
    ClozeCard,
    Deck,
    DefinitionCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from quizhinge.session import StudySession
from quizhinge.store import Store
from quizhinge.study_order import study_order

COMMON = {"level": "beginner", "topic": "cues", "explain": "why"}


def fact_cards(deck: str, fact: int, level: str = "beginner") -> list[Card]:
    """One fact asked five ways, side by side as deck files are written."""
    prefix = f"{deck}-f{fact}"
    common = {**COMMON, "level": level, "deck_id": deck}
    return [
        BasicCard(id=f"{prefix}-basic", front="?", back="!", **common),
        ClozeCard(id=f"{prefix}-cloze", text="{{c1::x}}", **common),
        ChoiceCard(
            id=f"{prefix}-choice",
            question="?",
            choices=("a", "b"),
            answer="a",
            **common,
        ),
        TrueFalseCard(id=f"{prefix}-tf", statement="s", answer=True, **common),
        TypedCard(id=f"{prefix}-typed", question="?", answers=("x",), **common),
    ]


def deck_of(deck_id: str, cards: list[Card]) -> Deck:
    return Deck(deck_id, deck_id, "", f"{deck_id}.toml", tuple(cards))


def deck_of_facts(deck_id: str, facts: range, level: str = "beginner") -> list[Card]:
    return [card for fact in facts for card in fact_cards(deck_id, fact, level)]


def fact_of(card: Card) -> str:
    return card.id.rsplit("-", 1)[0]


def test_every_card_comes_once():
    decks = [deck_of(d, deck_of_facts(d, range(6))) for d in "ab"]
    order = study_order(decks)
    assert sorted(c.id for c in order) == sorted(c.id for d in decks for c in d.cards)


def test_one_deck_never_asks_one_fact_twice_in_a_row():
    order = study_order([deck_of("d", deck_of_facts("d", range(8)))])
    pairs = itertools.pairwise(order)
    assert [(a.id, b.id) for a, b in pairs if fact_of(a) == fact_of(b)] == []


def test_the_first_ten_cards_mix_kinds_even_when_files_group_them():
    # A deck of one kind per fact block, and another of the rarer kinds last.
    plain = deck_of("plain", [basic(f"b{n}", deck="plain") for n in range(30)])
    rare = deck_of(
        "rare",
        [basic(f"r{n}", deck="rare") for n in range(20)]
        + [
            TypedCard(id="t1", question="?", answers=("x",), deck_id="rare", **COMMON),
            OrderCard(
                id="o1", question="?", steps=("1", "2"), deck_id="rare", **COMMON
            ),
        ],
    )
    kinds = {card.kind for card in study_order([plain, rare])[:10]}
    assert {"typed", "order"} <= kinds


def test_decks_alternate_and_keep_pace_with_their_size():
    small = deck_of("small", [basic(f"s{n}", deck="small") for n in range(10)])
    big = deck_of("big", [basic(f"b{n}", deck="big") for n in range(20)])
    order = study_order([small, big])
    first_half = [card.deck_id for card in order[:15]]
    assert first_half.count("big") == 10 and first_half.count("small") == 5
    two_equal = study_order(
        [
            small,
            replace(
                small,
                id="other",
                cards=tuple(
                    replace(card, id=f"o{card.id}", deck_id="other")
                    for card in small.cards
                ),
            ),
        ]
    )
    decks = [card.deck_id for card in two_equal]
    assert all(a != b for a, b in itertools.pairwise(decks))


def test_a_beginners_order_does_not_depend_on_the_trainer_cards():
    only_beginner = [deck_of(d, deck_of_facts(d, range(4))) for d in "ab"]
    both = [
        deck_of(
            d,
            deck_of_facts(d, range(4)) + deck_of_facts(d, range(10, 14), "trainer"),
        )
        for d in "ab"
    ]
    seen_by_beginner = [c.id for c in study_order(both) if c.level == "beginner"]
    assert seen_by_beginner == [c.id for c in study_order(only_beginner)]


def test_beginner_and_trainer_cards_are_spread_evenly_for_a_trainer():
    cards = [basic(f"e{n}") for n in range(10)] + [
        basic(f"h{n}", level="trainer") for n in range(10)
    ]
    levels = [card.level for card in study_order(catalog_of(*cards).decks)]
    assert levels[:4] == ["beginner", "trainer", "beginner", "trainer"]


def test_the_same_decks_give_the_same_order():
    decks = [deck_of(d, deck_of_facts(d, range(5))) for d in "abc"]
    assert study_order(decks) == study_order(list(decks))


def test_new_cards_come_in_study_order_and_a_reorder_reaches_unseen_cards(tmp_path):
    cards = [basic(f"n{n}") for n in range(9)]
    catalog = catalog_of(*cards)
    with Store.open(tmp_path / "q.db") as store:
        store.cards.sync(catalog)
        session = StudySession(store, catalog, "me")
        expected = [card.id for card in study_order(catalog.decks)]
        assert [item.item_id for item in session.upcoming()] == expected[:9]
        session.answer(5, 1.0)  # the first card is studied; the rest are not
        # The deck is rewritten in reverse: the unseen cards follow its new order.
        reversed_catalog = catalog_of(*reversed(cards))
        store.cards.sync(reversed_catalog)
        again = StudySession(store, reversed_catalog, "me")
        new_order = [c.id for c in study_order(reversed_catalog.decks)]
        assert [item.item_id for item in again.upcoming()] == [
            card_id for card_id in new_order if card_id != expected[0]
        ]


def test_a_learner_meets_a_definition_first():
    decks = [deck_of(d, deck_of_facts(d, range(4))) for d in "ab"]
    decks.append(
        deck_of(
            "terms",
            [
                basic("t0", deck="terms"),
                DefinitionCard(
                    id="def-hinge",
                    term="Hip hinge",
                    meaning="Folding at the hips",
                    deck_id="terms",
                    **COMMON,
                ),
            ],
        )
    )
    assert study_order(decks)[0].id == "def-hinge"
