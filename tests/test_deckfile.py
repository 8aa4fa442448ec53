"""Every validation rule of the deck format, as a trainer writing a deck meets it."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizhinge.cards import ChoiceCard, ClozeCard, DefinitionCard, TrueFalseCard
from quizhinge.catalog import load_catalog
from quizhinge.deckfile import load_deck
from quizhinge.problems import DeckError

GOOD_CHOICE = """\
[[card]]
id = "q1"
kind = "choice"
level = "beginner"
topic = "cues"
explain = "Because."
question = "Which one?"
choices = ["this", "that"]
answer = "this"
"""


TEN = "[" + ", ".join(f'"{n}"' for n in range(10)) + "]"


def line_of(path: Path, start: str, nth: int = 0) -> int:
    """The 1-based number of the nth line of a file that starts with `start`."""
    lines = path.read_text().splitlines()
    return [i for i, line in enumerate(lines, 1) if line.startswith(start)][nth]


def problems(path: Path) -> list[str]:
    with pytest.raises(DeckError) as caught:
        load_catalog([path])
    return [str(p) for p in caught.value.problems]


def card(kind: str, body: str, card_id: str = "c1") -> str:
    return (
        f'[[card]]\nid = "{card_id}"\nkind = "{kind}"\nlevel = "beginner"\n'
        f'topic = "cues"\nexplain = "Why."\n{body}\n'
    )


def test_a_good_deck_loads_into_dataclasses(write_deck):
    path = write_deck(
        GOOD_CHOICE
        + card("truefalse", 'statement = "Hips back."\nanswer = true', "t1")
        + card("definition", 'term = "Hinge"\nmeaning = "Fold at the hips."', "d1")
        + card("cloze", 'text = "Push the {{c1::hips}} {{c2::back::where}}."', "z1")
    )
    deck = load_deck(path)
    assert deck.id == "test"
    choice, truefalse, definition, cloze = deck.cards
    assert isinstance(choice, ChoiceCard) and choice.choices == ("this", "that")
    assert isinstance(truefalse, TrueFalseCard) and truefalse.answer is True
    assert isinstance(definition, DefinitionCard)
    assert definition.variants() == ("term", "meaning")
    assert isinstance(cloze, ClozeCard) and cloze.variants() == ("c1", "c2")


def test_problem_names_file_line_and_card(write_deck):
    path = write_deck(GOOD_CHOICE.replace('answer = "this"', 'answer = "other"'))
    line = line_of(path, "answer")
    assert problems(path) == [
        f"{path}:{line}: card q1: answer 'other' is not one of the choices"
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            card("choice", 'question = "Q"\nchoices = ["a", "b"]'),
            "missing key 'answer'",
        ),
        (
            card("choice", 'qestion = "Q"\nchoices = ["a", "b"]\nanswer = "a"'),
            "unknown key 'qestion'; did you mean 'question'?",
        ),
        (
            card("basic", 'front = "F"\nback = "B"\ncolour = "x"'),
            "unknown key 'colour' (allowed: id, kind, level, topic, explain, front,",
        ),
        (card("basic", 'front = "F"\nback = 3'), "'back' must be a string"),
        (card("basic", 'front = ""\nback = "B"'), "'front' is empty"),
        (card("basic", 'front = "  "\nback = "B"'), "'front' is empty"),
        (card("riddle", 'front = "F"'), "unknown kind 'riddle'"),
        (
            card("basic", 'front = "F"\nback = "B"').replace("beginner", "expert"),
            "unknown level 'expert'",
        ),
        (
            card("basic", 'front = "F"\nback = "B"').replace('"cues"', '"yoga"'),
            "unknown topic 'yoga'",
        ),
        (card("basic", 'front = "F"\nback = "B"\ntags = ["two words"]'), "has a space"),
        (
            card("basic", 'front = "F"\nback = "B"\ntags = "deadlift"'),
            "'tags' must be a list of strings",
        ),
        (card("cloze", 'text = "No gap here."'), "cloze has no gap"),
        (card("cloze", 'text = "Bad {{c0::gap}}."'), "numbers start at c1"),
        (card("cloze", 'text = "Empty {{c1::}} gap."'), "has no answer"),
        (card("cloze", 'text = "Broken {{c1:gap}}."'), "cloze has no gap"),
        (
            card("choice", 'question = "Q"\nchoices = ["a", "b"]\nanswer = "c"'),
            "answer 'c' is not one of the choices",
        ),
        (
            card("choice", 'question = "Q"\nchoices = ["a", "a"]\nanswer = "a"'),
            "choice 'a' is listed twice",
        ),
        (
            card("choice", 'question = "Q"\nchoices = ["a"]\nanswer = "a"'),
            "at least 2 choices",
        ),
        (
            card("choice", f'question = "Q"\nchoices = {TEN}\nanswer = "1"'),
            "at most 9 choices",
        ),
        (
            card("truefalse", 'statement = "S"\nanswer = "yes"'),
            "'answer' must be true or false",
        ),
        (card("typed", 'question = "Q"\nanswers = []'), "at least one accepted answer"),
        (
            card("typed", 'question = "Q"\nanswers = ["RDL", ""]'),
            "'answers' has an empty entry",
        ),
        (card("order", 'question = "Q"\nsteps = ["only"]'), "at least 2 steps"),
        (card("order", 'question = "Q"\nsteps = ["a", "b", "a"]'), "listed twice"),
        (
            card("basic", 'front = "F"\nback = "B"').replace(
                'id = "c1"', 'id = "has space"'
            ),
            "id may use only",
        ),
    ],
)
def test_each_rule_reports_its_problem(write_deck, body, expected):
    found = problems(write_deck(body))
    assert any(expected in line for line in found), found
    assert all(line.startswith(str(write_deck(body))) for line in found)


def test_missing_kind_is_reported_once(write_deck):
    found = problems(write_deck('[[card]]\nid = "x"\nlevel = "beginner"\n'))
    assert len(found) == 1 and "missing key 'kind'" in found[0]


def test_unknown_key_reports_the_line_of_the_typo(write_deck):
    path = write_deck(card("basic", 'front = "F"\nback = "B"\nqestion = "x"'))
    (line,) = problems(path)
    number = int(line.split(":")[1])
    assert path.read_text().splitlines()[number - 1].startswith("qestion")


def test_duplicate_id_within_a_file(write_deck):
    path = write_deck(GOOD_CHOICE + GOOD_CHOICE)
    first_table = line_of(path, "[[card]]")
    second_id = line_of(path, "id =", nth=2)  # the deck's id comes first
    assert problems(path) == [
        f"{path}:{second_id}: card q1: duplicate id (first used on line {first_table})"
    ]


def test_duplicate_id_across_files(write_deck):
    first = write_deck(GOOD_CHOICE, deck_id="one")
    second = write_deck(GOOD_CHOICE, deck_id="two")
    with pytest.raises(DeckError) as caught:
        load_catalog([first, second])
    (problem,) = caught.value.problems
    assert problem.card_id == "q1" and problem.line == line_of(second, "id =", 1)
    assert str(first) in problem.message and problem.path == str(second)


def test_duplicate_deck_id_across_files(write_deck):
    write_deck(GOOD_CHOICE, deck_id="same", name="a.toml")
    other = write_deck(GOOD_CHOICE.replace("q1", "q2"), deck_id="same", name="b.toml")
    found = problems(other.parent)
    assert any("[deck]: id 'same' is also used by" in line for line in found)


def test_deck_table_is_required_and_checked(tmp_path):
    path = tmp_path / "nodeck.toml"
    path.write_text(GOOD_CHOICE)
    assert problems(path) == [f"{path}: missing the [deck] table"]
    path.write_text('[deck]\nname = "N"\ncolour = "red"\n\n' + GOOD_CHOICE)
    found = problems(path)
    assert f"{path}:1: [deck]: missing key 'id'" in found
    assert (
        f"{path}:3: [deck]: unknown key 'colour' (allowed: id, name, description)"
        in found
    )


def test_a_deck_without_cards_is_refused(write_deck):
    path = write_deck("")
    assert problems(path) == [f"{path}: the deck has no [[card]] tables"]


def test_every_problem_of_a_big_broken_deck_is_reported(write_deck):
    body = "".join(
        card("choice", 'question = "Q"\nchoices = ["a", "b"]\nanswer = "z"', f"c{i}")
        for i in range(1000)
    )
    found = problems(write_deck(body))
    assert len(found) == 1000
    assert len({line.split(":")[1] for line in found}) == 1000  # each on its own line


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty deck file"),
        (b"   \n\n", "empty deck file"),
        (b'[deck]\nid = "x"\nname = "caf\xe9"\n', ":3: not UTF-8 text"),
        (b"[deck\nid = 1\n", ":1: not valid TOML"),
        (b'[deck]\nid = "x"\nid = "y"\n', ":3: not valid TOML"),
    ],
)
def test_unreadable_files_get_one_clear_line(tmp_path, content, expected):
    path = tmp_path / "broken.toml"
    path.write_bytes(content)
    (line,) = problems(path)
    assert line.startswith(str(path)) and expected in line


def test_folder_without_decks_and_missing_path(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert problems(empty) == [f"{empty}: no deck files (*.toml)"]
    missing = tmp_path / "missing.toml"
    assert problems(missing) == [f"{missing}: no such file or folder"]


def test_content_hash_changes_with_text_only(write_deck):
    first = load_deck(write_deck(GOOD_CHOICE)).cards[0]
    same = load_deck(write_deck(GOOD_CHOICE)).cards[0]
    edited = load_deck(write_deck(GOOD_CHOICE.replace("Which one?", "Which?"))).cards[0]
    assert first.content_hash() == same.content_hash()
    assert first.content_hash() != edited.content_hash()


TYPED_RDL = card(
    "typed", 'question = "Which lift?"\nanswers = ["Romanian deadlift"]', "t1"
)


def test_a_decks_aliases_reach_its_typed_cards_and_grade(write_deck):
    from quizhinge.grading import check_typed

    table = '[aliases]\nRDL = "Romanian deadlift"\n"hex bar" = "trap bar"\n\n'
    path = write_deck(table)
    path.write_text(path.read_text() + TYPED_RDL)
    (typed,) = load_deck(path).cards
    assert typed.aliases == (("RDL", "Romanian deadlift"), ("hex bar", "trap bar"))
    assert check_typed(typed, "RDLs", seconds=30).correct


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("RDL = 3\n", "[aliases]: 'RDL' must stand for a string"),
        ('"?" = "Romanian deadlift"\n', "has no letters or digits on a side"),
        ('RDL = "..."\n', "has no letters or digits on a side"),
    ],
)
def test_a_bad_alias_is_reported_on_its_line(write_deck, table, expected):
    path = write_deck("[aliases]\n" + table + "\n")
    path.write_text(path.read_text() + TYPED_RDL)
    line = line_of(path, table.split(" ")[0])
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:{line}: ") and expected in problem


def test_aliases_must_be_a_table(write_deck):
    path = write_deck(TYPED_RDL)
    path.write_text('aliases = "RDL"\n' + path.read_text())
    assert problems(path) == [
        f'{path}: [aliases]: must be a table of `short = "long"` lines'
    ]
