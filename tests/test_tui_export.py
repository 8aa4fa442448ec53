"""The home screen's "Export to Anki" action, checked by importing into real Anki."""

from __future__ import annotations

from anki.collection import Collection
from support.tui import MIXED, make_app, press, settle
from test_anki import import_into

from quizhinge.catalog import load_catalog

SIZE = (80, 24)


async def test_x_on_home_exports_the_learners_level_for_anki(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(tmp_path / "q.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "x")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
    apkg = tmp_path / "quizhinge.apkg"
    assert apkg.is_file()
    assert any(str(apkg) in message for message in messages)
    beginner = [c for c in load_catalog([MIXED]) if c.level == "beginner"]
    assert 0 < len(beginner) < len(load_catalog([MIXED]))
    collection = Collection(str(tmp_path / "collection.anki2"))
    try:
        import_into(collection, apkg)
        assert collection.note_count() == len(beginner)
        assert not collection.find_notes("tag:level::trainer")
    finally:
        collection.close()


async def test_export_into_an_unwritable_folder_says_so(tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "quizhinge.apkg").mkdir()  # a folder where the file should go
    monkeypatch.chdir(blocked)
    app = make_app(tmp_path / "q.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "x")
        await settle(pilot)
        failures = [n for n in app._notifications if n.severity == "error"]
    assert failures and "quizhinge.apkg" in failures[0].message
    assert (blocked / "quizhinge.apkg").is_dir()
