"""The decks' checked copy in the database: served while no deck file changed,
read again (and checked as ever) as soon as one did."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from support.tui import MIXED

from quizhinge import deckcache, deckfile
from quizhinge.catalog import load_catalog
from quizhinge.deckcache import META_KEY, load_catalog_cached
from quizhinge.places import default_deck_paths
from quizhinge.problems import DeckError
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


def without_time(copy: str | None) -> dict:
    """A kept copy without the moment it was made."""
    data = json.loads(copy or "{}")
    data.pop("made", None)
    return data


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
    "unknown-kind": _with_first_card(lambda card: card.__setitem__(0, "riddle")),
    "gone-field": _with_first_card(lambda card: card[1].append(3)),
    "missing-field": _with_first_card(lambda card: card[1].pop()),
    "card-not-a-pair": _with_first_card(lambda card: card.append("extra")),
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS)
def test_an_unusable_copy_is_ignored_and_made_again(store, decks, reads, corrupt):
    load_catalog_cached(store, [decks])
    good = store.meta(META_KEY)
    store.set_meta(META_KEY, corrupt(json.loads(good)))
    assert load_catalog_cached(store, [decks]) == load_catalog([decks])
    assert without_time(store.meta(META_KEY)) == without_time(good)
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


# -- racily clean: an edit as fast as the filesystem's clock --------------------------


class CoarseStat:
    """os.stat as a filesystem with one-second times shows a deck folder's
    files: each keeps its inode, and its times stay `second` while it is
    edited within that second. Other paths are left alone."""

    def __init__(self, folder: Path, second: int) -> None:
        self.folder = str(folder.resolve())
        self.second = second
        self.real = os.stat
        self.inodes: dict[str, int] = {}

    def __call__(self, path, *args, **kwargs):
        info = self.real(path, *args, **kwargs)
        name = os.path.abspath(os.fspath(path))
        if not (name.startswith(self.folder) and name.endswith(".toml")):
            return info
        inode = self.inodes.setdefault(name, 1000 + len(self.inodes))
        seconds = self.second // 1_000_000_000
        fields = list(info)
        fields[1] = inode
        fields[8] = fields[9] = seconds  # whole seconds, as the filesystem keeps
        return os.stat_result(
            fields,
            {
                "st_mtime": float(seconds),
                "st_ctime": float(seconds),
                "st_mtime_ns": self.second,
                "st_ctime_ns": self.second,
                "st_atime_ns": info.st_atime_ns,
            },
        )


def same_size_edit(path: Path) -> str:
    """Text of `path` with its first explanation reversed (same size)."""
    text = path.read_text()
    explain = load_catalog([path]).decks[0].cards[0].explain
    changed = text.replace(explain, explain[::-1], 1)
    assert changed != text and len(changed) == len(text)
    return changed


def _write_elsewhere(path: Path, text: str, times: os.stat_result | None = None):
    other = path.parent.parent / "elsewhere.toml"
    other.write_text(text)
    if times is not None:
        os.utime(other, ns=(times.st_atime_ns, times.st_mtime_ns))
    return other


def _in_place(path: Path, text: str) -> None:
    path.write_text(text)


def _cp_p(path: Path, text: str) -> None:
    shutil.copy2(_write_elsewhere(path, text, path.stat()), path)


def _touch_r(path: Path, text: str) -> None:
    times = path.stat()
    path.write_text(text)
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))


def _delete_and_recreate(path: Path, text: str) -> None:
    path.unlink()
    path.write_text(text)


def _save_by_rename(path: Path, text: str) -> None:
    os.replace(_write_elsewhere(path, text), path)


def _rsync_t(path: Path, text: str) -> None:
    os.replace(_write_elsewhere(path, text, path.stat()), path)


def _truncate_and_rewrite(path: Path, text: str) -> None:
    with path.open("r+") as file:
        file.truncate(0)
        file.write(text)


def _through_a_hard_link(path: Path, text: str) -> None:
    link = path.parent.parent / "hard-link.toml"
    os.link(path, link)
    link.write_text(text)


def _patch_the_middle(path: Path, text: str) -> None:
    old = path.read_bytes()
    new = text.encode()
    start = next(i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b)
    with path.open("r+b") as file:
        file.seek(start)
        file.write(new[start : start + 40])


EDITS = {
    "in place": _in_place,
    "cp -p": _cp_p,
    "edit, touch -r": _touch_r,
    "delete and recreate": _delete_and_recreate,
    "save by rename": _save_by_rename,
    "rsync -t": _rsync_t,
    "truncate and rewrite": _truncate_and_rewrite,
    "through a hard link": _through_a_hard_link,
    "patch the middle": _patch_the_middle,
}


@pytest.mark.parametrize("edit_as", EDITS.values(), ids=EDITS)
def test_an_edit_within_the_second_the_copy_was_made_is_seen(
    store, decks, monkeypatch, edit_as
):
    """Each edit leaves (inode, size, mtime, ctime) as they were on a
    filesystem with one-second times; the copy made in that second is not
    trusted on its times (git's racily clean rule)."""
    second = time.time_ns() // 1_000_000_000 * 1_000_000_000
    monkeypatch.setattr(os, "stat", CoarseStat(decks, second))
    path = sorted(decks.glob("*.toml"))[0]
    changed = same_size_edit(path)
    load_catalog_cached(store, [decks])
    before = deckcache.files_stamp([decks])
    edit_as(path, changed)
    assert path.read_text()[:200] == changed[:200]
    assert deckcache.files_stamp([decks]) == before  # the times cannot tell
    assert load_catalog_cached(store, [decks]) == load_catalog([decks])


def test_a_racy_file_that_did_not_change_is_compared_not_parsed(
    store, decks, monkeypatch, reads
):
    second = time.time_ns() // 1_000_000_000 * 1_000_000_000
    monkeypatch.setattr(os, "stat", CoarseStat(decks, second))
    first = load_catalog_cached(store, [decks])
    assert load_catalog_cached(store, [decks]) == first
    assert len(reads) == 1
    assert kept(store)["digests"]  # the racy files' digests were kept


def test_a_racy_copy_is_stamped_again_once_its_files_are_old(
    store, decks, monkeypatch, reads
):
    """A copy made within a second of an edit is checked by reading the
    files; once they are well older than the clock, the copy is made trusted
    on its times again, so a later start reads no deck file at all."""
    second = time.time_ns() // 1_000_000_000 * 1_000_000_000
    monkeypatch.setattr(os, "stat", CoarseStat(decks, second))
    first = load_catalog_cached(store, [decks])
    assert kept(store)["digests"]
    later = time.time_ns() + 60_000_000_000
    monkeypatch.setattr(time, "time_ns", lambda: later)
    assert load_catalog_cached(store, [decks]) == first
    assert kept(store)["digests"] == {}  # trusted on its times from now on
    hashed: list[Path] = []
    real = deckfile.read_deck_bytes
    monkeypatch.setattr(
        deckfile, "read_deck_bytes", lambda path: hashed.append(path) or real(path)
    )
    assert load_catalog_cached(store, [decks]) == first
    assert hashed == [] and len(reads) == 1  # neither read nor parsed again


def test_files_well_older_than_the_copy_are_trusted_on_their_times(
    store, decks, monkeypatch, reads
):
    old = (time.time_ns() // 1_000_000_000 - 60) * 1_000_000_000
    monkeypatch.setattr(os, "stat", CoarseStat(decks, old))
    load_catalog_cached(store, [decks])
    assert kept(store)["digests"] == {}  # nothing to read at the next start
    load_catalog_cached(store, [decks])
    assert len(reads) == 1


def test_a_change_to_quizhinge_itself_reads_the_decks_again(store, decks, reads):
    """The card model or the validator may change within one version (an
    editable install, a rebuilt wheel): the copy made by the old code is not
    served."""
    load_catalog_cached(store, [decks])
    module = Path(deckcache.__file__).parent / "deckfile.py"
    times = module.stat()
    try:
        later = times.st_mtime_ns + 1_000_000_000
        os.utime(module, ns=(times.st_atime_ns, later))
        deckcache.code_stamp.cache_clear()
        assert load_catalog_cached(store, [decks]) == load_catalog([decks])
        assert len(reads) == 2
    finally:
        os.utime(module, ns=(times.st_atime_ns, times.st_mtime_ns))
        deckcache.code_stamp.cache_clear()
