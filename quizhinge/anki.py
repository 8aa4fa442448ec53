"""Anki export: the decks as an .apkg that updates in place on re-import.

Anki recognises what it already has by ids, so every id here is fixed: one
model id per note type, a deck id derived from the deck's id and a note GUID
derived from the card's id (never from its text, or every edit would make a
duplicate). Anki updates a note only when the package's note is newer than the
one it holds, so each export stamps its notes with the time of export.

Deck text is untrusted: Anki's reviewer is a web view and neither genanki nor
Anki escapes anything, so every piece of deck text is HTML-escaped here; the
only markup in a card is ours (the templates, and the list wrappers built
around escaped items). Nothing here needs JavaScript, so cards behave the same
on every Anki client.

genanki is imported only by this module, which the app imports only when
exporting: importing it would otherwise delay every start.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import itertools
import json
import os
import re
import secrets
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import genanki

from quizhinge.cards import (
    CLOZE_GAP,
    LEVELS,
    TOPICS,
    BasicCard,
    Card,
    ChoiceCard,
    ClozeCard,
    Deck,
    DefinitionCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
    in_letter_order,
    letter_labels,
    scrambled,
    studied_at,
)
from quizhinge.catalog import Catalog
from quizhinge.store.anki_collection import CollectionError, write_collection

if TYPE_CHECKING:
    from quizhinge.cards import Figure
    from quizhinge.store.anki_collection import ExportProgress

# Namespaces keep our GUIDs and deck ids apart from any other generator's.
GUID_NAMESPACE = "quizhinge-card"
DECK_ID_NAMESPACE = "quizhinge-deck"


class ExportError(Exception):
    """A problem the user can fix (bad option, unwritable path); no traceback."""


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote, for the command and the TUI to show."""

    path: Path
    notes: int
    cards: int
    decks: tuple[str, ...]


# ---------------------------------------------------------------------------
# Note types.
#
# A note type is matched by id on import. Anki accepts new templates or CSS
# for a known id, but a note type whose fields change becomes a separate
# "Name+" type and its notes are no longer updated. So: changing the fields or
# templates of a note type means a new id and a new name ("... v2"); the tests
# keep a fingerprint of each so this cannot happen by accident.
# ---------------------------------------------------------------------------

CSS = """\
.card {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 20px;
  line-height: 1.45;
  text-align: left;
  color: #1f2328;
  background: #ffffff;
  max-width: 38em;
  margin: 0 auto;
  padding: 0 0.8em;
  overflow-wrap: anywhere;
}
/* Night mode: .nightMode on Anki desktop and AnkiMobile, .night_mode on AnkiDroid. */
.nightMode.card, .night_mode.card, .night_mode .card { color: #e6e6e6;
  background: #1e1e1e; }
.qh-prompt { font-size: 0.75em; color: #6e7781; text-transform: uppercase;
  letter-spacing: 0.06em; margin-bottom: 0.3em; }
.qh-q { font-weight: 600; }
.qh-text { font-size: 1.05em; }
.qh-list { padding-left: 1.6em; margin: 0.6em 0; }
.qh-list li { margin: 0.4em 0; }
.qh-answer { margin: 0.6em 0; padding: 0.5em 0.7em; border-left: 4px solid #1a7f37;
  background: #dafbe1; border-radius: 4px; }
.nightMode .qh-answer, .night_mode .qh-answer { background: #12361f; }
.qh-answer .qh-list { margin: 0; }
.qh-letter { font-size: 0.8em; color: #6e7781; }
.qh-also { font-size: 0.85em; color: #6e7781; margin-top: 0.4em; }
.qh-explain { margin-top: 1em; font-size: 0.9em; }
.qh-source { margin-top: 0.6em; font-size: 0.75em; color: #6e7781; }
.cloze { font-weight: 700; color: #0969da; }
.nightMode .cloze, .night_mode .cloze { color: #58a6ff; }
input#typeans { width: 100%; box-sizing: border-box; font-size: 1em; }
img { max-width: 100%; height: auto; }
/* Figures are SVG files in the collection's media, shown with <img>. An <img>
   never sees this CSS or the night-mode class, so the SVGs use mid-tone
   colours that read on a white card and on a night-mode one alike. */
.qh-figure { text-align: center; margin: 0.4em 0 0.8em; }
.qh-figure img { width: 100%; max-width: 26em; max-height: 55vh; }
"""

