"""The decks' checked copy in the database: served while no deck file changed,
read again (and checked as ever) as soon as one did."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from tui_support import MIXED

from quizhinge import deckcache
from quizhinge.catalog import load_catalog
from quizhinge.deckcache import META_KEY, load_catalog_cached
from quizhinge.deckfile import DeckError
from quizhinge.places import default_deck_paths
from quizhinge.store import Store, StoreError

EXTRA_DECK = """\
[deck]
id = "extra"
name = "Extra"

[[card]]
id = "extra-1"
kind = "basic"
level = "beginner"
topic = "definitions"
front = "Extra front"
back = "Extra back"
explain = "Extra explain."
"""


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "q.db") as store:
        yield store


@pytest.fixture
def decks(tmp_path) -> Path:
    """A copy of the mixed test decks that a test may edit."""
    return Path(shutil.copytree(MIXED, tmp_path / "decks"))


@pytest.fixture
def reads(monkeypatch) -> list:
    """Each time load_catalog_cached read and checked the deck files."""
    calls = []
    real = deckcache.load_catalog

    def counting(paths, **options):
        calls.append(paths)
        return real(paths, **options)

    monkeypatch.setattr(deckcache, "load_catalog", counting)
    return calls


def edit(path: Path, old: str, new: str) -> None:
    """Change the file's text and move its mtime on, as a real save would."""
    before = path.stat().st_mtime_ns
    path.write_text(path.read_text().replace(old, new, 1))
    later = before + 2_000_000_000
    os.utime(path, ns=(later, later))


def kept(store: Store) -> dict:
    return json.loads(store.meta(META_KEY))


def assert_same_catalog(cached, parsed) -> None:
    assert [deck.id for deck in cached.decks] == [deck.id for deck in parsed.decks]
    assert cached == parsed
    assert cached.fingerprint == parsed.fingerprint
    for mine, theirs in zip(cached, parsed, strict=True):
        assert type(mine) is type(theirs)
        assert mine == theirs
        assert mine.content_hash() == theirs.content_hash()
        hash(mine)  # frozen cards with tuples, not lists, stay hashable


# -- the meta table ---------------------------------------------------------------


def test_meta_round_trips_overwrites_and_survives_reopening(tmp_path):
    with Store.open(tmp_path / "q.db") as store:
        assert store.meta("anything") is None
        store.set_meta("anything", "one")
        store.set_meta("anything", "twö")
        assert store.meta("anything") == "twö"
    with Store.open(tmp_path / "q.db") as store:
        assert store.meta("anything") == "twö"


# -- served from the copy -----------------------------------------------------------


def test_unchanged_files_are_not_read_again(store, decks, reads):
    first = load_catalog_cached(store, [decks])
    second = load_catalog_cached(store, [decks])
    assert len(reads) == 1
    assert_same_catalog(second, first)
    assert all(isinstance(deck.cards, tuple) for deck in second.decks)


@pytest.mark.parametrize(
    "paths", [[MIXED], default_deck_paths()], ids=["mixed", "bundled"]
)
def test_every_card_kind_round_trips_through_the_copy(store, reads, paths):
    parsed = load_catalog(paths)
    assert load_catalog_cached(store, paths) == parsed
    assert_same_catalog(load_catalog_cached(store, paths), parsed)
    assert len(reads) == 1


def test_the_mixed_decks_hold_every_card_kind():
    from quizhinge.cards import KINDS

    assert {card.kind for card in load_catalog([MIXED])} == set(KINDS)


# -- read again when something changed -------------------------------------------------


def test_an_edited_deck_file_shows_the_edit(store, decks):
    load_catalog_cached(store, [decks])
    edit(decks / "basic.toml", "Test basic", "Test BASIC")  # same size
    catalog = load_catalog_cached(store, [decks])
    assert catalog.deck("basic").name == "Test BASIC"
    assert catalog == load_catalog([decks])


def test_an_added_deck_file_is_picked_up(store, decks):
    load_catalog_cached(store, [decks])
    (decks / "zz-extra.toml").write_text(EXTRA_DECK)
    catalog = load_catalog_cached(store, [decks])
    assert catalog.card("extra-1").front == "Extra front"
    assert catalog.decks[-1].id == "extra"


def test_a_removed_deck_file_is_gone(store, decks):
    load_catalog_cached(store, [decks])
    (decks / "order.toml").unlink()
    catalog = load_catalog_cached(store, [decks])
    assert "order" not in {deck.id for deck in catalog.decks}
    assert catalog == load_catalog([decks])


def test_another_set_of_paths_does_not_get_this_sets_copy(store, decks):
    load_catalog_cached(store, [decks])
    both = [*default_deck_paths(), decks]
    catalog = load_catalog_cached(store, both)
    assert catalog == load_catalog(both)
    assert len(catalog.decks) > len(load_catalog([decks]).decks)
    assert load_catalog_cached(store, [decks]) == load_catalog([decks])


