"""The order in which new cards are introduced.

Deck files are written fact by fact: a definition, then a cloze, a choice and a
true/false card about the same thing, side by side. Introduced in file order,
a learner's first days would be one deck's first fact asked four ways in a row
(each card giving the next away) and no typed or order card for a week. So new
cards are introduced in a mixed order, computed from the decks alone (the same
decks give the same order, and every profile shares it):

1. within a deck, neighbours in the file are spread apart: the cards are taken
   in strides of about the square root of the deck's size, so two cards of one
   fact are rarely close even when a learner studies one deck;
2. decks are interleaved, each at its own pace so that all finish together
   (a deck of 40 cards gives two cards for each one of a deck of 20);
3. over the first months, each next card is the nearest one that is not
   about the same thing as the card before (by shared words: see
   `similarity.related`) and whose kind was asked longest ago: the first card
   is a definition, the first ten hold most kinds, and cards of one fact in
   different decks do not meet either;
4. beginner cards are ordered among themselves and trainer cards among
   themselves, then the two are merged evenly (taking from the other level
   when the next card is about the same thing as the last): a beginner's own
   sequence is as mixed as a trainer's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from math import isqrt

from quizhinge.cards import Card, Deck
from quizhinge.similarity import related

# Bump when the rules above change, so that an unchanged catalog is synced
# again and learners' not-yet-seen cards follow the new order.
ORDER_VERSION = 1
# How far ahead a card may be pulled forward, and how many of the first cards
# (the first months at ten a day) are mixed that way.
LOOKAHEAD = 24
MIXED_HEAD = 1000


def study_order(decks: Iterable[Deck]) -> list[Card]:
    """Every card of `decks`, in the order new cards are introduced."""
    decks = list(decks)
    by_level = {
        level: _interleave(
            [[card for card in deck.cards if card.level == level] for deck in decks]
        )
        for level in ("beginner", "trainer")
    }
    others = [
        card
        for deck in decks
        for card in deck.cards
        if card.level not in ("beginner", "trainer")
    ]
    return _merge_evenly(by_level["beginner"], by_level["trainer"]) + others


def _spread(cards: Sequence[Card]) -> list[Card]:
    """The cards in strides: 0, k, 2k, ..., then 1, k+1, ... (k ~ sqrt(n))."""
    stride = max(1, isqrt(len(cards)))
    return [
        cards[i] for start in range(stride) for i in range(start, len(cards), stride)
    ]


def _interleave(groups: list[list[Card]]) -> list[Card]:
    """One sequence from the decks' spread cards (rules 2 and 3)."""
    spread = [_spread(group) for group in groups if group]
    # Each card's place in its own deck, as a share of the deck: sorting by it
    # takes every deck at its own pace, and alternates decks of equal pace.
    shares = sorted(
        ((i + 0.5) / len(cards), deck, i)
        for deck, cards in enumerate(spread)
        for i in range(len(cards))
    )
    return _mix_kinds([spread[deck][i] for _, deck, i in shares])


def _mix_kinds(order: list[Card]) -> list[Card]:
    """The first MIXED_HEAD cards reordered (rule 3), each the nearest of the
    next few that fits, so the decks' interleaving is otherwise kept; the
    cards after that keep it exactly."""
    order = list(order)
    # A learner meets a term before being asked about it: a definition, where
    # there is one, counts as asked longest ago, so it comes first.
    last_asked: dict[str, int] = {"definition": -2}
    unasked = {card.kind for card in order}
    for place in range(min(MIXED_HEAD, len(order))):
        window = list(range(place, min(place + LOOKAHEAD, len(order))))
        # Until every kind has come once, the first card of each kind not yet
        # asked is a candidate wherever it is: a rare kind comes early too.
        if unasked - {order[i].kind for i in window}:
            window += [_first_of(order, kind, place) for kind in unasked]
        previous = order[place - 1] if place else None
        best = min(
            window,
            key=lambda i: (
                previous is not None and related(order[i], previous),
                last_asked.get(order[i].kind, -1),
                i,
            ),
        )
        order.insert(place, order.pop(best))
        last_asked[order[place].kind] = place
        unasked.discard(order[place].kind)
    return order


def _first_of(order: list[Card], kind: str, start: int) -> int:
    return next(i for i in range(start, len(order)) if order[i].kind == kind)


def _merge_evenly(first: list[Card], second: list[Card]) -> list[Card]:
    """Both sequences, each in its own order, spread evenly over the whole:
    the one less far through its own cards goes next (`first` on a tie),
    unless, among the first MIXED_HEAD, its card is about the same thing as
    the last one and the other's is not."""
    merged: list[Card] = []
    i = j = 0
    while i < len(first) or j < len(second):
        first_next = j == len(second) or (
            i < len(first) and i * len(second) <= j * len(first)
        )
        if 0 < len(merged) < MIXED_HEAD and i < len(first) and j < len(second):
            ahead, other = (
                (first[i], second[j]) if first_next else (second[j], first[i])
            )
            if related(ahead, merged[-1]) and not related(other, merged[-1]):
                first_next = not first_next
        if first_next:
            merged.append(first[i])
            i += 1
        else:
            merged.append(second[j])
            j += 1
    return merged