EXPLAIN = (
    '<div class="qh-explain">{{Explanation}}</div>'
    '{{#Source}}<div class="qh-source">Source: {{Source}}</div>{{/Source}}'
)
ANSWER_LINE = '<hr id="answer">'


def _fields(*names: str) -> list[dict[str, str]]:
    return [{"name": name} for name in (*names, "Explanation", "Source")]


def _template(
    name: str, front: str, answer: str, *, back: str | None = None
) -> dict[str, str]:
    """A card template: the front, then the answer box and the explanation."""
    back_start = "{{FrontSide}}" if back is None else back
    return {
        "name": name,
        "qfmt": front,
        "afmt": f'{back_start}{ANSWER_LINE}<div class="qh-answer">{answer}</div>'
        + EXPLAIN,
    }


def _prompt(text: str) -> str:
    return f'<div class="qh-prompt">{text}</div>'


BASIC_MODEL = genanki.Model(
    1_624_503_180,
    "quizhinge basic v1",
    fields=_fields("Front", "Back"),
    templates=[_template("Card", '<div class="qh-q">{{Front}}</div>', "{{Back}}")],
    css=CSS,
)
DEFINITION_MODEL = genanki.Model(
    1_624_503_181,
    "quizhinge definition v1",
    fields=_fields("Term", "Meaning"),
    templates=[
        _template(
            "Term to meaning",
            _prompt("What does it mean?") + '<div class="qh-q">{{Term}}</div>',
            "{{Meaning}}",
        ),
        _template(
            "Meaning to term",
            _prompt("Which term?") + '<div class="qh-q">{{Meaning}}</div>',
            "{{Term}}",
        ),
    ],
    css=CSS,
)
CLOZE_MODEL = genanki.Model(
    1_624_503_182,
    "quizhinge cloze v1",
    fields=_fields("Text"),
    templates=[
        {
            "name": "Cloze",
            "qfmt": '<div class="qh-text">{{cloze:Text}}</div>',
            "afmt": '<div class="qh-text">{{cloze:Text}}</div>' + ANSWER_LINE + EXPLAIN,
        }
    ],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)
CHOICE_MODEL = genanki.Model(
    1_624_503_183,
    "quizhinge choice v1",
    fields=_fields("Question", "Choices", "Answer"),
    templates=[
        _template(
            "Choice",
            _prompt("Pick one") + '<div class="qh-q">{{Question}}</div>{{Choices}}',
            "&#10003; {{Answer}}",
        )
    ],
    css=CSS,
)
TRUEFALSE_MODEL = genanki.Model(
    1_624_503_184,
    "quizhinge truefalse v1",
    fields=_fields("Statement", "Answer"),
    templates=[
        _template(
            "True or false",
            _prompt("True or false?") + '<div class="qh-q">{{Statement}}</div>',
            "{{Answer}}",
        )
    ],
    css=CSS,
)
TYPED_MODEL = genanki.Model(
    1_624_503_185,
    "quizhinge typed v1",
    fields=_fields("Question", "Answer", "Also"),
    templates=[
        _template(
            "Typed",
            _prompt("Type the answer")
            + '<div class="qh-q">{{Question}}</div>{{type:Answer}}',
            "{{type:Answer}}"
            '{{#Also}}<div class="qh-also">Also accepted: {{Also}}</div>{{/Also}}',
            back=_prompt("Type the answer") + '<div class="qh-q">{{Question}}</div>',
        )
    ],
    css=CSS,
)
ORDER_MODEL = genanki.Model(
    1_624_503_186,
    "quizhinge order v1",
    fields=_fields("Question", "Shuffled", "Steps"),
    templates=[
        _template(
            "Order",
            _prompt("Put in order")
            + '<div class="qh-q">{{Question}}</div>{{Shuffled}}',
            "{{Steps}}",
        )
    ],
    css=CSS,
)


