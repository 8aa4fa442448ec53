"""Engine benchmarks: queue build, answer recording, unchanged sync, memory,
and the check of the file at open.

Every figure is a ratio or a count taken in this one run (the machine is
noisy), comparing a small collection with a large one:

    .venv/bin/python benchmarks/engine.py            # 1k/10k vs 100k/1M
    .venv/bin/python benchmarks/engine.py --large 20000   # a quicker look

The learner's daily load is the same in both collections (150 reviews due,
10 new cards), as it is in life: a bigger collection does not mean more work
today, and building today's queue must not cost more either.

Peak memory is Python's (tracemalloc) while opening the file, syncing the
unchanged decks, building the queue and answering 50 cards. The catalog
itself (the parsed decks, with their id index) is built before and not
counted: it is the input, and its size is the decks' size.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path

from quizhinge.cards import LEVELS, TOPICS, BasicCard, Deck
from quizhinge.catalog import Catalog
from quizhinge.session import StudySession, local_now, study_day
from quizhinge.store import Store

DUE_TODAY = 150
NEW_EVERY = 10  # one card in ten never studied
PROFILE = "bench"


def make_catalog(cards: int) -> Catalog:
    decks = []
    per_deck = max(1, cards // 10)
    for d in range(0, cards, per_deck):
        deck_id = f"deck{d // per_deck}"
        decks.append(
            Deck(
                id=deck_id,
                name=deck_id,
                description="",
                path=f"{deck_id}.toml",
                cards=tuple(
                    BasicCard(
                        id=f"card{n:06}",
                        level=LEVELS[n % 4 == 3],  # a quarter are trainer cards
                        topic=TOPICS[n % len(TOPICS)],
                        explain="Because the hips do the work.",
                        deck_id=deck_id,
                        front=f"Question {n} about the hinge?",
                        back=f"Answer {n}.",
                    )
                    for n in range(d, min(d + per_deck, cards))
                ),
            )
        )
    catalog = Catalog(tuple(decks))
    catalog.cards_by_id  # noqa: B018 - the catalog's own index, built with it
    return catalog


def build(path: Path, catalog: Catalog, reviews: int, today: date) -> None:
    """A collection with a history: schedule rows and `reviews` log rows."""
    with Store.open(path) as store:
        store.cards.sync(catalog)
        store.profiles.set_setting(PROFILE, "level", "trainer")
        pid = store.profiles.get(PROFILE).id
        ids = [card.id for card in catalog]
        studied = [i for n, i in enumerate(ids) if n % NEW_EVERY != NEW_EVERY - 1]

        def schedule():
            for n, item in enumerate(studied):
                if n < DUE_TODAY:
                    due = today - timedelta(days=1 + n % 30)
                else:
                    due = today + timedelta(days=1 + n % 365)
                last = due - timedelta(days=1 + n % 300)
                yield (
                    1 + n % 8,
                    130 + 2 * (n % 60),
                    1 + n % 300,
                    due.isoformat(),
                    last.isoformat(),
                    n % 3,
                    pid,
                    item,
                )

        def log():
            for n in range(reviews):
                item = studied[n % len(studied)]
                day = today - timedelta(days=1 + n % 700)
                yield (
                    pid,
                    item,
                    f"{day.isoformat()}T10:00:00.000+00:00",
                    day.isoformat(),
                    n % 6,
                    4.0,
                    0,
                    1,
                    2,
                    250,
                    6,
                    day.isoformat(),
                    day.isoformat(),
                    0,
                    3,
                    250,
                    15,
                    (day + timedelta(days=15)).isoformat(),
                )

        with store.transaction() as conn:
            conn.executemany(
                "UPDATE schedule SET queue = 1, repetitions = ?, easiness = ?,"
                " interval = ?, due_day = ?, last_day = ?, lapses = ?"
                " WHERE profile_id = ? AND item_id = ?",
                schedule(),
            )
            conn.executemany(
                "INSERT INTO reviews (profile_id, item_id, answered_at, study_day,"
                " grade, seconds, redrill, queue_before, repetitions_before,"
                " easiness_before, interval_before, due_before, last_day_before,"
                " lapses_before, repetitions_after, easiness_after, interval_after,"
                " due_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?, ?)",
                log(),
            )
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def queue_seconds(path: Path, catalog: Catalog, repeats: int) -> tuple[float, int]:
    """Median time to open the store and build today's queue (warm cache),
    the file opened as the app opens it: its pages are checked after the
    first card is shown (`open_milliseconds` times that check)."""
    times, size = [], 0
    for _ in range(repeats):
        started = time.perf_counter()
        with Store.open(path, verify=False) as store:
            session = StudySession(store, catalog, PROFILE)
            size = len(session.upcoming())
        times.append(time.perf_counter() - started)
    return statistics.median(times), size


def answer_milliseconds(path: Path, catalog: Catalog) -> list[float]:
    """Time each answer of today's whole queue (one transaction each)."""
    times = []
    with Store.open(path) as store:
        session = StudySession(store, catalog, PROFILE)
        grade = 0
        while session.current() is not None and len(times) < 400:
            grade = (grade + 1) % 6
            started = time.perf_counter()
            session.answer(grade, 3.0)
            times.append((time.perf_counter() - started) * 1000)
        for _ in range(len(times)):
            session.undo()  # leave the collection as it was
    return times


