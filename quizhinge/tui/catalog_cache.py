"""The checked decks kept as JSON, so the app starts without parsing TOML.

Parsing and checking the bundled decks is ~45 ms of pure Python on every
start, the largest piece of start-up work outside Textual. Its result changes
only when a deck file (or the code that reads it) does, so it is kept in the
user cache folder, keyed by each file's path, size and modification time and
by the quizhinge version. Any change, or any trouble reading or writing the
cache, falls back to `load_catalog`, which stays the one judge of a deck.
JSON rather than pickle, so that a cache file can never run code.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from quizhinge import __version__, cards, catalog, deckfile
from quizhinge.cards import CARD_TYPES, Card, Deck
from quizhinge.catalog import Catalog, deck_files, load_catalog

FORMAT = 1
FILE_NAME = "catalog.json"


def default_cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("quizhinge", appauthor=False)


def load_catalog_cached(paths: Sequence[Path], folder: Path | None) -> Catalog:
    """`load_catalog(paths)`, from the cache in `folder` when it is current."""
    if folder is None:
        return load_catalog(paths)
    files, problems = deck_files(paths)
    if problems:
        return load_catalog(paths)  # raises DeckError with every problem
    try:
        key = _key(files)
    except OSError:
        return load_catalog(paths)
    found = _read(folder / FILE_NAME, key)
    if found is not None:
        return found
    loaded = load_catalog(paths)
    _write(folder / FILE_NAME, key, loaded)
    return loaded


def _key(files: list[Path]) -> list[Any]:
    sources = [Path(module.__file__ or "") for module in (cards, catalog, deckfile)]
    stamps = []
    for path in [*files, *sources]:
        status = path.stat()
        stamps.append([str(path.resolve()), status.st_size, status.st_mtime_ns])
    return [FORMAT, __version__, stamps]


def _read(path: Path, key: list[Any]) -> Catalog | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        return Catalog(tuple(_deck(deck) for deck in data["decks"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(path: Path, key: list[Any], loaded: Catalog) -> None:
    data = {"key": key, "decks": [_deck_data(deck) for deck in loaded.decks]}
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)


def _deck_data(deck: Deck) -> dict[str, Any]:
    return {
        "id": deck.id,
        "name": deck.name,
        "description": deck.description,
        "path": deck.path,
        "cards": [_card_data(card) for card in deck.cards],
    }


def _card_data(card: Card) -> dict[str, Any]:
    data = {field.name: getattr(card, field.name) for field in fields(card)}
    data["kind"] = card.kind
    return data


def _deck(data: dict[str, Any]) -> Deck:
    return Deck(
        id=data["id"],
        name=data["name"],
        description=data["description"],
        path=data["path"],
        cards=tuple(_card(card) for card in data["cards"]),
    )


def _card(data: dict[str, Any]) -> Card:
    values = dict(data)
    kind = values.pop("kind")
    for name, value in values.items():
        if isinstance(value, list):
            values[name] = tuple(value)
    return CARD_TYPES[kind](**values)
