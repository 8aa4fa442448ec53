"""The `cards` and `items` tables: the decks' cards, kept in step with them.

An item is one thing a card asks (the card itself, or one direction of a
definition or one gap of a cloze), with a schedule row per profile. Sync
never loses history: edited cards keep it, removed cards are retired, and come
back with it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from quizhinge.store.schedule import Queue
from quizhinge.store.values import utc_text

if TYPE_CHECKING:
    from quizhinge.catalog import Catalog
    from quizhinge.store import Store

FINGERPRINT_KEY = "catalog_fingerprint"  # in `meta`: the catalog last synced


class SyncReport(NamedTuple):
    added: int = 0
    updated: int = 0
    retired: int = 0
    revived: int = 0

    @property
    def changed(self) -> bool:
        return any((self.added, self.updated, self.retired, self.revived))


def item_id(card_id: str, variant: str) -> str:
    return f"{card_id}#{variant}" if variant else card_id


class Cards:
    """Syncing the cards and items with the decks (`store.cards`)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def sync(self, catalog: Catalog) -> SyncReport:
        """Bring the cards in line with the decks; writes nothing if unchanged."""
        store = self._store
        fingerprint = catalog.fingerprint
        if store.meta(FINGERPRINT_KEY) == fingerprint:
            return SyncReport()
        conn = store.conn
        cards = {
            row[0]: (row[1], row[2])
            for row in conn.execute("SELECT id, content_hash, retired FROM cards")
        }
        items = {
            row[0]: (row[1], row[2])
            for row in conn.execute("SELECT id, position, retired FROM items")
        }
        now = utc_text(datetime.now(UTC))
        card_rows: list[dict[str, Any]] = []
        item_rows: list[dict[str, Any]] = []
        added = updated = revived = 0
        seen_cards: set[str] = set()
        seen_items: set[str] = set()
        from quizhinge.study_order import study_order  # only when decks changed

        position = 0
        for card in study_order(catalog.decks):  # positions: the order new cards come
            seen_cards.add(card.id)
            digest = card.content_hash()
            old = cards.get(card.id)
            if old is None or old != (digest, 0):
                added += old is None
                updated += old is not None and old[0] != digest
                revived += old is not None and old[1] == 1
                card_rows.append(
                    {
                        "id": card.id,
                        "deck_id": card.deck_id,
                        "kind": card.kind,
                        "level": card.level,
                        "topic": card.topic,
                        "content_hash": digest,
                        "retired": 0,
                        "updated_at": now,
                    }
                )
            for variant in card.variants():
                position += 1
                iid = item_id(card.id, variant)
                seen_items.add(iid)
                if items.get(iid) != (position, 0):
                    item_rows.append(
                        {
                            "id": iid,
                            "card_id": card.id,
                            "variant": variant,
                            "position": position,
                            "retired": 0,
                        }
                    )
        gone_cards = [c for c, (_, r) in cards.items() if not r and c not in seen_cards]
        gone_items = [i for i, (_, r) in items.items() if not r and i not in seen_items]
        with store.transaction() as conn:
            db = store.db
            db.table("cards").upsert_all(card_rows, pk="id")
            db.table("items").upsert_all(item_rows, pk="id")
            conn.executemany(
                "UPDATE cards SET retired = 1, updated_at = ? WHERE id = ?",
                [(now, c) for c in gone_cards],
            )
            conn.executemany(
                "UPDATE items SET retired = 1 WHERE id = ?", [(i,) for i in gone_items]
            )
            # New items, and revived ones a newer profile never had, start new;
            # items not yet studied follow the decks' current order.
            conn.executemany(
                "INSERT OR IGNORE INTO schedule (profile_id, item_id, new_order)"
                " SELECT p.id, i.id, i.position FROM profiles p, items i"
                " WHERE i.id = ?",
                [(row["id"],) for row in item_rows],
            )
            conn.executemany(
                "UPDATE schedule SET new_order = ? WHERE item_id = ? AND queue = ?",
                [(row["position"], row["id"], Queue.NEW) for row in item_rows],
            )
            db.table("meta").upsert(
                {"key": FINGERPRINT_KEY, "value": fingerprint}, pk="key"
            )
        return SyncReport(added, updated, len(gone_cards), revived)
