"""Where the progress file is made: a mistyped --db or QUIZHINGE_DB folder is
an error naming it (never a silent new folder and an empty database that looks
like lost progress); only the default location is made on first run, and a
new file is announced once."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from support.tui import MIXED, settle

import quizhinge.places
from quizhinge.cli import main
from quizhinge.store import Store, StoreError


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quizhinge", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("command", [["config"], ["stats"], ["cards"], ["study"]])
def test_db_in_a_missing_folder_is_an_error_naming_it(tmp_path, command):
    db = tmp_path / "nonexist" / "sub" / "x.db"
    result = run("--db", str(db), *command)
    assert result.returncode == 1
    assert f"the folder {db.parent} does not exist" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "nonexist").exists()


@pytest.mark.parametrize("command", [[], ["study"], ["stats"]])
def test_quizhinge_db_in_a_missing_folder_is_an_error_too(tmp_path, command):
    db = tmp_path / "typo" / "x.db"
    result = run(*command, env={"QUIZHINGE_DB": str(db)})
    assert result.returncode == 1
    assert f"the folder {db.parent} does not exist" in result.stderr
    assert not (tmp_path / "typo").exists()


def test_only_the_default_location_is_made_and_a_new_file_is_announced_once(
    tmp_path, monkeypatch
):
    default = tmp_path / "data" / "quizhinge" / "quizhinge.db"
    monkeypatch.setattr(quizhinge.places, "default_db_path", lambda: default)
    monkeypatch.delenv("QUIZHINGE_DB", raising=False)
    runner = CliRunner()
    first = runner.invoke(main, ["config", "level"])
    assert first.exit_code == 0, first.output
    assert first.stderr == f"Created a new progress file at {default}\n"
    assert first.stdout == "level = beginner\n"
    assert default.is_file()
    again = runner.invoke(main, ["config", "level"])
    assert again.stderr == "" and again.stdout == "level = beginner\n"
    explicit = tmp_path / "mine.db"  # an existing folder: a new file is fine
    made = runner.invoke(main, ["--db", str(explicit), "stats"])
    assert made.exit_code == 0
    assert made.stderr == f"Created a new progress file at {explicit}\n"


def test_the_store_makes_a_folder_only_when_asked(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "a" / "q.db")
    assert not (tmp_path / "a").exists()
    with Store.open(tmp_path / "a" / "q.db", make_folder=True) as store:
        assert store.created
    with Store.open(tmp_path / "a" / "q.db") as store:
        assert not store.created


async def test_the_app_says_once_that_it_made_a_new_progress_file(tmp_path):
    from quizhinge.tui.launch import make_app

    db = tmp_path / "q.db"
    for made in (True, False):
        app = make_app(db, [MIXED], "sam")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            notes = [n.message for n in app._notifications]
        said = f"Created a new progress file at {db}" in notes
        assert said == made


async def test_the_app_with_a_missing_folder_ends_with_the_message(tmp_path):
    from quizhinge.tui.launch import make_app

    db = tmp_path / "nope" / "q.db"
    app = make_app(db, [MIXED], "sam", start="study")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    assert "does not exist" in (app.error_message or "")
    assert not db.parent.exists()


def test_the_default_path_of_the_daily_command_makes_its_folder(tmp_path):
    """`quizhinge` alone (command.py, no click) passes make_folder only for the
    default location."""
    code = (
        "import sys, quizhinge.command as c, quizhinge.tui.launch as l;"
        "l.run_app = lambda db, decks, **o: print(db, o.get('make_folder'));"
        "sys.argv = ['quizhinge']; c.main()"
    )
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    given = run_python(code, {**env, "QUIZHINGE_DB": str(tmp_path / "x.db")})
    assert given.stdout.split() == [str(tmp_path / "x.db"), "False"]
    env_without = {k: v for k, v in os.environ.items() if k != "QUIZHINGE_DB"}
    default = run_python(code, {**env_without, **env}, replace=True)
    assert default.stdout.split()[1] == "True"
    assert str(tmp_path / "xdg") in default.stdout


def run_python(
    code: str, env: dict[str, str], replace: bool = False
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=env if replace else {**os.environ, **env},
    )
