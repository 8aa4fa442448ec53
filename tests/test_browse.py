"""The card browser on the command line: `quizhinge cards`, `suspend` and
`unsuspend`, run as a person runs them; and plain, full output when piped."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from support.exam_cards import write_exam_deck

from quizhinge.browse import browse, card_ids, matches
from quizhinge.catalog import load_catalog
from quizhinge.exam import ExamEnd, ExamPlan, begin_exam, save_exam
from quizhinge.store import LEECH_LAPSES, Queue, Store

MIXED = Path(__file__).parent / "decks" / "mixed"
TODAY = date(2026, 3, 2)


def run(tmp_path: Path, *args: str, columns: int = 80) -> subprocess.CompletedProcess:
    """The command in a real process with its output piped, as `| cat` does."""
    env = {**os.environ, "COLUMNS": str(columns), "QUIZHINGE_DB": ""}
    command = [sys.executable, "-m", "quizhinge", "--db", str(tmp_path / "q.db")]
    return subprocess.run(
        [*command, "--decks", str(MIXED), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def queues(tmp_path: Path) -> dict[str, int]:
    with Store.open(tmp_path / "q.db") as store:
        rows = store.conn.execute("SELECT item_id, queue FROM schedule")
        return dict(rows.fetchall())


def test_cards_lists_every_item_with_its_schedule(tmp_path):
    result = run(tmp_path, "cards")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "interval" in line)
    for column in ("id", "deck", "kind", "state", "due", "interval", "ease", "lapses"):
        assert f" {column} " in header
    catalog = load_catalog([Path(__file__).parent.parent / "decks", MIXED])
    beginner = [card for card in catalog if card.level == "beginner"]
    for card in beginner:
        for variant in card.variants():
            item = f"{card.id}#{variant}" if variant else card.id
            assert any(f" {item} " in line for line in lines), item
    trainer_only = next(card for card in catalog if card.level == "trainer")
    assert f" {trainer_only.id} " not in result.stdout  # not at a beginner's level


def test_suspend_and_unsuspend_by_card_or_item_id(tmp_path):
    catalog = load_catalog([MIXED])
    definition = next(card for card in catalog if card.kind == "definition")
    result = run(tmp_path, "suspend", f"{definition.id}#term")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Suspended {definition.id}.\n"
    held = queues(tmp_path)
    assert (
        held[f"{definition.id}#term"]
        == held[f"{definition.id}#meaning"]
        == (Queue.SUSPENDED)
    )
    listed = run(tmp_path, "cards", "--suspended")
    rows = [line for line in listed.stdout.splitlines() if "suspended" in line]
    assert len(rows) == 2 and all(definition.id in row for row in rows)
    again = run(tmp_path, "suspend", definition.id)
    assert again.stdout == f"{definition.id} was already suspended.\n"
    back = run(tmp_path, "unsuspend", definition.id)
    assert back.returncode == 0
    assert back.stdout == f"Unsuspended {definition.id}: back in your sessions.\n"
    assert Queue.SUSPENDED not in queues(tmp_path).values()
    assert run(tmp_path, "cards", "--suspended").stdout == "No cards match.\n"


def test_an_unknown_card_id_changes_nothing_and_says_how_to_find_ids(tmp_path):
    catalog = load_catalog([MIXED])
    real = next(iter(catalog)).id
    result = run(tmp_path, "suspend", real, "no-such-card")
    assert result.returncode == 1
    assert "no card with id 'no-such-card'" in result.stderr
    assert "quizhinge cards --search" in result.stderr
    assert "Traceback" not in result.stderr
    assert Queue.SUSPENDED not in queues(tmp_path).values()


def test_cards_filters_say_what_exists_when_they_name_nothing(tmp_path):
    bad_deck = run(tmp_path, "cards", "--deck", "nope")
    assert bad_deck.returncode == 1
    assert "no deck with id 'nope' (decks: " in bad_deck.stderr
    assert "basic" in bad_deck.stderr  # the mixed decks' ids are listed
    bad_topic = run(tmp_path, "cards", "--topic", "cardio")
    assert bad_topic.returncode == 1 and "topics: definitions" in bad_topic.stderr


def test_filters_and_search_on_the_engine(tmp_path):
    catalog = load_catalog([MIXED])
    with Store.open(tmp_path / "q.db") as store:
        store.cards.sync(catalog)
        store.profiles.set_setting("me", "level", "trainer")
        profile = store.profiles.get("me")
        everything = browse(store, catalog, profile, TODAY)
        assert len(everything) == sum(len(card.variants()) for card in catalog)
        first = everything[0]
        store.schedule.suspend(profile.id, first.card_id)
        store.conn.execute(
            "UPDATE schedule SET lapses = ?, queue = 1, due_day = '2026-03-01'"
            " WHERE item_id = ?",
            (LEECH_LAPSES, everything[-1].item_id),
        )
        suspended = browse(store, catalog, profile, TODAY, suspended=True)
        assert {row.card_id for row in suspended} == {first.card_id}
        [leech] = browse(store, catalog, profile, TODAY, leeches=True)
        assert leech.item_id == everything[-1].item_id
        assert leech.state == "due" and "(leech)" in leech.cells()[-1]
        deck = everything[1].deck_id
        assert {
            r.deck_id for r in browse(store, catalog, profile, TODAY, deck=deck)
        } == {deck}
        word = everything[2].card.prompt_text().split()[0]
        found = browse(store, catalog, profile, TODAY, search=word.upper())
        assert everything[2].item_id in {row.item_id for row in found}
        assert all(matches(row, word) for row in found)
    assert card_ids(catalog, [f"{first.card_id}#x", first.card_id]) == [first.card_id]


def test_stats_piped_is_plain_full_text(tmp_path):
    decks = tmp_path / "decks"
    write_exam_deck(decks)
    catalog = load_catalog([decks])
    with Store.open(tmp_path / "q.db") as store:
        store.cards.sync(catalog)
        topics = ("cues", "faults", "drills")
        plan = ExamPlan(questions=4, minutes=5, topics=topics, seed=1)
        exam = begin_exam(store, catalog, "default", plan, datetime(2026, 3, 2, 9))
        save_exam(store, "default", ExamEnd(exam, exam.started_at, exam.score()))
    where = ["--db", str(tmp_path / "q.db"), "--decks", str(decks)]
    result = subprocess.run(
        [sys.executable, "-m", "quizhinge", *where, "stats"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert result.returncode == 0, result.stderr
    assert "…" not in result.stdout and "\x1b" not in result.stdout
    for header in ("minutes", "seed", "topics", "mastered", "share"):
        assert f" {header} " in result.stdout
    assert "cues, faults, drills" in result.stdout or "cues, drills, faults" in (
        result.stdout
    )
    assert "Today (" in result.stdout and "Due in the next 30 days" in result.stdout


def test_help_does_not_cut_command_descriptions():
    result = subprocess.run(
        [sys.executable, "-m", "quizhinge", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "80"},
    )
    commands = result.stdout.split("Commands:")[1].splitlines()
    assert len([line for line in commands if line.strip()]) >= 9
    assert not [line for line in commands if line.rstrip().endswith("...")]
