"""Exam mode inside the app: draw, sit, save, show the result, study the misses.

Each step is a short worker, so the app stays responsive and a test can wait
for one step at a time. Database calls go to the backend's single thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from quizhinge import exam as exam_mode
from quizhinge.catalog import Catalog
from quizhinge.exam import Exam, ExamEnd, ExamError, ExamPlan
from quizhinge.tui.backend import BackendError

if TYPE_CHECKING:
    from quizhinge.store import Store
    from quizhinge.store.exams import ExamRecord
    from quizhinge.tui.app import QuizhingeApp

T = TypeVar("T")


async def on_db(app: QuizhingeApp, function: Callable[..., T], *args: Any) -> T:
    """Run `function(store, catalog, profile, *args)` on the database thread."""
    backend = app.backend
    return await backend.call(function, backend.profile, *args)


# Adapters: the backend hands every call (store, catalog, profile, ...).


def _begin(
    store: Store, catalog: Catalog, profile: str, plan: ExamPlan, now: datetime
) -> Exam:
    return exam_mode.begin_exam(store, catalog, profile, plan, now)


def _save(store: Store, catalog: Catalog, profile: str, end: ExamEnd) -> int:
    return exam_mode.save_exam(store, profile, end)


def _history(
    store: Store, catalog: Catalog, profile: str, limit: int | None
) -> list[ExamRecord]:
    return exam_mode.exam_history(store, profile, limit)


def _available(
    store: Store, catalog: Catalog, profile: str, plan: ExamPlan
) -> tuple[ExamPlan, int]:
    return exam_mode.available_questions(store, catalog, profile, plan)


async def available_questions(
    app: QuizhingeApp, plan: ExamPlan
) -> tuple[ExamPlan, int]:
    """The plan at the learner's level and how many questions it can ask."""
    return await on_db(app, _available, plan)


async def exam_history(app: QuizhingeApp, limit: int | None = None) -> list[ExamRecord]:
    """The profile's stored exams, oldest first."""
    return await on_db(app, _history, limit)


class ExamFlow:
    """Drives one exam through its screens; `leave` runs when it is over."""

    def __init__(self, app: QuizhingeApp, leave: Callable[[], None]) -> None:
        self.app = app
        self.leave = leave
        self.end: ExamEnd | None = None

    def start(self, plan: ExamPlan) -> None:
        self.app.run_worker(self._start(plan), group="exam", exclusive=True)

    async def _start(self, plan: ExamPlan) -> None:
        from quizhinge.tui.screens.exam import ExamScreen

        try:
            exam = await on_db(self.app, _begin, plan, self.app.now())
        except ExamError as error:
            self.app.notify(str(error), title="No exam", severity="error", markup=False)
            self.leave()
            return
        except BackendError as error:
            if self.app.report(error, "No exam was started."):
                self.leave()
            return
        if len(exam.questions) < plan.questions:
            self.app.notify(
                f"Only {len(exam.questions)} questions match what you chose;"
                " the exam has them all.",
                markup=False,
            )
        self.app.push_screen(ExamScreen(exam, self.app.now), self._ended)

    def _ended(self, end: ExamEnd | None) -> None:
        if end is not None:
            self.end = end
            self.app.run_worker(self._save(end), group="exam", exclusive=True)

    async def _save(self, end: ExamEnd) -> None:
        from quizhinge.tui.screens.exam import ExamResultsScreen

        try:
            await on_db(self.app, _save, end)
        except BackendError as error:
            if not self.app.report(error, "This exam was not saved."):
                return
        if end.result is None:
            self.app.notify("Exam quit: kept as abandoned, not scored.", markup=False)
            self.leave()
            return
        self.app.push_screen(ExamResultsScreen(end), self._after_results)

    def _after_results(self, choice: str | None) -> None:
        if choice == "study" and self.end is not None and self.end.result is not None:
            self.app.study_cards(self.end.result.missed_card_ids())
        else:
            self.leave()
