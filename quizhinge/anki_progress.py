"""Progress made in Anki, brought back into quizhinge.

A learner studies the same cards in the terminal and in Anki on a phone. An
Anki package exported with scheduling (an .apkg of a deck, or a .colpkg of a
whole collection) holds Anki's review log; this module reads it without the
`anki` package and merges it into ours:

- A package is a zip: `collection.anki21b` (zstd-compressed SQLite, Anki
  2.1.50 and later; such packages also hold a dummy `collection.anki2` that
  only says "update Anki"), or `collection.anki21` / `collection.anki2`
  (legacy exports), with `meta` (a protobuf naming the package version) and
  `media`. A file that is none of these, a package too new to read, one with no
  review log and one holding none of our notes are refused before the
  database is opened, so they leave it byte for byte as it was.
- Notes match our cards by GUID (`anki.note_guid`, the export's own), Anki
  cards match our items by template ordinal (a definition's two directions,
  a cloze's gaps). Notes that are not ours are counted and left alone.
- Each answer in Anki's log (ease 1-4) becomes a review in ours, marked with
  its revlog id so that importing a file again adds nothing. Buttons map to
  SM-2 qualities: Again 1, Hard 3, Good 4, Easy 5. Rows with no button (ease
  0: a manual reschedule, "set due date", "forget") are not answers. An
  answer quizhinge exported itself (`export --with-progress`) comes back with
  its own time and is recognised as already logged.
- Every item that gained an answer is rescheduled by replaying its whole
  history, ours and Anki's in time order, through `store.schedule.answer_outcome`, the
  rule every answer in a session goes through: only the first answer of a
  study day schedules, later ones are re-drills. So the schedule is exactly
  what it would be had every answer been given in quizhinge.
- All of it is one transaction, taken with the write lock up front: a second
  import waits for the first, and a kill mid-import leaves the log as it was.

This module is imported only by `quizhinge import-progress` (zstandard and
the export's genanki stay off the start-up path).
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, BinaryIO, Protocol

from quizhinge.catalog import Catalog
from quizhinge.inert import inert
from quizhinge.scheduler import Sm2State
from quizhinge.session import local_now, study_day
from quizhinge.store import (
    ItemRow,
    Outcome,
    Profile,
    Queue,
    Store,
    answer_outcome,
    item_id,
)
from quizhinge.store.anki_collection import (
    AnkiCardSchedule,
    AnkiCollection,
    AnkiRevlogEntry,
    CollectionError,
    ExportProgress,
    read_collection,
)
from quizhinge.store.progress import LoggedAnswer, ReplayStep, ReviewExport
from quizhinge.store.values import day_text, state_columns, utc_text

# Anki's answer buttons (revlog.ease) -> SM-2 quality.
BUTTON_GRADES: dict[int, int] = {1: 1, 2: 3, 3: 4, 4: 5}
# revlog.type: 0 learn, 1 review, 2 relearn, 3 filtered deck (cram) are
# answers; 4 manual and 5 rescheduled are Anki moving a card, not the learner.
ANSWER_KINDS = frozenset({0, 1, 2, 3})

# Package versions in `meta` (Anki's PackageMetadata.Version): 1 and 2 legacy
# (collection.anki2 / .anki21), 3 the current zstd collection.anki21b.
NEWEST_PACKAGE_VERSION = 3
NEWEST_SCHEMA = 18  # col.ver of Anki 2.1.50 to 26.x; legacy exports write 11
OLDEST_SCHEMA = 11
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
# An exported answer sharing its millisecond with another is dated up to this
# many ms later (revlog ids are unique); no one answers one card twice in 10 ms.
MAX_BUMP = 9
MAX_COLLECTION_BYTES = 2 << 30  # a zip bomb stops here, not the disk


class ProgressError(Exception):
    """A package that cannot be imported, in one line a learner can act on."""


@dataclass(frozen=True)
class ImportedAnswer:
    """One answer from Anki's log, matched to one of our items."""

    revlog_id: int
    item_id: str
    answered_at: datetime  # UTC
    grade: int
    seconds: float


@dataclass(frozen=True)
class Matched:
    """A package's log, matched against the decks."""

    answers: tuple[ImportedAnswer, ...]
    notes_matched: int
    notes_ignored: int
    not_answers: int  # rows with no button: manual reschedules and the like
    unknown_cards: int  # rows of cards not in the package, or not ours any more


