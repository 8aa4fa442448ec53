"""What `quizhinge stats` and `quizhinge cards` print: the core's plain data
drawn as Rich tables, fitted to a terminal or, piped, at full width."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from quizhinge.browse import COLUMNS, BrowseRow
from quizhinge.stats import FORECAST_DAYS, MATURE_INTERVAL, RETENTION_DAYS, Stats
from quizhinge.store import LEECH_LAPSES
from quizhinge.store.exams import ExamRecord

PIPED_WIDTH = 1000  # piped output is not cut to a terminal's width
LEFT = {"id", "deck", "kind", "state"}  # the card table's left-aligned columns


def echo_tables(tables: Sequence[Table]) -> None:
    """Print Rich tables: fitted to a terminal; piped or redirected, as plain
    text at full width (no colour codes, no column cut to 80 characters).
    Each title is a line of its own: Rich would wrap it to the table's width."""
    if sys.stdout.isatty():
        console = Console()
    else:
        console = Console(width=PIPED_WIDTH, color_system=None, highlight=False)
    for table in tables:
        title, table.title = table.title, None
        if title:
            console.print(title, style="bold", markup=False, highlight=False)
        console.print(table)


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.0%}"


def stats_tables(stats: Stats) -> list[Table]:
    """Today's figures, the forecast, mastery by topic and the leeches."""
    today = Table(
        title=f"Today ({stats.today:%a %d %b}), profile {stats.profile}",
        show_header=False,
    )
    today.add_column("")
    today.add_column("", justify="right")
    for label, value in (
        ("due reviews", stats.due_today),
        ("new cards left", stats.new_left),
        ("re-drills waiting", stats.learning),
        ("answers today", stats.reviews_today),
        ("current streak (days)", stats.streak_current),
        ("longest streak (days)", stats.streak_longest),
        (f"retention, last {RETENTION_DAYS} days", _percent(stats.retention_30d)),
    ):
        today.add_row(label, str(value))
    forecast = Table(title=f"Due in the next {FORECAST_DAYS} days")
    forecast.add_column("day")
    forecast.add_column("due", justify="right")
    for day, count in stats.forecast:
        if count:
            forecast.add_row(f"{day:%a %d %b}", str(count))
    if not forecast.row_count:
        forecast.add_row("nothing due", "0")
    mastery = Table(title=f"Mastery by topic (interval {MATURE_INTERVAL}+ days)")
    for name in ("topic", "items", "seen", "mastered", "share"):
        mastery.add_column(name, justify="left" if name == "topic" else "right")
    for row in stats.mastery:
        mastery.add_row(
            row.topic,
            str(row.items),
            str(row.seen),
            str(row.mastered),
            _percent(row.share),
        )
    result = [today, forecast, mastery]
    if stats.leeches:
        leeches = Table(title=f"Leeches ({LEECH_LAPSES}+ lapses)")
        leeches.add_column("item")
        leeches.add_column("lapses", justify="right")
        for leech in stats.leeches:
            leeches.add_row(leech.item_id, str(leech.lapses))
        result.append(leeches)
    return result


def exam_table(records: Sequence[ExamRecord]) -> Table:
    """Every exam sat, oldest first, with its score or why it has none."""
    table = Table(title="Exams")
    table.add_column("when", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("result", no_wrap=True)
    table.add_column("mark", justify="right")
    table.add_column("minutes", justify="right")
    table.add_column("seed", justify="right")
    table.add_column("topics")
    if not records:
        table.add_row("none yet: try `quizhinge exam`", *[""] * 6)
    for record in records:
        if record.correct is None:
            score = f"{record.answered}/{record.questions} answered"
            result = "abandoned"
        else:
            score = f"{record.percent:.0f}% {record.correct}/{record.questions}"
            result = "pass" if record.passed else "fail"
            result += " (time up)" if record.timed_out else ""
        table.add_row(
            f"{record.started_at.astimezone():%Y-%m-%d %H:%M}",
            score,
            result,
            f"{record.pass_mark}%",
            f"{record.minutes:g}",
            str(record.seed),
            ", ".join(record.topics) or "all",
        )
    return table


def cards_table(profile: str, rows: Sequence[BrowseRow]) -> Table:
    """The card browser's rows, one per item, in the columns of `COLUMNS`."""
    table = Table(title=f"Cards of profile {profile}: {len(rows)}")
    for column in COLUMNS:
        table.add_column(column, justify="left" if column in LEFT else "right")
    for row in rows:
        table.add_row(*row.cells())
    return table
