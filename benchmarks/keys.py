"""Key to screen in the study loop, against a bare Textual app, in one run.

Both apps run at once in 80x24 terminals with Textual's real driver, and the
keys alternate between them, so both see the same load (this machine's load
drifts over seconds).

- bare: a Textual app whose one Static shows how many keys were pressed.
- quizhinge: `quizhinge study` on a deck of basic and true/false cards,
  alternating, with texts that are easy to spot on screen. Per pair of cards:
    reveal  space on a basic card, until its answer shows;
    grade   a grade (4), until its effect shows: the next card where a grade
            goes straight on, the feedback where it does not (then the space
            that leaves the feedback is timed as `next`);
    answer  t on a true/false card, until its feedback shows;
    next    space on that feedback, until the next card shows.

Two terminals to measure in (`--terminal`):
- tmux (the default, as the issue that set the budget measured): each app in
  a tmux window; a key goes in with `tmux send-keys`, and `tmux capture-pane`
  is polled until the change is on tmux's screen. Polling adds a few
  milliseconds to both apps alike.
- pty: each app on a pseudo-terminal read directly; the time is taken when
  the bytes that draw the change arrive. Nothing is added, so this shows the
  apps' own cost, and the bare app's is tiny.

Reported: each step's median and 90th percentile, and the ratio of the
median over every quizhinge step to the bare app's median. The budgets
(DESIGN.md): ratio at most 1.5, every step's p90 under 50 ms.

`--before CHECKOUT` runs a second quizhinge, from another checkout of the
source (say `git worktree add /tmp/before HEAD~3`), in the same run with its
keys alternating too: this machine drifts between runs by more than most
changes gain, so a before-and-after is only fair in one run.

    .venv/bin/python benchmarks/keys.py [--terminal tmux|pty] [--cards 40]
                                        [--before CHECKOUT]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import select
import shlex
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import ClassVar, Protocol

BARE = """
from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static("count 0", id="count")

    def on_key(self, event):
        self.presses = getattr(self, "presses", 0) + 1
        self.query_one("#count", Static).update(f"count {self.presses}")


Bare().run()
"""

QUIZHINGE = "from quizhinge.cli import main; main()"
ESCAPES = re.compile(
    rb"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|.)"
)
STEPS = ("reveal", "grade", "answer", "next")


class Terminal(Protocol):
    def ready(self) -> None:
        """Forget what was drawn so far: the next key's effect comes next."""

    def send(self, key: str) -> None: ...

    def wait_for(self, markers: tuple[str, ...], timeout: float = 10.0) -> str:
        """Until one of `markers` (regular expressions) is on screen; the text
        that matched."""
        ...

    def close(self) -> None: ...


class Pty:
    """A child process on a pseudo-terminal of 80x24, read as it writes."""

    KEYS: ClassVar[dict[str, bytes]] = {"space": b" ", "enter": b"\r"}

    def __init__(self, args: list[str], env: dict[str, str], cwd: str) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            args,
            cwd=cwd,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"},
            start_new_session=True,
        )
        os.close(slave)
        self.seen = b""

    def _read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0.0))
        if not ready:
            return b""
        try:
            return os.read(self.master, 65536)
        except OSError:
            return b""

    def ready(self) -> None:
        while self._read(0.0):  # a late frame, a clock: not the next key's
            pass
        self.seen = b""

    def send(self, key: str) -> None:
        os.write(self.master, self.KEYS.get(key, key.encode()))

    def wait_for(self, markers: tuple[str, ...], timeout: float = 10.0) -> str:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            self.seen += self._read(deadline - time.perf_counter())
            text = ESCAPES.sub(b"", self.seen).decode(errors="replace")
            if found := first_match(markers, text):
                return found
        tail = ESCAPES.sub(b"", self.seen)[-400:].decode(errors="replace")
        raise SystemExit(f"timed out waiting for {markers}; the screen ends:\n{tail}")

    def close(self) -> None:
        os.write(self.master, b"\x11")  # ctrl+q
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.master)


