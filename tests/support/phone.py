"""A learner's Anki on a phone, played by the real `anki` package.

`Phone` imports a quizhinge export into a fresh Anki collection and answers
its cards with Anki's own scheduler, over simulated days: Anki's "today" is
counted from the collection's creation time, so moving that back a day (and
reopening) is a night passing, and each answer is dated on its simulated day
(Anki's `answered_at_millis`, which becomes the revlog id). At the end the
collection's today is the real today and its log reads as days of study.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from anki.collection import (
    Collection,
    ExportAnkiPackageOptions,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as UC
from anki.scheduler_pb2 import CardAnswer

AGAIN, HARD, GOOD, EASY = (
    CardAnswer.AGAIN,
    CardAnswer.HARD,
    CardAnswer.GOOD,
    CardAnswer.EASY,
)
DAY_SECONDS = 86_400


def import_options(with_scheduling: bool) -> ImportAnkiPackageOptions:
    return ImportAnkiPackageOptions(
        merge_notetypes=False,
        update_notes=UC.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        update_notetypes=UC.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        with_scheduling=with_scheduling,
        with_deck_configs=False,
    )


def import_package(col: Collection, package: Path, with_scheduling: bool) -> object:
    request = ImportAnkiPackageRequest(
        package_path=str(package), options=import_options(with_scheduling)
    )
    return col.import_anki_package(request).log


class Phone:
    """An Anki collection studied over `days` simulated days, ending today."""

    def __init__(self, folder: Path, package: Path, days: int):
        self.path = folder / "collection.anki2"
        self.days = days
        self.col = Collection(str(self.path))
        self.start_crt = self.col.crt
        self.now_ms = int(time.time() * 1000)
        self.day = 0
        self.clicks = 0
        import_package(self.col, package, with_scheduling=False)

    # -- time --------------------------------------------------------------------

    def go_to_day(self, day: int) -> None:
        """Let nights pass until the simulated `day` (0 = the first)."""
        assert day >= self.day
        self.day = day
        self.col.crt = self.start_crt - day * DAY_SECONDS
        self.col.close()
        self.col = Collection(str(self.path))
        assert self.col.sched.today == day

    def moment_ms(self) -> int:
        """Now, on the simulated day: one second later at every answer."""
        self.clicks += 1
        back = (self.days - 1 - self.day) * DAY_SECONDS * 1000
        return self.now_ms - back - 3_600_000 + self.clicks * 1000

    # -- cards -------------------------------------------------------------------

    def card_id(self, guid: str, ordinal: int = 0) -> int:
        return self.col.db.scalar(
            "SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid"
            " WHERE n.guid = ? AND c.ord = ?",
            guid,
            ordinal,
        )

    def answer(self, card_id: int, rating: int) -> None:
        """Press a button on a card, as Anki's reviewer does."""
        card = self.col.get_card(card_id)
        card.start_timer()
        states = self.col._backend.get_scheduling_states(card_id)
        answer = self.col.sched.build_answer(card=card, states=states, rating=rating)
        answer.answered_at_millis = self.moment_ms()
        answer.milliseconds_taken = 4000
        self.col.sched.answer_card(answer)

    def set_due_date(self, card_id: int, days: str) -> None:
        """A manual reschedule (Browse > Set due date): a revlog row, ease 0."""
        self.col.sched.set_due_date([card_id], days)

    def revlog(self) -> list[tuple[int, int, int, int]]:
        """(id, card id, ease, type) of every log row."""
        return [
            tuple(row)
            for row in self.col.db.all("SELECT id, cid, ease, type FROM revlog")
        ]

    # -- exporting ---------------------------------------------------------------

    def export(self, out: Path, *, legacy: bool, scheduling: bool = True) -> Path:
        """A deck export (.apkg) of every deck, as the Export dialog writes it."""
        self.col.export_anki_package(
            out_path=str(out),
            options=ExportAnkiPackageOptions(
                with_scheduling=scheduling,
                with_deck_configs=scheduling,
                with_media=True,
                legacy=legacy,
            ),
            limit=None,
        )
        return out

    def export_collection(self, out: Path, *, legacy: bool) -> Path:
        """A whole-collection backup (.colpkg); Anki closes it to write one."""
        self.col.export_collection_package(str(out), include_media=True, legacy=legacy)
        self.col = Collection(str(self.path))
        return out

    def close(self) -> None:
        self.col.close()


def revlog_time(revlog_id: int) -> datetime:
    return datetime.fromtimestamp(revlog_id / 1000, UTC)


def local_day(moment: datetime, hour: int = 4):
    return (moment.astimezone() - timedelta(hours=hour)).date()
