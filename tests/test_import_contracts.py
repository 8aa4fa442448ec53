"""The import rules of pyproject.toml hold (`lint-imports`), and the lists of
modules they name are the package's own, so a new module cannot slip past
them unlisted."""

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import quizhinge

ROOT = Path(__file__).parent.parent
FRONT_ENDS = {"quizhinge.tui", "quizhinge.cli", "quizhinge.command"}


def contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    found = config["tool"]["importlinter"]["contracts"]
    return {contract["name"]: contract for contract in found}


def top_level() -> set[str]:
    """Every module and package directly under quizhinge, but `__main__`
    (it runs the command; `quizhinge.command` stands for it)."""
    return {
        f"quizhinge.{module.name}"
        for module in pkgutil.iter_modules(quizhinge.__path__)
        if module.name != "__main__"
    }


def test_the_core_contract_names_every_core_module():
    core = contracts()["The core imports neither the front ends, nor Textual, nor Rich"]
    assert set(core["source_modules"]) == top_level() - FRONT_ENDS


def test_the_sqlite_contract_names_every_module_but_the_store():
    sqlite = contracts()["Only the store imports SQLite"]
    assert set(sqlite["source_modules"]) == top_level() - {"quizhinge.store"}


def test_the_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
