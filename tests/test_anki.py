"""The Anki export, checked by importing it into a real Anki collection."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as UC
from click.testing import CliRunner

from quizhinge import anki
from quizhinge.cards import ClozeCard
from quizhinge.catalog import load_catalog
from quizhinge.cli import main
from quizhinge.places import bundled_decks_dir

CUES = """\
[[card]]
id = "cue-basic"
kind = "basic"
level = "beginner"
topic = "cues"
tags = ["cue"]
front = "What does 'proud chest' cue?"
back = "A long, neutral spine."
explain = "It keeps the upper back from rounding."
source = "Coaching notes, p. 3"

[[card]]
id = "cue-def"
kind = "definition"
level = "beginner"
topic = "definitions"
term = "Hip hinge"
meaning = "Folding at the hips with a still spine."
explain = "The hips move; the spine does not."

[[card]]
id = "cue-cloze"
kind = "cloze"
level = "trainer"
topic = "cues"
text = "Push the {{c1::hips}} back, keep the {{c2::shins}} near {{c2::vertical}}."
explain = "Two gaps, so two cards."

[[card]]
id = "cue-choice"
kind = "choice"
level = "trainer"
topic = "cues"
question = "Which cue sends the hips back?"
choices = ["Close the car door with your butt", "Squat down", "Look up", "Round over"]
answer = "Close the car door with your butt"
explain = "An external cue that makes the hips travel backwards."
"""

FAULTS = """\
[[card]]
id = "fault-tf"
kind = "truefalse"
level = "beginner"
topic = "faults"
statement = "Rounding the lower back is fine under load."
answer = false
explain = "Keep the spine neutral."

[[card]]
id = "fault-typed"
kind = "typed"
level = "trainer"
topic = "faults"
question = "Name the fault where the hips shoot up first."
answers = ["stripper deadlift", "hips rising early"]
explain = "The chest must rise with the hips."