# ---------------------------------------------------------------------------
# Fields: deck text in, escaped HTML out.
# ---------------------------------------------------------------------------


_SPECIAL = re.compile(r"[&<>\"'\[\n]")


def escape(text: str) -> str:
    """Deck text as inert HTML.

    `[` is encoded too, so Anki never reads `[sound:...]` or `[anki:...]` tags
    out of deck text; line breaks in the deck file stay line breaks.
    """
    if not _SPECIAL.search(text):  # most text: skip seven replace() calls
        return text
    return html.escape(text, quote=True).replace("[", "&#91;").replace("\n", "<br>")


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _letter(index: int) -> str:
    return LETTERS[index] if index < len(LETTERS) else str(index + 1)


def _list(items: Sequence[str], ordered_by: str = "1") -> str:
    """Escaped items in our own list markup."""
    rows = "</li><li>".join(items)
    return f'<ol class="qh-list" type="{ordered_by}"><li>{rows}</li></ol>'


def _shuffled(card: Card, items: Sequence[str]) -> list[int]:
    """A fixed shuffle per card, so re-exports do not reorder what Anki shows:
    the items' places, never in their original order (`cards.scrambled`), as
    the deck lists the right answer first or the steps in order.

    Fisher-Yates driven by a hash of the card id (one hash per card: exports
    of thousands of cards stay quick); should that leave them in order, the
    next shuffle turns each one place on.
    """
    key = f"{GUID_NAMESPACE}:{card.id}".encode()
    draws = [int.from_bytes(hashlib.blake2b(key, digest_size=16).digest(), "big")]

    def shuffle(order: list[int]) -> None:
        if not draws:
            order.append(order.pop(0))
            return
        draw = draws.pop()
        for i in range(len(order) - 1, 0, -1):
            draw, j = divmod(draw, i + 1)
            order[i], order[j] = order[j], order[i]

    return scrambled(range(len(items)), shuffle)


def _choice_fields(card: ChoiceCard) -> list[str]:
    """The choices shuffled and lettered, or numbered when the card's figure
    letters its panels A, B, C (its choices are those letters, then shown in
    letter order, as in study and in exams: 1 is A)."""
    order = _shuffled(card, card.choices)
    shown = in_letter_order([card.choices[i] for i in order], letter_labels(card))
    right = shown.index(card.answer)
    numbered = card.figure is not None and bool(card.figure.panels)
    label = str(right + 1) if numbered else _letter(right)
    return [
        escape(card.question),
        _list([escape(choice) for choice in shown], "1" if numbered else "A"),
        f"{label}. {escape(card.answer)}",
    ]


def _order_fields(card: OrderCard) -> list[str]:
    """Front: the steps shuffled and lettered; back: in order, with the letters."""
    order = _shuffled(card, card.steps)
    steps = [escape(step) for step in card.steps]
    letter_of = {index: _letter(pos) for pos, index in enumerate(order)}
    in_order = [
        f'{step} <span class="qh-letter">({letter_of[i]})</span>'
        for i, step in enumerate(steps)
    ]
    return [
        escape(card.question),
        _list([steps[i] for i in order], "A"),
        _list(in_order),
    ]


def _cloze_fields(card: ClozeCard) -> list[str]:
    if not any(int(gap.group(1)) >= 1 for gap in CLOZE_GAP.finditer(card.text)):
        # Anki would import it silently as a note with no cards.
        raise ExportError(
            f"card {card.id}: cloze has no {{{{c1::...}}}} gap, so Anki would "
            "make no card from it"
        )
    return [escape(card.text)]


