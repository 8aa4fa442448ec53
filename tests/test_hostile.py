"""Deck text cannot drive the learner's terminal.

tests/decks/hostile holds OSC 52 (clipboard), OSC 2 (window title), CSI
(screen wipe), a bare ESC, a C1 CSI (U+009B) and bidi overrides and isolates
in every kind of field. Whatever path its text takes to the terminal (the
app's screens, the problem lines of validate, study, stats, exam and export),
no such character arrives: the deck is refused, and the lines that say why
show each character escaped.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.tui import DECKS, MIXED, make_app, settle

from quizhinge.catalog import load_catalog
from quizhinge.cli import main
from quizhinge.deckfile import load_deck
from quizhinge.inert import UNSAFE, inert, inert_data
from quizhinge.problems import DeckError, Problem

HOSTILE = DECKS / "hostile"
HOSTILE_FILE = HOSTILE / "hostile.toml"
# Every character the hostile deck uses to reach the terminal.
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\u2066", "\u2069")


def assert_inert(text: str) -> None:
    """Nothing a terminal would obey, and the escapes are there to read."""
    assert not UNSAFE.search(text), [c for c in text if UNSAFE.match(c)]
    assert "\\x1b" in text


def test_inert_escapes_controls_and_bidi_and_keeps_text():
    assert inert("plain\ttext\nnext line") == "plain\ttext\nnext line"
    assert inert("\x1b]52;c;eA==\x07") == "\\x1b]52;c;eA==\\x07"
    assert inert("\x9b2J \x7f \x00") == "\\x9b2J \\x7f \\x00"
    assert inert("a\u202eb\u2066c\u2069\u2028") == "a\\u202eb\\u2066c\\u2069\\u2028"
    assert inert("héllo ש C++ \u221245°") == "héllo ש C++ \u221245°"
    assert inert_data({"k\x1b": ["\x1b", 1, {"x": "\x9b"}]}) == {
        "k\\x1b": ["\\x1b", 1, {"x": "\\x9b"}]
    }


def test_the_hostile_deck_is_refused_naming_every_field_escaped():
    with pytest.raises(DeckError) as caught:
        load_deck(HOSTILE_FILE)
    lines = [str(p) for p in caught.value.problems]
    for line in lines:
        assert not UNSAFE.search(line)
    text = "\n".join(lines)
    for key in ("name", "description", "front", "back", "explain", "question"):
        assert f"'{key}' holds control characters" in text
    assert "'choices' holds control characters (\\x1b)" in text
    assert "'tags' holds control characters (\\x9b)" in text
    assert "(\\x1b, \\x9b, \\u2066, \\u2069)" in text  # the explain line


def test_a_problem_line_escapes_a_hostile_file_name(tmp_path):
    path = tmp_path / "\x1b]2;title\x07.toml"
    path.write_text('[deck]\nid = "x"\n')
    with pytest.raises(DeckError) as caught:
        load_catalog([path])
    for problem in caught.value.problems:
        assert str(problem).startswith(f"{tmp_path}/\\x1b]2;title\\x07.toml")
    assert str(Problem("\u202ea", 3, "m\x9b")) == "\\u202ea:3: m\\x9b"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", str(HOSTILE)], 1),
        (["--decks", str(HOSTILE), "validate"], 1),
        # stats and exam go on without the deck (issue 12, item 22) and warn
        (["--decks", str(HOSTILE), "stats"], 0),
        (["--decks", str(HOSTILE), "exam"], 0),
        (["--decks", str(HOSTILE), "export", "--out", "{tmp}/out.apkg"], 1),
    ],
)
def test_every_command_shows_the_hostile_deck_escaped(
    tmp_path, args, code, monkeypatch
):
    import quizhinge.tui.launch

    started = []

    def run_app(*args, **options):  # never the real app in a test
        started.append(options)

    monkeypatch.setattr(quizhinge.tui.launch, "run_app", run_app)
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "q.db"), *args])
    assert result.exit_code == code, result.output
    assert_inert(result.output)
    assert "problems in the decks" in result.output and "hostile.toml" in (
        result.output
    )
    assert not (tmp_path / "out.apkg").exists()
    assert bool(started) == (args[-1] == "exam")


def test_validate_in_a_real_process_writes_no_control_byte(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "quizhinge", "validate", str(HOSTILE)],
        capture_output=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == b""
    for raw in RAW:
        assert raw.encode() not in result.stderr
    assert b"\\x1b]52;c;cHduZWQ=\\x07" not in result.stderr  # not even escaped:
    # the problem lines name the characters, they do not echo the sequences
    assert b"'front' holds control characters (\\x1b, \\u202e, \\u202c)" in (
        result.stderr
    )


@pytest.mark.parametrize("start", ["home", "study"])
async def test_the_app_leaves_the_hostile_deck_out_and_says_so_inertly(tmp_path, start):
    """The app starts without the deck (issue 12, item 22); the home screen's
    list of problems is inert text."""
    app = make_app(tmp_path / "q.db", (MIXED, HOSTILE), start=start)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.is_running
        if start == "study":
            app.go_home()
            await settle(pilot)
        text = str(app.screen.query_one("#deck-problems").render())
    assert app.error_message is None
    assert_inert(text)
    assert "hostile.toml" in text


def test_cards_and_decks_leave_the_parser_inert(write_deck):
    """Defence in depth: even text the validator let through (say, a rule
    missed) is inert once parsed, in every field and the deck's own."""
    from quizhinge import deckfile

    path = write_deck(
        '[[card]]\nid = "c"\nkind = "basic"\nlevel = "beginner"\ntopic = "cues"\n'
        'explain = "e\\u001b"\nfront = "f\\u009b"\nback = "b\\u202e"\n'
        'tags = ["t\\u2066"]\n'
    )
    original = deckfile._check_text
    try:
        deckfile._check_text = lambda *args: None  # as if the rule were missing
        deck = load_deck(path)
    finally:
        deckfile._check_text = original
    (card,) = deck.cards
    assert (card.explain, card.front, card.back) == ("e\\x1b", "f\\x9b", "b\\u202e")
    assert card.tags == ("t\\u2066",)
    assert Path(deck.path) == path