[[card]]
id = "fault-order"
kind = "order"
level = "trainer"
topic = "faults"
question = "Fix a rounded back, in order."
steps = ["Lower the weight", "Film a set", "Practise with a dowel", "Load up again"]
explain = "Regress, check, groove, progress."
"""

HOSTILE = """\
[[card]]
id = "hostile-choice"
kind = "choice"
level = "beginner"
topic = "cues"
tags = ["evil"]
question = "<script>alert('q')</script> [@click=app.quit]Click[/] [sound:x.mp3]"
choices = ["<b>bold</b>", "Answer: [/]", "<img src=x onerror=alert(1)>"]
answer = "<b>bold</b>"
explain = "<script>alert('explain')</script> [@click=app.screenshot('/tmp/x')]y[/]"
"""

# Cards each test deck makes in Anki: definition 2, cloze one per gap number.
CUES_CARDS, FAULTS_CARDS = 1 + 2 + 2 + 1, 1 + 1 + 1


def import_into(collection: Collection, apkg: Path):
    request = ImportAnkiPackageRequest(
        package_path=str(apkg),
        options=ImportAnkiPackageOptions(
            merge_notetypes=False,
            update_notes=UC.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
            update_notetypes=UC.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
            with_scheduling=False,
            with_deck_configs=False,
        ),
    )
    return collection.import_anki_package(request).log


@pytest.fixture
def collection(tmp_path):
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


@pytest.fixture
def deck_dir(tmp_path):
    decks = tmp_path / "decks"
    decks.mkdir()
    for deck_id, name, cards in (
        ("my-cues", "Test::Cues", CUES),
        ("my-faults", "Test::Faults", FAULTS),
    ):
        header = f'[deck]\nid = "{deck_id}"\nname = "{name}"\n\n'
        (decks / f"{deck_id}.toml").write_text(header + cards)
    return decks


def notes_of(col: Collection):
    return [col.get_note(nid) for nid in col.find_notes("")]


def rendered(col: Collection, note_type: str):
    """(question, answer) HTML of every card of one note type."""
    cards = (col.get_card(cid) for cid in col.find_cards(f'"note:{note_type}"'))
    return [
        (o.question_text, o.answer_text) for o in (c.render_output() for c in cards)
    ]


def test_notes_cards_decks_and_tags_match_the_decks(tmp_path, deck_dir, collection):
    catalog = load_catalog([deck_dir])
    report = anki.export_apkg(catalog, tmp_path / "out.apkg")
    assert (report.notes, report.cards) == (7, CUES_CARDS + FAULTS_CARDS)

    log = import_into(collection, report.path)

    assert len(log.new) == collection.note_count() == len(catalog) == 7
    assert collection.card_count() == CUES_CARDS + FAULTS_CARDS
    for note in notes_of(collection):
        assert note.card_ids(), f"note {note['Explanation']!r} has no card"
    decks = {
        collection.decks.name(collection.get_card(c).did)
        for c in collection.find_cards("")
    }
    assert decks == {"Test::Cues", "Test::Faults"}
    assert len(collection.find_cards('"deck:Test::Cues"')) == CUES_CARDS
    basic = collection.get_note(collection.find_notes('"note:quizhinge basic v1"')[0])
    assert sorted(basic.tags) == ["cue", "level::beginner", "quizhinge", "topic::cues"]
    assert len(collection.find_notes("tag:level::trainer")) == 4
    assert len(collection.find_notes("tag:topic::faults")) == 3


def test_every_card_renders_with_its_explanation_on_the_back(
    tmp_path, deck_dir, collection
):
    catalog = load_catalog([deck_dir])
    import_into(collection, anki.export_apkg(catalog, tmp_path / "out.apkg").path)
    for cid in collection.find_cards(""):
        card = collection.get_card(cid)
        out = card.render_output()
        explanation = card.note()["Explanation"]
        assert out.question_text.strip() and out.answer_text.strip()
        assert explanation in out.answer_text
        assert explanation not in out.question_text
    ((_, back),) = rendered(collection, "quizhinge basic v1")
    assert "Source: Coaching notes, p. 3" in back
    cloze = rendered(collection, "quizhinge cloze v1")
    assert len(cloze) == 2
    assert all("[...]" in front and "[...]" not in back for front, back in cloze)
    ((front, back),) = rendered(collection, "quizhinge typed v1")
    assert "[[type:Answer]]" in front and "[[type:Answer]]" in back
    assert "Also accepted: hips rising early" in back
    definition = rendered(collection, "quizhinge definition v1")
    assert {front.count("Hip hinge") for front, _ in definition} == {0, 1}


def test_choice_and_order_backs_show_the_answer_their_fronts_do_not(
    tmp_path, deck_dir, collection
):
    catalog = load_catalog([deck_dir])
    import_into(collection, anki.export_apkg(catalog, tmp_path / "out.apkg").path)
    ((front, back),) = rendered(collection, "quizhinge choice v1")
    right = "Close the car door with your butt"
    for choice in (right, "Squat down", "Look up", "Round over"):
        assert choice in front
    answer_box = back.split('<div class="qh-answer">')[1].split("</div>")[0]
    assert right in answer_box and "Squat down" not in answer_box
    assert "qh-answer" not in front and "&#10003;" not in front
    assert not front.split("qh-list")[1].startswith(f'" type="A"><li>{right}')

    ((front, back),) = rendered(collection, "quizhinge order v1")
    steps = ["Lower the weight", "Film a set", "Practise with a dowel", "Load up again"]
    shown = [front.index(step) for step in steps]
    assert shown != sorted(shown), "the front must not list the steps in order"
    answer = back.split('<div class="qh-answer">')[1]
    assert [answer.index(step) for step in steps] == sorted(
        answer.index(step) for step in steps
    )


def test_deck_text_comes_out_escaped(tmp_path, collection):
    deck = tmp_path / "hostile.toml"
    deck.write_text('[deck]\nid = "hostile"\nname = "Evil <i>deck</i>"\n\n' + HOSTILE)
    report = anki.export_apkg(load_catalog([deck]), tmp_path / "out.apkg")
    import_into(collection, report.path)
    ((front, back),) = rendered(collection, "quizhinge choice v1")
    for html in (front, back):
        assert "<script" not in html and "<b>" not in html and "<img" not in html
        assert "&lt;script&gt;alert(" in html
        assert "&#91;@click=app.quit]Click&#91;/]" in html
        assert "[sound:" not in html
    assert "&#10003; " in back and "&lt;b&gt;bold&lt;/b&gt;" in back
    assert "&lt;script&gt;alert(&#x27;explain&#x27;)" in back
    assert [d.name for d in collection.decks.all_names_and_ids()].count(
        "Evil <i>deck</i>"
    ) == 1  # deck names are names, not HTML


def test_reimport_after_an_edit_updates_that_note_and_adds_none(
    tmp_path, deck_dir, collection
):
    first = anki.export_apkg(
        load_catalog([deck_dir]), tmp_path / "v1.apkg", timestamp=time.time() - 60
    )
    import_into(collection, first.path)
    edited_note = collection.find_notes('"note:quizhinge basic v1"')[0]
    cards_before = sorted(collection.find_cards(""))

    cues = deck_dir / "my-cues.toml"
    cues.write_text(cues.read_text().replace("A long, neutral spine.", "A long spine."))
    second = anki.export_apkg(load_catalog([deck_dir]), tmp_path / "v2.apkg")
    log = import_into(collection, second.path)

    assert len(log.new) == 0 and len(log.conflicting) == 0
    assert edited_note in [note.id.nid for note in log.updated]
    assert collection.note_count() == 7
    assert sorted(collection.find_cards("")) == cards_before
    assert collection.get_note(edited_note)["Back"] == "A long spine."

    again = import_into(collection, second.path)  # the same file twice
    assert len(again.new) == 0 and collection.note_count() == 7


def test_unchanged_export_imported_again_makes_no_duplicates(
    tmp_path, deck_dir, collection
):
    catalog = load_catalog([deck_dir])
    import_into(collection, anki.export_apkg(catalog, tmp_path / "a.apkg").path)
    log = import_into(collection, anki.export_apkg(catalog, tmp_path / "b.apkg").path)
    assert len(log.new) == 0
    assert collection.note_count() == 7
    assert collection.card_count() == CUES_CARDS + FAULTS_CARDS


@pytest.mark.parametrize(
    ("options", "notes", "tag"),
    [
        ({"level": "beginner"}, 3, "tag:level::beginner"),
        ({"topics": ["faults"]}, 3, "tag:topic::faults"),
        ({"decks": ["my-cues"], "only_level": "trainer"}, 2, '"deck:Test::Cues"'),
    ],
)
def test_a_subset_export_holds_only_that_subset(
    tmp_path, deck_dir, collection, options, notes, tag
):
    report = anki.export_apkg(load_catalog([deck_dir]), tmp_path / "s.apkg", **options)
    import_into(collection, report.path)
    assert report.notes == collection.note_count() == notes
    assert len(collection.find_notes(tag)) == notes


def test_bundled_decks_import_complete(tmp_path, collection):
    catalog = load_catalog([bundled_decks_dir()])
    report = anki.export_apkg(catalog, tmp_path / "bundled.apkg")
    log = import_into(collection, report.path)
    expected_cards = sum(len(card.variants()) for card in catalog)
    assert len(log.new) == collection.note_count() == len(catalog)
    assert collection.card_count() == report.cards == expected_cards
    names = {d.name for d in collection.decks.all_names_and_ids()}
    assert {deck.name for deck in catalog.decks} <= names
    assert all(deck.name.startswith("Hip Hinge::") for deck in catalog.decks)
    for cid in collection.find_cards(""):
        out = collection.get_card(cid).render_output()
        assert out.question_text and out.answer_text
        assert "qh-explain" in out.answer_text


def test_a_cloze_without_a_gap_is_refused():
    card = ClozeCard(
        id="no-gap",
        level="beginner",
        topic="cues",
        explain="x",
        deck_id="d",
        text="No gap {{c0::here}}.",
    )
    with pytest.raises(anki.ExportError, match="no-gap"):
        anki.make_note(card)


def test_nothing_is_left_behind_and_a_failed_export_keeps_the_old_file(
    tmp_path, deck_dir
):
    catalog = load_catalog([deck_dir])
    out = tmp_path / "out" / "deck.apkg"
    out.parent.mkdir()
    temp_before = set(os.listdir(tempfile.gettempdir()))
    anki.export_apkg(catalog, out)
    assert set(os.listdir(tempfile.gettempdir())) <= temp_before
    assert os.listdir(out.parent) == ["deck.apkg"]
    old = out.read_bytes()

    def fail(_count):
        raise OSError(28, "No space left on device")

    with pytest.raises(anki.ExportError, match="No space left on device"):
        anki.export_apkg(catalog, out, progress=fail)
    assert out.read_bytes() == old
    assert os.listdir(out.parent) == ["deck.apkg"]


def test_export_command_reports_what_it_wrote(tmp_path, deck_dir):
    out = tmp_path / "phone.apkg"
    result = CliRunner().invoke(
        main,
        ["--decks", str(deck_dir), "export", "--out", str(out), "--deck", "my-faults"],
    )
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}: 3 notes, 3 cards in 1 deck (Test::Faults)." in result.output
    assert "AnkiDroid" in result.output and out.is_file()


def test_export_takes_o_as_short_for_out(tmp_path, deck_dir):
    out = tmp_path / "short.apkg"
    result = CliRunner().invoke(
        main, ["--decks", str(deck_dir), "export", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}:" in result.output and out.is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "missing/folder/x.apkg"], "cannot write missing/folder/x.apkg"),
        (["--out", "notes.txt"], "must end in .apkg"),
        (["--topic", "yoga"], "unknown topic 'yoga'"),
        (["--deck", "nope"], "unknown deck 'nope'"),
        (["--deck", "my-faults", "--topic", "cues"], "no cards match"),
    ],
)
def test_export_command_refuses_bad_options(tmp_path, deck_dir, args, message):
    result = subprocess.run(
        [sys.executable, "-m", "quizhinge", "--decks", str(deck_dir), "export", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.rglob("*.apkg")) and not list(tmp_path.rglob("*.partial"))


def test_genanki_is_not_imported_at_start_up():
    code = "import sys, quizhinge.cli; print('genanki' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# Anki keeps a note type by id: new fields under an old id become "Name+" and
# their notes stop updating. If this fails, you changed a note type: give it a
# new id and a new name ("... v2"), then update the fingerprint here.
FINGERPRINTS = {
    1_624_503_180: ("quizhinge basic v1", "1bfc24031145"),
    1_624_503_181: ("quizhinge definition v1", "30c60ca2851e"),
    1_624_503_182: ("quizhinge cloze v1", "c6e694eb3db6"),
    1_624_503_183: ("quizhinge choice v1", "5f750757e81d"),
    1_624_503_184: ("quizhinge truefalse v1", "1c3acbc5df49"),
    1_624_503_185: ("quizhinge typed v1", "b3c844a9b92f"),
    1_624_503_186: ("quizhinge order v1", "f36e4833b9c5"),
}


def fingerprint(model) -> str:
    shape = {
        "type": model.model_type,
        "fields": [field["name"] for field in model.fields],
        "templates": [(t["name"], t["qfmt"], t["afmt"]) for t in model.templates],
    }
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:12]


def test_note_types_keep_their_ids_unless_renamed():
    found = {m.model_id: (m.name, fingerprint(m)) for m in anki.MODELS}
    assert found == FINGERPRINTS


def test_ids_come_from_card_and_deck_ids_not_text(deck_dir):
    catalog = load_catalog([deck_dir])
    card = catalog.card("cue-basic")
    edited = type(card)(**{**card.__dict__, "front": "Reworded?"})
    assert anki.make_note(card).guid == anki.make_note(edited).guid
    assert anki.make_note(card).guid != anki.make_note(catalog.card("cue-def")).guid
    ids = {anki.anki_deck_id(deck) for deck in catalog.decks}
    assert len(ids) == 2
    assert anki.anki_deck_id(catalog.deck("my-cues")) == anki.anki_deck_id(
        load_catalog([deck_dir]).deck("my-cues")
    )


def test_two_deck_files_with_one_name_make_one_anki_deck(tmp_path, collection):
    folder = tmp_path / "same"
    folder.mkdir()
    for deck_id in ("first", "second"):
        card = CUES.split("\n\n[[card]]")[0].replace("cue-basic", f"{deck_id}-card")
        header = f'[deck]\nid = "{deck_id}"\nname = "Test::Shared"\n\n'
        (folder / f"{deck_id}.toml").write_text(header + card)
    import_into(
        collection, anki.export_apkg(load_catalog([folder]), tmp_path / "s.apkg").path
    )
    names = {
        collection.decks.name(collection.get_card(c).did)
        for c in collection.find_cards("")
    }
    assert names == {"Test::Shared"} and collection.card_count() == 2


def test_progress_counts_every_note(tmp_path, deck_dir):
    counted = []
    report = anki.export_apkg(
        load_catalog([deck_dir]), tmp_path / "p.apkg", progress=counted.append
    )
    assert sum(counted) == report.notes == 7


def test_guids_and_deck_ids_never_change_between_versions():
    # Learners' Anki collections hold these: a new value would duplicate every
    # note on their next import. If this fails, put the old formula back.
    catalog = load_catalog([bundled_decks_dir()])
    assert anki.note_guid(catalog.card("def-hip-hinge")) == "qc_UtWwNG1w"
    assert anki.anki_deck_id(catalog.deck("definitions")) == 1_251_400_350


# --- figures ------------------------------------------------------------------

FIGURE_DECK = """\
[deck]
id = "my-figures"
name = "Test::Figures"

