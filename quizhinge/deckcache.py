"""The checked decks, kept in the database so the app need not parse them daily.

Reading the decks is the slowest step on the way to the first card: tomllib is
pure Python, and parsing and checking every bundled deck is the biggest piece
of work before it (benchmarks/startup.py measures the whole path). The decks
rarely change between two days of study, so the store keeps the last
checked catalog as JSON together with each deck file's path, inode, size, and
modification and change times. The change time cannot be set back (git's index
relies on it too), so even a same-size edit that keeps the old modification
time, as `cp -p` or `rsync -t` leave it, is seen. While all of these match, the
catalog is rebuilt from the JSON and the deck files are not read at all; any
change (an edited, added or removed file, another --decks folder, another
quizhinge version or a change to quizhinge's own files) reads and checks the
files again, exactly as `load_catalog` always does.

Times are only as fine as the filesystem keeps them: one second on ext2 or
HFS+, two on FAT. An edit in the same second as the copy was made can leave
every stamped figure as it was. So, as git does with its "racily clean"
entries, a file whose times are within RACY_NS of the moment the copy was
made is not trusted on its times: its content's digest is kept too, and it is
read and compared (not parsed) at each start until it is well older than the
clock; then the copy is stamped again, and trusted on its times.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

from quizhinge import __version__
from quizhinge.cards import CARD_TYPES, FIGURE_FIELDS, Card, Deck, Figure, Pose
from quizhinge.catalog import Catalog, deck_files, load_catalog
from quizhinge.store import Store, StoreError

META_KEY = "deck_cache"
FORMAT = 6  # bump when the JSON below or the stamp changes shape
RACY_NS = 2_000_000_000  # the coarsest timestamps in common use (FAT's 2 s)


def load_catalog_cached(store: Store, paths: Iterable[Path]) -> Catalog:
    """The catalog of `paths`: from the store's copy when no file has changed,
    else read and checked, leniently (a deck with problems is left out and the
    catalog carries them, see `load_catalog`), and kept when whole: decks with
    problems are read again each time until they are fixed."""
    paths = list(paths)
    stamp = files_stamp(paths)
    if stamp is not None:
        cached = catalog_from_json(store.meta(META_KEY), stamp)
        if cached is not None:
            catalog, compared = cached
            now = time.time_ns()
            if compared and not racy_paths(stamp, now):
                # The files just compared equal and are now too old to be
                # racy: from here on their times alone can be trusted.
                _keep(store, catalog_to_json(catalog, stamp, now))
            return catalog
    made = time.time_ns()
    # Digests before parsing: a file changed in between then fails to match.
    digests = racy_digests(stamp, made) if stamp is not None else {}
    catalog = load_catalog(paths, lenient=True)
    if stamp is not None and not catalog.problems:
        _keep(store, catalog_to_json(catalog, stamp, made, digests))
    return catalog


def _keep(store: Store, copy: str) -> None:
    try:
        store.set_meta(META_KEY, copy)
    except StoreError as error:  # read-only, say: the next start is slower
        if error.kind == "damaged":
            raise


def files_stamp(paths: Iterable[Path]) -> list[Any] | None:
    """What identifies this set of deck files (and the code that checks them),
    or None when some path is missing or empty (then the full load reports
    it, and nothing is kept)."""
    files, problems = deck_files(paths)
    if problems:
        return None
    stamp: list[Any] = [FORMAT, __version__, code_stamp()]
    for file in files:
        try:
            info = os.stat(file)
        except OSError:  # a dangling link, say: the full load reports it
            return None
        # The path as given is kept too: a deck's path is shown as it was given.
        where = [str(file), str(file.resolve()), info.st_ino]
        stamp.append([*where, info.st_size, info.st_mtime_ns, info.st_ctime_ns])
    return stamp


@cache
def code_stamp() -> list[list[Any]]:
    """quizhinge's own modules by name, size and modification time: a change
    to the card model or the validator within one version (an editable
    install, a rebuilt wheel) must not serve cards checked by the old code."""
    package = Path(__file__).parent
    with os.scandir(package) as entries:
        found = [
            [entry.name, entry.stat().st_size, entry.stat().st_mtime_ns]
            for entry in entries
            if entry.name.endswith(".py") and entry.is_file()
        ]
    return sorted(found)


def racy_paths(stamp: list[Any], made: int) -> list[str]:
    """The stamped files whose times are too close to `made` (the moment the
    copy was made) to tell an edit from none."""
    return [entry[0] for entry in stamp[3:] if max(entry[4:6]) >= made - RACY_NS]


def racy_digests(stamp: list[Any], made: int) -> dict[str, str | None]:
    """The content digest of every racy file (see racy_paths)."""
    racy = racy_paths(stamp, made)
    if not racy:
        return {}
    import hashlib  # only for a deck edited just before the copy was made

    from quizhinge.deckfile import read_deck_bytes

    digests: dict[str, str | None] = {}
    for path in racy:
        try:
            digests[path] = hashlib.sha256(read_deck_bytes(Path(path))).hexdigest()
        except OSError:
            digests[path] = None  # the full load reports it
    return digests


def catalog_to_json(
    catalog: Catalog,
    stamp: list[Any],
    made: int = 0,
    digests: dict[str, str | None] | None = None,
) -> str:
    decks = [
        {
            "id": deck.id,
            "name": deck.name,
            "description": deck.description,
            "path": deck.path,
            "cards": [_card_fields(card) for card in deck.cards],
            "figures": [_figure_fields(figure) for figure in deck.figures],
        }
        for deck in catalog.decks
    ]
    data = {
        "stamp": stamp,
        "made": made,
        "digests": digests or {},
        "fingerprint": catalog.fingerprint,
        "decks": decks,
    }
    return json.dumps(data, ensure_ascii=False)


def catalog_from_json(
    text: str | None, stamp: list[Any]
) -> tuple[Catalog, bool] | None:
    """The kept catalog if it was made from files matching `stamp`, and
    whether some of them had to be read to tell (racy files); else None
    (also for a copy this version cannot read: it is simply made again)."""
    if text is None:
        return None
    try:
        data = json.loads(text)
        if data["stamp"] != stamp:
            return None
        if racy_digests(stamp, int(data["made"])) != data["digests"]:
            return None  # a racy file changed, or one not known to be racy
        decks = tuple(_deck(deck) for deck in data["decks"])
        catalog = Catalog(decks, known_fingerprint=str(data["fingerprint"]))
        return catalog, bool(data["digests"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _card_fields(card: Card) -> list[Any]:
    """[kind, the values in the order of the kind's fields]: read back by
    position, which is quicker than by name on the way to the first card."""
    names, figure_slots = _layout(card.kind)
    values = [getattr(card, name) for name in names]
    for slot in figure_slots:  # kept once, in the deck's figures
        if values[slot] is not None:
            values[slot] = values[slot].id
    return [card.kind, values]


@cache
def _layout(kind: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A kind's field names in order, and where its figures are among them."""
    names = tuple(field.name for field in fields(CARD_TYPES[kind]))
    slots = tuple(i for i, name in enumerate(names) if name in FIGURE_FIELDS)
    return names, slots


def _figure_fields(figure: Figure) -> dict[str, Any]:
    data = figure.as_dict()
    data["panels"] = [panel.id for panel in figure.panels]
    return data


def _deck(data: dict[str, Any]) -> Deck:
    figures = _figures(data["figures"]) if data["figures"] else {}
    cards = tuple(_card(card, figures) for card in data["cards"])
    return Deck(
        data["id"],
        data["name"],
        data["description"],
        data["path"],
        cards,
        tuple(figures.values()),
    )


def _figures(rows: list[dict[str, Any]]) -> dict[str, Figure]:
    """The deck's figures by id; a figure of panels follows its panels."""
    built: dict[str, Figure] = {}
    for row in sorted(rows, key=lambda row: bool(row["panels"])):
        values = {k: _tuples(v) for k, v in row.items()}
        values["pose"] = Pose(**row["pose"]) if row["pose"] else None
        values["panels"] = tuple(built[panel] for panel in row["panels"])
        built[row["id"]] = Figure(**values)
    return {row["id"]: built[row["id"]] for row in rows}


def _card(row: list[Any], figures: dict[str, Figure]) -> Card:
    kind, values = row
    names, figure_slots = _layout(kind)
    if len(values) != len(names):  # kept by code with other fields
        raise ValueError(f"{kind} card with {len(values)} values")
    values = [_tuples(value) if value.__class__ is list else value for value in values]
    for slot in figure_slots:
        if values[slot] is not None:
            values[slot] = figures[values[slot]]
    return CARD_TYPES[kind](*values)


def _tuples(value: Any) -> Any:
    """JSON's lists back into the tuples the cards hold (aliases nest them)."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value
