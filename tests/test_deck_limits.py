"""Decks that cannot work, and deck files that must not hang or exhaust memory.

A deck that passes `validate` must study and export; one that cannot is
refused with one line per problem. Reading a deck is bounded: only regular
files, a size cap, a field-length cap, no recursion error from the parser.
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from quizhinge.catalog import load_catalog
from quizhinge.deckfile import (
    MAX_CLOZE_NUMBER,
    MAX_DECK_BYTES,
    MAX_FIELD_CHARS,
    DeckError,
    load_deck,
)


def problems(path: Path) -> list[str]:
    with pytest.raises(DeckError) as caught:
        load_catalog([path])
    return [str(p) for p in caught.value.problems]


def card(kind: str, body: str, card_id: str = "c1") -> str:
    return (
        f'[[card]]\nid = "{card_id}"\nkind = "{kind}"\nlevel = "beginner"\n'
        f'topic = "cues"\nexplain = "Why."\n{body}\n'
    )


def choice(choices: str, answer: str) -> str:
    return card("choice", f'question = "Q"\nchoices = {choices}\nanswer = {answer}')


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # U+001F is Anki's field separator: one in a field breaks the whole .apkg.
        (
            card("basic", 'front = "a\\u001fb"\nback = "B"'),
            "'front' holds control characters (\\x1f); remove them",
        ),
        (
            card("basic", 'front = "F"\nback = "B"').replace(
                'explain = "Why."', 'explain = "bell \\u0007 and del \\u007f"'
            ),
            "'explain' holds control characters (\\x07, \\x7f)",
        ),
        (
            card("basic", 'front = "F"\nback = "B"\ntags = ["ok", "x\\u009by"]'),
            "'tags' holds control characters (\\x9b)",
        ),
        (
            card("basic", 'front = "F"\nback = "B"\nsource = "\\u202eevil"'),
            "'source' holds control characters (\\u202e)",
        ),
        (
            choice('["a\\u2066", "b"]', '"b"'),
            "'choices' holds control characters (\\u2066)",
        ),
        # The cloze number Anki would be asked for is capped, in words.
        (
            card("cloze", 'text = "A {{c501::gap}}."'),
            f"gap c501: numbers go up to c{MAX_CLOZE_NUMBER}",
        ),
        (
            card("cloze", 'text = "A {{c9223372036854775808::gap}}."'),
            f"gap c922337203...: numbers go up to c{MAX_CLOZE_NUMBER}",
        ),
        (
            card("cloze", 'text = "A {{c' + "9" * 5000 + '::gap}}."'),
            f"numbers go up to c{MAX_CLOZE_NUMBER}",
        ),
        (
            card("cloze", 'text = "{{c1::a {{c2::b}} c}}"'),
            "holds another gap; gaps cannot nest",
        ),
        (card("cloze", 'text = "A {{c1::\\u200b}} gap."'), "has no answer"),
        # Choices a learner cannot tell apart.
        (
            choice('["hips", "hips "]', '"hips"'),
            "choices 'hips' and 'hips ' look the same on screen",
        ),
        (
            choice('["hips", "hi\\u200bps"]', '"hips"'),
            "choices 'hips' and 'hi\\u200bps' look the same on screen",
        ),
        (
            choice('["caf\\u00e9", "cafe\\u0301"]', '"café"'),
            "look the same on screen",
        ),
        (
            choice('["hips", "knees"]', '"hips\\u200b"'),
            "answer 'hips\\u200b' differs from choice 'hips' only in spacing",
        ),
        (
            card("order", 'question = "Q"\nsteps = ["a", "b", "a\\u00a0"]'),
            "step 'a\\xa0' looks the same as 'a', so the order is ambiguous",
        ),
        # "Not empty" means something visible.
        (card("basic", 'front = "\\u200b"\nback = "B"'), "'front' is empty"),
        (card("basic", 'front = "\\u2800\\u3164"\nback = "B"'), "'front' is empty"),
        (
            card("typed", 'question = "Q"\nanswers = ["RDL", "\\ufeff"]'),
            "'answers' has an empty entry",
        ),
        # A typed answer that normalises to nothing can never be typed right.
        (
            card("typed", 'question = "Q"\nanswers = ["!!!"]'),
            "answer '!!!' is only punctuation, so no typed answer could match it",
        ),
        (
            card("typed", 'question = "Q"\nanswers = ["hinge", "..."]'),
            "answer '...' is only punctuation",
        ),
        # Fields stay a readable size.
        (
            card("basic", f'front = "{"x" * (MAX_FIELD_CHARS + 1)}"\nback = "B"'),
            f"'front' is longer than {MAX_FIELD_CHARS:,} characters",
        ),
    ],
)
def test_a_deck_that_cannot_work_is_refused(write_deck, body, expected):
    found = problems(write_deck(body))
    assert any(expected in line for line in found), found


def test_deck_name_and_description_are_checked_as_card_text(tmp_path):
    path = tmp_path / "d.toml"
    path.write_text(
        '[deck]\nid = "d"\nname = "\\u001b]2;pwned\\u0007"\n'
        'description = "\\u200b"\n\n' + card("basic", 'front = "F"\nback = "B"')
    )
    found = problems(path)
    assert f"{path}:3: [deck]: 'name' holds control characters (\\x1b, \\x07)" in (
        " ".join(found)
    )
    assert any("[deck]: 'description' is empty" in line for line in found)


@pytest.mark.parametrize(
    "body",
    [
        card("cloze", f'text = "Up to {{{{c{MAX_CLOZE_NUMBER}::here}}}}."'),
        choice('["C++", "C#"]', '"C#"'),
        choice('["-45°", "45°"]', '"-45°"'),
        card("typed", 'question = "Q"\nanswers = ["C++", "-45°", "hinge"]'),
        card("basic", 'front = "tab\\tand\\nnewline"\nback = "B"'),
        card("basic", f'front = "{"x" * MAX_FIELD_CHARS}"\nback = "B"'),
        # Right-to-left text itself is fine: only the controls are refused.
        card("basic", 'front = "\\u05e9\\u05dc\\u05d5\\u05dd"\nback = "B"'),
    ],
)
def test_what_can_work_still_loads(write_deck, body):
    assert load_deck(write_deck(body)).cards


def test_a_fifo_is_refused_at_once_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "deck.toml"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert problems(tmp_path) == [
        f"{fifo}: cannot read: a FIFO (named pipe), not a deck file"
    ]
    assert time.monotonic() - started < 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path):
    (tmp_path / "deck.toml").symlink_to("/dev/zero")
    started = time.monotonic()
    assert problems(tmp_path) == [
        f"{tmp_path / 'deck.toml'}: cannot read: a character device, not a deck file"
    ]
    assert time.monotonic() - started < 1


def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "deck.toml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        (line,) = problems(path)
        assert line.startswith(f"{path}: cannot read:")
    finally:
        server.close()


def test_a_file_over_the_size_cap_is_refused_unparsed(tmp_path):
    path = tmp_path / "huge.toml"
    with path.open("w") as file:
        file.write('[deck]\nid = "h"\nname = "H"\n\n')
        file.write(card("basic", 'front = "F"\nback = "' + "x" * MAX_DECK_BYTES + '"'))
    started = time.monotonic()
    assert problems(path) == [
        f"{path}: cannot read: too big (over 5 MB); split it into smaller decks"
    ]
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("nesting", ["[" * 2000 + "]" * 2000, "{a = " * 2000])
def test_deep_nesting_is_one_problem_line_not_a_recursion_error(tmp_path, nesting):
    path = tmp_path / "deep.toml"
    path.write_text(f'[deck]\nid = "d"\nname = "D"\nx = {nesting}\n')
    started = time.monotonic()
    (line,) = problems(path)
    assert line.startswith(f"{path}") and "not valid TOML" in line
    assert time.monotonic() - started < 1


def test_aliases_are_checked_and_kept_inert_too(tmp_path):
    path = tmp_path / "d.toml"
    path.write_text(
        '[deck]\nid = "d"\nname = "D"\n\n[aliases]\nRDL = "Romanian \\u001b[2J"\n\n'
        + card("typed", 'question = "Q"\nanswers = ["RDL"]')
    )
    (line,) = problems(path)
    assert line == f"{path}:6: [aliases]: 'RDL' holds control characters (\\x1b);" + (
        " remove them"
    )


def test_a_figure_caption_is_checked_as_card_text(write_deck):
    path = write_deck(
        '[[figure]]\nid = "f"\ncaption = "Side view \\u001b]2;x\\u0007"\n'
        "pose = { shin = 5, knee = 20, hip = 80 }\n\n"
        + card("basic", 'front = "F"\nback = "B"\nfigure = "f"')
    )
    found = problems(path)
    assert any("'caption' holds control characters (\\x1b, \\x07)" in p for p in found)
