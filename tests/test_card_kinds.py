"""Every card kind has its row in each table docs/adding-a-card-kind.md lists,
and nothing more is needed: the places a new kind touches are those."""

from __future__ import annotations

from pathlib import Path

from quizhinge import anki, grading
from quizhinge.cards import CARD_TYPES, KINDS
from quizhinge.deckfile import KIND_RULES
from quizhinge.exam import EXAM_KINDS
from quizhinge.tui.widgets import exam_questions, questions

ROOT = Path(__file__).parent.parent
DOC = ROOT / "docs" / "adding-a-card-kind.md"


def test_every_kind_has_a_label_a_parser_rule_and_an_anki_note_type():
    assert list(KIND_RULES) == list(KINDS)
    assert set(anki.KIND_FIELDS) == set(CARD_TYPES.values())
    labels = [cls.label for cls in CARD_TYPES.values()]
    assert all(labels) and len(set(labels)) == len(labels)


def test_the_kinds_the_program_grades_have_widgets_and_are_asked_in_exams():
    graded = [cls.kind for cls in grading.GRADERS]
    assert list(EXAM_KINDS) == graded
    assert set(questions.KINDS) == set(graded)
    assert set(exam_questions.KINDS) == set(graded)


def test_the_doc_names_files_that_exist():
    text = DOC.read_text()
    for path in (
        "quizhinge/cards.py",
        "quizhinge/deckfile.py",
        "docs/deck-format.md",
        "quizhinge/grading.py",
        "quizhinge/tui/widgets/questions.py",
        "quizhinge/tui/widgets/exam_questions.py",
        "quizhinge/anki.py",
    ):
        assert f"`{path}`" in text
        assert (ROOT / path).is_file()


def test_cards_compare_hash_and_print_by_kind_and_every_field():
    """Card writes equality, hashing and repr once for every kind (the
    generated ones cost start-up time); they must behave as generated ones."""
    from dataclasses import fields, replace

    from quizhinge.cards import BasicCard, TrueFalseCard

    card = BasicCard("b1", "beginner", "cues", "Why.", "d", front="Q?", back="A.")
    same = BasicCard("b1", "beginner", "cues", "Why.", "d", front="Q?", back="A.")
    assert card == same and hash(card) == hash(same)
    assert card != replace(card, back="B.")
    assert card != replace(card, tags=("x",))
    other_kind = TrueFalseCard("b1", "beginner", "cues", "Why.", "d")
    assert card != other_kind
    assert len({card, same, replace(card, back="B.")}) == 2
    shown = ", ".join(f"{f.name}={getattr(card, f.name)!r}" for f in fields(card))
    assert repr(card) == f"BasicCard({shown})"
    assert repr(card).startswith("BasicCard(id='b1', level='beginner',")


def test_every_kind_takes_equality_and_repr_from_card():
    """As docs/adding-a-card-kind.md says: a kind that generated its own would
    still work, only cost start-up time; this keeps them declared alike."""
    from quizhinge.cards import Card

    for cls in CARD_TYPES.values():
        assert cls.__eq__ is Card.__eq__ and cls.__repr__ is Card.__repr__, cls
        assert cls.__hash__ is Card.__hash__ and cls.__doc__, cls
