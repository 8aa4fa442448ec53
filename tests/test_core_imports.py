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
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
