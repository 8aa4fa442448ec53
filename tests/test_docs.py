"""The examples in docs/deck-format.md are a contract: they must validate."""

from __future__ import annotations

import re
from pathlib import Path

from quizhinge.cards import KINDS
from quizhinge.deckfile import load_deck

DOC = Path(__file__).parent.parent / "docs" / "deck-format.md"


def test_deck_format_examples_make_a_valid_deck_of_every_kind(tmp_path):
    blocks = re.findall(r"```toml\n(.*?)```", DOC.read_text(), re.DOTALL)
    path = tmp_path / "from-docs.toml"
    path.write_text("\n".join(blocks))
    deck = load_deck(path)
    assert deck.name == "Hip Hinge::My cues"
    assert sorted(card.kind for card in deck.cards) == sorted(KINDS)
