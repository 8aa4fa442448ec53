"""The TUI's pure parts: how cards become text, dates, the heatmap's grid,
the CLI's entry points, and what start-up imports."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from support.tui import MIXED, make_app, settle

from quizhinge.cards import ChoiceCard, ClozeCard, DefinitionCard, OrderCard
from quizhinge.cli import main
from quizhinge.tui.widgets import card_text
from quizhinge.tui.widgets.dates import due_text, duration
from quizhinge.tui.widgets.heatmap import heat_level, week_columns

COMMON = {"level": "beginner", "topic": "definitions", "explain": "", "deck_id": "d"}
DAY = date(2026, 11, 23)


def test_cloze_blanks_only_the_asked_gap_and_shows_hints():
    card = ClozeCard(
        id="c", text="A {{c1::hinge}} is hip {{c2::flexion::f...}}.", **COMMON
    )
    assert card_text.prompt(card, "c1").plain == "A [...] is hip flexion."
    assert card_text.prompt(card, "c2").plain == "A hinge is hip [f...]."
    assert card_text.answer(card, "c2").plain == "A hinge is hip flexion."


def test_definition_asks_each_way():
    card = DefinitionCard(id="d", term="Hinge", meaning="Fold at the hips", **COMMON)
    assert card_text.prompt(card, "term").plain == "What is: Hinge"
    assert card_text.answer(card, "term").plain == "Fold at the hips"
    assert (
        card_text.prompt(card, "meaning").plain == "Which term means: Fold at the hips"
    )
    assert card_text.answer(card, "meaning").plain == "Hinge"


def test_markup_in_deck_text_stays_literal():
    text = "[@click=app.quit]x[/] [ @click=app.quit]y[/] Answer: [/] <script>"
    card = ClozeCard(id="c", text=text + " {{c1::[b]gap[/b]}}", **COMMON)
    shown = card_text.answer(card, "c1")
    assert shown.plain == text + " [b]gap[/b]"
    assert all(
        not span.style or "@click" not in str(span.style) for span in shown.spans
    )


def test_choices_are_shuffled_the_same_way_all_day():
    card = ChoiceCard(
        id="q", question="?", choices=("a", "b", "c", "d", "e"), answer="a", **COMMON
    )
    first = card_text.options(card, "q", DAY)
    assert sorted(first) == ["a", "b", "c", "d", "e"]
    assert card_text.options(card, "q", DAY) == first
    days = {tuple(card_text.options(card, "q", date(2026, 11, n))) for n in range(1, 9)}
    assert len(days) > 1  # another day, another order


def test_order_steps_never_start_in_order():
    for n in range(1, 30):
        card = OrderCard(id=f"o{n}", question="?", steps=("1", "2"), **COMMON)
        steps = card_text.options(card, card.id, DAY)
        assert steps == ["2", "1"]


def test_dates_in_words():
    assert due_text(date(2026, 11, 24), DAY) == "tomorrow (Tue 24 Nov)"
    assert due_text(date(2026, 11, 29), DAY) == "in 6 days (Sun 29 Nov)"
    assert due_text(DAY, DAY) == "today (Mon 23 Nov)"
    assert duration(42.4) == "42 s"
    assert duration(185) == "3 min 05 s"


def test_heatmap_grid_ends_with_the_week_of_today():
    columns = week_columns(DAY, 16)
    assert len(columns) == 16 and all(len(week) == 7 for week in columns)
    assert columns[-1][0] == date(2026, 11, 23)  # a Monday
    assert columns[0][0] == date(2026, 8, 10)
    assert [heat_level(n, 8) for n in (0, 1, 2, 4, 8)] == [0, 1, 1, 2, 4]


class FakeApp:
    """Stands in for the TUI so the CLI can be tested without a terminal."""

    made: ClassVar[list[dict]] = []

    def __init__(self, *args, **kwargs):
        FakeApp.made.append({"args": args, **kwargs})
        self.error_message = kwargs.pop("error", None)
        self.return_code = 0

    def run(self):
        pass


@pytest.fixture
def fake_app(monkeypatch):
    import quizhinge.tui.launch

    FakeApp.made = []
    monkeypatch.setattr(quizhinge.tui.launch, "make_app", FakeApp)
    return FakeApp.made


def test_quizhinge_alone_opens_the_home_screen(fake_app, tmp_path):
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "q.db")])
    assert result.exit_code == 0, result.output
    assert fake_app[0]["start"] == "home"
    assert fake_app[0]["args"][0] == tmp_path / "q.db"


def test_study_opens_a_session_for_a_deck_or_topic(fake_app, tmp_path):
    db = str(tmp_path / "q.db")
    result = CliRunner().invoke(main, ["--db", db, "study", "--deck", "cues"])
    assert result.exit_code == 0, result.output
    assert fake_app[0]["start"] == "study" and fake_app[0]["deck"] == "cues"
    CliRunner().invoke(main, ["--db", db, "study", "--topic", "faults"])
    assert fake_app[1]["topic"] == "faults" and fake_app[1]["deck"] is None


async def test_study_with_an_unknown_deck_says_so(tmp_path):
    from quizhinge.tui.launch import make_app as launch

    app = launch(tmp_path / "q.db", [MIXED], "x", start="study", deck="nope")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert app.return_code == 1  # the app leaves at once; the CLI prints this
    assert "no deck with id 'nope'" in app.error_message


async def test_study_with_an_unknown_topic_or_markup_in_the_deck_id(tmp_path):
    from quizhinge.tui.launch import make_app as launch

    app = launch(tmp_path / "q.db", [MIXED], "x", start="study", topic="fautls")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert "no topic 'fautls'" in app.error_message
    app = launch(tmp_path / "q.db", [MIXED], "x", start="study", deck="Answer: [/]")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert app.return_code == 1  # a clear message, not a markup crash
    assert "no deck with id 'Answer: [/]'" in app.error_message


async def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    db = tmp_path / "notes.txt"
    db.write_text("my shopping list\n")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert "notes.txt" in app.error_message
    assert db.read_text() == "my shopping list\n"


def test_starting_the_tui_imports_no_genanki_and_no_sqlite_utils(tmp_path):
    code = (
        "import sys; from pathlib import Path;"
        "from quizhinge.tui.launch import make_app;"
        f"app = make_app(Path({str(tmp_path / 'q.db')!r}), [Path({str(MIXED)!r})],"
        " 'x', start='study');"
        "app.backend._early[1].result();"
        "print(sorted(m for m in ('genanki', 'sqlite_utils') if m in sys.modules))"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert again.stdout.strip() == "[]"  # a database that exists needs no sqlite-utils


def test_other_commands_do_not_import_textual():
    modules = "quizhinge.cli, quizhinge.tui.launch"
    code = f"import sys, {modules}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


def test_wheel_ships_the_stylesheets():
    tui = Path(__file__).parent.parent / "quizhinge" / "tui"
    sheets = {p.name for p in tui.rglob("*.tcss")}
    assert {"app.tcss", "study.tcss", "home.tcss", "stats.tcss"} <= sheets


def test_the_daily_start_skips_click_and_on_unchanged_decks_their_parser(tmp_path):
    code = (
        "import sys; import quizhinge.tui.launch as launch\n"
        "def run_app(db, decks, **options):\n"
        "    app = launch.make_app(db, decks, **options)\n"
        "    app.backend._early[1].result()\n"
        "    loaded = ('click', 'tomllib', 'hashlib', 'genanki', 'sqlite_utils')\n"
        "    print(options['start'], db, [m for m in loaded if m in sys.modules])\n"
        "launch.run_app = run_app\n"
        "from quizhinge.command import main\n"
        "sys.argv = ['quizhinge', 'study']; main()\n"
    )
    db = tmp_path / "q.db"
    env = {**os.environ, "QUIZHINGE_DB": str(db)}

    def start() -> str:
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env
        )
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    assert "'tomllib'" in start()  # the first day reads and checks the decks
    assert start() == f"study {db} []"  # later days: the checked copy, no click


def test_every_other_command_line_goes_through_click(fake_app, tmp_path, monkeypatch):
    from quizhinge import command

    monkeypatch.setattr(sys, "argv", ["quizhinge", "--db", str(tmp_path / "q.db")])
    with pytest.raises(SystemExit) as leaving:
        command.main()  # click's main leaves with its exit code
    assert leaving.value.code == 0
    assert fake_app[0]["start"] == "home"
    helped = subprocess.run(
        [sys.executable, "-m", "quizhinge", "--help"], capture_output=True, text=True
    )
    assert helped.stdout.startswith("Usage: python -m quizhinge [OPTIONS] [COMMAND]")
    assert "Open today's study session directly." in helped.stdout


def test_a_failed_daily_start_reads_as_the_cli_says_it(tmp_path, monkeypatch, capsys):
    import quizhinge.tui.launch
    from quizhinge import command

    monkeypatch.setattr(quizhinge.tui.launch, "run_app", lambda *a, **k: "bad deck")
    monkeypatch.setattr(sys, "argv", ["quizhinge", "study"])
    monkeypatch.setenv("QUIZHINGE_DB", str(tmp_path / "q.db"))
    with pytest.raises(SystemExit) as leaving:
        command.main()
    assert leaving.value.code == 1
    assert capsys.readouterr().err == "Error: bad deck\n"


def test_the_first_screen_is_the_apps_own_and_its_styles_are_read_with_the_apps(
    tmp_path,
):
    from quizhinge.tui.screens.home import HomeScreen
    from quizhinge.tui.screens.study import StudyScreen

    for start, screen in (("home", HomeScreen), ("study", StudyScreen)):
        app = make_app(tmp_path / "q.db", start=start)
        assert isinstance(app.get_default_screen(), screen)
        assert set(screen().css_path) <= set(app.css_path)  # so no second parse


def test_a_re_drill_shows_the_choices_in_another_order():
    """A missed card comes back the same day in another order: answered again
    by its content, not by where the answer just stood. The first asking keeps
    its order all day (undo and reopen look alike)."""
    from quizhinge.cards import letter_labels
    from quizhinge.catalog import load_catalog
    from quizhinge.places import default_deck_paths
    from quizhinge.scheduler import Sm2State
    from quizhinge.session import StudyItem
    from quizhinge.tui.widgets.questions import ChoiceQuestion

    today = date(2026, 11, 27)
    # A figure's panel letters keep their letter order (test_panel_letters).
    cards = [
        card
        for card in load_catalog(default_deck_paths())
        if isinstance(card, ChoiceCard | OrderCard) and not letter_labels(card)
    ]
    moved = 0
    for card in cards:
        first = card_text.options(card, card.id, today)
        assert first == card_text.options(card, card.id, today)
        moved += first != card_text.options(card, card.id, today, redrill=True)
    assert moved >= 0.85 * len(cards), (moved, len(cards))

    card = next(card for card in cards if isinstance(card, ChoiceCard))
    asked, again = (
        ChoiceQuestion(
            StudyItem(card.id, card, "", False, redrill, Sm2State()), today, {}
        )
        for redrill in (False, True)
    )
    assert asked.choices == card_text.options(card, card.id, today)
    assert again.choices == card_text.options(card, card.id, today, redrill=True)


async def test_a_hidden_drawn_text_is_drawn_at_its_width_once_shown():
    """The last answer's line is updated while hidden: drawn then, at a width
    of nothing, each word took a line of its own, at a cost to the grade key,
    only to be drawn again at the layout."""
    from textual.app import App
    from textual.content import Content

    from quizhinge.tui.widgets.feedback import LastAnswer

    class Recording(LastAnswer):
        widths: ClassVar[list[int]] = []

        def draw(self, width: int) -> list[Content]:
            self.widths.append(width)
            return super().draw(width)

    class One(App):
        def compose(self):
            line = Recording(id="line")
            line.display = False
            yield line

    app = One()
    async with app.run_test(size=(60, 10)) as pilot:
        line = app.query_one(Recording)
        for n in range(3):
            line.show(Content(f"Last card {n}: next due in a few days"))
        assert Recording.widths == []
        line.display = True
        await pilot.pause()
        assert Recording.widths and set(Recording.widths) == {60}
        assert line.text().strip() == "Last card 2: next due in a few days"


def test_a_drawing_is_painted_again_only_where_its_lines_changed():
    """A key repaints the runs of lines that changed, not the whole part:
    blank lines and a card's first lines often stay. A line whose text stays
    but whose style changed (a grade's colour, say) is a change, though
    Content compares only the text."""
    from textual.content import Content

    from quizhinge.tui.widgets.drawn import changed_runs

    before = [Content(""), Content("Prompt"), Content(""), Content("hint")]
    after = [Content(""), Content("Other"), Content(""), Content("hint"), Content("x")]
    assert changed_runs(before, after) == [(1, 1), (4, 1)]
    assert changed_runs(after, before) == [(1, 1), (4, 1)]  # gone: now blank
    bold = [Content(""), Content.styled("Prompt", "bold"), Content(""), Content("hint")]
    assert changed_runs(before, bold) == [(1, 1)]
    assert changed_runs(before, before) == []
    moved = [Content("a"), Content("b"), Content("c")]
    assert changed_runs(moved, [Content("x"), Content("y"), Content("c")]) == [(0, 2)]
