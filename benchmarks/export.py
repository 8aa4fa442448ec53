"""Export 10k generated notes, against raw genanki writing the same notes.

Budget (DESIGN.md): quizhinge's export takes at most 1.3x raw genanki. "Raw"
is a plain genanki script: field strings ready-made, each GUID from the card
id with genanki.guid_for, then genanki's Package.write_to_file. quizhinge
starts from card objects, so it also pays for escaping, shuffling choices,
building notes and its safe write (a temporary SQLite file it deletes, then a
rename). Each run is a fresh process; rounds alternate which goes first; the
best of each is compared, on the wall clock and in CPU time, as this machine
is shared and noisy.

    python benchmarks/export.py [--notes 10000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import genanki

from quizhinge import anki
from quizhinge.cards import (
    BasicCard,
    ChoiceCard,
    ClozeCard,
    Deck,
    DefinitionCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)
from quizhinge.catalog import Catalog

BUDGET = 1.3


def generated_card(n: int, deck_id: str):
    common = {
        "id": f"gen-{n}",
        "level": ("beginner", "trainer")[n % 2],
        "topic": ("cues", "faults", "drills")[n % 3],
        "explain": f"Explanation {n}: the hips move back while the spine stays long.",
        "deck_id": deck_id,
        "tags": ("generated",),
    }
    kind = n % 7
    if kind == 0:
        return BasicCard(**common, front=f"Question {n}?", back=f"Answer {n} & more.")
    if kind == 1:
        return DefinitionCard(**common, term=f"Term {n}", meaning=f"Meaning <{n}>")
    if kind == 2:
        text = f"Card {n}: hip {{{{c1::flexion}}}} then {{{{c2::extension}}}}."
        return ClozeCard(**common, text=text)
    if kind == 3:
        choices = tuple(f"Choice {n}.{i}" for i in range(4))
        return ChoiceCard(
            **common, question=f"Pick {n}", choices=choices, answer=choices[0]
        )
    if kind == 4:
        return TrueFalseCard(**common, statement=f"Statement {n}", answer=n % 2 == 0)
    if kind == 5:
        return TypedCard(**common, question=f"Type {n}", answers=(f"rdl {n}", "RDL"))
    steps = tuple(f"Step {n}.{i}" for i in range(5))
    return OrderCard(**common, question=f"Order {n}", steps=steps)


def generated_catalog(notes: int, decks: int = 8) -> Catalog:
    per_deck = notes // decks
    built = []
    counter = itertools.count()
    for d in range(decks):
        deck_id = f"bench-{d}"
        cards = tuple(generated_card(next(counter), deck_id) for _ in range(per_deck))
        built.append(Deck(deck_id, f"Bench::Deck {d}", "", "", cards))
    return Catalog(tuple(built))


def raw_genanki(prepared, out: Path) -> None:
    """What a plain genanki script pays: notes with stable GUIDs, then write."""
    decks = []
    for deck_id, name, notes in prepared:
        deck = genanki.Deck(deck_id, name)
        for model, fields, tags, card_id in notes:
            guid = genanki.guid_for(anki.GUID_NAMESPACE, card_id)
            deck.add_note(
                genanki.Note(model=model, fields=fields, tags=tags, guid=guid)
            )
        decks.append(deck)
    genanki.Package(decks).write_to_file(out)


def prepare(catalog: Catalog):
    """Field strings for raw genanki, made outside its timing."""
    prepared = []
    for deck in catalog.decks:
        notes = []
        for card in deck.cards:
            note = anki.make_note(card)
            notes.append((note.model, list(note.fields), list(note.tags), card.id))
        prepared.append((anki.anki_deck_id(deck), deck.name, notes))
    return prepared


def timed(run) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def one_run(which: str, notes: int, folder: Path) -> None:
    """Time one export in this fresh process and print `wall cpu`.

    Each run gets its own process: in one process the second of two runs
    pays for the first one's garbage, which skews the ratio either way. Both
    prepare the raw notes first, so both start with the same warm caches
    (genanki works out each note type's required fields once, with chevron).
    """
    catalog = generated_catalog(notes)
    prepared = prepare(catalog)
    if which == "raw":
        tempfile.tempdir = str(folder / "raw-tmp")  # where genanki leaves its file
        wall, cpu = timed(lambda: raw_genanki(prepared, folder / "raw.apkg"))
    else:
        tempfile.tempdir = str(folder / "ours-tmp")
        wall, cpu = timed(lambda: anki.export_apkg(catalog, folder / "ours.apkg"))
    print(wall, cpu)


def run_in_child(which: str, notes: int, folder: Path) -> tuple[float, float]:
    command = [sys.executable, __file__, "--notes", str(notes)]
    command += ["--one", which, "--folder", str(folder)]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    wall, cpu = out.stdout.split()
    return float(wall), float(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--one", choices=["raw", "ours"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_run(args.one, args.notes, args.folder)
        return

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name in ("raw-tmp", "ours-tmp"):
            (work / name).mkdir()
        times: dict[str, list[tuple[float, float]]] = {"raw": [], "ours": []}
        for round_ in range(args.rounds):  # alternate who goes first
            order = ("raw", "ours") if round_ % 2 == 0 else ("ours", "raw")
            for which in order:
                times[which].append(run_in_child(which, args.notes, work))
        leftovers = {
            name: len(os.listdir(work / f"{name}-tmp")) for name in ("raw", "ours")
        }
        sizes = {name: (work / f"{name}.apkg").stat().st_size for name in times}

    print(f"notes: {args.notes} in 8 decks, {args.rounds} rounds, one process a run")
    print("best of the rounds    wall      cpu")
    for name, label in (("raw", "raw genanki"), ("ours", "quizhinge export")):
        wall, cpu = (min(t[i] for t in times[name]) for i in (0, 1))
        print(f"{label:18} {wall:7.3f} s {cpu:7.3f} s  ({sizes[name] / 1e6:.1f} MB)")
    for i, clock in enumerate(("wall", "cpu")):
        ratio = min(t[i] for t in times["ours"]) / min(t[i] for t in times["raw"])
        verdict = "within" if ratio <= BUDGET else "OVER"
        print(f"ratio ({clock}): {ratio:.2f}x ({verdict} the {BUDGET}x budget)")
    print(
        f"temp files left behind: raw genanki {leftovers['raw']}, "
        f"quizhinge {leftovers['ours']}"
    )


if __name__ == "__main__":
    main()
