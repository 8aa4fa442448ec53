"""The catalog: every card of every deck folder in use, checked as one set.

Card ids must be unique across all decks (a learner's history follows the id),
so the catalog is where files are checked against each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from quizhinge.cards import Card, Deck
from quizhinge.problems import DeckError, Problem


@dataclass(frozen=True)
class Catalog:
    decks: tuple[Deck, ...]
    # The fingerprint when it is already known (the decks' kept copy has it).
    known_fingerprint: str | None = field(default=None, compare=False, repr=False)
    # What kept deck files out of a lenient load (`load_catalog(lenient=True)`).
    problems: tuple[Problem, ...] = field(default=(), compare=False)

    def __iter__(self) -> Iterator[Card]:
        for deck in self.decks:
            yield from deck.cards

    def __len__(self) -> int:
        return sum(len(deck.cards) for deck in self.decks)

    @cached_property
    def cards_by_id(self) -> dict[str, Card]:
        """Every card by id, built once: a session looks cards up per answer."""
        return {card.id: card for card in self}

    @cached_property
    def fingerprint(self) -> str:
        """One digest of every card, in order, so the store can skip syncing
        an unchanged catalog.

        A card's repr names its kind and every field, and is much cheaper than
        `content_hash()`, which the store computes only when this changed. The
        version of the new-card order is part of it: a new rule reorders the
        cards not yet studied even when no deck changed.
        """
        if self.known_fingerprint is not None:
            return self.known_fingerprint
        import hashlib  # here: on a day with unchanged decks it is not needed

        from quizhinge.study_order import ORDER_VERSION

        digest = hashlib.sha256(f"study order {ORDER_VERSION}\0".encode())
        for card in self:
            digest.update(repr(card).encode())
            digest.update(b"\0")
        return digest.hexdigest()

    def card(self, card_id: str) -> Card:
        return self.cards_by_id[card_id]

    def deck(self, deck_id: str) -> Deck:
        for deck in self.decks:
            if deck.id == deck_id:
                return deck
        raise KeyError(deck_id)


def deck_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders into their *.toml files, in a stable order."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.toml"))
            if not found:
                problems.append(Problem(str(path), None, "no deck files (*.toml)"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), None, "no such file or folder"))
    return files, problems


def load_catalog(paths: Iterable[Path], *, lenient: bool = False) -> Catalog:
    """Load and check every deck; raise DeckError with all problems at once.

    `lenient` (the app, and the commands that only read progress): a deck
    file with any problem is left out instead, so one broken extra deck does
    not keep a learner from the others; the catalog carries the problems to
    show. A deck that clashes with an earlier one (the same deck id or card
    id) is the one left out, so the bundled decks, read first, always stay.
    """
    from quizhinge.deckfile import load_deck  # not needed for the decks' kept copy

    files, problems = deck_files(paths)
    decks: list[Deck] = []
    for file in files:
        try:
            decks.append(load_deck(file))
        except DeckError as error:
            problems.extend(error.problems)
    clashes = _cross_file_problems(decks)
    problems.extend(clashes)
    if problems and not lenient:
        raise DeckError(problems)
    if clashes:
        decks = _without_clashes(decks)
    return Catalog(tuple(decks), problems=tuple(problems))


def _without_clashes(decks: list[Deck]) -> list[Deck]:
    """The decks in order, leaving out each that reuses an id taken by a deck
    kept before it."""
    kept: list[Deck] = []
    deck_ids: set[str] = set()
    card_ids: set[str] = set()
    for deck in decks:
        ids = [card.id for card in deck.cards]
        if deck.id in deck_ids or card_ids.intersection(ids):
            continue
        kept.append(deck)
        deck_ids.add(deck.id)
        card_ids.update(ids)
    return kept


def _cross_file_problems(decks: list[Deck]) -> list[Problem]:
    from quizhinge.deckfile import card_line

    problems = []
    deck_owner: dict[str, str] = {}
    card_owner: dict[str, str] = {}
    for deck in decks:
        if deck.id in deck_owner:
            problems.append(
                Problem(
                    deck.path,
                    None,
                    f"[deck]: id {deck.id!r} is also used by {deck_owner[deck.id]}",
                )
            )
        deck_owner.setdefault(deck.id, deck.path)
        for card in deck.cards:
            if card.id in card_owner:
                problems.append(
                    Problem(
                        deck.path,
                        card_line(deck.path, card.id),
                        f"duplicate id (also in {card_owner[card.id]})",
                        card.id,
                    )
                )
            card_owner.setdefault(card.id, deck.path)
    return problems
