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
    assert [figure.id for figure in deck.figures] == [
        "my-fig-hinge",
        "my-fig-dowel",
        "my-fig-deadlift",
        "my-fig-pick",
    ]


README = Path(__file__).parent.parent / "README.md"


def test_readme_lists_every_setting_with_its_default_and_range():
    from quizhinge.settings import SETTING_HELP, SETTING_LIMITS, ProfileSettings

    text = README.read_text()
    for key, default in ProfileSettings()._asdict().items():
        assert key in SETTING_HELP
        name = key.replace("_", "-")
        row = next(
            (line for line in text.splitlines() if line.startswith(f"| `{name}` |")),
            None,
        )
        assert row is not None, f"README has no row for {name}"
        assert f"| {default} |" in row, row
        if key in SETTING_LIMITS:
            low, high = SETTING_LIMITS[key]
            assert f"({low}-{high})" in row, row


def test_readme_and_help_say_re_drills_are_not_capped_by_reviews_per_day():
    from quizhinge.settings import SETTING_HELP

    text = " ".join(README.read_text().split())
    assert "re-drills are not capped by `reviews-per-day`" in text
    assert "re-drills" in SETTING_HELP["reviews_per_day"]


def test_readme_validate_and_export_examples_show_the_bundled_decks(tmp_path):
    """The README's sample output of `validate` and `export` is what the
    bundled decks give today (it went stale once as the decks grew)."""
    from click.testing import CliRunner

    from quizhinge.cli import main

    lines = README.read_text().splitlines()
    runner = CliRunner()
    checked = runner.invoke(main, ["validate"])
    assert checked.exit_code == 0, checked.output
    assert checked.output.splitlines()[0] in lines
    db, out = str(tmp_path / "p.db"), str(tmp_path / "quizhinge.apkg")
    wrote = runner.invoke(main, ["--db", db, "export", "--out", out])
    assert wrote.exit_code == 0, wrote.output
    counts = wrote.output.split(": ", 1)[1].split(" (", 1)[0]  # "N notes, ..."
    assert any(
        line.startswith(f"Wrote quizhinge.apkg: {counts} (") for line in lines
    ), counts
