"""The `quizhinge` command's entry point: the daily cases first, click for the rest.

`quizhinge` and `quizhinge study`, exactly so, are what people run every day,
and the first card should show at once. Those two command lines open the app
here without importing click or the command-line package, which would only
delay the first card. Every other command line, `--help` and every option
included, goes to `quizhinge.cli`. This is a lookup of two exact argument
lists, not a second parser; where the database is and whose profile is used
are `quizhinge.places`' answers for both.
"""

from __future__ import annotations

import sys

DAILY = {(): "home", ("study",): "study"}


def main() -> None:
    start = DAILY.get(tuple(sys.argv[1:]))
    if start is None:
        from quizhinge.cli import main as cli

        cli()
        return
    from quizhinge import places
    from quizhinge.tui.launch import run_app

    database = places.database()
    try:
        error = run_app(
            database.path,
            places.default_deck_paths(),
            profile=places.profile_name(),
            start=start,
            make_folder=not database.given,
        )
    except KeyboardInterrupt:  # during start-up, as click reports it
        print("\nAborted!", file=sys.stderr)
        sys.exit(1)
    if error:
        print(f"Error: {error}", file=sys.stderr)  # as click.ClickException shows it
        sys.exit(1)
