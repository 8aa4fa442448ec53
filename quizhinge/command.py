"""The `quizhinge` command's entry point: the daily cases first, click for the rest.

`quizhinge` and `quizhinge study`, exactly so, are what people run every day,
and the first card should show at once. Those two command lines open the app
here without importing click or the command-line module (about 25 ms of the
start-up). Every other command line, `--help` and every option included, goes
to `quizhinge.cli` and behaves as it always has. This is a lookup of two
exact argument lists, not a second parser.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DAILY = {(): "home", ("study",): "study"}


def main() -> None:
    start = DAILY.get(tuple(sys.argv[1:]))
    if start is None:
        from quizhinge.cli import main as cli

        cli()
        return
    from quizhinge.places import default_db_path, default_deck_paths
    from quizhinge.tui.launch import run_app

    db = os.environ.get("QUIZHINGE_DB")  # as the CLI's --db option reads it
    try:
        error = run_app(
            Path(db) if db else default_db_path(),
            default_deck_paths(),
            start=start,
            make_folder=not db,  # only the default location's folder is made
        )
    except KeyboardInterrupt:  # during start-up, as click reports it
        print("\nAborted!", file=sys.stderr)
        sys.exit(1)
    if error:
        print(f"Error: {error}", file=sys.stderr)  # as click.ClickException shows it
        sys.exit(1)