@dataclass(frozen=True)
class ImportReport:
    reviews_added: int
    items_rescheduled: int
    notes_matched: int
    notes_ignored: int
    first_day: date | None  # study days of the reviews added
    last_day: date | None
    unknown_cards: int = 0
    not_answers: int = 0
    already_logged: int = 0
    dry_run: bool = False

    def as_json(self) -> dict[str, object]:
        """The report's keys for scripts (`--json`): exactly these six."""
        return {
            "reviews_added": self.reviews_added,
            "items_rescheduled": self.items_rescheduled,
            "notes_matched": self.notes_matched,
            "notes_ignored": self.notes_ignored,
            "first_day": day_text(self.first_day),
            "last_day": day_text(self.last_day),
        }

    def lines(self) -> list[str]:
        """The report for people."""
        verb = "Would add" if self.dry_run else "Added"
        span = ""
        if self.first_day is not None and self.last_day is not None:
            span = f", studied {self.first_day.isoformat()}"
            if self.last_day != self.first_day:
                span += f" to {self.last_day.isoformat()}"
        lines = [
            f"{verb} {_count(self.reviews_added, 'review')} from Anki{span};"
            f" {'would reschedule' if self.dry_run else 'rescheduled'}"
            f" {_count(self.items_rescheduled, 'item')}.",
            f"Notes: {self.notes_matched} of quizhinge's matched,"
            f" {self.notes_ignored} of others ignored.",
        ]
        if self.already_logged:
            lines.append(
                f"{_count(self.already_logged, 'answer')} already in your log"
                " (imported before, or given in quizhinge): not added again."
            )
        if self.unknown_cards:
            lines.append(
                f"Skipped {_count(self.unknown_cards, 'log entry', 'log entries')}"
                " of cards this package or your decks do not have."
            )
        if self.not_answers:
            lines.append(
                f"Skipped {_count(self.not_answers, 'manual reschedule')} (no button"
                " pressed: not an answer)."
            )
        if self.dry_run:
            lines.append("Dry run: nothing was changed.")
        return lines


def _name(path: Path | str) -> str:
    """A file name as a message shows it: inert, whatever it holds."""
    return inert(str(path))


def _damaged(path: Path) -> ProgressError:
    return ProgressError(
        f"{_name(path)}: the collection inside is damaged or truncated; export it again"
    )


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


# -- reading a package -----------------------------------------------------------


def read_package(path: Path) -> AnkiCollection:
    """The collection inside an Anki package, or ProgressError in one line."""
    path = Path(path)
    if path.is_dir():
        raise ProgressError(f"{_name(path)}: is a folder, not an Anki package")
    if not path.exists():  # is_zipfile would call it "not a zip file"
        raise ProgressError(f"{_name(path)}: no such file")
    try:
        is_zip = zipfile.is_zipfile(path)
    except OSError as error:
        reason = error.strerror
        raise ProgressError(f"{_name(path)}: cannot read it ({reason})") from None
    if not is_zip:
        raise ProgressError(
            f"{_name(path)}: not an Anki package (not a zip file); export from Anki as"
            " .apkg or .colpkg"
        )
    with tempfile.TemporaryDirectory(prefix="quizhinge-import-") as work:
        try:
            with zipfile.ZipFile(path) as package:
                collection = _unpack(path, package, Path(work))
        except (zipfile.BadZipFile, EOFError, OSError) as error:
            raise ProgressError(
                f"{_name(path)}: the package is damaged ({error}); export it again"
            ) from None
        try:
            found = read_collection(collection)
        except CollectionError:
            raise _damaged(path) from None
    if found.version > NEWEST_SCHEMA or found.version < OLDEST_SCHEMA:
        raise ProgressError(
            f"{_name(path)}: made by an Anki this quizhinge cannot read (collection"
            f" schema {found.version}; it reads {OLDEST_SCHEMA} to {NEWEST_SCHEMA})."
            ' Export again with "Support older Anki versions" ticked.'
        )
    if not found.revlog:
        raise ProgressError(
            f"{_name(path)}: holds no review history; export it again with"
            ' "Include scheduling information" ticked'
        )
    return found


