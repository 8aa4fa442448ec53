"""Shared test helpers: write deck files the way a trainer would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.tui import seed_history

DECK_HEADER = """\
[deck]
id = "{deck_id}"
name = "Test::{deck_id}"
description = "A deck written by a test."
"""


@pytest.fixture
def write_deck(tmp_path: Path):
    """Write a deck file from card tables (TOML text) and return its path."""

    def write(cards: str, deck_id: str = "test", name: str | None = None) -> Path:
        path = tmp_path / (name or f"{deck_id}.toml")
        path.write_text(DECK_HEADER.format(deck_id=deck_id) + "\n" + cards)
        return path

    return write


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A learner's sixty days of history, made once per test module."""
    db = tmp_path_factory.mktemp("seed") / "seeded.db"
    seed_history(db)
    return db


@pytest.fixture
def db(seeded, tmp_path) -> Path:
    """A copy of the seeded history, so each test starts from the same day."""
    copy = tmp_path / "q.db"
    shutil.copy(seeded, copy)
    return copy
