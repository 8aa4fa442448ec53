"""The `quizhinge` commands.

Options that every command shares (`--db`, `--decks`, `--profile`) live on the
group and travel in `Settings`; each command reads only what it needs, so a
command that never touches the database never opens it. Where the database
is and whose profile is used are `quizhinge.places`' answers, the same as the
daily fast path's (`quizhinge.command`).
"""

from __future__ import annotations

import contextlib
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from quizhinge import __version__, places
from quizhinge.cards import KINDS, LEVEL_HELP, LEVELS, TOPICS
from quizhinge.catalog import Catalog, load_catalog
from quizhinge.places import default_deck_paths
from quizhinge.problems import DeckError

if TYPE_CHECKING:
    from quizhinge.exam import ExamPlan
    from quizhinge.store import Store


@dataclass(frozen=True)
class Settings:
    db: Path
    decks: tuple[Path, ...]
    profile: str
    db_given: bool = True  # --db or QUIZHINGE_DB: its folder must exist

    def deck_paths(self) -> list[Path]:
        """The bundled decks plus every --decks folder."""
        return default_deck_paths(self.decks)

    def catalog(self) -> Catalog:
        """Every deck that loads, as the app studies them: a deck file with
        problems is left out, with a warning and its problems on stderr."""
        catalog = load_catalog(self.deck_paths(), lenient=True)
        if catalog.problems:
            for problem in catalog.problems:
                click.echo(str(problem), err=True)
            click.echo(
                f"Warning: {plural(len(catalog.problems), 'problem')} in the decks;"
                " the deck files with them are left out (quizhinge validate checks"
                " them)",
                err=True,
            )
        return catalog

    def whole_catalog(self) -> Catalog:
        """Every deck, or stop the command with the problems listed (export:
        a package must not silently miss a deck)."""
        return load_catalog_or_exit(self.deck_paths())


def _profile_name(name: str | None) -> str:
    """--profile, checked once for every command (and the app it opens)."""
    try:
        return places.profile_name(name)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def load_catalog_or_exit(paths: list[Path]) -> Catalog:
    try:
        return load_catalog(paths)
    except DeckError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(
            f"{plural(len(error.problems), 'problem')} in the decks"
        ) from None


@click.group(invoke_without_command=True)
@click.version_option(__version__, prog_name="quizhinge")
@click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=True),
    help="SQLite file that keeps your progress.  [default: in your user data"
    f" folder]  [env var: {places.DB_ENV}]",
)
@click.option(
    "--decks",
    "decks",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra deck folder or file, beside the bundled decks (repeatable).",
)
@click.option(
    "--profile",
    default=places.DEFAULT_PROFILE,
    show_default=True,
    callback=lambda _ctx, _param, value: _profile_name(value),
    help="Whose progress to use.",
)
@click.pass_context
def main(
    ctx: click.Context, db: Path | None, decks: tuple[Path, ...], profile: str
) -> None:
    """Learn the hip hinge with spaced repetition.

    With no command, opens the app on its home screen.
    """
    place = places.database(db)
    ctx.obj = Settings(
        db=place.path, decks=decks, profile=profile, db_given=place.given
    )
    if ctx.invoked_subcommand is None:
        run_tui(ctx.obj, start="home")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--strict",
    is_flag=True,
    help="Also warn of test-taking tells (the right choice the longest, "
    "true/false answers one way, near-duplicate prompts, trainer cards "
    "without a source, explanations that repeat the answer); any warning fails.",
)
@click.pass_obj
def validate(settings: Settings, paths: tuple[Path, ...], strict: bool) -> None:
    """Check the decks: every problem, and each deck's id.

    PATHS are deck files or folders; without them, the bundled decks and any
    --decks folders are checked. A deck with problems is left out of the app
    (which still starts) until they are fixed.
    """
    catalog = load_catalog_or_exit(list(paths) or settings.deck_paths())
    if strict:
        from quizhinge.lint import lint

        warnings = lint(catalog.decks)
        for warning in warnings:
            click.echo(str(warning), err=True)
        if warnings:
            raise click.ClickException(
                f"{plural(len(warnings), 'warning')} in the decks (--strict)"
            )
    kinds = Counter(card.kind for card in catalog)
    by_kind = ", ".join(f"{kinds[k]} {k}" for k in KINDS if kinds[k])
    click.echo(
        f"OK: {plural(len(catalog.decks), 'deck')}, "
        f"{plural(len(catalog), 'card')} ({by_kind})"
        + (", no warnings" if strict else "")
    )
    # Each deck's id, the name --deck takes in study, cards and export.
    width = max((len(deck.id) for deck in catalog.decks), default=0)
    for deck in catalog.decks:
        click.echo(
            f"  {deck.id:<{width}}  {deck.name} ({plural(len(deck.cards), 'card')})"
        )


