"""Content checks for decks that are valid but teach test-taking tells.

A deck can pass every rule of the format and still be a poor exam: the right
choice is the longest one so often that length gives it away, most statements
are false, two cards ask the same thing (or one gives the other away), a
trainer's claim has no source, an explanation only repeats the answer. None of
these stops a card from working, so they are warnings, shown by
`quizhinge validate --strict`, which trainers run on their own decks and CI on
the bundled ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import combinations

from quizhinge.cards import Card, ChoiceCard, Deck, TrueFalseCard
from quizhinge.deckfile import key_line
from quizhinge.problems import Problem
from quizhinge.similarity import card_words, jaccard, words

# The right choice is "much longer" than every other by this factor.
LONGEST_FACTOR = 1.2
# Share of a deck's choice cards whose right answer may be the longest choice,
# judged on decks with at least HABIT_MIN_CARDS such cards.
LONGEST_SHARE = 1 / 3
HABIT_MIN_CARDS = 3
# Share of a deck's true/false cards that may have the same answer, and the
# fewest cards the share is judged on (two of two is not a habit).
ONE_WAY_SHARE = 0.65
ONE_WAY_MIN_CARDS = 4
# Two prompts are "much the same" when this share of their words is shared
# (Jaccard), judged only on prompts of at least SIMILAR_MIN_WORDS words.
SIMILAR_SHARE = 0.5
SIMILAR_MIN_WORDS = 4
# An explanation must bring at least this many words of its own.
EXPLAIN_MIN_NEW_WORDS = 3


def lint(decks: Iterable[Deck]) -> list[Problem]:
    """Every warning for these decks, deck by deck, then across decks; each is
    a Problem whose message starts with "warning:"."""
    decks = list(decks)
    found: list[Problem] = []
    for deck in decks:
        found.extend(_deck_warnings(deck))
    found.extend(_similar_prompts(decks))
    return found


def _deck_warnings(deck: Deck) -> Iterator[Problem]:
    choices = [card for card in deck.cards if isinstance(card, ChoiceCard)]
    for choice in choices:
        if _longest_by_far(choice):
            yield _card_warning(
                deck,
                choice,
                "answer",
                f"the right answer is the longest choice by more than "
                f"{LONGEST_FACTOR - 1:.0%}: length gives it away",
            )
    longest = sum(_is_longest(card) for card in choices)
    if len(choices) >= HABIT_MIN_CARDS and longest > LONGEST_SHARE * len(choices):
        yield _deck_warning(
            deck,
            f"the right answer is the longest choice in {longest} of "
            f"{len(choices)} choice cards (at most a third is fair)",
        )
    statements = [card for card in deck.cards if isinstance(card, TrueFalseCard)]
    true = sum(card.answer for card in statements)
    if len(statements) >= ONE_WAY_MIN_CARDS:
        share = max(true, len(statements) - true) / len(statements)
        if share > ONE_WAY_SHARE:
            yield _deck_warning(
                deck,
                f"{true} of {len(statements)} true/false answers are True: "
                f"more than {ONE_WAY_SHARE:.0%} one way teaches a guess",
            )
    for card in deck.cards:
        if card.level == "trainer" and not card.source:
            yield _card_warning(deck, card, "id", "a trainer card without a source")
        if _explains_nothing(card):
            yield _card_warning(
                deck, card, "explain", "the explanation only repeats the answer"
            )


def _is_longest(card: ChoiceCard) -> bool:
    others = [len(choice) for choice in card.choices if choice != card.answer]
    return bool(others) and len(card.answer) > max(others)


def _longest_by_far(card: ChoiceCard) -> bool:
    others = [len(choice) for choice in card.choices if choice != card.answer]
    return bool(others) and len(card.answer) > LONGEST_FACTOR * max(others)


def _explains_nothing(card: Card) -> bool:
    """True when the explanation adds fewer than a few words beyond the card's
    own question and answer."""
    return len(words(card.explain) - card_words(card)) < EXPLAIN_MIN_NEW_WORDS


def _similar_prompts(decks: list[Deck]) -> Iterator[Problem]:
    owners = {card.id: deck for deck in decks for card in deck.cards}
    prompts = [
        (card, found)
        for deck in decks
        for card in deck.cards
        if len(found := words(card.prompt_text())) >= SIMILAR_MIN_WORDS
    ]
    for (first, a), (second, b) in combinations(prompts, 2):
        if jaccard(a, b) >= SIMILAR_SHARE:
            yield _card_warning(
                owners[second.id],
                second,
                "id",
                f"asks much the same as card {first.id} "
                f"({owners[first.id].path}): a duplicate or a give-away",
            )


def _card_warning(deck: Deck, card: Card, key: str, message: str) -> Problem:
    line = key_line(deck.path, card.id, key)
    return Problem(deck.path, line, f"warning: {message}", card.id)


def _deck_warning(deck: Deck, message: str) -> Problem:
    line = key_line(deck.path, None, "id")
    return Problem(deck.path, line, f"[deck]: warning: {message}")
