"""A calendar heatmap of reviews: one column per week, one row per weekday.

Textual has no calendar heatmap widget, so this one renders a small grid of
cells whose colours come from component classes (and so from the theme).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any, ClassVar

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def heat_level(count: int, busiest: int) -> int:
    """0 for no reviews, then 1-4 by quarter of the busiest day."""
    if count <= 0 or busiest <= 0:
        return 0
    return min(4, 1 + (4 * (count - 1)) // busiest)


def week_columns(today: date, weeks: int) -> list[list[date]]:
    """`weeks` columns of Monday..Sunday, the last one holding today."""
    last_monday = today - timedelta(days=today.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    return [
        [first + timedelta(weeks=w, days=d) for d in range(7)] for w in range(weeks)
    ]


def month_labels(columns: list[list[date]], today: date) -> str:
    """The month row: each month's name over the week its 1st falls in (the
    first week's month over the first column). The current month's name is
    kept even when it starts in the last week or two: it moves left to fit,
    and the name before it gives way if they would touch."""
    width = 2 * len(columns)
    places: list[tuple[int, str]] = []
    for index, week in enumerate(columns):
        firsts = [day for day in week if day.day == 1 and day <= today]
        if index == 0 or firsts:
            day = firsts[0] if firsts else week[0]
            places.append((min(index * 2, width - 3), day.strftime("%b")))
    row = [" "] * width
    end = width + 1
    for start, name in reversed(places):  # the latest month first: it wins
        if start + len(name) < end:
            row[start : start + len(name)] = name
            end = start
    return "".join(row)


class Heatmap(Widget):
    """Reviews per day over the last `weeks` weeks."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "heatmap--l0",
        "heatmap--l1",
        "heatmap--l2",
        "heatmap--l3",
        "heatmap--l4",
        "heatmap--label",
    }
    DEFAULT_CSS = """
    Heatmap { height: 9; width: auto; }
    Heatmap > .heatmap--l0 { color: $foreground 15%; }
    Heatmap > .heatmap--l1 { color: $success 40%; }
    Heatmap > .heatmap--l2 { color: $success 65%; }
    Heatmap > .heatmap--l3 { color: $success 85%; }
    Heatmap > .heatmap--l4 { color: $success; }
    Heatmap > .heatmap--label { color: $text-muted; }
    """

    counts: reactive[dict[date, int]] = reactive(dict, layout=True)

    def __init__(
        self,
        today: date,
        weeks: int = 16,
        counts: Mapping[date, int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.today = today
        self.weeks = weeks
        self.set_reactive(Heatmap.counts, dict(counts or {}))

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return 4 + 2 * self.weeks

    def render(self) -> Content:
        """As many of the weeks as the width holds, the latest ones (a narrow
        terminal shows fewer weeks rather than a cut grid)."""
        room = (self.content_region.width - 4) // 2
        weeks = max(1, min(self.weeks, room)) if room > 0 else self.weeks
        columns = week_columns(self.today, weeks)
        busiest = max(self.counts.values(), default=0)
        label = self.get_visual_style("heatmap--label")
        lines = [Content.styled("    " + month_labels(columns, self.today), label)]
        for weekday in range(7):
            parts: list[Content] = [Content.styled(f"{WEEKDAYS[weekday]:<4}", label)]
            for week in columns:
                day = week[weekday]
                if day > self.today:
                    parts.append(Content("  "))
                    continue
                level = heat_level(self.counts.get(day, 0), busiest)
                style = self.get_visual_style(f"heatmap--l{level}")
                parts.append(Content.styled("■ ", style))
            lines.append(Content.assemble(*parts))
        legend = [Content.styled("    less ", label)]
        legend += [
            Content.styled("■ ", self.get_visual_style(f"heatmap--l{n}"))
            for n in range(5)
        ]
        legend.append(Content.styled("more", label))
        lines.append(Content.assemble(*legend))
        return Content("\n").join(lines)