def run_tui(
    settings: Settings,
    start: str,
    *,
    deck: str | None = None,
    topic: str | None = None,
    exam_plan: ExamPlan | None = None,
) -> None:
    """Open the TUI; Textual is imported only here, so other commands stay fast."""
    from quizhinge.tui.launch import run_app

    error = run_app(
        settings.db,
        settings.deck_paths(),
        settings.profile,
        start=start,
        deck=deck,
        topic=topic,
        exam_plan=exam_plan,
        make_folder=not settings.db_given,
    )
    if error:
        raise click.ClickException(error)


@main.command()
@click.option("--deck", "deck", help="Study only this deck (its id).")
@click.option("--topic", "topic", help="Study only this topic (e.g. faults).")
@click.pass_obj
def study(settings: Settings, deck: str | None, topic: str | None) -> None:
    """Open today's study session directly."""
    run_tui(settings, start="study", deck=deck, topic=topic)


@contextmanager
def open_store_or_exit(
    settings: Settings, sync: bool = True, catalog: Catalog | None = None
) -> Iterator[Store]:
    """The database (synced with the decks, or with `catalog`), closed after
    use; any problem with it or a bad value stops the command with one clear
    message."""
    from quizhinge.store import DatabaseError, Store, StoreError

    if catalog is None and sync:
        catalog = settings.catalog()
    try:
        with Store.open(settings.db, make_folder=not settings.db_given) as store:
            if store.created:
                click.echo(f"Created a new progress file at {settings.db}", err=True)
            if catalog is not None:
                store.cards.sync(catalog)
            yield store
    except (StoreError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    except DatabaseError as error:
        raise click.ClickException(f"{settings.db}: damaged ({error})") from None


@main.command(short_help="Show your progress, streaks, forecast and exams.")
@click.pass_obj
def stats(settings: Settings) -> None:
    """Show progress: due today, streaks, retention, forecast, mastery, leeches,
    and every exam sat."""
    from quizhinge.cli.report import echo_tables, exam_table, stats_tables
    from quizhinge.exam import exam_history
    from quizhinge.stats import collect

    with open_store_or_exit(settings) as store:
        store.profiles.require(settings.profile)
        stats = collect(store, settings.profile)
        exams = exam_history(store, settings.profile)
    echo_tables([*stats_tables(stats), exam_table(exams)])


@main.command(short_help="List your cards and their schedule, filtered.")
@click.option("--suspended", is_flag=True, help="Only suspended cards.")
@click.option(
    "--leeches",
    is_flag=True,
    help="Only leeches: cards you keep failing, as stats lists them.",
)
@click.option("--topic", help=f"Only this topic ({', '.join(TOPICS)}).")
@click.option("--deck", help="Only this deck (its id: the deck column).")
@click.option("--search", help="Only cards whose text or id holds every word of TEXT.")
@click.pass_obj
def cards(
    settings: Settings,
    suspended: bool,
    leeches: bool,
    topic: str | None,
    deck: str | None,
    search: str | None,
) -> None:
    """List your cards with their schedule (id, deck, kind, state, due...).

    One row per thing a card asks (a definition both ways, a cloze per gap).
    Lists the cards of your level and every suspended card; the deck column
    holds the deck ids that --deck takes everywhere.
    """
    from quizhinge import browse
    from quizhinge.cli.report import cards_table, echo_tables
    from quizhinge.session import local_now, study_day

    catalog = settings.catalog()
    with open_store_or_exit(settings, catalog=catalog) as store:
        store.profiles.require(settings.profile)
        profile = store.profiles.get(settings.profile)
        today = study_day(local_now(), profile.settings.day_start_hour)
        try:
            rows = browse.browse(
                store,
                catalog,
                profile,
                today,
                suspended=suspended,
                leeches=leeches,
                topic=topic,
                deck=deck,
                search=search,
            )
        except browse.BrowseError as error:
            raise click.ClickException(str(error)) from None
    if not rows:
        click.echo("No cards match.")
        return
    echo_tables([cards_table(settings.profile, rows)])


@main.command(short_help="Keep cards out of your sessions.")
@click.argument("card_ids", nargs=-1, required=True)
@click.pass_obj
def suspend(settings: Settings, card_ids: tuple[str, ...]) -> None:
    """Keep cards out of your sessions until unsuspended (ids: quizhinge cards)."""
    _set_suspended(settings, card_ids, suspend=True)


@main.command()
@click.argument("card_ids", nargs=-1, required=True)
@click.pass_obj
def unsuspend(settings: Settings, card_ids: tuple[str, ...]) -> None:
    """Let suspended cards back into your sessions."""
    _set_suspended(settings, card_ids, suspend=False)


def _set_suspended(settings: Settings, names: Sequence[str], suspend: bool) -> None:
    """Change every card named or, if any name is unknown, none of them."""
    from quizhinge import browse

    catalog = settings.catalog()
    try:
        ids = browse.card_ids(catalog, names)
    except browse.BrowseError as error:
        raise click.ClickException(str(error)) from None
    with open_store_or_exit(settings, catalog=catalog) as store:
        profile = store.profiles.get(settings.profile)
        changed = browse.set_suspended(store, profile, ids, suspend)
    for card_id, done in changed:
        if suspend:
            click.echo(
                f"Suspended {card_id}." if done else f"{card_id} was already suspended."
            )
        else:
            click.echo(
                f"Unsuspended {card_id}: back in your sessions."
                if done
                else f"{card_id} was not suspended."
            )


# A negative number is a value to refuse with its range, not an unknown option.
@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("key", required=False)
@click.argument("value", required=False)
@click.pass_obj
def config(settings: Settings, key: str | None, value: str | None) -> None:
    """Show or change the profile's settings.

    With no KEY, list every setting; with KEY, show it; with KEY VALUE, set it.
    """
    from quizhinge.settings import SETTING_HELP

    name = key.strip().replace("-", "_") if key is not None else None
    if name is not None and name not in SETTING_HELP:
        known = ", ".join(k.replace("_", "-") for k in SETTING_HELP)
        raise click.ClickException(f"unknown setting {key!r} (known: {known})")
    with open_store_or_exit(settings, sync=False) as store:
        if name is not None and value is not None:
            store.profiles.set_setting(settings.profile, name, value)
        current = store.profiles.settings(settings.profile)._asdict()
    if name is not None:
        click.echo(f"{name.replace('_', '-')} = {current[name]}")
        return
    click.echo(f"settings of profile {settings.profile!r}:")
    width = max(len(str(setting)) for setting in current.values())  # a long theme
    for name, setting in current.items():
        key = name.replace("_", "-")
        click.echo(f"  {key:16} {setting!s:{width}}  {SETTING_HELP[name]}")


class ExamNumber(click.ParamType):
    """A number the exam checks itself (quizhinge.exam), so the command line
    and the app's setup screen refuse the same values with the same words."""

    def __init__(self, name: str, check: str, parse: type[int] | type[float]):
        self.name = name
        self.check = check
        self.parse = parse

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Any:
        from quizhinge import exam

        try:
            number = self.parse(value)
        except (TypeError, ValueError, OverflowError):
            self.fail(f"{value!r} is not a {self.name}", param, ctx)
        try:
            return getattr(exam, self.check)(number)
        except exam.ExamError as error:
            self.fail(str(error), param, ctx)


@main.command(short_help="Sit a timed mock exam, scored by topic.")
@click.option(
    "--questions",
    "-n",
    type=ExamNumber("whole number", "check_questions", int),
    default=20,
    show_default=True,
    help="How many questions: 1 to the number the topics and level hold.",
)
@click.option(
    "--minutes",
    "-m",
    type=ExamNumber("number", "check_minutes", float),
    default=15,
    show_default=True,
    help="Time for the whole exam, 1 to 600 minutes.",
)
@click.option(
    "--topic",
    "topics",
    multiple=True,
    type=click.Choice(TOPICS),
    help="Ask only this topic (repeatable).  [default: every topic]",
)
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    help=f"{LEVEL_HELP}.  [default: your level]",
)
@click.option(
    "--seed",
    type=ExamNumber("whole number", "check_seed", int),
    help="Sit the same exam again (shown in stats); 0 to 2**63-1.",
)
@click.pass_obj
def exam(
    settings: Settings,
    questions: int,
    minutes: float,
    topics: tuple[str, ...],
    level: str | None,
    seed: int | None,
) -> None:
    """Sit a timed mock exam, scored by topic; your schedule is untouched."""
    from dataclasses import replace

    from click.core import ParameterSource

    from quizhinge.exam import (
        ExamError,
        ExamPlan,
        available_questions,
        check_available,
    )

    plan = ExamPlan(questions, minutes, tuple(dict.fromkeys(topics)), level, seed)
    catalog = settings.catalog()
    if settings.db.exists():
        with open_store_or_exit(settings, catalog=catalog) as store:
            asked, available = available_questions(
                store, catalog, settings.profile, plan
            )
    else:  # no file yet: nothing suspended, the default level; make none here
        asked, available = available_questions(None, catalog, settings.profile, plan)
    source = click.get_current_context().get_parameter_source("questions")
    if source == ParameterSource.DEFAULT:
        # Not asked for: the default number, or all there are if fewer.
        asked = replace(asked, questions=max(1, min(asked.questions, available)))
        plan = replace(plan, questions=asked.questions)
    try:
        check_available(asked, available)
    except ExamError as error:
        if not available:
            raise click.ClickException(str(error)) from None
        raise click.BadParameter(str(error), param_hint="'--questions'") from None
    run_tui(settings, start="exam", exam_plan=plan)