def _unpack(path: Path, package: zipfile.ZipFile, work: Path) -> Path:
    """Extract the package's collection (decompressed) into `work`."""
    names = set(package.namelist())
    version = _package_version(path, package.read("meta")) if "meta" in names else 0
    if version > NEWEST_PACKAGE_VERSION:
        raise ProgressError(
            f"{_name(path)}: made by a newer Anki (package version {version}; this"
            f" quizhinge reads up to {NEWEST_PACKAGE_VERSION}). Export again with"
            ' "Support older Anki versions" ticked, or update quizhinge.'
        )
    member = next((name for name in COLLECTIONS if name in names), None)
    if member is None:
        raise ProgressError(
            f"{_name(path)}: a zip file, but not an Anki package (no collection inside)"
        )
    target = work / "collection.sqlite"
    with package.open(member) as source, target.open("wb") as out:
        if member.endswith("b"):
            _unzstd(path, source, out)
        else:
            _copy_capped(path, source, out)
    return target


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _unzstd(path: Path, source: IO[bytes], out: BinaryIO) -> None:
    import zstandard  # only here: the current format's collection is zstd

    try:
        reader = zstandard.ZstdDecompressor().stream_reader(source)
        _copy_capped(path, reader, out)
    except zstandard.ZstdError:
        raise _damaged(path) from None


def _copy_capped(path: Path, source: _Readable, out: BinaryIO) -> None:
    written = 0
    while chunk := source.read(1 << 20):
        written += len(chunk)
        if written > MAX_COLLECTION_BYTES:
            raise ProgressError(f"{_name(path)}: the collection inside is too large")
        out.write(chunk)


def _package_version(path: Path, meta: bytes) -> int:
    """Field 1 (a varint) of Anki's PackageMetadata protobuf; 0 if absent."""
    if not meta:
        return 0
    unreadable = f"{_name(path)}: not an Anki package (its meta is unreadable)"
    if meta[0] != 0x08:
        raise ProgressError(unreadable)
    value, shift = 0, 0
    for byte in meta[1:10]:
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value
        shift += 7
    raise ProgressError(unreadable)


# -- matching Anki's notes and cards to our cards and items --------------------------


def match(collection: AnkiCollection, catalog: Catalog, source: str) -> Matched:
    """Anki's answers to our cards, as our items' answers.

    ProgressError if no note of the package is one of ours.
    """
    from quizhinge.anki import note_guid, variant_of  # the export's own ids

    ours = {note_guid(card): card for card in catalog}
    matched = {
        nid: ours[guid] for nid, guid in collection.guids.items() if guid in ours
    }
    if not matched:
        raise ProgressError(
            f"{_name(source)}: none of its notes are quizhinge cards; import the"
            " package that holds the decks `quizhinge export` wrote"
        )
    answers: list[ImportedAnswer] = []
    not_answers = unknown = 0
    for row in collection.revlog:
        note_id, ordinal = collection.cards.get(row.card_id, (None, 0))
        if note_id is None:
            unknown += 1  # the log names a card the package does not hold
            continue
        card = matched.get(note_id)
        if card is None:
            continue  # another deck's card: not ours to merge
        if row.ease not in BUTTON_GRADES or row.kind not in ANSWER_KINDS:
            not_answers += 1
            continue
        variant = variant_of(card, ordinal)
        if variant is None:
            unknown += 1  # a template our card no longer has (a removed gap)
            continue
        answers.append(
            ImportedAnswer(
                revlog_id=row.id,
                item_id=item_id(card.id, variant),
                answered_at=datetime.fromtimestamp(row.id / 1000, UTC),
                grade=BUTTON_GRADES[row.ease],
                seconds=max(0, row.milliseconds) / 1000,
            )
        )
    return Matched(
        tuple(answers),
        notes_matched=len(matched),
        notes_ignored=len(collection.guids) - len(matched),
        not_answers=not_answers,
        unknown_cards=unknown,
    )


# -- merging into our log ---------------------------------------------------------


class _DryRun(Exception):
    """Ends a dry run's transaction (rolled back) carrying its report."""

    def __init__(self, report: ImportReport):
        super().__init__("dry run")
        self.report = report