# Each kind's Anki note type and its fields, made from a card (escaped): the
# one table of the export's kinds.
KIND_FIELDS: dict[type[Card], tuple[genanki.Model, Callable[..., list[str]]]] = {
    BasicCard: (BASIC_MODEL, lambda c: [escape(c.front), escape(c.back)]),
    DefinitionCard: (DEFINITION_MODEL, lambda c: [escape(c.term), escape(c.meaning)]),
    ClozeCard: (CLOZE_MODEL, _cloze_fields),
    ChoiceCard: (CHOICE_MODEL, _choice_fields),
    TrueFalseCard: (
        TRUEFALSE_MODEL,
        lambda c: [escape(c.statement), "True" if c.answer else "False"],
    ),
    TypedCard: (
        TYPED_MODEL,
        lambda c: [
            escape(c.question),
            escape(c.answers[0]),
            ", ".join(escape(a) for a in c.answers[1:]),
        ],
    ),
    OrderCard: (ORDER_MODEL, _order_fields),
}
MODELS: tuple[genanki.Model, ...] = tuple(model for model, _ in KIND_FIELDS.values())


def _numbers_gaps(card: Card) -> bool:
    """Whether Anki makes this card's note a cloze note, whose cards it
    numbers by gap (c1 is card 0) rather than by template."""
    return bool(KIND_FIELDS[type(card)][0].model_type == genanki.Model.CLOZE)


def variant_of(card: Card, ordinal: int) -> str | None:
    """Our item of a card that Anki's card `ordinal` asks, if any.

    Anki numbers a note's cards by template: a definition's "Term to meaning"
    is 0 and "Meaning to term" 1; every other kind but cloze has one template,
    0. A cloze note's card for gap cN is N-1.
    """
    variants = card.variants()
    if _numbers_gaps(card):
        name = f"c{ordinal + 1}"
        return name if name in variants else None
    return variants[ordinal] if 0 <= ordinal < len(variants) else None


def template_ordinal(card: Card, variant: str) -> int:
    """Anki's card ordinal of one of our items (see `variant_of`)."""
    if _numbers_gaps(card):
        return int(variant[1:]) - 1
    return card.variants().index(variant)


def note_guid(card: Card) -> str:
    """The Anki note's identity: from the card id alone, stable forever.

    Anki takes any short string. This is 64 bits of a hash, as genanki's
    guid_for, in base64 rather than its base91 (a Python loop per note, a
    visible part of a large export; benchmarks/export.py). Never change it:
    every learner's notes would duplicate.
    """
    digest = hashlib.sha256(f"{GUID_NAMESPACE}:{card.id}".encode()).digest()
    return base64.urlsafe_b64encode(digest[:8]).decode().rstrip("=")


