"""The `quizhinge` command line.

Options that every command shares (`--db`, `--decks`, `--profile`) live on the
group and travel in `Settings`; each command reads only what it needs, so a
command that never touches the database never opens it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import click

from quizhinge import __version__
from quizhinge.cards import KINDS
from quizhinge.catalog import Catalog, default_deck_paths, load_catalog
from quizhinge.deckfile import DeckError


def default_db_path() -> Path:
    """Where progress lives unless --db or QUIZHINGE_DB says otherwise."""
    from platformdirs import user_data_path

    return user_data_path("quizhinge", appauthor=False) / "quizhinge.db"


@dataclass(frozen=True)
class Settings:
    db: Path
    decks: tuple[Path, ...]
    profile: str

    def deck_paths(self) -> list[Path]:
        """The bundled decks plus every --decks folder."""
        return default_deck_paths(self.decks)

    def catalog(self) -> Catalog:
        """Load every deck, or stop the command with the problems listed."""
        return load_catalog_or_exit(self.deck_paths())


def load_catalog_or_exit(paths: list[Path]) -> Catalog:
    try:
        return load_catalog(paths)
    except DeckError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        count = len(error.problems)
        raise click.ClickException(
            f"{count} problem{'s' if count != 1 else ''} in the decks"
        ) from None


@click.group(invoke_without_command=True)
@click.version_option(__version__, prog_name="quizhinge")
@click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=True),
    envvar="QUIZHINGE_DB",
    show_envvar=True,
    help="SQLite file that keeps your progress.  [default: in your user data folder]",
)
@click.option(
    "--decks",
    "decks",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra deck folder or file, beside the bundled decks (repeatable).",
)
@click.option(
    "--profile", default="default", show_default=True, help="Whose progress to use."
)
@click.pass_context
def main(ctx: click.Context, db: Path | None, decks: tuple[Path, ...], profile: str):
    """Learn the hip hinge with spaced repetition."""
    ctx.obj = Settings(db=db or default_db_path(), decks=decks, profile=profile)
    if ctx.invoked_subcommand is None:
        run_tui(ctx.obj, start="home")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_obj
def validate(settings: Settings, paths: tuple[Path, ...]):
    """Check deck files and report every problem.

    PATHS are deck files or folders; without them, the bundled decks and any
    --decks folders are checked.
    """
    catalog = load_catalog_or_exit(list(paths) or settings.deck_paths())
    kinds = Counter(card.kind for card in catalog)
    by_kind = ", ".join(f"{kinds[k]} {k}" for k in KINDS if kinds[k])
    decks = len(catalog.decks)
    click.echo(
        f"OK: {decks} deck{'s' if decks != 1 else ''}, {len(catalog)} cards ({by_kind})"
    )


def run_tui(settings: Settings, start: str, **options: str | None) -> None:
    """Open the TUI; Textual is imported only here, so other commands stay fast."""
    from quizhinge.tui import QuizhingeApp

    settings.db.parent.mkdir(parents=True, exist_ok=True)
    app = QuizhingeApp(
        settings.db, settings.deck_paths(), settings.profile, start=start, **options
    )
    app.run()
    if app.error_message:
        raise click.ClickException(app.error_message)
    if app.return_code:
        raise SystemExit(app.return_code)


@main.command()
@click.option("--deck", "deck", help="Study only this deck (its id).")
@click.option("--topic", "topic", help="Study only this topic (e.g. faults).")
@click.pass_obj
def study(settings: Settings, deck: str | None, topic: str | None):
    """Open today's study session directly."""
    run_tui(settings, start="study", deck=deck, topic=topic)
