"""The `quizhinge` command as a person runs it: from any folder, on real files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from quizhinge import __version__
from quizhinge.cli import main

BROKEN_CARD = """\
[[card]]
id = "broken-1"
kind = "choice"
level = "beginner"
topic = "faults"
explain = "Why."
question = "Which?"
choices = ["a", "b"]
answer = "c"
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the command in a real process, the way a shell would."""
    return subprocess.run(
        [sys.executable, "-m", "quizhinge", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_validate_bundled_decks_from_another_folder(tmp_path):
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")
    for kind in ("basic", "definition", "cloze", "choice", "truefalse", "typed"):
        assert kind in result.stdout


def test_version_and_help(tmp_path):
    assert run("--version", cwd=tmp_path).stdout.strip().endswith(__version__)
    help_text = run("--help", cwd=tmp_path).stdout
    for option in ("--db", "--decks", "--profile", "validate"):
        assert option in help_text


def test_broken_deck_given_with_decks_fails_naming_file_line_and_card(
    tmp_path, write_deck
):
    deck = write_deck(BROKEN_CARD, deck_id="mine")
    result = run("--decks", str(deck.parent), "validate", cwd=tmp_path)
    assert result.returncode == 1
    line = next(
        n for n, s in enumerate(deck.read_text().splitlines(), 1) if "answer" in s
    )
    assert f"{deck}:{line}: card broken-1: answer 'c' is not one of the choices" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_validate_paths_given_on_the_command_line(tmp_path, write_deck):
    good = write_deck(BROKEN_CARD.replace('answer = "c"', 'answer = "a"'), "good")
    result = CliRunner().invoke(main, ["validate", str(good)])
    assert result.exit_code == 0
    assert (
        result.output == "OK: 1 deck, 1 card (1 choice)\n  good  Test::good (1 card)\n"
    )


def test_bad_paths_exit_1_without_traceback(tmp_path):
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    empty_folder = tmp_path / "nothing"
    empty_folder.mkdir()
    result = run(
        "validate", str(binary), str(empty_folder), str(tmp_path / "gone"), cwd=tmp_path
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{binary}:1: not UTF-8 text" in result.stderr
    assert f"{empty_folder}: no deck files (*.toml)" in result.stderr
    assert f"{tmp_path / 'gone'}: no such file or folder" in result.stderr
    assert "3 problems in the decks" in result.stderr


def test_study_where_no_database_can_be_made_exits_1_without_traceback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    result = run("--db", str(blocker / "q.db"), "study", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{blocker / 'q.db'}: cannot create or open it here" in result.stderr
    assert blocker.read_text() == "not a folder\n"