def merge(
    store: Store,
    profile: Profile,
    matched: Matched,
    source: str,
    *,
    dry_run: bool = False,
    now: datetime | None = None,
) -> ImportReport:
    """Add Anki's answers to the profile's log and reschedule what they touch,
    as one transaction (a dry run computes the same report and rolls back)."""
    try:
        with store.transaction():
            report = _merge_now(store, profile, matched, dry_run)
            if dry_run:
                raise _DryRun(report)
            store.progress.record_import(
                profile.id,
                source,
                report.reviews_added,
                report.items_rescheduled,
                now or local_now(),
            )
    except _DryRun as done:
        return done.report
    return report


def _merge_now(
    store: Store, profile: Profile, matched: Matched, dry_run: bool
) -> ImportReport:
    """The merge, in the transaction `merge` holds open on the store."""
    hour = profile.settings.day_start_hour
    progress = store.progress
    known = progress.known_revlog_ids(profile.id)
    fresh = [a for a in matched.answers if a.revlog_id not in known]
    wanted = sorted({a.item_id for a in fresh})
    rows = {row.item_id: row for row in store.schedule.items_by_id(profile.id, wanted)}
    missing = sum(a.item_id not in rows for a in fresh)
    logged = progress.logged_answers(profile.id, sorted(rows))
    ours = {
        (a.item_id, _millisecond(a.answered_at))
        for a in logged
        if a.anki_revlog_id is None
    }

    def came_back(answer: ImportedAnswer) -> bool:
        """An answer `export --with-progress` wrote, back from Anki: dated by
        its own millisecond, or a few ms later if it shared one with another
        answer (revlog ids are unique)."""
        if (answer.item_id, answer.revlog_id) in ours:
            return True
        return any(
            (answer.item_id, answer.revlog_id - late) in ours
            and progress.answers_at(profile.id, _moment_text(answer.revlog_id - late))
            > 1
            for late in range(1, MAX_BUMP + 1)
        )

    new = [
        LoggedAnswer(
            review_id=None,
            item_id=a.item_id,
            answered_at=utc_text(a.answered_at),
            study_day=study_day(a.answered_at.astimezone(), hour),
            grade=a.grade,
            seconds=a.seconds,
            anki_revlog_id=a.revlog_id,
        )
        for a in fresh
        if a.item_id in rows and not came_back(a)
    ]
    history: dict[str, list[LoggedAnswer]] = {}
    for answer in [*logged, *new]:
        history.setdefault(answer.item_id, []).append(answer)
    rescheduled = 0
    for item in sorted({a.item_id for a in new}):
        steps = replay(rows[item], history[item])
        final = steps[-1].outcome
        changed = _schedule_of(rows[item]) != _schedule_of(final)
        rescheduled += changed
        if not dry_run:
            progress.write_replay(profile.id, steps)
            if changed:
                store.schedule.write_row(profile.id, item, final)
    days = [a.study_day for a in new]
    return ImportReport(
        reviews_added=len(new),
        items_rescheduled=rescheduled,
        notes_matched=matched.notes_matched,
        notes_ignored=matched.notes_ignored,
        first_day=min(days, default=None),
        last_day=max(days, default=None),
        unknown_cards=matched.unknown_cards + missing,
        not_answers=matched.not_answers,
        already_logged=len(matched.answers) - len(new) - missing,
        dry_run=dry_run,
    )


def replay(row: ItemRow, answers: Iterable[LoggedAnswer]) -> list[ReplayStep]:
    """An item's whole history, in time order, through the session's rule
    for one answer (`store.schedule.answer_outcome`), from a new item. A suspended
    item stays suspended."""
    start = Queue.SUSPENDED if row.queue == Queue.SUSPENDED else Queue.NEW
    current = row._replace(
        queue=start, state=Sm2State(), due_day=None, last_day=None, lapses=0
    )
    steps: list[ReplayStep] = []
    for answer in sorted(answers, key=_time_order):
        outcome = answer_outcome(current, answer.grade, answer.study_day)
        steps.append(
            ReplayStep(
                answer,
                current.queue,
                state_columns(current.state),
                current.due_day,
                current.last_day,
                current.lapses,
                outcome,
            )
        )
        current = current._replace(
            queue=outcome.queue,
            state=outcome.state,
            due_day=outcome.due_day,
            last_day=outcome.last_day,
            lapses=outcome.lapses,
        )
    return steps


