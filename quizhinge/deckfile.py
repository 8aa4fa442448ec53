"""Parse and validate deck files (TOML, one deck per file).

Trainers write their own decks, so the format is a contract with people: every
mistake is reported at once, each as `FILE:LINE: card ID: message`, and a file
with any mistake yields no deck at all. tomllib gives no positions, so lines are
found again in the text (see `_Lines`).

Deck files come from other people, so reading is bounded (only regular files,
at most MAX_DECK_BYTES, fields of at most MAX_FIELD_CHARS), and everything the
parser hands on (decks, cards and problems) is made inert for a terminal (see
quizhinge.inert): a deck whose text holds control characters is refused, and
the problem lines that say so show them escaped.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizhinge.cards import (
    CARD_TYPES,
    CLOZE_GAP,
    FIGURE_FIELDS,
    LEVELS,
    TOPICS,
    Aliases,
    Card,
    Deck,
    Figure,
    Pose,
)
from quizhinge.grading import normalize
from quizhinge.inert import inert, inert_data, unsafe_chars
from quizhinge.problems import DeckError, Problem

if TYPE_CHECKING:
    import tomllib


MAX_CHOICES = 9  # answered with the keys 1-9
# A deck file is read whole and parsed in pure Python, whose time grows with
# its size: the bundled decks are a few kB each, so this is far above any deck
# a person writes and far below one that stalls the app or fills the memory.
MAX_DECK_BYTES = 5_000_000
MAX_FIELD_CHARS = 10_000  # far above any bundled field
# Anki makes one card per gap number; it accepts large numbers, but a number
# past this is a typo (c1000 for c10) or an attack (c9223372036854775808).
MAX_CLOZE_NUMBER = 500
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

COMMON_REQUIRED: dict[str, type] = {
    "id": str,
    "kind": str,
    "level": str,
    "topic": str,
    "explain": str,
}
COMMON_OPTIONAL: dict[str, type] = {
    "tags": list,
    "source": str,
    "figure": str,
    "answer_figure": str,
}
DECK_REQUIRED: dict[str, type] = {"id": str, "name": str}
DECK_OPTIONAL: dict[str, type] = {"description": str}
FIGURE_REQUIRED: dict[str, type] = {"id": str, "caption": str}
FIGURE_OPTIONAL: dict[str, type] = {
    "pose": dict,
    "panels": list,
    "implement": str,
    "markers": list,
    "contacts": list,
    "bar_over_midfoot": bool,
}
TYPE_NAMES = {
    str: "a string",
    list: "a list of strings",
    bool: "true or false",
    dict: "a table of joint = degrees",
}


class _Lines:
    """Finds the line of a table or key in the TOML text, for error messages."""

    TABLE = re.compile(r"^\s*\[")
    CARD = re.compile(r"^\s*\[\[\s*card\s*\]\]")
    FIGURE = re.compile(r"^\s*\[\[\s*figure\s*\]\]")
    DECK = re.compile(r"^\s*\[\s*deck\s*\]")
    ALIASES = re.compile(r"^\s*\[\s*aliases\s*\]")

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.headers = [i for i, s in enumerate(self.lines) if self.TABLE.match(s)]
        self.cards = [i for i, s in enumerate(self.lines) if self.CARD.match(s)]
        self.figures = [i for i, s in enumerate(self.lines) if self.FIGURE.match(s)]
        deck = [i for i, s in enumerate(self.lines) if self.DECK.match(s)]
        self.deck = deck[0] if deck else None
        aliases = [i for i, s in enumerate(self.lines) if self.ALIASES.match(s)]
        self.aliases = aliases[0] if aliases else None

    def card(self, index: int) -> int | None:
        return self.cards[index] + 1 if index < len(self.cards) else None

    def figure(self, index: int) -> int | None:
        return self.figures[index] + 1 if index < len(self.figures) else None

    def key(self, table_line: int | None, key: str) -> int | None:
        """The line of `key = ...` inside the table that starts at `table_line`."""
        if table_line is None:
            return None
        start = table_line  # 1-based header line == 0-based first body line
        ends = [h for h in self.headers if h >= start]
        end = ends[0] if ends else len(self.lines)
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for i in range(start, end):
            if pattern.match(self.lines[i]):
                return i + 1
        return table_line


def card_line(path: str, card_id: str) -> int | None:
    """The line of a card's `id = "..."` key, for problems found across files."""
    pattern = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(card_id)}[\"']")
    text, _ = _read_text(Path(path))
    if text is None:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def key_line(path: str, card_id: str | None, key: str) -> int | None:
    """The line of `key = ...` in a card's table (or the [deck] table when
    `card_id` is None), for warnings about a deck that already loaded."""
    text, _ = _read_text(Path(path))
    if text is None:
        return None
    lines = _Lines(text)
    if card_id is None:
        return lines.key(None if lines.deck is None else lines.deck + 1, key)
    id_line = card_line(path, card_id)
    if id_line is None:
        return None
    tables = [header + 1 for header in lines.cards if header + 1 < id_line]
    return lines.key(tables[-1], key) if tables else id_line