class Tmux:
    """A child process in a tmux window of 80x24, on a tmux server of its own."""

    # The server's socket, in the run's temporary folder: gone with it.
    socket = ""
    KEYS: ClassVar[dict[str, str]] = {"space": "Space", "enter": "Enter"}
    windows = 0

    def __init__(self, args: list[str], env: dict[str, str], cwd: str) -> None:
        Tmux.windows += 1
        self.name = f"app{Tmux.windows}"
        self.env = env
        command = " ".join(shlex.quote(arg) for arg in args)
        size = ("-x", "80", "-y", "24")
        # A window's shell takes the tmux server's environment, which is the
        # first window's: each window is given its own (--before's PYTHONPATH
        # above all, without which both quizhinges would run the same code).
        own = [f"-e{key}={value}" for key, value in env.items()]
        self._tmux("new-session", "-d", *size, *own, "-c", cwd, "-s", self.name)
        self._tmux("send-keys", "-t", self.name, f"exec {command}", "Enter")

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=False,
        )
        return done.stdout

    def ready(self) -> None:
        pass  # the markers are texts no screen shows before their key

    def send(self, key: str) -> None:
        self._tmux("send-keys", "-t", self.name, self.KEYS.get(key, key))

    def wait_for(self, markers: tuple[str, ...], timeout: float = 10.0) -> str:
        deadline = time.perf_counter() + timeout
        screen = ""
        while time.perf_counter() < deadline:
            screen = self._tmux("capture-pane", "-p", "-t", self.name)
            if found := first_match(markers, screen):
                return found
        raise SystemExit(f"timed out waiting for {markers}; the screen:\n{screen}")

    def close(self) -> None:
        self._tmux("send-keys", "-t", self.name, "C-q")
        time.sleep(0.5)
        self._tmux("kill-session", "-t", self.name)
        if self._tmux("list-sessions") == "":
            self._tmux("kill-server")


def press(terminal: Terminal, key: str, markers: tuple[str, ...]) -> tuple[float, str]:
    """(seconds from the key to its effect on screen, the marker seen)."""
    terminal.ready()
    start = time.perf_counter()
    terminal.send(key)
    found = terminal.wait_for(markers)
    return time.perf_counter() - start, found


def first_match(markers: tuple[str, ...], text: str) -> str:
    for marker in markers:
        if found := re.search(marker, text):
            return found.group(0)
    return ""


def front(n: int) -> str:
    return f"zq{n:03d}k"


def another_card(n: int) -> str:
    """Any card's front but card n's (the order new cards come in is the
    app's business)."""
    return rf"zq(?!{n:03d}k)\d{{3}}k"


def write_deck(folder: Path, cards: int) -> None:
    """Basic and true/false cards, alternating, with unique spottable texts."""
    lines = ['[deck]\nid = "bench"\nname = "Bench"\n']
    for n in range(cards):
        if n % 2 == 0:
            body = f'kind = "basic"\nfront = "{front(n)} front"\nback = "za{n:03d}k"'
        else:
            body = f'kind = "truefalse"\nstatement = "{front(n)} is so"\nanswer = true'
        lines.append(
            f'[[card]]\nid = "bench-{n:03d}"\n{body}\nlevel = "beginner"\n'
            f'topic = "cues"\nexplain = "Why {n}."\n'
        )
    (folder / "bench.toml").write_text("\n".join(lines))


def prepare(folder: Path, cards: int, env: dict[str, str]) -> list[str]:
    """A database whose study session holds every bench card; the app's args."""
    folder.mkdir()
    decks = folder / "decks"
    decks.mkdir()
    write_deck(decks, cards)
    db = str(folder / "keys.db")
    base = [sys.executable, "-c", QUIZHINGE, "--db", db, "--decks", str(decks)]
    for key, value in (("new-per-day", str(cards)), ("reviews-per-day", "10000")):
        subprocess.run(
            [*base, "config", key, value],
            check=True,
            env=env,
            capture_output=True,
            cwd=folder,
        )
    return [*base, "study", "--deck", "bench"]


Steps = dict[str, list[float]]


