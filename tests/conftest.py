"""Shared test helpers: write deck files the way a trainer would."""

from __future__ import annotations

from pathlib import Path

import pytest

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
