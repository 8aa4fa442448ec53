"""mypy over the whole package (configured in pyproject.toml), so that a type
error fails the suite where it is made, not only in CI.

A Textual name used the wrong way (a screen's `HELP` set to a dict where
Textual wants Markdown) crashed the app; mypy saw it first.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_errors():
    pytest.importorskip("mypy")
    done = subprocess.run(
        [sys.executable, "-m", "mypy"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
