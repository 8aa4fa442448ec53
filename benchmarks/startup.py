"""Time to the first card on screen, as a whole process, headless.

Compares `quizhinge study` (through the CLI module, on a database that already
exists, as on any day after the first) with a bare Textual app that paints one
Static. Both processes exit right after their first paint; the runs alternate
so that machine noise hits both alike. Budget: ratio <= 1.25.

Both run with bytecode caching on (PYTHONDONTWRITEBYTECODE is dropped for the
children), as for an installed wheel: pip compiles bytecode at install time, so
Textual's modules are always cached; without this, quizhinge's own modules would
be compiled from source on every run and the comparison would be unfair.

    .venv/bin/python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run(headless=True)
"""

QUIZHINGE = """
import sys
from pathlib import Path

import quizhinge.cli  # the real entry point's imports
from quizhinge.catalog import default_deck_paths
from quizhinge.tui.launch import make_app

# What `quizhinge study` does (cli.run_tui), plus: leave once a card is shown.
app = make_app(Path(sys.argv[1]), default_deck_paths(), "bench", start="study")
shown = []


class FirstCard(type(app)):
    def on_study_screen_card_shown(self, event):
        shown.append(True)
        self.call_after_refresh(self.exit)


app.__class__ = FirstCard
app.run(headless=True)
if not shown:
    sys.exit("no card was shown: " + str(app.error_message))
"""


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--budget", type=float, default=1.25)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.db")
        timed(QUIZHINGE, db)  # first run creates and syncs the database
        timed(BARE)  # and warms the file cache
        bare, quiz = [], []
        for _ in range(options.runs):
            bare.append(timed(BARE))
            quiz.append(timed(QUIZHINGE, db))
    bare_s, quiz_s = statistics.median(bare), statistics.median(quiz)
    ratio = quiz_s / bare_s
    runs = f"(median of {options.runs})"
    print(f"bare Textual app, one Static : {bare_s * 1000:6.0f} ms {runs}")
    print(f"quizhinge, first card shown  : {quiz_s * 1000:6.0f} ms {runs}")
    print(f"ratio {ratio:.2f} (budget {options.budget})")
    sys.exit(0 if ratio <= options.budget else 1)


if __name__ == "__main__":
    main()
