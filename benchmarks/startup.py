"""Time to the first card on screen, as a whole process, headless.

Compares `quizhinge study` (through the installed script's entry point,
`quizhinge.command.main`, run headless, on a database that already exists, as
on any day after the first) with a bare Textual app that paints one Static.
Both processes note the wall-clock moment of their first paint (for
quizhinge, the first frame whose layout holds the card) and exit right after
it. They run in pairs, back to back, and the figure is the median of the
pairs' ratios: this machine's load drifts over seconds, and a pair shares it.
Two figures:
launch to first paint (what the budget, ratio <= 1.25, is about) and launch
to exit (the first plus interpreter teardown), so that a difference in
teardown can never hide in, or inflate, the first.

Both run with bytecode caching on (PYTHONDONTWRITEBYTECODE is dropped for the
children), as for an installed wheel: pip compiles bytecode at install time, so
Textual's modules are always cached; without this, quizhinge's own modules would
be compiled from source on every run and the comparison would be unfair.

Both also see one terminal size, 80x24 (COLUMNS and LINES, as a terminal
sets them). Without it, a headless Textual app is told two sizes at start-up
(Rich's default of 80x25, then the driver's 80x24) and lays out and paints its
first screen again for each; no real terminal does that, and the repeat costs
a full screen more than one Static. `--two-sizes` measures it that way.

With `--large N`, the database also holds a collection of N cards with ten
answers each (as benchmarks/engine.py makes it; 100000 is a file of about
200 MB): the file is checked at every open, and this shows what that costs
the first card.

    .venv/bin/python benchmarks/startup.py [--runs 15] [--two-sizes] [--large N]
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
import os
import time

from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

    def on_mount(self):
        self.call_after_refresh(painted, self)

def painted(app):
    os.write(1, f"PAINTED {time.time()}\\n".encode())
    app.exit()

Bare().run(headless=True)
"""

QUIZHINGE = """
import os
import sys
import time

import quizhinge.command  # the `quizhinge` script's module
from quizhinge.tui import launch

shown = []
make_app = launch.make_app


def first_card_then_exit(*args, **options):
    # The app `quizhinge study` makes, run headless, plus: leave once a card
    # is on screen.
    app = make_app(*args, **options)

    class FirstCard(type(app)):
        # As for the bare app: the first frame after mount, when its layout
        # holds the card; if the session was still loading then, the first
        # frame after the card was mounted.
        def on_mount(self):
            self.call_after_refresh(self.check)

        def on_study_screen_card_shown(self, event):
            self.call_after_refresh(self.check)

        def run(self, **options):
            return super().run(headless=True, **options)

        def check(self):
            questions = self.screen.query(".question")
            if shown or not questions or not questions.first().region.area:
                return
            shown.append(True)
            os.write(1, f"PAINTED {time.time()}\\n".encode())
            self.exit()

    app.__class__ = FirstCard
    return app


launch.make_app = first_card_then_exit
os.environ["QUIZHINGE_DB"] = sys.argv[1]
sys.argv = ["quizhinge", "study"]
quizhinge.command.main()  # exactly what the installed `quizhinge study` runs
if not shown:
    sys.exit("no card was shown")
"""


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
TERMINAL = {"COLUMNS": "80", "LINES": "24"}


def timed(code: str, *args: str, env: dict[str, str]) -> tuple[float, float]:
    """(seconds from launch to the first paint, seconds to the process's end).

    The first is what the budget is about: a person sees the card then. The
    second adds the interpreter's exit, which nobody waits for.
    """
    start = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    end = time.time()
    painted = float(result.stdout.split("PAINTED", 1)[1].split()[0])
    return painted - start, end - start


def build_large(path: Path, cards: int) -> None:
    """A file that also holds a big collection (benchmarks/engine.py's)."""
    from engine import build, make_catalog  # this folder is on sys.path

    from quizhinge.session import local_now, study_day

    build(path, make_catalog(cards), cards * 10, study_day(local_now(), 4))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--budget", type=float, default=1.25)
    parser.add_argument(
        "--two-sizes",
        action="store_true",
        help="no COLUMNS/LINES: headless Textual is told 80x25, then 80x24",
    )
    parser.add_argument(
        "--large", type=int, default=0, help="cards of another profile in the file"
    )
    options = parser.parse_args()
    env = ENV if options.two_sizes else {**ENV, **TERMINAL}
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.db")
        if options.large:
            build_large(Path(db), options.large)
        timed(QUIZHINGE, db, env=env)  # first run creates and syncs the database
        megabytes = f"{Path(db).stat().st_size / 1e6:.1f}"
        timed(BARE, env=env)  # and warms the file cache
        bare, quiz = [], []
        for run in range(options.runs):  # in pairs, each side first in turn
            if run % 2:
                quiz.append(timed(QUIZHINGE, db, env=env))
                bare.append(timed(BARE, env=env))
            else:
                bare.append(timed(BARE, env=env))
                quiz.append(timed(QUIZHINGE, db, env=env))
    size = "two sizes, 80x25 then 80x24" if options.two_sizes else "80x24"
    print(f"{options.runs} pairs of runs, terminal {size}")
    if options.large:
        print(f"database: {options.large:,} more cards, another profile's")
    print(f"database file: {megabytes} MB")
    ratios = []
    for index, what in enumerate(("launch to first paint", "launch to exit")):
        bare_s = statistics.median(t[index] for t in bare)
        quiz_s = statistics.median(t[index] for t in quiz)
        paired = statistics.median(
            q[index] / b[index] for b, q in zip(bare, quiz, strict=True)
        )
        ratios.append(paired)
        print(f"{what}: bare Textual app, one Static {bare_s * 1000:4.0f} ms,")
        print(f"  quizhinge, first card shown {quiz_s * 1000:4.0f} ms (medians)")
        print(f"  ratio {paired:.2f} (median of the pairs' ratios;", end=" ")
        print(f"ratio of the medians {quiz_s / bare_s:.2f})")
    print(f"budget {options.budget} for the time to first paint")
    sys.exit(0 if ratios[0] <= options.budget else 1)


if __name__ == "__main__":
    main()
