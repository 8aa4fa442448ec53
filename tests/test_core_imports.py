"""The core never imports Textual: every rule is usable without a terminal."""

import subprocess
import sys

import pytest

CORE = [
    "quizhinge.cards",
    "quizhinge.deckfile",
    "quizhinge.inert",
    "quizhinge.catalog",
    "quizhinge.scheduler",
    "quizhinge.store",
    "quizhinge.session",
    "quizhinge.grading",
    "quizhinge.stats",
    "quizhinge.anki_progress",
    "quizhinge.progress_store",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_anki_reader_stays_off_the_start_up_path():
    """The app's start (and its home screen's store calls) never loads the
    package reader or its zstd binding: only `import-progress` does."""
    code = (
        "import sys, quizhinge.command, quizhinge.tui.launch, quizhinge.tui.app,"
        " quizhinge.tui.backend, quizhinge.progress_store;"
        " print(sorted(m for m in ('zstandard', 'quizhinge.anki_progress', 'genanki')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
