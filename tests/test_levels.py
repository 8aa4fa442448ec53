"""One level rule: a level is what a learner at that level studies.

A beginner studies beginner cards; a trainer studies every card. The app's
sessions, `config level`, exams and the Anki export all read it that way; an
export of one level's cards alone is `export --only-level`.
"""

from __future__ import annotations

from click.testing import CliRunner

from quizhinge import anki
from quizhinge.cards import LEVELS, studied_at
from quizhinge.catalog import load_catalog
from quizhinge.cli import main
from quizhinge.exam import EXAM_KINDS, ExamPlan, eligible
from quizhinge.places import default_deck_paths
from quizhinge.session import StudySession
from quizhinge.store import Store


def test_a_trainer_studies_every_card_and_a_beginner_the_beginner_ones():
    assert studied_at("beginner") == ("beginner",)
    assert studied_at("trainer") == LEVELS


def test_session_exam_and_export_agree_on_what_a_level_is(tmp_path):
    catalog = load_catalog(default_deck_paths())
    store = Store.open(tmp_path / "q.db")
    store.cards.sync(catalog)
    for level in LEVELS:
        expected = {card.id for card in catalog if card.level in studied_at(level)}
        store.profiles.set_setting("sam", "level", level)
        store.profiles.set_setting("sam", "new_per_day", "1000")
        session = StudySession(store, catalog, "sam")
        assert {item.card.id for item in session.upcoming()} <= expected
        assert {
            row.card_id for row in store.schedule.new_items(1, session.profile.levels)
        } == (expected)
        exam_ids = {card.id for card in eligible(catalog, ExamPlan(level=level))}
        assert exam_ids == {
            card.id
            for card in catalog
            if card.id in expected and card.kind in EXAM_KINDS
        }
        exported = anki.select(catalog, level=level)
        assert {card.id for _, cards in exported.decks for card in cards} == expected
    store.close()


def test_export_level_trainer_is_every_card_and_only_level_is_one_level(tmp_path):
    catalog = load_catalog(default_deck_paths())
    trainer_only = sum(card.level == "trainer" for card in catalog)
    assert 0 < trainer_only < len(catalog)
    runner = CliRunner()
    for args, notes in (
        (["--level", "trainer"], len(catalog)),
        (["--only-level", "trainer"], trainer_only),
        (["--only-level", "beginner"], len(catalog) - trainer_only),
        (["--level", "beginner", "--only-level", "trainer"], None),
    ):
        out = tmp_path / "x.apkg"
        out.unlink(missing_ok=True)
        result = runner.invoke(main, ["export", "--out", str(out), *args])
        if notes is None:
            assert result.exit_code == 1
            assert "no cards match" in result.output
            continue
        assert result.exit_code == 0, result.output
        assert f": {notes} notes," in result.output
