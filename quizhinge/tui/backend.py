"""The TUI's way into the engine: store, catalog and session on one thread.

A sqlite3 connection belongs to the thread that opened it. Every call that
touches the database therefore runs on a single-thread executor owned by this
class, and screens only ever await plain immutable results (NamedTuples, cheap
to define on the path to the first card). This module holds no
rules of the product either: it forwards to the session, grading and stats.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    from quizhinge.anki import ExportReport
    from quizhinge.browse import BrowseRow
    from quizhinge.cards import Card
    from quizhinge.catalog import Catalog
    from quizhinge.grading import Verdict
    from quizhinge.session import (
        AnswerResult,
        Counts,
        DeckCounts,
        StudyItem,
        StudySession,
    )
    from quizhinge.stats import Stats
    from quizhinge.store import ReviewRow, Store
    from quizhinge.store.exams import ExamRecord

T = TypeVar("T")


class BackendError(Exception):
    """A problem the learner must fix (bad deck, foreign database, unknown deck),
    or one with the database file. `kind` is the StoreError's ("busy",
    "refused", "readonly", "full", "damaged") or "other"."""

    def __init__(self, message: str, kind: str = "other") -> None:
        super().__init__(message)
        self.kind = kind


class Step(NamedTuple):
    """What the study screen shows next: one item (None when done) and the counts."""

    item: StudyItem | None
    counts: Counts
    preview: dict[int, int]
    today: date
    after: StudyItem | None = None  # the item asked next, if this one goes well
    notice: str = ""  # one line on what the last undo or suspension did
    day_over: bool = False  # the study day ended: no more of its cards


class Feedback(NamedTuple):
    """The outcome of one answer, for the feedback panel."""

    result: AnswerResult
    verdict: Verdict | None
    today: date


class Backend:
    """Owns the store and the session; all their calls run on one thread."""

    def __init__(
        self,
        db_path: Path,
        deck_paths: Sequence[Path],
        profile: str,
        now: Callable[[], datetime] = datetime.now,
        *,
        make_folder: bool = False,
    ) -> None:
        """`make_folder`: the database is at the default location, whose
        folder is made on first run (Store.open)."""
        self.db_path = Path(db_path)
        self.make_folder = make_folder
        self.created = False  # the database file was made by this run
        self.deck_paths = [Path(p) for p in deck_paths]
        self.profile = profile
        self.now = now
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="quizhinge-db")
        self._store: Store | None = None
        self._catalog: Catalog | None = None
        self._session: StudySession | None = None
        self._early: tuple[tuple[str | None, str | None], Future[Step]] | None = None

    async def _run(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        import asyncio  # here: the first card's loading starts before asyncio loads

        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor, partial(self._guarded, function, *args, **kwargs)
        )

    def _guarded(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `function` on the database thread; every problem with the file
        leaves as a BackendError with its kind. The one place where the
        store's errors (and SQLite's own, say from a damaged page read before
        the file was checked) become what the screens handle."""
        from quizhinge.store import DatabaseError, StoreError

        try:
            return function(*args, **kwargs)
        except StoreError as error:
            raise BackendError(str(error), error.kind) from None
        except DatabaseError as error:
            if self._store is None:
                raise BackendError(f"{self.db_path}: {error}") from None
            problem = self._store.problem(error)
            raise BackendError(str(problem), problem.kind) from None

    # Everything below named `_..._now` runs on the database thread.

    def _open_now(self) -> tuple[Store, Catalog]:
        """The store and catalog, opened on first use.

        The file's tables are checked at once and whether it can be written
        (a read-only file is said now, not at the first answer); its pages
        are checked by `verify`, which the app asks for once the first card
        is on screen (any write before that checks them first).
        """
        if self._store is None or self._catalog is None:
            from quizhinge.deckcache import load_catalog_cached
            from quizhinge.problems import DeckError
            from quizhinge.settings import check_profile_name
            from quizhinge.store import DatabaseError, Store

            try:
                check_profile_name(self.profile)
            except ValueError as error:
                raise BackendError(str(error)) from None
            store = Store.open(self.db_path, make_folder=self.make_folder, verify=False)
            try:
                store.check_writable()
                catalog = load_catalog_cached(store, self.deck_paths)
                store.cards.sync(catalog)
            except DeckError as error:
                store.close()
                raise BackendError(str(error)) from None
            except DatabaseError as error:
                problem = store.problem(error)
                store.close()
                raise problem from None
            except BaseException:
                store.close()
                raise
            self.created = store.created
            self._store, self._catalog = store, catalog
        return self._store, self._catalog

    def _verify_now(self) -> None:
        store, _ = self._open_now()
        store.verify()

    def _today_now(self) -> date:
        from quizhinge.session import study_day

        store, _ = self._open_now()
        hour = store.profiles.settings(self.profile).day_start_hour
        return study_day(self.now(), hour)

    def _step_now(self) -> Step:
        """The next card, or none when the session is done or its study day
        has ended (what was left of that day is in the counts); and the card
        after it, whose kind the study screen gets ready while this one shows."""
        session = self._session
        assert session is not None
        if session.day_over():
            return Step(None, session.counts(), {}, self._today_now(), day_over=True)
        upcoming = session.upcoming()
        item = upcoming[0] if upcoming else None
        preview = session.preview() if item is not None else {}
        after = upcoming[1] if len(upcoming) > 1 else None
        return Step(item, session.counts(), preview, self._today_now(), after)

    def _start_now(
        self, deck: str | None, topic: str | None, card_ids: Sequence[str] | None
    ) -> Step:
        from quizhinge.session import ScopeError, StudySession, check_scope

        store, catalog = self._open_now()
        try:
            levels = store.profiles.get(self.profile).levels
            check_scope(catalog, deck, topic, levels if card_ids is None else None)
        except ScopeError as error:
            raise BackendError(str(error)) from None
        self._session = StudySession(
            store,
            catalog,
            self.profile,
            deck=deck,
            topic=topic,
            card_ids=card_ids,
            now=self.now,
        )
        return self._step_now()

    def _answer_now(self, grade: int, seconds: float) -> tuple[Feedback, Step]:
        assert self._session is not None
        result = self._session.answer(grade, seconds)
        return Feedback(result, None, self._today_now()), self._step_now()

    def _check_now(self, response: Any, seconds: float) -> tuple[Feedback, Step]:
        from quizhinge import grading

        assert self._session is not None
        item = self._session.current()
        assert item is not None
        verdict = grading.check(item.card, response, seconds)
        result = self._session.answer(verdict.grade, seconds)
        return Feedback(result, verdict, self._today_now()), self._step_now()

    def _undo_now(self) -> Step | None:
        assert self._session is not None
        undone = self._session.last_action()
        if self._session.undo() is None:
            return None
        notice = (
            "Undone: the card is back in the session."
            if undone == "suspension"
            else "Undone: asking it again."
        )
        return self._step_now()._replace(notice=notice)

    def _suspend_now(self) -> Step:
        assert self._session is not None
        card_id = self._session.suspend()
        step = self._step_now()
        if card_id is None:
            return step
        # One line in a notice; the Cards screen (c on home) lets it back later.
        return step._replace(notice="Card suspended: press u to undo.")

    def _overview_now(self) -> Overview:
        from quizhinge.session import deck_overview

        store, catalog = self._open_now()
        today = self._today_now()
        from quizhinge import stats

        return Overview(
            problems=tuple(str(problem) for problem in catalog.problems),
            problem_files=len({problem.path for problem in catalog.problems}),
            decks=deck_overview(store, catalog, self.profile, today),
            stats=stats.collect(store, self.profile, today),
            level=store.profiles.settings(self.profile).level,
            today=today,
            last_anki_import=store.progress.last_import(self.profile),
        )

    def _stats_now(self) -> StatsView:
        from quizhinge import stats

        store, catalog = self._open_now()
        today = self._today_now()
        collected = stats.collect(store, self.profile, today)
        cards = {
            leech.card_id: catalog.cards_by_id[leech.card_id]
            for leech in collected.leeches
            if leech.card_id in catalog.cards_by_id
        }
        return StatsView(collected, today, cards)

    def _theme_now(self) -> str:
        store, _ = self._open_now()
        return store.profiles.settings(self.profile).theme

    def _set_theme_now(self, theme: str) -> None:
        store, _ = self._open_now()
        store.profiles.set_setting(self.profile, "theme", theme)

    def _browse_now(self) -> list[BrowseRow]:
        from quizhinge import browse

        store, catalog = self._open_now()
        profile = store.profiles.get(self.profile)
        return browse.browse(store, catalog, profile, self._today_now())

    def _set_suspended_now(self, card_id: str, suspend: bool) -> bool:
        from quizhinge import browse

        store, _ = self._open_now()
        profile = store.profiles.get(self.profile)
        [(_, changed)] = browse.set_suspended(store, profile, [card_id], suspend)
        return changed

    def _history_now(self, card_id: str) -> list[ReviewRow]:
        from quizhinge import browse

        store, _ = self._open_now()
        return browse.history(store, store.profiles.get(self.profile), card_id)

    def _exams_now(self) -> list[ExamRecord]:
        from quizhinge.exam import exam_history

        store, _ = self._open_now()
        return exam_history(store, self.profile)

    def _set_level_now(self, level: str) -> None:
        store, _ = self._open_now()
        store.profiles.set_setting(self.profile, "level", level)

    def _export_now(self, out_path: Path, level: str) -> ExportReport:
        """Export the cards this learner studies: a beginner's deck on the phone
        should match the one in the terminal. genanki loads only here."""
        from quizhinge.anki import ExportError, export_apkg

        _, catalog = self._open_now()
        try:
            return export_apkg(catalog, out_path, level=level)
        except ExportError as error:
            raise BackendError(str(error)) from None

    def _close_now(self) -> None:
        if self._store is not None:
            self._store.close()
        self._store = self._catalog = self._session = None

    # The screens' API: coroutines with plain results.

    async def open(self) -> None:
        await self._run(self._open_now)

    async def verify(self) -> None:
        """Check every page of the database (BackendError "damaged" if not
        whole). Its time grows with the file, so the app asks once its
        first card is on screen."""
        await self._run(self._verify_now)

    async def call(self, function: Callable[..., T], *args: Any) -> T:
        """Run `function(store, catalog, *args)` on the database thread, for
        features with calls of their own (exam mode: see tui/exam_flow.py)."""

        def with_store() -> T:
            store, catalog = self._open_now()
            store.verify()  # checked once: an exam is not begun on a damaged file
            return function(store, catalog, *args)

        return await self._run(with_store)

    def begin(self, deck: str | None = None, topic: str | None = None) -> None:
        """Start loading today's session now, while Textual is still starting.

        Reading the decks and opening the database then overlap with the
        app's own start-up, so the first card shows sooner; `start` collects it.
        Once begun (or started), asking again changes nothing.
        """
        if self._early is not None or self._session is not None:
            return
        future = self._executor.submit(
            self._guarded, self._start_now, deck, topic, None
        )
        self._early = ((deck, topic), future)

    def ready(self, deck: str | None = None, topic: str | None = None) -> Step | None:
        """The early session's first step if it is already loaded, else None.

        Lets the study screen compose its first card directly, without a
        second layout pass; a failed load is left for `start` to report.
        """
        early = self._early
        if early is None or early[0] != (deck, topic) or not early[1].done():
            return None
        if early[1].exception() is not None:
            return None
        self._early = None
        return early[1].result()

    async def start(
        self,
        deck: str | None = None,
        topic: str | None = None,
        card_ids: Sequence[str] | None = None,
    ) -> Step:
        """Begin today's session (all decks, or one deck or topic), or a session
        on just the given cards (the ones an exam missed)."""
        early, self._early = self._early, None
        if early is not None and card_ids is None and early[0] == (deck, topic):
            import asyncio

            return await asyncio.wrap_future(early[1])
        return await self._run(self._start_now, deck, topic, card_ids)

    async def grade(self, grade: int, seconds: float) -> tuple[Feedback, Step]:
        """Record a self-graded answer (a card grading.GRADERS has no row for)."""
        return await self._run(self._answer_now, grade, seconds)

    async def check(self, response: Any, seconds: float) -> tuple[Feedback, Step]:
        """Grade and record an auto-graded answer (grading.check)."""
        return await self._run(self._check_now, response, seconds)

    def has_session(self) -> bool:
        return self._session is not None

    def deck_name(self, deck_id: str) -> str | None:
        """A loaded deck's name (None before the decks load, or for no such
        deck): read on the screen's thread, as the catalog never changes."""
        catalog = self._catalog
        if catalog is None:
            return None
        try:
            return catalog.deck(deck_id).name
        except KeyError:
            return None

    def last_action(self) -> str | None:
        """What undo would take back ("answer", "suspension"), or None. Read
        when the session has ended, with nothing on the database thread."""
        return self._session.last_action() if self._session is not None else None

    async def undo(self) -> Step | None:
        """Take back the last answer; None when there is nothing to undo."""
        return await self._run(self._undo_now)

    async def suspend(self) -> Step:
        return await self._run(self._suspend_now)

    async def summary(self) -> Any:
        assert self._session is not None
        return await self._run(self._session.summary)

    async def overview(self) -> Overview:
        return await self._run(self._overview_now)

    async def stats(self) -> StatsView:
        return await self._run(self._stats_now)

    def saved_theme(self, timeout: float = 2.0) -> str:
        """The profile's theme ("" if unknown yet); waited for, as the app
        needs it before its first paint (the database is usually open by the
        time Textual has loaded). A database problem is reported by the first
        screen, not here."""
        try:
            future = self._executor.submit(self._guarded, self._theme_now)
            return future.result(timeout)
        except (BackendError, TimeoutError):
            return ""

    async def set_theme(self, theme: str) -> None:
        await self._run(self._set_theme_now, theme)

    async def browse(self) -> list[BrowseRow]:
        """Every card this learner studies (and every suspended one), with
        its schedule, for the Cards screen."""
        return await self._run(self._browse_now)

    async def set_suspended(self, card_id: str, suspend: bool) -> bool:
        """Suspend or unsuspend a card; whether anything changed."""
        return await self._run(self._set_suspended_now, card_id, suspend)

    async def card_history(self, card_id: str) -> list[ReviewRow]:
        return await self._run(self._history_now, card_id)

    async def exams(self) -> list[ExamRecord]:
        """The profile's stored exams, oldest first (the stats screen's chart)."""
        return await self._run(self._exams_now)

    async def set_level(self, level: str) -> None:
        await self._run(self._set_level_now, level)

    async def export(self, out_path: Path, level: str) -> ExportReport:
        return await self._run(self._export_now, out_path, level)

    async def close(self) -> None:
        await self._run(self._close_now)
        self._executor.shutdown(wait=True)


class Overview(NamedTuple):
    """Everything the home screen shows; `problems`: why deck files were left
    out (the app starts without them)."""

    decks: list[DeckCounts]
    stats: Stats
    level: str
    today: date
    problems: tuple[str, ...] = ()
    problem_files: int = 0
    last_anki_import: datetime | None = None  # `quizhinge import-progress`


class StatsView(NamedTuple):
    """The stats, the study day they are for, and the leeches' cards."""

    stats: Stats
    today: date
    cards: dict[str, Card]
