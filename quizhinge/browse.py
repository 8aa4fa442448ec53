"""The card browser: every card a learner studies, with its schedule, filtered;
suspending and unsuspending cards; one card's review history.

`quizhinge cards`, `quizhinge suspend/unsuspend` and the app's Cards screen
all read from here, so the three show the same rows in the same words. A row
is one item (a card, or one direction or gap of it): each has a schedule of
its own. Suspension is per card, as the study screen's `s` does it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from quizhinge.cards import Card
from quizhinge.catalog import Catalog
from quizhinge.session import ScopeError, check_scope
from quizhinge.store import LEECH_LAPSES, ItemRow, Profile, Queue, ReviewRow, Store

COLUMNS = ("id", "deck", "kind", "state", "due", "interval", "ease", "lapses")


class BrowseRow(NamedTuple):
    item_id: str
    card_id: str
    deck_id: str
    kind: str  # the card's kind, with the direction or gap ("definition term")
    state: str  # new | due | review | suspended
    due: date | None
    interval: int  # days
    ease: float  # SM-2 easiness
    lapses: int
    card: Card

    @property
    def leech(self) -> bool:
        return self.lapses >= LEECH_LAPSES

    @property
    def studied(self) -> bool:
        """Answered at least once (a suspended card may never have been)."""
        return self.due is not None

    def cells(self) -> tuple[str, ...]:
        """The row as text, in the order of COLUMNS."""
        return (
            self.item_id,
            self.deck_id,
            self.kind,
            self.state,
            self.due.isoformat() if self.due else "-",
            f"{self.interval}d" if self.studied else "-",
            f"{self.ease:.2f}",
            f"{self.lapses}{' (leech)' if self.leech else ''}",
        )


class BrowseError(ValueError):
    """A filter or card id that names nothing; the message lists what exists."""


def browse(
    store: Store,
    catalog: Catalog,
    profile: Profile,
    today: date,
    *,
    suspended: bool = False,
    leeches: bool = False,
    topic: str | None = None,
    deck: str | None = None,
    search: str | None = None,
) -> list[BrowseRow]:
    """The items of the cards this learner studies (and every suspended one),
    in deck order, narrowed by every filter given."""
    check_filters(catalog, deck, topic)
    rows = store.schedule.browse_items(
        profile.id,
        profile.levels,
        deck,
        topic,
        suspended_only=suspended,
        leeches_only=leeches,
    )
    cards = catalog.cards_by_id
    found = [
        _row(item, cards[item.card_id], today) for item in rows if item.card_id in cards
    ]
    if search:
        found = [row for row in found if matches(row, search)]
    return found


def check_filters(catalog: Catalog, deck: str | None, topic: str | None) -> None:
    """Refuse a deck or topic that does not exist, naming those that do."""
    try:
        check_scope(catalog, deck, topic)
    except ScopeError as error:
        raise BrowseError(str(error)) from None


def _row(item: ItemRow, card: Card, today: date) -> BrowseRow:
    if item.queue == Queue.SUSPENDED:
        state = "suspended"
    elif item.queue == Queue.NEW:
        state = "new"
    elif item.due_day is not None and item.due_day <= today:
        state = "due"
    else:
        state = "review"
    kind = f"{card.kind} {item.variant}" if item.variant else card.kind
    return BrowseRow(
        item_id=item.item_id,
        card_id=item.card_id,
        deck_id=card.deck_id,
        kind=kind,
        state=state,
        due=item.due_day,
        interval=item.state.interval,
        ease=item.state.easiness_hundredths / 100,
        lapses=item.lapses,
        card=card,
    )


def matches(row: BrowseRow, text: str) -> bool:
    """Whether every word of `text` is found, case-insensitively, in the row's
    columns, topic, level, tags or anything the card says."""
    haystack = searchable(row)
    return all(word in haystack for word in text.casefold().split())


def searchable(row: BrowseRow) -> str:
    card = row.card
    parts = (
        *row.cells(),
        card.topic,
        card.level,
        *card.tags,
        card.prompt_text(),
        card.answer_text(),
        card.explain,
        "leech" if row.leech else "",
    )
    return "\n".join(parts).casefold()


def card_ids(catalog: Catalog, names: Sequence[str]) -> list[str]:
    """The cards named, by card id or by an item id (`card#variant`, as
    `quizhinge cards` lists them); BrowseError naming every unknown one."""
    known = catalog.cards_by_id
    wanted = [name.partition("#")[0] for name in names]
    unknown = [
        name for name, card in zip(names, wanted, strict=True) if card not in known
    ]
    if unknown:
        raise BrowseError(
            f"no card with id {', '.join(map(repr, unknown))}"
            " (quizhinge cards --search TEXT finds a card's id)"
        )
    return list(dict.fromkeys(wanted))


def set_suspended(
    store: Store, profile: Profile, ids: Sequence[str], suspend: bool
) -> list[tuple[str, bool]]:
    """Suspend or unsuspend each card; (card id, whether it changed) each."""
    change = store.schedule.suspend if suspend else store.schedule.unsuspend
    return [(card_id, change(profile.id, card_id) > 0) for card_id in ids]


def history(store: Store, profile: Profile, card_id: str) -> list[ReviewRow]:
    """Every answer given to the card, oldest first."""
    return store.schedule.card_reviews(profile.id, card_id)