PHONE_HELP = """\
To study it on your phone:
  AnkiDroid: copy the file to the phone and open it (or Menu > Import).
  AnkiMobile: AirDrop it or save it to Files, tap it and choose Anki.
  Anki desktop: File > Import, then sync to AnkiWeb and your phone.
Importing a newer export updates these cards in place and keeps your progress."""


PROGRESS_HELP = """\
With your schedule for {cards}: in Anki's import, tick
"Import any learning progress". Anki takes it only for cards it does not have
yet; cards already in the collection keep the schedule Anki has for them."""


def _progress_bar(total: int) -> contextlib.AbstractContextManager[Any]:
    """A progress bar only for exports big enough to wait for."""
    if total < 1000:
        return contextlib.nullcontext(None)
    return click.progressbar(length=total, label="Writing notes", file=sys.stderr)


@main.command(short_help="Write the decks as an Anki package (.apkg).")
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default="quizhinge.apkg",
    show_default=True,
    help="The Anki package to write.",
)
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    help=f"The cards a learner at this level studies ({LEVEL_HELP}).",
)
@click.option(
    "--only-level",
    type=click.Choice(LEVELS),
    help="Only the cards of this one level (trainer: trainer cards alone).",
)
@click.option("--topic", "topics", multiple=True, help="Only this topic (repeatable).")
@click.option("--deck", "decks", multiple=True, help="Only this deck id (repeatable).")
@click.option(
    "--with-progress",
    is_flag=True,
    help="Also write your schedule and review history (the profile's), for"
    ' Anki\'s "Import any learning progress" into a collection without these'
    " cards.",
)
@click.pass_obj
def export(
    settings: Settings,
    out: Path,
    level: str | None,
    only_level: str | None,
    topics: tuple[str, ...],
    decks: tuple[str, ...],
    with_progress: bool,
) -> None:
    """Write the decks as an Anki package (.apkg) for Anki on a phone or desktop."""
    from quizhinge import anki  # genanki is slow to import: only when exporting

    catalog = settings.whole_catalog()
    scheduling = None
    if with_progress:
        from quizhinge.anki_progress import progress_for_export

        with open_store_or_exit(settings, catalog=catalog) as store:
            profile = store.profiles.find(settings.profile)
            if profile is None:  # nothing to send: say so, make no empty one
                known = ", ".join(store.profiles.names()) or "none yet"
                raise click.ClickException(
                    f"no profile {settings.profile!r} in {settings.db} to export"
                    f" the progress of (profiles: {known})"
                )
            scheduling = progress_for_export(store, catalog, profile)
    try:
        selection = anki.select(
            catalog, level=level, topics=topics, decks=decks, only_level=only_level
        )
        with _progress_bar(len(selection)) as bar:
            report = anki.write_apkg(
                selection, out, progress=bar and bar.update, scheduling=scheduling
            )
    except anki.ExportError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Wrote {report.path}: {report.notes} notes, {report.cards} cards in "
        f"{len(report.decks)} deck{'s' if len(report.decks) != 1 else ''} "
        f"({', '.join(report.decks)})."
    )
    click.echo(PHONE_HELP)
    if scheduling is not None:
        click.echo(
            PROGRESS_HELP.format(cards=plural(len(scheduling.cards), "studied card"))
        )