@dataclass
class _Reporter:
    """Collects problems for one table, placing each on its key's line."""

    path: str
    lines: _Lines
    table_line: int | None
    card_id: str | None = None
    prefix: str = ""
    found: list[Problem] = field(default_factory=list)

    def __call__(self, message: str, key: str | None = None) -> None:
        line = self.lines.key(self.table_line, key) if key else self.table_line
        self.found.append(Problem(self.path, line, self.prefix + message, self.card_id))


def load_deck(path: Path) -> Deck:
    """Read one deck file, or raise DeckError listing every problem in it."""
    text, problems = _read_text(path)
    if text is None:
        raise DeckError(problems)
    import tomllib  # only here: a day's start-up reads the decks' kept copy

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DeckError([_toml_problem(path, error)]) from None
    except RecursionError:  # tables or arrays nested hundreds deep
        message = "not valid TOML: nested too deeply"
        raise DeckError([Problem(str(path), None, message)]) from None
    lines = _Lines(text)
    problems = []
    deck_id = _check_deck_table(path, data, lines, problems)
    aliases = _check_aliases(path, data, lines, problems)
    figures = _check_figures(path, data, lines, problems) if "figure" in data else {}
    cards = _check_cards(path, data, lines, deck_id or "", aliases, figures, problems)
    for key in data.keys() - {"deck", "card", "aliases", "figure"}:
        problems.append(Problem(str(path), None, f"unknown top-level key {key!r}"))
    if problems:
        raise DeckError(problems)
    deck = data["deck"]
    return Deck(
        id=inert(deck["id"]),
        name=inert(deck["name"]),
        description=inert(deck.get("description", "")),
        path=str(path),
        cards=tuple(cards),
        figures=tuple(figures.values()),
    )


FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_deck_bytes(path: Path) -> bytes:
    """The bytes of a deck file; OSError with a readable `strerror` for
    anything but a regular file of at most MAX_DECK_BYTES.

    The file is opened without blocking (a FIFO would wait forever for a
    writer) and checked on the open descriptor, so a file swapped after a
    look at its name is checked too; at most the limit plus one byte is read,
    whatever the file claims its size is (a link to /dev/zero has none).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as file:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in FILE_KINDS if test(mode)), None)
            raise OSError(0, f"{kind or 'not a regular file'}, not a deck file")
        data = file.read(MAX_DECK_BYTES + 1)
    if len(data) > MAX_DECK_BYTES:
        limit = MAX_DECK_BYTES // 1_000_000
        raise OSError(0, f"too big (over {limit} MB); split it into smaller decks")
    return data


def _read_text(path: Path) -> tuple[str | None, list[Problem]]:
    try:
        raw = read_deck_bytes(path)
    except OSError as error:
        reason = error.strerror or str(error)
        return None, [Problem(str(path), None, f"cannot read: {reason}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(str(path), line, "not UTF-8 text; save it as UTF-8")]
    if not text.strip():
        return None, [Problem(str(path), None, "empty deck file")]
    return text.removeprefix("\ufeff"), []


def _toml_problem(path: Path, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error)
    match = re.search(r"\(at line (\d+), column \d+\)", message)
    line = int(match.group(1)) if match else None
    detail = message[: match.start()].strip() if match else message
    return Problem(str(path), line, f"not valid TOML: {detail}")


def _check_deck_table(
    path: Path, data: dict[str, Any], lines: _Lines, problems: list[Problem]
) -> str | None:
    deck = data.get("deck")
    if not isinstance(deck, dict):
        problems.append(Problem(str(path), None, "missing the [deck] table"))
        return None
    where = lines.deck + 1 if lines.deck is not None else None
    report = _Reporter(str(path), lines, where, prefix="[deck]: ")
    _check_fields(deck, DECK_REQUIRED, DECK_OPTIONAL, report)
    deck_id = deck.get("id")
    if isinstance(deck_id, str) and deck_id and not ID_PATTERN.match(deck_id):
        report(f"id {deck_id!r} may use only letters, digits, '-', '_' and '.'", "id")
    problems.extend(report.found)
    return inert(deck_id) if isinstance(deck_id, str) else None


def _check_aliases(
    path: Path, data: dict[str, Any], lines: _Lines, problems: list[Problem]
) -> Aliases:
    """The optional [aliases] table: abbreviations a typed answer may use,
    each `short = "what it stands for"`."""
    table = data.get("aliases", {})
    where = lines.aliases + 1 if lines.aliases is not None else None
    report = _Reporter(str(path), lines, where, prefix="[aliases]: ")
    if not isinstance(table, dict):
        report('must be a table of `short = "long"` lines')
        problems.extend(report.found)
        return ()
    pairs = []
    for short, long in table.items():
        if not isinstance(long, str):
            report(f"{short!r} must stand for a string", short)
        elif unsafe_chars(short + long):
            _check_text(short, [short, long], report, "is empty")
        elif not normalize(short) or not normalize(long):
            report(f"{short!r} = {long!r} has no letters or digits on a side", short)
        else:
            pairs.append((inert(short), inert(long)))
    problems.extend(report.found)
    return tuple(pairs)


def _check_cards(
    path: Path,
    data: dict[str, Any],
    lines: _Lines,
    deck_id: str,
    aliases: Aliases,
    figures: dict[str, Figure],
    problems: list[Problem],
) -> list[Card]:
    raw_cards = data.get("card", [])
    if not isinstance(raw_cards, list) or not all(
        isinstance(c, dict) for c in raw_cards
    ):
        problems.append(
            Problem(str(path), None, "cards must be [[card]] tables"),
        )
        return []
    if not raw_cards:
        problems.append(Problem(str(path), None, "the deck has no [[card]] tables"))
    cards = []
    seen: dict[str, int | None] = {}
    for index, raw in enumerate(raw_cards):
        table_line = lines.card(index)
        card_id = raw.get("id") if isinstance(raw.get("id"), str) else None
        report = _Reporter(str(path), lines, table_line, card_id or f"#{index + 1}")
        _check_card(raw, report)
        _check_card_figures(raw, figures, report)
        if card_id in seen:
            report(f"duplicate id (first used on line {seen[card_id]})", "id")
        elif card_id:
            seen[card_id] = table_line
        problems.extend(report.found)
        if not report.found:
            cards.append(build_card(raw, deck_id, aliases, figures))
    return cards


def _check_card_figures(
    raw: dict[str, Any], figures: dict[str, Figure], report: _Reporter
) -> None:
    """A card's `figure` and `answer_figure` name figures of its own file."""
    for key in FIGURE_FIELDS:
        name = raw.get(key)
        if not isinstance(name, str) or not name.strip():
            continue
        if name not in figures:
            known = ", ".join(figures) or "none"
            report(f"unknown figure {name!r} (figures in this file: {known})", key)


def _check_figures(
    path: Path, data: dict[str, Any], lines: _Lines, problems: list[Problem]
) -> dict[str, Figure]:
    """The [[figure]] tables, each checked like a card; returns the good ones
    by id (panels resolved), so cards can refer to them."""
    from quizhinge import figures as geometry  # only decks with figures need it

    raw_figures = data.get("figure")
    if not isinstance(raw_figures, list) or not all(
        isinstance(f, dict) for f in raw_figures
    ):
        problems.append(Problem(str(path), None, "figures must be [[figure]] tables"))
        return {}
    reports = []
    seen: dict[str, int | None] = {}
    for index, raw in enumerate(raw_figures):
        table_line = lines.figure(index)
        figure_id = raw.get("id") if isinstance(raw.get("id"), str) else None
        report = _Reporter(
            str(path), lines, table_line, prefix=f"figure {figure_id or index + 1}: "
        )
        _check_figure(raw, raw_figures, report, geometry)
        if figure_id in seen:
            report(f"duplicate figure id (first used on line {seen[figure_id]})", "id")
        elif figure_id:
            seen[figure_id] = table_line
        reports.append(report)
    built: dict[str, Figure] = {}
    for raw, report in zip(raw_figures, reports, strict=True):
        if raw.get("pose") is not None and not report.found:
            figure = build_figure(raw, {})
            for key, message in geometry.check(figure):
                report(message, key)
            if not report.found:
                built[figure.id] = figure
    for raw, report in zip(raw_figures, reports, strict=True):
        if "panels" in raw and not report.found:
            panels = raw["panels"]
            if all(panel in built for panel in panels):
                built[raw["id"]] = build_figure(raw, built)
        problems.extend(report.found)
    order = [raw.get("id") for raw in raw_figures]
    return {i: built[i] for i in order if i in built}