def test_the_same_folder_named_another_way_keeps_the_name_given(
    store, decks, monkeypatch
):
    load_catalog_cached(store, [decks])
    monkeypatch.chdir(decks.parent)
    relative = [Path(decks.name)]
    assert load_catalog_cached(store, relative) == load_catalog(relative)
    assert load_catalog_cached(store, relative).decks[0].path.startswith(decks.name)


def test_another_quizhinge_version_reads_the_decks_again(
    store, decks, monkeypatch, reads
):
    load_catalog_cached(store, [decks])
    monkeypatch.setattr(deckcache, "__version__", "99.0")
    assert load_catalog_cached(store, [decks]) == load_catalog([decks])
    assert len(reads) == 2


# -- mistakes are reported as ever, and never kept -------------------------------------


def test_a_broken_deck_is_left_out_with_its_problems_and_the_old_copy_not_served(
    store, decks
):
    """The app starts without a broken deck and shows why (issue 12, item 22);
    the kept copy is neither served nor replaced while a deck has problems."""
    load_catalog_cached(store, [decks])
    before = store.meta(META_KEY)
    edit(decks / "basic.toml", 'kind = "basic"', 'kind = "bsaic"')
    with pytest.raises(DeckError) as expected:
        load_catalog([decks])
    for _ in range(2):
        loaded = load_catalog_cached(store, [decks])
        assert list(loaded.problems) == expected.value.problems
        assert "basic" not in {deck.id for deck in loaded.decks}
        assert len(loaded.decks) == len(list(decks.glob("*.toml"))) - 1
        assert store.meta(META_KEY) == before


@pytest.mark.parametrize("where", ["missing", "empty"])
def test_a_missing_or_empty_folder_raises_and_nothing_is_kept(store, tmp_path, where):
    path = tmp_path / where
    if where == "empty":
        path.mkdir()
    with pytest.raises(DeckError) as expected:
        load_catalog([MIXED, path])
    loaded = load_catalog_cached(store, [MIXED, path])
    assert list(loaded.problems) == expected.value.problems
    assert loaded.decks == load_catalog([MIXED]).decks
    assert store.meta(META_KEY) is None


def test_a_dangling_deck_link_is_a_deck_problem(store, decks):
    (decks / "gone.toml").symlink_to(decks / "nowhere.toml")
    with pytest.raises(DeckError) as expected:
        load_catalog([decks])
    assert list(load_catalog_cached(store, [decks]).problems) == (
        expected.value.problems
    )


# -- a copy this version cannot use is made again --------------------------------------


def _with_first_card(change):
    def corrupt(data: dict) -> str:
        change(data["decks"][0]["cards"][0])
        return json.dumps(data)

    return corrupt


CORRUPTIONS = {
    "not-json": lambda data: "{not json",
    "json-null": lambda data: "null",
    "json-list": lambda data: "[]",
    "no-decks": lambda data: json.dumps({"stamp": data["stamp"]}),
    "decks-not-a-list": lambda data: json.dumps({**data, "decks": 5}),
    "deck-not-a-table": lambda data: json.dumps({**data, "decks": ["basic"]}),
    "deck-without-cards": lambda data: json.dumps({**data, "decks": [{"id": "x"}]}),
    "unknown-kind": _with_first_card(lambda card: card.update(kind="riddle")),
    "gone-field": _with_first_card(lambda card: card.update(difficulty=3)),
    "missing-field": _with_first_card(lambda card: card.pop("explain")),
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS)
def test_an_unusable_copy_is_ignored_and_made_again(store, decks, reads, corrupt):
    load_catalog_cached(store, [decks])
    good = store.meta(META_KEY)
    store.set_meta(META_KEY, corrupt(json.loads(good)))
    assert load_catalog_cached(store, [decks]) == load_catalog([decks])
    assert store.meta(META_KEY) == good
    assert load_catalog_cached(store, [decks]) == load_catalog([decks])
    assert len(reads) == 2  # the first load and the unusable copy's


def test_a_copy_with_a_card_that_is_not_a_table_is_made_again(store, decks):
    load_catalog_cached(store, [decks])
    data = kept(store)
    data["decks"][0]["cards"] = ["not a card"]
    store.set_meta(META_KEY, json.dumps(data))
    assert load_catalog_cached(store, [decks]) == load_catalog([decks])


def test_a_copy_that_cannot_be_kept_only_costs_speed(store, decks, monkeypatch):
    def refuse(key, value):
        raise StoreError("attempt to write a readonly database")

    monkeypatch.setattr(store, "set_meta", refuse)
    assert load_catalog_cached(store, [decks]) == load_catalog([decks])


def test_a_same_size_edit_that_keeps_the_old_times_is_still_seen(store, decks):
    """As `cp -p` or `rsync -t` leave a file: new text, same size, old mtime."""
    load_catalog_cached(store, [decks])
    path = sorted(decks.glob("*.toml"))[0]
    info = path.stat()
    text = path.read_text()
    explain = load_catalog([path]).decks[0].cards[0].explain
    changed = text.replace(explain, explain[::-1], 1)
    assert changed != text and len(changed) == len(text)
    path.write_text(changed)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_mtime_ns == info.st_mtime_ns
    assert load_catalog_cached(store, [decks]) == load_catalog([decks])