def anki_deck_id(deck: Deck) -> int:
    """A fixed Anki deck id for a deck, in genanki's recommended range."""
    digest = hashlib.sha256(f"{DECK_ID_NAMESPACE}:{deck.id}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def card_tags(card: Card) -> list[str]:
    return ["quizhinge", f"level::{card.level}", f"topic::{card.topic}", *card.tags]


class _EscapedNote(genanki.Note):
    """A note whose fields are escaped by construction (see `escape`)."""

    def _check_invalid_html_tags_in_fields(self) -> None:
        # genanki scans every field for stray tags to warn about unescaped
        # text; ours cannot have any, and the scan costs every note a pass.
        pass


@functools.lru_cache(maxsize=256)
def figure_file(figure: Figure) -> tuple[str, str]:
    """A figure's media file: (name, SVG text).

    The name carries a digest of the drawing, so a changed figure is a new
    file: Anki keeps a media file it already has by name and would never
    replace it, while the note, updated on re-import, points at the new one.
    """
    from quizhinge.figures import svg

    text = svg(figure)
    digest = hashlib.sha256(text.encode()).hexdigest()[:10]
    safe = re.sub(r"[^A-Za-z0-9_.-]", "-", figure.id)
    return f"quizhinge-{safe}-{digest}.svg", text


def figure_html(figure: Figure) -> str:
    """Our markup for a figure: the media file, with its words as alt text."""
    name, _ = figure_file(figure)
    alt = escape(figure.text()).replace("<br>", " ")
    return f'<div class="qh-figure"><img src="{name}" alt="{alt}"></div>'


def make_note(card: Card) -> genanki.Note:
    """One Anki note for one card, every field escaped.

    Figures go into fields the note types already have, so no note type
    changes: the question figure leads the first field (the one the front
    shows), the answer figure leads the explanation (shown on the back).
    """
    model, fields_of = KIND_FIELDS[type(card)]
    source = escape(card.source) if card.source else ""
    fields = fields_of(card)
    explain = escape(card.explain)
    if card.figure is not None:
        fields[0] = figure_html(card.figure) + fields[0]
    if card.answer_figure is not None:
        explain = figure_html(card.answer_figure) + explain
    note = _EscapedNote(
        model=model,
        fields=[*fields, explain, source],
        tags=card_tags(card),
        guid=note_guid(card),
    )
    if not note.cards:
        raise ExportError(f"card {card.id}: Anki would make no card from it")
    return note


# ---------------------------------------------------------------------------
# Choosing the cards.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """The decks and cards an export will hold, in deck-file order."""

    decks: tuple[tuple[Deck, tuple[Card, ...]], ...]

    def __len__(self) -> int:
        return sum(len(cards) for _, cards in self.decks)


def select(
    catalog: Catalog,
    level: str | None = None,
    topics: Iterable[str] = (),
    decks: Iterable[str] = (),
    *,
    only_level: str | None = None,
) -> Selection:
    """The cards matching every filter given; an unknown name is an error.

    `level` keeps what a learner at that level studies (`cards.studied_at`:
    trainer is every card); `only_level` keeps the cards of that one level.
    """
    topics, decks = tuple(topics), tuple(decks)
    for name in (level, only_level):
        if name is not None and name not in LEVELS:
            raise ExportError(f"unknown level {name!r} (one of: {', '.join(LEVELS)})")
    levels = set(studied_at(level))
    if only_level is not None:
        levels &= {only_level}
    for topic in topics:
        if topic not in TOPICS:
            raise ExportError(f"unknown topic {topic!r} (one of: {', '.join(TOPICS)})")
    known = [deck.id for deck in catalog.decks]
    for deck_id in decks:
        if deck_id not in known:
            raise ExportError(f"unknown deck {deck_id!r} (one of: {', '.join(known)})")
    chosen = []
    for deck in catalog.decks:
        if decks and deck.id not in decks:
            continue
        cards = tuple(
            card
            for card in deck.cards
            if card.level in levels and (not topics or card.topic in topics)
        )
        if cards:
            chosen.append((deck, cards))
    if not chosen:
        raise ExportError("no cards match the options given; nothing to export")
    return Selection(tuple(chosen))


# ---------------------------------------------------------------------------
# Writing the package.
# ---------------------------------------------------------------------------


def write_apkg(
    selection: Selection,
    out_path: Path,
    *,
    timestamp: float | None = None,
    progress: Callable[[int], None] | None = None,
    scheduling: ExportProgress | None = None,
) -> ExportReport:
    """Write the selection as an .apkg, all or nothing.

    `timestamp` (default: now) becomes every note's modification time; it must
    be later than the previous export's for Anki to take edits. `progress` is
    called with the number of notes just written. `scheduling` (from
    `anki_progress.progress_for_export`) puts a learner's schedule and review
    log into the cards, for Anki's "Import any learning progress".
    """
    out_path = Path(out_path)
    if out_path.suffix.lower() != ".apkg":
        raise ExportError(f"{out_path}: the file name must end in .apkg for Anki")
    if out_path.is_dir():
        raise ExportError(f"{out_path} is a folder; give a file name ending in .apkg")
    stamp = time.time() if timestamp is None else timestamp
    partial = _temp_beside(out_path)
    try:
        with tempfile.TemporaryDirectory(prefix="quizhinge-anki-") as work:
            collection = Path(work) / "collection.anki2"
            cards = _write_collection(
                collection, selection, stamp, progress, scheduling
            )
            # Stored, not deflated, as genanki does: compression would slow
            # every export down for a file that is small anyway.
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as package:
                package.write(collection, "collection.anki2")
                media = _figure_media(selection)
                for number, (_, text) in enumerate(media):
                    package.writestr(str(number), text)
                names = {str(n): name for n, (name, _) in enumerate(media)}
                package.writestr("media", json.dumps(names))
        os.replace(partial, out_path)
    except (OSError, CollectionError) as error:
        raise _cannot_write(out_path, error) from None
    finally:
        partial.unlink(missing_ok=True)
    return ExportReport(
        path=out_path,
        notes=len(selection),
        cards=cards,
        decks=tuple(dict.fromkeys(deck.name for deck, _ in selection.decks)),
    )


def _figure_media(selection: Selection) -> list[tuple[str, str]]:
    """Every figure the selected cards show, once: (file name, SVG text)."""
    files: dict[str, str] = {}
    for _, cards in selection.decks:
        for card in cards:
            for figure in (card.figure, card.answer_figure):
                if figure is not None:
                    name, text = figure_file(figure)
                    files.setdefault(name, text)
    return list(files.items())


def export_apkg(
    catalog: Catalog,
    out_path: Path,
    level: str | None = None,
    topics: Iterable[str] = (),
    decks: Iterable[str] = (),
    *,
    only_level: str | None = None,
    timestamp: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> ExportReport:
    """Select cards and write them as an .apkg: the one call the app needs."""
    selection = select(
        catalog, level=level, topics=topics, decks=decks, only_level=only_level
    )
    return write_apkg(selection, out_path, timestamp=timestamp, progress=progress)


def _cannot_write(out_path: Path, error: OSError | CollectionError) -> ExportError:
    reason = getattr(error, "strerror", None) or error
    return ExportError(f"cannot write {out_path}: {reason}")


def _temp_beside(out_path: Path) -> Path:
    """A new empty file in the destination folder, renamed over it when complete.

    Created with os.open rather than mkstemp so it gets the user's usual
    permissions (umask), not mkstemp's owner-only ones.
    """
    name = out_path.with_name(f".{out_path.name}.{secrets.token_hex(4)}.partial")
    try:
        os.close(os.open(name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except OSError as error:
        raise _cannot_write(out_path, error) from None
    return name


def _write_collection(
    path: Path,
    selection: Selection,
    timestamp: float,
    progress: Callable[[int], None] | None,
    scheduling: ExportProgress | None = None,
) -> int:
    """genanki's collection writer, note by note, in a file we delete.

    genanki's own write_to_file leaves its SQLite file in the temp folder and
    reports no progress; its public write_to_db methods do the real work.
    Notes are made as they are written, so progress covers the whole export.
    Returns the number of cards written.
    """
    anki_decks = _anki_decks(selection)
    ids = itertools.count(int(timestamp * 1000))

    def fill(cursor: Any) -> int:
        cards = 0
        package = genanki.Package([anki_deck for anki_deck, _ in anki_decks])
        package.write_to_db(cursor, timestamp, ids)
        for anki_deck, deck_cards in anki_decks:
            for start in range(0, len(deck_cards), 500):
                # Made in batches, then written: faster than making and
                # writing one note at a time.
                batch = [make_note(card) for card in deck_cards[start : start + 500]]
                for note in batch:
                    note.write_to_db(cursor, timestamp, anki_deck.deck_id, ids)
                    cards += len(note.cards)
                if progress:
                    progress(len(batch))
        return cards

    return write_collection(path, fill, scheduling)


def _anki_decks(selection: Selection) -> list[tuple[genanki.Deck, list[Card]]]:
    """One Anki deck per deck name, with the cards that go in it.

    Anki matches decks by name: two deck files with one name would otherwise
    import as "Name" and "Name_". The first such deck gives the id.
    """
    by_name: dict[str, tuple[genanki.Deck, list[Card]]] = {}
    for deck, cards in selection.decks:
        if deck.name not in by_name:
            anki_deck = genanki.Deck(
                anki_deck_id(deck), deck.name, escape(deck.description)
            )
            by_name[deck.name] = (anki_deck, [])
        by_name[deck.name][1].extend(cards)
    for anki_deck, deck_cards in by_name.values():
        for model in {KIND_FIELDS[type(card)][0] for card in deck_cards}:
            anki_deck.add_model(model)
    return list(by_name.values())
