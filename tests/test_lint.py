"""`quizhinge validate --strict`: the tells a trainer's deck should not teach.

Each rule is shown firing on a deck that has the tell, with the file and line a
trainer would open, and staying quiet on a deck that does not.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from quizhinge.cli import main
from quizhinge.deckfile import load_deck
from quizhinge.lint import lint


def card(card_id: str, kind: str, body: str, level: str = "beginner") -> str:
    return (
        f'[[card]]\nid = "{card_id}"\nkind = "{kind}"\nlevel = "{level}"\n'
        f'topic = "cues"\nsource = "A book"\n'
        f'explain = "Hips travel back while the spine stays long and still."\n'
        f"{body}\n"
    )


def choice(card_id: str, answer: str, others: list[str], question: str = "") -> str:
    choices = ", ".join(f'"{c}"' for c in [answer, *others])
    question = question or f"Which cue is right for {card_id}?"
    return card(
        card_id,
        "choice",
        f'question = "{question}"\nchoices = [{choices}]\nanswer = "{answer}"',
    )


def statement(card_id: str, text: str, answer: bool) -> str:
    body = f'statement = "{text}"\nanswer = {str(answer).lower()}'
    return card(card_id, "truefalse", body)


def warnings(write_deck, cards: str) -> list[str]:
    path = write_deck(cards)
    return [str(w) for w in lint([load_deck(path)])]


def line_of(path: Path, start: str, nth: int = 0) -> int:
    lines = path.read_text().splitlines()
    return [i for i, line in enumerate(lines, 1) if line.startswith(start)][nth]


FAIR_CHOICES = (
    choice("c1", "Hips back", ["Knees forward", "Chest down"])
    + choice("c2", "Soft knees", ["Locked knees", "Deep knee bend"])
    + choice("c3", "Neutral", ["Arched hard", "Rounded"])
)


def test_a_fair_deck_has_no_warnings(write_deck):
    cards = (
        FAIR_CHOICES
        + statement("t1", "The hinge folds at the hips first.", True)
        + statement("t2", "A hinge starts by bending the knees deeply.", False)
        + statement("t3", "The spine stays still while the hips move.", True)
        + statement("t4", "Looking at the ceiling keeps the neck neutral.", False)
    )
    assert warnings(write_deck, cards) == []


def test_a_right_answer_much_longer_than_every_other_choice(write_deck):
    path = write_deck(
        FAIR_CHOICES
        + choice(
            "long", "Push the hips back until the hamstrings tighten", ["Sit", "Squat"]
        )
    )
    found = [str(w) for w in lint([load_deck(path)])]
    line = line_of(path, "answer", 3)
    assert found == [
        f"{path}:{line}: card long: warning: the right answer is the longest "
        "choice by more than 20%: length gives it away"
    ]


def test_a_deck_where_the_longest_choice_is_usually_right(write_deck):
    # Each is longest by only a little: no card warns, but the habit does.
    cards = (
        choice("a", "Hips back", ["Knees in", "Chest up"])
        + choice("b", "Soft knees", ["Bent knee", "Straights"])
        + choice("c", "Long spine", ["Rounds it", "Arch it"])
    )
    found = warnings(write_deck, cards)
    assert len(found) == 1
    assert (
        "[deck]: warning: the right answer is the longest choice in 3 of 3"
        in (found[0])
    )


def test_true_false_answers_mostly_one_way(write_deck):
    false = [
        "Knees lock in a hinge.",
        "The chin goes to the chest.",
        "A hinge rounds the lower back.",
        "Weight shifts onto the toes.",
    ]
    cards = "".join(
        statement(f"t{n}", text, False) for n, text in enumerate(false)
    ) + statement("t9", "The hips move back in a hinge pattern.", True)
    found = warnings(write_deck, cards)
    assert len(found) == 1 and "1 of 5 true/false answers are True" in found[0]


def test_two_true_false_cards_are_not_a_habit(write_deck):
    cards = statement("t1", "Knees lock in a hinge.", False) + statement(
        "t2", "The chin goes to the chest.", False
    )
    assert warnings(write_deck, cards) == []


def test_two_cards_that_ask_the_same_thing(write_deck):
    question = "Which lift starts from the floor with straight knees every rep?"
    cards = choice("first", "Stiff-leg", ["Sumo", "Trap bar"], question) + card(
        "second",
        "basic",
        'front = "Which lift starts from the floor with straight knees?"\n'
        'back = "The stiff-leg deadlift, by one common convention."',
    )
    found = warnings(write_deck, cards)
    assert len(found) == 1
    assert "card second: warning: asks much the same as card first" in found[0]


def test_a_trainer_card_without_a_source(write_deck):
    body = 'front = "Why brace?"\nback = "To stiffen the trunk."'
    no_source = card("t1", "basic", body, level="trainer").replace(
        'source = "A book"\n', ""
    )
    found = warnings(write_deck, no_source)
    assert (
        len(found) == 1
        and "card t1: warning: a trainer card without a source" in (found[0])
    )


def test_an_explanation_that_only_repeats_the_answer(write_deck):
    repeats = card(
        "r1", "basic", 'front = "What stays still?"\nback = "The spine."'
    ).replace(
        "Hips travel back while the spine stays long and still.",
        "The spine stays still.",
    )
    found = warnings(write_deck, repeats)
    assert len(found) == 1
    assert "card r1: warning: the explanation only repeats the answer" in found[0]


def test_validate_strict_fails_on_warnings_and_lists_them(write_deck):
    path = write_deck(
        FAIR_CHOICES + choice("long", "Push the hips back a long way", ["Sit", "Dip"])
    )
    result = CliRunner().invoke(main, ["validate", "--strict", str(path)])
    assert result.exit_code == 1
    assert "card long: warning: the right answer is the longest" in result.output
    assert "Error: 1 warning in the decks (--strict)" in result.output
    plain = CliRunner().invoke(main, ["validate", str(path)])
    assert plain.exit_code == 0, "without --strict a tell is not an error"


def test_validate_strict_passes_a_fair_deck(write_deck):
    path = write_deck(FAIR_CHOICES)
    result = CliRunner().invoke(main, ["validate", "--strict", str(path)])
    assert result.exit_code == 0
    assert result.output.startswith("OK: 1 deck, 3 cards (3 choice), no warnings\n")