[[figure]]
id = "fig-hinge"
caption = "Hips back, shins near vertical."
pose = { shin = 5, knee = 20, hip = 80 }

[[figure]]
id = "fig-squat"
caption = "Knees forward, torso upright."
pose = { shin = 30, knee = 80, hip = 85 }

[[figure]]
id = "fig-pair"
caption = "Two figures, A and B."
panels = ["fig-hinge", "fig-squat"]

[[card]]
id = "fig-choice"
kind = "choice"
level = "beginner"
topic = "definitions"
figure = "fig-pair"
answer_figure = "fig-hinge"
question = "Which figure is a hinge?"
choices = ["A", "B", "Neither"]
answer = "A"
explain = "A sends the hips back; B is a squat."

[[card]]
id = "fig-tf"
kind = "truefalse"
level = "beginner"
topic = "definitions"
figure = "fig-hinge"
statement = "This is a hinge."
answer = true
explain = "Hips back and shins near vertical."

[[card]]
id = "fig-cloze"
kind = "cloze"
level = "beginner"
topic = "cues"
figure = "fig-squat"
text = "Here the knees travel {{c1::forward}}."
explain = "A squat bends the knees a lot."
"""


def media_of(apkg: Path) -> dict[str, str]:
    """The package's media: file name -> content."""
    with zipfile.ZipFile(apkg) as package:
        names = json.loads(package.read("media"))
        return {name: package.read(number).decode() for number, name in names.items()}