def measure(options: argparse.Namespace) -> tuple[list[float], dict[str, Steps]]:
    """The bare app's times, and each quizhinge's (the installed one, and the
    one --before names) by step."""
    # Bytecode caching on, as for an installed wheel (see startup.py).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    sources = {"quizhinge": env}
    if options.before:  # imported from that checkout instead
        sources["before"] = {**env, "PYTHONPATH": str(Path(options.before).resolve())}
    kind: type[Pty] | type[Tmux] = Tmux if options.terminal == "tmux" else Pty
    with tempfile.TemporaryDirectory() as folder:
        # Each app runs in the temporary folder: python -c puts the working
        # folder first on its path, and a checkout there would be imported.
        Tmux.socket = str(Path(folder) / "tmux.socket")
        quizzes = {
            name: kind(
                prepare(Path(folder) / name, options.cards, app_env), app_env, folder
            )
            for name, app_env in sources.items()
        }
        run = Run(kind([sys.executable, "-c", BARE], env, folder), options.pause)
        times: dict[str, Steps] = {
            name: {step: [] for step in STEPS} for name in sources
        }
        try:
            run.bare.wait_for(("count 0",))
            shown = {
                name: int(quiz.wait_for((another_card(-1),))[2:5])
                for name, quiz in quizzes.items()
            }
            for _ in range(options.cards - 2):  # the last card ends the session
                for name, quiz in quizzes.items():
                    shown[name] = run.one_card(quiz, times[name], shown[name])
        finally:
            for quiz in quizzes.values():
                quiz.close()
            run.bare.close()
    return run.bare_times, times


class Run:
    """The keys of one run: after each key to a quizhinge, one to the bare
    app, so both see the machine as it is at that moment."""

    def __init__(self, bare: Terminal, pause: float) -> None:
        self.bare = bare
        self.pause = pause
        self.bare_times: list[float] = []

    def one_card(self, quiz: Terminal, steps: Steps, shown: int) -> int:
        """Answer card `shown`, timing each step; the next card's number."""
        next_card = another_card(shown)
        if shown % 2 == 0:  # a basic card: reveal, grade
            self.key(quiz, steps["reveal"], "space", (f"za{shown:03d}k",))
            found = self.key(quiz, steps["grade"], "4", (next_card, "enter: continue"))
            if found == "enter: continue":  # a grade shows feedback first
                found = self.key(quiz, steps["next"], "space", (next_card,))
        else:  # a true/false card: answer, then on from its feedback
            self.key(quiz, steps["answer"], "t", ("Right",))
            found = self.key(quiz, steps["next"], "space", (next_card,))
        return int(found[2:5])

    def key(
        self, quiz: Terminal, times: list[float], key: str, markers: tuple[str, ...]
    ) -> str:
        time.sleep(self.pause)
        seconds, found = press(quiz, key, markers)
        times.append(seconds)
        time.sleep(self.pause)
        seconds, _ = press(self.bare, "x", (f"count {len(self.bare_times) + 1}",))
        self.bare_times.append(seconds)
        return found


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:5.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terminal", choices=("tmux", "pty"), default="tmux")
    parser.add_argument("--cards", type=int, default=40, help="cards in the session")
    parser.add_argument(
        "--pause", type=float, default=0.15, help="seconds between keys"
    )
    parser.add_argument(
        "--before", metavar="CHECKOUT", help="also run quizhinge from this checkout"
    )
    parser.add_argument("--ratio", type=float, default=1.5)
    parser.add_argument("--p90", type=float, default=0.050)
    options = parser.parse_args()
    bare, times = measure(options)
    median = statistics.median(bare)
    print(f"{len(bare)} keys to the bare app, 80x24, in {options.terminal}")
    print(f"  bare Textual app, one Static  median {ms(median)},", end="")
    print(f" p90 {ms(p90(bare))}")
    found = {
        name: report(name, steps, median, options) for name, steps in times.items()
    }
    ratio, worst = found["quizhinge"]  # the budgets are the installed one's
    sys.exit(0 if ratio <= options.ratio and worst < options.p90 else 1)


def report(
    name: str, steps: Steps, bare: float, options: argparse.Namespace
) -> tuple[float, float]:
    """Print one quizhinge's figures; its ratio and worst p90."""
    every = [t for step in steps.values() for t in step]
    worst = 0.0
    for step, step_times in steps.items():
        worst = max(worst, p90(step_times))
        median = ms(statistics.median(step_times))
        print(f"  {name} {step:<7} median {median},", end="")
        print(f" p90 {ms(p90(step_times))}  ({len(step_times)} keys)")
    ratio = statistics.median(every) / bare
    print(f"  {name}, every step  median {ms(statistics.median(every))}")
    print(f"{name}: ratio of medians {ratio:.2f} (budget {options.ratio});", end=" ")
    print(f"worst step p90 {worst * 1000:.1f} ms (budget {options.p90 * 1000:.0f} ms)")
    return ratio, worst


if __name__ == "__main__":
    main()