def _check_figure(
    raw: dict[str, Any], everything: list[Any], report: _Reporter, geometry: Any
) -> None:
    _check_fields(raw, FIGURE_REQUIRED, FIGURE_OPTIONAL, report)
    figure_id = raw.get("id")
    if isinstance(figure_id, str) and figure_id and not ID_PATTERN.match(figure_id):
        report("id may use only letters, digits, '-', '_' and '.'", "id")
    has_pose, has_panels = "pose" in raw, "panels" in raw
    if has_pose == has_panels:
        report("give either a pose (joint angles) or panels (figure ids), not both")
    pose = raw.get("pose")
    if isinstance(pose, dict):
        for _joint, message in geometry.pose_problems(pose):
            report(message, "pose")
    implement = raw.get("implement")
    if isinstance(implement, str) and implement not in geometry.IMPLEMENTS:
        names = ", ".join(geometry.IMPLEMENTS)
        report(f"unknown implement {implement!r} (one of: {names})", "implement")
    for marker in _strings(raw, "markers") or []:
        if marker not in geometry.MARKERS:
            names = ", ".join(geometry.MARKERS)
            report(f"unknown marker {marker!r} (one of: {names})", "markers")
    for point in _strings(raw, "contacts") or []:
        if point not in geometry.CONTACT_POINTS:
            names = ", ".join(geometry.CONTACT_POINTS)
            report(f"unknown contact point {point!r} (one of: {names})", "contacts")
    panels = _strings(raw, "panels")
    if panels is not None:
        _check_panels(raw, panels, everything, report, geometry)
    if has_panels and any(k in raw for k in ("implement", "markers", "contacts")):
        report("a figure of panels takes its implement and markers from its panels")


def _check_panels(
    raw: dict[str, Any],
    panels: list[str],
    everything: list[Any],
    report: _Reporter,
    geometry: Any,
) -> None:
    if not 2 <= len(panels) <= geometry.MAX_PANELS:
        report(f"panels: give 2 to {geometry.MAX_PANELS} figure ids", "panels")
    by_id = {f.get("id"): f for f in everything if isinstance(f, dict)}
    for panel in panels:
        target = by_id.get(panel)
        if panel == raw.get("id"):
            report(f"panel {panel!r} is this figure itself", "panels")
        elif target is None:
            report(f"unknown figure {panel!r} in panels", "panels")
        elif "pose" not in target:
            report(f"panel {panel!r} must be a figure with a pose", "panels")
    for panel in sorted({p for p in panels if panels.count(p) > 1}):
        report(f"panel {panel!r} is listed twice", "panels")


def build_figure(raw: dict[str, Any], known: dict[str, Figure]) -> Figure:
    """Turn a checked [[figure]] table into a Figure (panels from `known`)."""
    pose = raw.get("pose")
    contacts = raw.get("contacts")
    return Figure(
        id=raw["id"],
        caption=inert(raw["caption"]),
        pose=(
            Pose(**{k: float(v) for k, v in pose.items()}) if pose is not None else None
        ),
        implement=raw.get("implement"),
        markers=tuple(raw.get("markers", ())),
        panels=tuple(known[p] for p in raw.get("panels", ())),
        contacts=tuple(contacts) if contacts is not None else None,
        bar_over_midfoot=raw.get("bar_over_midfoot"),
    )


def _check_card(raw: dict[str, Any], report: _Reporter) -> None:
    kind = raw.get("kind")
    if kind is None:
        report("missing key 'kind' (one of: " + ", ".join(KIND_RULES) + ")")
        return
    if not isinstance(kind, str) or kind not in KIND_RULES:
        report(f"unknown kind {kind!r} (one of: {', '.join(KIND_RULES)})", "kind")
        return
    fields = {**COMMON_REQUIRED, **KIND_RULES[kind].fields}
    _check_fields(raw, fields, COMMON_OPTIONAL, report)
    card_id = raw.get("id")
    if isinstance(card_id, str) and card_id and not ID_PATTERN.match(card_id):
        report("id may use only letters, digits, '-', '_' and '.'", "id")
    for key, allowed in (("level", LEVELS), ("topic", TOPICS)):
        value = raw.get(key)
        if isinstance(value, str) and value.strip() and value not in allowed:
            report(f"unknown {key} {value!r} (one of: {', '.join(allowed)})", key)
    for tag in raw.get("tags", []) if isinstance(raw.get("tags"), list) else []:
        if isinstance(tag, str) and re.search(r"\s", tag):
            report(f"tag {tag!r} has a space; use '-' or '_' instead", "tags")
    check = KIND_RULES[kind].check
    if check:
        check(raw, report)