def test_every_figure_is_shipped_once_and_shown_on_its_card(tmp_path, collection):
    from quizhinge.figures import svg

    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "figures.toml").write_text(FIGURE_DECK)
    catalog = load_catalog([tmp_path / "decks"])
    report = anki.export_apkg(catalog, tmp_path / "figures.apkg")
    media = media_of(report.path)
    # fig-hinge is shown by two cards and inside the pair: still one file.
    figures = {f.id: f for f in catalog.decks[0].figures}
    assert sorted(media.values()) == sorted(svg(figures[i]) for i in figures)
    names = {
        figure_id: anki.figure_file(figures[figure_id])[0] for figure_id in figures
    }

    import_into(collection, report.path)
    media_dir = Path(collection.media.dir())
    for name in names.values():
        assert (media_dir / name).read_text() == media[name]
    (choice,) = rendered(collection, "quizhinge choice v1")
    question, answer = choice
    assert f'<img src="{names["fig-pair"]}"' in question
    assert names["fig-hinge"] not in question  # the answer figure waits
    assert f'<img src="{names["fig-hinge"]}"' in answer
    assert 'alt="Two figures, A and B. A: Hips back' in question
    # Its choices are the panels' letters, so the list is numbered, not lettered.
    assert '<ol class="qh-list" type="1">' in question
    assert "&#10003; 1. A</div>" in answer  # the panels in letter order: 1 is A
    (truefalse,) = rendered(collection, "quizhinge truefalse v1")
    assert f'<img src="{names["fig-hinge"]}"' in truefalse[0]
    (cloze,) = rendered(collection, "quizhinge cloze v1")
    assert f'<img src="{names["fig-squat"]}"' in cloze[0]
    # Anki's own check finds every referenced file and no missing one.
    check = collection.media.check()
    assert list(check.missing) == [] and list(check.unused) == []


