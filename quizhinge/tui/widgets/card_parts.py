"""The parts of a card drawn in one widget (card_lines): each a function of the
width that returns the part's lines, in the styles `style` gives (those of
CardLines' component classes).

Blank lines stand where the margins between widgets stood. Deck text comes
in as Content (see card_text) and stays literal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from textual.content import Content
from textual.style import Style

from quizhinge.scheduler import GRADE_MEANINGS, REDRILL_BELOW
from quizhinge.tui.widgets.dates import days
from quizhinge.tui.widgets.drawn import one_line_or_stacked
from quizhinge.tui.widgets.feedback import Line, wrapped

# The style of a component class by its short name ("prompt" for
# card-lines--prompt): CardLines.part_style.
Styles = Callable[[str], Style]

HINT = "space or enter: show the answer"
EDGE = "█ "  # an edge down the left, as a thick left border and a space draw it
BLANK = Content("")

# Each grade shows the interval it schedules; one under 4 (SM-2's step 7,
# 3 included though it passes) is also asked again in this session (a
# re-drill), which the intervals cannot say.
GRADES_TITLE = (
    "How well did you remember? Press 0-5 (or click)",
    f"0-{REDRILL_BELOW - 1}: again before you stop",
)
GRADES = range(5, -1, -1)  # 5 on top: 3 and above count as remembered
INTERVAL_WIDTH = 9
TRUE_FALSE = ((True, "  True (t)  "), (False, "  False (f)  "))


def prompt(text: Content, width: int, style: Styles) -> list[Content]:
    """The prompt in bold, a blank line above and below it."""
    return [BLANK, *text.stylize_before(style("prompt")).wrap(width), BLANK]


def hint(width: int, style: Styles) -> list[Content]:
    """How to show a self-graded card's answer."""
    return Content.styled(HINT, style("hint")).wrap(width)


def edged(parts: Sequence[Line], width: int, edge: Style) -> list[Content]:
    """Text on an edge down its left, on every line it wraps to, with a
    space to spare at the right."""
    mark = Content.styled(EDGE, edge)
    room = max(width - len(EDGE) - 1, 8)
    return [Content.assemble(mark, line) for line in wrapped(parts, room)]


def answer(text: Content, explain: Content, width: int, style: Styles) -> list[Content]:
    """A self-graded card's answer on its green edge, then why."""
    lines = [*edged([text], width, style("edge")), BLANK]
    if explain:
        lines += [*explain.stylize_before(style("explain")).wrap(width), BLANK]
    return lines


def grades(
    preview: dict[int, int], today: date | None, width: int, style: Styles
) -> list[Content]:
    """The title, then grades 5 down to 0, each with SuperMemo's meaning and
    the interval it would give, its meaning wrapped under itself in a narrow
    terminal (never cut). A click on a grade's lines grades, as its key does."""
    width = max(width, 12)
    parts = [Content(part) for part in GRADES_TITLE]
    title = one_line_or_stacked(parts, Content("; "), width)
    lines = [line.stylize(style("muted")) for line in title]
    room = max(width - 4 - INTERVAL_WIDTH, 8)
    for grade in GRADES:
        head = Content.styled(f" {grade} ", style("passed" if grade >= 3 else "failed"))
        interval = days(preview[grade]) if grade in preview else ""
        click = Style.from_meta({"@click": f"screen.number({grade})"})
        meaning = Content(GRADE_MEANINGS.get(grade, "")).wrap(room)
        for index, part in enumerate(meaning):
            row = Content.assemble(
                head if index == 0 else "   ",
                " ",
                part.pad_right(max(room - part.cell_length, 0)),
                (
                    (interval if index == 0 else "").rjust(INTERVAL_WIDTH),
                    style("muted"),
                ),
            )
            lines.append(row.stylize(click))
    return [*lines, BLANK]


def true_false(width: int, style: Styles) -> list[Content]:
    """` True (t) `  ` False (f) `, one under the other where they do not fit
    side by side: a click on one answers, as t or f does."""
    keys = [
        Content.styled(
            label, style(str(value).lower()) + _click(f"screen.truefalse({value})")
        )
        for value, label in TRUE_FALSE
    ]
    return [*one_line_or_stacked(keys, Content("   "), width), BLANK]


def _click(action: str) -> Style:
    return Style.from_meta({"@click": action})


def feedback(parts: Sequence[Line], width: int, style: Styles) -> list[Content]:
    """An auto-graded answer's feedback (see feedback.feedback_lines) on an
    edge of its own."""
    return edged(parts, width, style("feedback-edge"))
