"""A broken extra deck does not stop a learner (issue 12, item 22): the app
and the reading commands go on with the bundled and the valid decks and say
what was left out; validate and export still refuse."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizhinge.catalog import load_catalog
from quizhinge.places import bundled_decks_dir, default_deck_paths
from quizhinge.problems import DeckError

DOC = Path(__file__).parent.parent / "docs" / "deck-format.md"
GOOD = """\
[deck]
id = "mine"
name = "Mine"

[[card]]
id = "mine-1"
kind = "basic"
level = "beginner"
topic = "cues"
explain = "Why."
front = "Q?"
back = "A."
"""


def folder(tmp_path: Path, name: str, text: str) -> Path:
    where = tmp_path / name
    where.mkdir()
    (where / f"{name}.toml").write_text(text)
    return where


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quizhinge", "--db", str(tmp_path / "q.db"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_a_lenient_load_leaves_out_broken_and_clashing_decks(tmp_path):
    broken = folder(tmp_path, "broken", GOOD.replace('kind = "basic"', 'kind = "x"'))
    good = folder(tmp_path, "good", GOOD)
    bundled = load_catalog([bundled_decks_dir()])
    taken = next(iter(bundled)).id
    clash = folder(
        tmp_path, "clash", GOOD.replace("mine-1", taken).replace("mine", "c")
    )
    paths = default_deck_paths([broken, good, clash])
    with pytest.raises(DeckError):
        load_catalog(paths)
    catalog = load_catalog(paths, lenient=True)
    ids = [deck.id for deck in catalog.decks]
    assert ids == [*(deck.id for deck in bundled.decks), "mine"]
    assert catalog.card(taken) == bundled.card(taken)  # the bundled card stays
    paths_with_problems = {problem.path for problem in catalog.problems}
    assert paths_with_problems == {
        str(broken / "broken.toml"),
        str(clash / "clash.toml"),
    }


def test_reading_commands_warn_and_go_on_while_export_and_validate_refuse(tmp_path):
    broken = folder(tmp_path, "broken", "[deck]\nid = 'x'\n")
    decks = ["--decks", str(broken)]
    for command in (
        ["stats"],
        ["cards", "--deck", "cues"],
        ["suspend", "def-hip-hinge"],
    ):
        result = run(tmp_path, *decks, *command)
        assert result.returncode == 0, (command, result.stderr)
        assert str(broken / "broken.toml") in result.stderr
        assert "left out" in result.stderr and "quizhinge validate" in result.stderr
        assert "Traceback" not in result.stderr
    for command in (["export"], ["validate"]):
        result = run(tmp_path, *decks, *command)
        assert result.returncode == 1, command
        assert str(broken / "broken.toml") in result.stderr
    assert not list(tmp_path.glob("*.apkg"))


def test_validate_lists_every_deck_by_its_id(tmp_path):
    result = run(tmp_path, "validate")
    lines = result.stdout.splitlines()
    for deck in load_catalog([bundled_decks_dir()]).decks:
        assert any(
            line.split()[:1] == [deck.id] and deck.name in line for line in lines
        )


def test_the_deck_format_says_what_the_code_does():
    text = " ".join(DOC.read_text().split())
    assert "is not used at all" not in text
    assert "the app starts with the bundled decks and every deck file" in text
    assert "`quizhinge export` refuses" in text