@main.command("import-progress", short_help="Bring reviews done in Anki back in.")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
def import_progress(
    settings: Settings, file: Path, dry_run: bool, as_json: bool
) -> None:
    """Merge the reviews in an Anki package (.apkg or .colpkg, exported with
    scheduling) into your progress, and reschedule the cards they touch.

    Notes match by the ids `quizhinge export` gave them; importing the same
    file again adds nothing. See "Studying on your phone too" in the README.
    """
    import json

    from quizhinge import anki_progress

    catalog = settings.catalog()
    try:  # the package is read, whole, before the database is opened
        matched = anki_progress.match(
            anki_progress.read_package(file), catalog, str(file)
        )
    except anki_progress.ProgressError as error:
        raise click.ClickException(str(error)) from None
    if dry_run and not settings.db.exists():  # a dry run creates nothing
        raise click.ClickException(
            f"no progress file at {settings.db} yet, so nothing to compare with;"
            " import without --dry-run to start one from Anki's progress"
        )
    # A dry run does not even record changed decks.
    synced = None if dry_run else catalog
    with open_store_or_exit(settings, sync=False, catalog=synced) as store:
        profile = store.profiles.find(settings.profile)
        if profile is None and dry_run:
            raise click.ClickException(
                f"no profile {settings.profile!r} in {settings.db} yet; import"
                " without --dry-run to start it from Anki's progress"
            )
        profile = profile or store.profiles.get(settings.profile)
        report = anki_progress.merge(
            store, profile, matched, str(file), dry_run=dry_run
        )
    if as_json:
        click.echo(json.dumps(report.as_json()))
        for line in report.lines()[2:]:
            click.echo(line, err=True)
    else:
        for line in report.lines():
            click.echo(line)