def test_reimport_brings_a_changed_figure(tmp_path, collection):
    deck = tmp_path / "decks" / "figures.toml"
    deck.parent.mkdir()
    deck.write_text(FIGURE_DECK)
    first = anki.export_apkg(
        load_catalog([deck.parent]), tmp_path / "v1.apkg", timestamp=time.time() - 60
    )
    import_into(collection, first.path)
    deck.write_text(FIGURE_DECK.replace("knee = 20, hip = 80", "knee = 25, hip = 90"))
    catalog = load_catalog([deck.parent])
    hinge = next(f for f in catalog.decks[0].figures if f.id == "fig-hinge")
    new_name, new_svg = anki.figure_file(hinge)
    log = import_into(collection, anki.export_apkg(catalog, tmp_path / "v2.apkg").path)
    assert len(log.new) == 0 and collection.note_count() == 3
    assert (Path(collection.media.dir()) / new_name).read_text() == new_svg
    (truefalse,) = rendered(collection, "quizhinge truefalse v1")
    assert f'<img src="{new_name}"' in truefalse[0]


def test_panel_letter_choices_are_exported_in_letter_order():
    """As in study and in the exam: choice 1 is A, 2 is B, not shuffled
    against the panels' letters."""
    from quizhinge.cards import ChoiceCard, letter_labels

    catalog = load_catalog([bundled_decks_dir()])
    cards = [c for c in catalog if isinstance(c, ChoiceCard) and letter_labels(c)]
    assert cards
    for card in cards:
        _, listed, _ = anki._choice_fields(card)
        items = listed.split('type="1"><li>')[1].removesuffix("</li></ol>")
        letters = [item for item in items.split("</li><li>") if len(item) == 1]
        assert letters == sorted(letters), card.id
        assert items.split("</li><li>")[: len(letters)] == letters, card.id