def _check_fields(
    raw: dict[str, Any],
    required: dict[str, type],
    optional: dict[str, type],
    report: _Reporter,
) -> None:
    """Required keys, no unknown keys, the right types, no empty strings."""
    allowed = {**required, **optional}
    for key in required:
        if key not in raw:
            report(f"missing key {key!r}")
    for key, value in raw.items():
        if key not in allowed:
            report(_unknown_key_message(key, allowed), key)
            continue
        expected = allowed[key]
        if not _has_type(value, expected, key):
            report(f"{key!r} must be {TYPE_NAMES[expected]}", key)
        elif isinstance(value, str):
            _check_text(key, [value], report, "is empty")
        elif isinstance(value, list):
            _check_text(key, value, report, "has an empty entry")


def _check_text(key: str, values: list[str], report: _Reporter, empty: str) -> None:
    """Text a person can read: something visible, not too long, and nothing
    a terminal would obey (an ESC, say) or Anki would choke on (U+001F, its
    field separator)."""
    if not all(visible(v) for v in values):
        report(f"{key!r} {empty}", key)
    if any(len(v) > MAX_FIELD_CHARS for v in values):
        report(f"{key!r} is longer than {MAX_FIELD_CHARS:,} characters", key)
    unsafe = [c for v in values for c in unsafe_chars(v)]
    if unsafe:
        shown = ", ".join(inert(c) for c in dict.fromkeys(unsafe))
        report(f"{key!r} holds control characters ({shown}); remove them", key)


# Characters that show nothing: zero-width spaces and joiners, the word joiner
# and byte order mark (all format characters, Cf), and the blank fillers.
FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def visible(text: str) -> bool:
    """True when `text` shows at least one mark (not only spaces, zero-width
    characters or fillers)."""
    return any(
        not ch.isspace()
        and ch not in FILLERS
        and unicodedata.category(ch) not in ("Cf", "Cc", "Zs", "Zl", "Zp")
        for ch in text
    )


def looks(text: str) -> str:
    """What a learner sees of `text`: Unicode-normalised (NFKC), without
    invisible characters, spaces collapsed. Two choices that look the same
    cannot be told apart on screen."""
    text = unicodedata.normalize("NFKC", text)
    kept = "".join(
        ch for ch in text if ch not in FILLERS and unicodedata.category(ch) != "Cf"
    )
    return " ".join(kept.split())


def _unknown_key_message(key: str, allowed: dict[str, type]) -> str:
    import difflib

    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        return f"unknown key {key!r}; did you mean {close[0]!r}?"
    return f"unknown key {key!r} (allowed: {', '.join(allowed)})"


def _has_type(value: Any, expected: type, key: str) -> bool:
    if expected is list:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if expected is str:
        return isinstance(value, str)
    return isinstance(value, expected)


def _strings(raw: dict[str, Any], key: str) -> list[str] | None:
    value = raw.get(key)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _check_definition(raw: dict[str, Any], report: _Reporter) -> None:
    if "figure" in raw:
        # Its two sides swap term and meaning: neither is "the question".
        report(
            "a definition card cannot show a figure with its question; "
            "use answer_figure, or a basic card",
            "figure",
        )


def _check_cloze(raw: dict[str, Any], report: _Reporter) -> None:
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        return
    gaps = list(CLOZE_GAP.finditer(text))
    if not gaps:
        report("cloze has no gap; mark one like {{c1::answer}}", "text")
    for gap in gaps:
        digits = gap.group(1)  # int() of thousands of digits is refused
        number = int(digits) if len(digits) <= 6 else MAX_CLOZE_NUMBER + 1
        if number < 1:
            report(f"gap {gap.group(0)!r}: numbers start at c1", "text")
        elif number > MAX_CLOZE_NUMBER:
            shown = f"c{digits}" if len(digits) <= 12 else f"c{digits[:9]}..."
            report(f"gap {shown}: numbers go up to c{MAX_CLOZE_NUMBER}", "text")
        if "{{" in gap.group(0)[2:]:
            report(f"gap {gap.group(0)!r} holds another gap; gaps cannot nest", "text")
        elif not visible(gap.group(2)):
            report(f"gap {gap.group(0)!r} has no answer", "text")
    if "{{" in CLOZE_GAP.sub("", text):
        report("text has a '{{' that is not a well-formed {{cN::...}} gap", "text")