def _moment_text(millisecond: int) -> str:
    return utc_text(datetime.fromtimestamp(millisecond / 1000, UTC))


def _millisecond(text: str) -> int:
    return round(datetime.fromisoformat(text).timestamp() * 1000)


def _time_order(answer: LoggedAnswer) -> tuple[str, int, int, int]:
    """Oldest first; at one millisecond, the answer logged first."""
    return (
        answer.answered_at,
        answer.review_id is None,
        answer.review_id or 0,
        answer.anki_revlog_id or 0,
    )


def _schedule_of(row: ItemRow | Outcome) -> tuple[object, ...]:
    """An item's schedule, to tell whether the replay changed it (a row and an
    outcome name these five alike)."""
    return (row.queue, row.state, row.due_day, row.last_day, row.lapses)


# -- quizhinge's progress, for an export ----------------------------------------------

# SM-2 quality -> Anki's button (revlog.ease): the fails are all Again.
GRADE_BUTTONS: dict[int, int] = {0: 1, 1: 1, 2: 1, 3: 2, 4: 3, 5: 4}
REVIEW_CARD, SUSPENDED_CARD = 2, -1  # Anki's cards.queue
LEARN, REVIEW_KIND, RELEARN = 0, 1, 2  # Anki's revlog.type


def progress_for_export(
    store: Store, catalog: Catalog, profile: Profile, now: datetime | None = None
) -> ExportProgress:
    """The profile's schedule and log as Anki's card fields and revlog rows.

    Anki keeps a review card's due date as a day number counted from the
    collection's creation; the export's collection is created now, so a due
    day is its distance from today's study day, and Anki moves it onto its
    own calendar on import.
    """
    from quizhinge.anki import note_guid, template_ordinal

    moment = now or local_now()
    today = study_day(moment, profile.settings.day_start_hour)
    places: dict[str, tuple[str, int]] = {}  # item id -> (GUID, ordinal)
    for card in catalog:
        for variant in card.variants():
            places[item_id(card.id, variant)] = (
                note_guid(card),
                template_ordinal(card, variant),
            )
    schedules = tuple(
        AnkiCardSchedule(
            ord=places[s.item_id][1],
            guid=places[s.item_id][0],
            queue=SUSPENDED_CARD if s.queue == Queue.SUSPENDED else REVIEW_CARD,
            due=(s.due_day - today).days,
            interval=s.interval,
            factor=s.easiness * 10,
            reps=s.repetitions,
            lapses=s.lapses,
        )
        for s in store.progress.studied_items(profile.id)
        if s.item_id in places
    )
    answers = store.progress.answers_for_export(profile.id)
    revlog = tuple(_revlog_rows(answers, places))
    return ExportProgress(int(moment.timestamp()), schedules, revlog)


def _revlog_rows(
    answers: Iterable[ReviewExport], places: dict[str, tuple[str, int]]
) -> Iterator[AnkiRevlogEntry]:
    """Our log as Anki's: an answer from Anki keeps its revlog id, ours is
    dated by its own millisecond (which `merge` recognises if it comes
    back); a first answer is learning, a re-drill relearning."""
    used: set[int] = set()
    for answer in answers:
        if answer.item_id not in places:
            continue
        guid, ordinal = places[answer.item_id]
        revlog_id = answer.anki_revlog_id or int(answer.answered_at.timestamp() * 1000)
        while revlog_id in used:  # revlog ids are unique across a collection
            revlog_id += 1  # (`merge` knows an answer up to MAX_BUMP ms late)
        used.add(revlog_id)
        if answer.redrill:
            kind = RELEARN
        elif answer.interval_before == 0 and answer.repetitions_before == 0:
            kind = LEARN
        else:
            kind = REVIEW_KIND
        yield AnkiRevlogEntry(
            id=revlog_id,
            guid=guid,
            ord=ordinal,
            ease=GRADE_BUTTONS[answer.grade],
            interval=answer.interval_after,
            last_interval=answer.interval_before,
            factor=answer.easiness_after * 10,
            milliseconds=round(answer.seconds * 1000),
            kind=kind,
        )
