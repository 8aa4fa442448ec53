"""Write the README's screenshots (docs/screenshots/*.svg) from the real app.

The bundled decks, a few weeks of history studied through the engine, a fixed
day, 80x24: the same every time, so a diff shows a real change.

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.clock import Clock  # noqa: E402
from support.tui import (  # noqa: E402
    START,
    answer,
    go_on,
    make_app,
    press,
    question,
    seed_history,
    settle,
)

from quizhinge.places import default_deck_paths  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (80, 24)


async def shoot(db: Path) -> None:
    decks = tuple(default_deck_paths())
    app = make_app(db, decks, start="study", clock=Clock(START))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        while not question(app).can_reveal:  # a card the learner grades
            await answer(pilot, right=True)
            await go_on(pilot)
        await press(pilot, "space")  # reveal: the answer and the six grades
        app.save_screenshot(str(OUT / "study.svg"))
        await press(pilot, "escape", "t")  # the summary, then the stats
        app.save_screenshot(str(OUT / "stats.svg"))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "screenshots.db"
        seed_history(db, tuple(default_deck_paths()), days=50)
        asyncio.run(shoot(db))
    for name in ("study.svg", "stats.svg"):
        print(OUT / name)


if __name__ == "__main__":
    main()
