"""Messages that must not mislead (issue 12, item 16): a negative setting is
a value out of range, not an unknown option; a study filter that matches no
card says so instead of "All done for today"."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from support.tui import MIXED, settle

from quizhinge.catalog import load_catalog
from quizhinge.cli import main
from quizhinge.session import ScopeError, check_scope


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("new-per-day", "-1", "new-per-day must be a whole number from 0 to 1000"),
        ("day-start-hour", "-5", "day-start-hour must be a whole number from 0 to 23"),
        ("pass-mark", "-70", "pass-mark must be a whole number from 1 to 100"),
    ],
)
def test_a_negative_setting_is_out_of_range_not_an_option(
    tmp_path, key, value, message
):
    result = CliRunner().invoke(
        main, ["--db", str(tmp_path / "q.db"), "config", key, value]
    )
    assert result.exit_code == 1
    assert f"{message}, not '{value}'" in result.output
    assert "No such option" not in result.output


def test_config_lists_every_value_apart_from_its_meaning(tmp_path):
    """The theme's name is wider than the other values: it must not run into
    its explanation ("textual-dark the app's colour theme")."""
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "q.db"), "config"])
    assert result.exit_code == 0, result.output
    rows = [row for row in result.output.splitlines() if row.startswith("  ")]
    assert any("textual-dark  the app's colour theme" in row for row in rows), rows
    starts = {row.index(_meaning(row.split()[0])) for row in rows}
    assert len(starts) == 1, rows  # every meaning starts in one column


def _meaning(key: str) -> str:
    from quizhinge.settings import SETTING_HELP

    return SETTING_HELP[key.replace("-", "_")]


def test_a_study_filter_that_matches_nothing_says_what_exists():
    catalog = load_catalog([MIXED])
    with pytest.raises(ScopeError) as error:
        check_scope(catalog, "trainer", "cues")
    assert "nothing matches: deck 'trainer' holds no 'cues' cards" in str(error.value)
    assert "(topics: programming)" in str(error.value)
    with pytest.raises(ScopeError, match="the decks hold no 'breathing' cards"):
        check_scope(catalog, None, "breathing")
    with pytest.raises(ScopeError) as error:
        check_scope(catalog, "trainer", None, levels=("beginner",))
    assert "nothing matches at your level: deck 'trainer' holds only trainer" in str(
        error.value
    )
    assert "config level trainer" in str(error.value)
    check_scope(catalog, "trainer", "programming", levels=("beginner", "trainer"))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"deck": "trainer", "topic": "cues"}, "nothing matches: deck 'trainer'"),
        ({"deck": "trainer"}, "nothing matches at your level"),
        ({"topic": "breathing"}, "the decks hold no 'breathing' cards"),
    ],
)
async def test_study_on_a_filter_that_matches_nothing_ends_with_the_reason(
    tmp_path, options, message
):
    from quizhinge.tui.launch import make_app

    app = make_app(tmp_path / "q.db", [MIXED], "sam", start="study", **options)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert message in (app.error_message or "")