def _check_choice(raw: dict[str, Any], report: _Reporter) -> None:
    choices = _strings(raw, "choices")
    if choices is None:
        return
    if len(choices) < 2:
        report("a choice card needs at least 2 choices", "choices")
    if len(choices) > MAX_CHOICES:
        report(f"a choice card has at most {MAX_CHOICES} choices", "choices")
    for first, second in _look_alikes(choices):
        if first == second:
            report(f"choice {first!r} is listed twice", "choices")
        else:
            report(
                f"choices {first!r} and {second!r} look the same on screen",
                "choices",
            )
    answer = raw.get("answer")
    if isinstance(answer, str) and visible(answer) and answer not in choices:
        alike = [c for c in choices if looks(c) == looks(answer)]
        if alike:
            report(
                f"answer {answer!r} differs from choice {alike[0]!r} only in"
                " spacing or invisible characters",
                "answer",
            )
        else:
            report(f"answer {answer!r} is not one of the choices", "answer")


def _look_alikes(entries: list[str]) -> list[tuple[str, str]]:
    """Pairs (first, later) of entries that look the same, each later entry
    once; identical entries come as (entry, entry)."""
    seen: dict[str, str] = {}
    pairs = []
    for entry in entries:
        key = looks(entry)
        if key in seen:
            pairs.append((seen[key], entry))
        else:
            seen[key] = entry
    return list(dict.fromkeys(pairs))


def _check_typed(raw: dict[str, Any], report: _Reporter) -> None:
    answers = _strings(raw, "answers")
    if answers is not None and not answers:
        report("a typed card needs at least one accepted answer", "answers")
    for answer in answers or ():
        if visible(answer) and not normalize(answer):
            report(
                f"answer {answer!r} is only punctuation, so no typed answer"
                " could match it",
                "answers",
            )


def _check_order(raw: dict[str, Any], report: _Reporter) -> None:
    steps = _strings(raw, "steps")
    if steps is None:
        return
    if len(steps) < 2:
        report("an order card needs at least 2 steps", "steps")
    for first, second in _look_alikes(steps):
        same = "is listed twice" if first == second else f"looks the same as {first!r}"
        report(f"step {second!r} {same}, so the order is ambiguous", "steps")


@dataclass(frozen=True)
class KindRule:
    """What a [[card]] of one kind holds (beside COMMON_REQUIRED), and what
    else it must get right."""

    fields: dict[str, type]
    check: Callable[[dict[str, Any], _Reporter], None] | None = None


# The one table of the deck format's kinds, in the order messages list them.
KIND_RULES: dict[str, KindRule] = {
    "basic": KindRule({"front": str, "back": str}),
    "definition": KindRule({"term": str, "meaning": str}, _check_definition),
    "cloze": KindRule({"text": str}, _check_cloze),
    "choice": KindRule(
        {"question": str, "choices": list, "answer": str}, _check_choice
    ),
    "truefalse": KindRule({"statement": str, "answer": bool}),
    "typed": KindRule({"question": str, "answers": list}, _check_typed),
    "order": KindRule({"question": str, "steps": list}, _check_order),
}
LIST_FIELDS = {"tags"} | {
    key
    for rule in KIND_RULES.values()
    for key, kind in rule.fields.items()
    if kind is list
}


def build_card(
    raw: dict[str, Any],
    deck_id: str,
    aliases: Aliases = (),
    figures: dict[str, Figure] | None = None,
) -> Card:
    """Turn a validated [[card]] table into its dataclass (lists become tuples).

    A typed card takes its deck's aliases, and a card its figures (not their
    ids), so grading and drawing need only the card."""
    cls = CARD_TYPES[raw["kind"]]
    values: dict[str, Any] = {
        key: tuple(value) if key in LIST_FIELDS else value
        for key, value in inert_data(raw).items()
        if key != "kind"
    }
    if aliases and "aliases" in {f.name for f in fields(cls)}:
        values["aliases"] = aliases  # a typed card's
    for key in FIGURE_FIELDS:
        if key in values:
            values[key] = (figures or {})[values[key]]
    return cls(deck_id=deck_id, **values)
