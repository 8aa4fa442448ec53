"""The core never imports Textual or Rich: every rule is usable without a
terminal. The modules checked are every module of the package outside the
TUI (`quizhinge.tui`) and the command line (`quizhinge.cli`), found by walking
the package, so a new module is checked without anyone listing it."""

import pkgutil
import subprocess
import sys

import pytest

import quizhinge

FRONT_ENDS = ("quizhinge.tui", "quizhinge.cli")
NOT_IMPORTABLE = {"quizhinge.__main__"}  # importing it runs the command


def core_modules() -> list[str]:
    found = [
        module.name
        for module in pkgutil.walk_packages(quizhinge.__path__, "quizhinge.")
        if module.name not in NOT_IMPORTABLE
        and not any(
            module.name == front or module.name.startswith(f"{front}.")
            for front in FRONT_ENDS
        )
    ]
    return ["quizhinge", *sorted(found)]


def test_the_walk_finds_the_core():
    modules = core_modules()
    for module in ("quizhinge.store", "quizhinge.store.schema", "quizhinge.exam"):
        assert module in modules
    assert not [m for m in modules if m.startswith(FRONT_ENDS)]


@pytest.mark.parametrize("module", core_modules())
def test_core_module_imports_neither_textual_nor_rich(module):
    code = (
        f"import sys, {module};"
        " print(sorted(m for m in ('textual', 'rich') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_anki_reader_stays_off_the_start_up_path():
    """The app's start (and its home screen's store calls) never loads the
    package reader or its zstd binding: only `import-progress` does."""
    code = (
        "import sys, quizhinge.command, quizhinge.tui.launch, quizhinge.tui.app,"
        " quizhinge.tui.backend, quizhinge.store.progress;"
        " print(sorted(m for m in ('zstandard', 'quizhinge.anki_progress', 'genanki')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