def sync_changes(path: Path, catalog: Catalog) -> tuple[int, bool, float]:
    """Rows changed and whether the files changed, syncing unchanged decks."""
    files = [Path(f"{path}{suffix}") for suffix in ("", "-wal")]

    def state():
        return [(f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.exists()]

    before = state()
    fresh = Catalog(catalog.decks)  # its fingerprint not yet computed, as at start-up
    with Store.open(path) as store:
        started = time.perf_counter()
        report = store.cards.sync(fresh)
        seconds = time.perf_counter() - started
        changes = store.conn.total_changes
        assert not report.changed
    return changes, state() == before, seconds


def open_milliseconds(path: Path, repeats: int) -> tuple[float, float]:
    """Median ms to open the file: with the tables checked only (as the app
    opens it, putting the page check after its first card), and with every
    page checked too (quick_check, as each command opens it)."""
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(repeats):
        for verify in (False, True):
            started = time.perf_counter()
            Store.open(path, verify=verify).close()
            times[verify].append((time.perf_counter() - started) * 1000)
    return statistics.median(times[False]), statistics.median(times[True])


def peak_bytes(path: Path, catalog: Catalog) -> int:
    """Peak Python allocations of open + sync + queue + 50 answers."""
    gc.collect()
    tracemalloc.start()
    with Store.open(path) as store:
        store.cards.sync(catalog)
        session = StudySession(store, catalog, PROFILE)
        for _ in range(50):
            if session.current() is None:
                break
            session.answer(4, 2.0)
        for _ in range(50):
            session.undo()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--reviews-per-card", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    today = study_day(local_now(), 4)
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, cards in (("small", args.small), ("large", args.large)):
            catalog = make_catalog(cards)
            path = Path(folder) / f"{label}.db"
            reviews = cards * args.reviews_per_card
            started = time.perf_counter()
            build(path, catalog, reviews, today)
            built = time.perf_counter() - started
            print(
                f"{label}: {cards:,} cards, {reviews:,} review rows, "
                f"{path.stat().st_size / 1e6:.0f} MB (built in {built:.1f} s)"
            )
            queue_seconds(path, catalog, 2)  # warm the OS cache
            results[label] = {
                "queue": queue_seconds(path, catalog, args.repeats),
                "answers": answer_milliseconds(path, catalog),
                "sync": sync_changes(path, catalog),
                "open": open_milliseconds(path, 5),
                "peak": peak_bytes(path, catalog),
            }
    small, large = results["small"], results["large"]
    print()
    print(f"measured {datetime.now():%Y-%m-%d %H:%M}, one run")
    for label in ("small", "large"):
        seconds, size = results[label]["queue"]
        print(f"queue build ({label}): {seconds * 1000:.1f} ms median, {size} items")
    ratio = large["queue"][0] / small["queue"][0]
    print(f"queue build ratio large/small: {ratio:.2f}x (budget 2x)")
    for label in ("small", "large"):
        times = sorted(results[label]["answers"])
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(
            f"answer ({label}): median {statistics.median(times):.2f} ms, "
            f"p99 {p99:.2f} ms over {len(times)} answers"
        )
    for label in ("small", "large"):
        changes, same, seconds = results[label]["sync"]
        print(
            f"unchanged sync ({label}): total_changes {changes}, files untouched: "
            f"{'yes' if same else 'NO'}, {seconds * 1000:.0f} ms"
        )
    for label in ("small", "large"):
        tables, pages = results[label]["open"]
        print(
            f"open ({label}): {tables:.1f} ms checking the tables, {pages:.1f} ms"
            " with every page (quick_check)"
        )
    for label in ("small", "large"):
        print(f"peak memory ({label}): {results[label]['peak'] / 1e6:.2f} MB")
    ratio = large["peak"] / small["peak"]
    print(f"peak memory ratio large/small: {ratio:.2f}x (budget 1.5x)")


if __name__ == "__main__":
    main()
