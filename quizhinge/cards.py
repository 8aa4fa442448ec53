"""Card kinds and their data.

Cards are plain, immutable values loaded from deck files. Everything downstream
(store, session, Anki export) reads them; nothing here knows about SQLite,
Textual or Anki, so every rule about a card can be tested on its own.

Each kind is one dataclass, and holds what every front end needs to know of
it: its label, what it asks and reveals (`shown_question`, `shown_answer`),
the options a learner picks from or puts in order. docs/adding-a-card-kind.md
lists the few other places a new kind goes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar, NamedTuple, TypeVar

LEVELS: tuple[str, ...] = ("beginner", "trainer")
LEVEL_HELP = "beginner: beginner cards only; trainer: every card"
TOPICS: tuple[str, ...] = (
    "definitions",
    "anatomy",
    "cues",
    "faults",
    "drills",
    "exercises",
    "programming",
    "mobility",
    "breathing",
    "safety",
)


def studied_at(level: str | None) -> tuple[str, ...]:
    """The card levels a learner at `level` studies: their own and every level
    below it, so a trainer studies every card (as does no level at all, None).

    The one level rule: study sessions, stats, the card browser, exams and the
    Anki export all read a level this way (an export of one level alone is
    `--only-level`).
    """
    if level is None:
        return LEVELS
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    return LEVELS[: LEVELS.index(level) + 1]


# {{c1::answer}} or {{c1::answer::hint}}; the number is captured as written so
# that the validator can reject c0.
CLOZE_GAP = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)

# A card's text as a screen shows it: runs of (text, role). Role "" is the
# deck's text as it is; "lead" a lead-in of ours ("What is: "); "gap" a
# cloze's blanked gap; "answer" that gap filled in. Deck text is never markup:
# a screen styles a run by its role, and by nothing else.
Runs = tuple[tuple[str, str], ...]


def plain(runs: Runs) -> str:
    """The runs' text, as one string."""
    return "".join(text for text, _ in runs)


# --- figures --------------------------------------------------------------------
# A figure is data a card holds, as its text is; figures.py draws it, checks it
# against its geometry, and says what each joint angle means.


class Pose(NamedTuple):
    """Joint angles in degrees (see figures.py); 0 is standing tall."""

    shin: float = 0.0
    knee: float = 0.0
    hip: float = 0.0
    lumbar: float = 0.0
    thoracic: float = 0.0
    neck: float = 0.0
    head: float = 0.0
    shoulder: float | None = None
    elbow: float = 0.0
    turnout: float = 0.0
    back_hip: float | None = None
    back_knee: float = 0.0


class Figure(NamedTuple):
    """One figure of a deck: a pose, or 2-4 lettered panels side by side.

    `contacts` and `bar_over_midfoot` are what the author says the figure
    shows; `figures.check()` holds them against the geometry.
    """

    id: str
    caption: str
    pose: Pose | None = None
    implement: str | None = None
    markers: tuple[str, ...] = ()
    panels: tuple[Figure, ...] = ()
    contacts: tuple[str, ...] | None = None
    bar_over_midfoot: bool | None = None

    def text(self) -> str:
        """The figure in words: its caption and each panel's (for a terminal
        too small to draw in, and for Anki's alt text)."""
        parts = [self.caption]
        for letter, panel in zip(LETTERS, self.panels, strict=False):
            parts.append(f"{letter}: {panel.caption}")
        return "\n".join(parts)

    def as_dict(self) -> dict[str, Any]:
        """Every field as plain data, the pose and the panels too (what JSON
        holds of it)."""
        data = self._asdict()
        data["pose"] = self.pose._asdict() if self.pose is not None else None
        data["panels"] = [panel.as_dict() for panel in self.panels]
        return data


LETTERS = "ABCD"
# The fields of a card that hold figures (the question's and the answer's).
FIGURE_FIELDS = ("figure", "answer_figure")


@dataclass(frozen=True, eq=False, repr=False)
class Card:
    """What every card has, whatever its kind.

    `id` is stable forever: a learner's history and the Anki note follow it,
    so editing a card's text never loses progress.

    Equality, hashing and repr are written here once rather than generated
    for each kind: every generated method is compiled when the module loads,
    and this module loads on the way to the first card. They behave as the
    generated ones would (the repr, which the catalog's fingerprint reads,
    is the same text).
    """

    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""  # the kind of question, as a screen names it
    # The options' order is the answer (an order card's steps): they are
    # never shown in it (see `arranged`).
    ordered_options: ClassVar[bool] = False

    id: str
    level: str
    topic: str
    explain: str
    deck_id: str
    tags: tuple[str, ...] = ()
    source: str | None = None
    # Figures shown with the question and with the answer: the figure itself,
    # not its id, so that every screen and the export need only the card.
    figure: Figure | None = None
    answer_figure: Figure | None = None

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Card)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__, self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))
        return f"{self.__class__.__qualname__}({shown})"

    def content_hash(self) -> str:
        """A digest of everything the learner sees, to spot edited cards."""
        import hashlib  # here, as json: only a sync of changed decks needs them
        import json

        data = asdict(self)
        data["kind"] = self.kind
        for key in FIGURE_FIELDS:
            figure = getattr(self, key)
            if figure is None:  # a card without figures keeps its old digest
                del data[key]
            else:
                data[key] = figure.as_dict()
        encoded = json.dumps(data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(encoded.encode()).hexdigest()[:16]

    def variants(self) -> tuple[str, ...]:
        """The separate things a card asks; most kinds ask one thing.

        A definition is studied both ways and a cloze once per gap, each with a
        schedule of its own, as Anki does with sibling cards.
        """
        return ("",)

    def prompt_text(self) -> str:
        """Everything the card asks, as plain text (for the content checks)."""
        raise NotImplementedError

    def answer_text(self) -> str:
        """Everything the card accepts as its answer, as plain text."""
        raise NotImplementedError

    def shown_question(self, variant: str = "") -> Runs:
        """What the card asks of one of its items, as a screen shows it."""
        raise NotImplementedError

    def shown_answer(self, variant: str = "") -> Runs:
        """The answer a screen reveals or marks right, for one item."""
        raise NotImplementedError

    def options(self) -> tuple[str, ...]:
        """What a learner picks from (choices) or puts in order (steps)."""
        return ()


@dataclass(frozen=True, eq=False, repr=False)
class BasicCard(Card):
    """A question and its answer; the learner grades themselves."""

    kind: ClassVar[str] = "basic"
    label: ClassVar[str] = "Question"

    front: str = ""
    back: str = ""

    def prompt_text(self) -> str:
        return self.front

    def answer_text(self) -> str:
        return self.back

    def shown_question(self, variant: str = "") -> Runs:
        return ((self.front, ""),)

    def shown_answer(self, variant: str = "") -> Runs:
        return ((self.back, ""),)


@dataclass(frozen=True, eq=False, repr=False)
class DefinitionCard(Card):
    """A term and its meaning, studied both ways (two items)."""

    kind: ClassVar[str] = "definition"
    label: ClassVar[str] = "Definition"

    term: str = ""
    meaning: str = ""

    def variants(self) -> tuple[str, ...]:
        return ("term", "meaning")

    def prompt_text(self) -> str:
        return self.meaning  # the term alone is too short to compare

    def answer_text(self) -> str:
        return f"{self.term}\n{self.meaning}"

    def shown_question(self, variant: str = "") -> Runs:
        if variant == "meaning":
            return (("Which term means: ", "lead"), (self.meaning, ""))
        return (("What is: ", "lead"), (self.term, ""))

    def shown_answer(self, variant: str = "") -> Runs:
        return ((self.term if variant == "meaning" else self.meaning, ""),)


@dataclass(frozen=True, eq=False, repr=False)
class ClozeCard(Card):
    """Text with gaps; each gap is an item of its own."""

    kind: ClassVar[str] = "cloze"
    label: ClassVar[str] = "Fill the gap"

    text: str = ""

    def gap_numbers(self) -> tuple[int, ...]:
        """Distinct gap numbers in order, as Anki makes one card per number."""
        return tuple(sorted({int(m.group(1)) for m in CLOZE_GAP.finditer(self.text)}))

    def variants(self) -> tuple[str, ...]:
        return tuple(f"c{n}" for n in self.gap_numbers())

    def prompt_text(self) -> str:
        return CLOZE_GAP.sub(lambda gap: gap.group(2), self.text)

    def answer_text(self) -> str:
        return "\n".join(gap.group(2) for gap in CLOZE_GAP.finditer(self.text))

    def shown_question(self, variant: str = "") -> Runs:
        return self._sentence(variant, reveal=False)

    def shown_answer(self, variant: str = "") -> Runs:
        return self._sentence(variant, reveal=True)

    def _sentence(self, variant: str, reveal: bool) -> Runs:
        """The sentence: the asked gap (`variant`, "c1"...) as `[...]` (or its
        hint), or filled in; other gaps show their answer as plain text, as
        Anki does."""
        asked = int(variant[1:]) if variant[1:].isdigit() else 0
        runs: list[tuple[str, str]] = []
        position = 0
        for gap in CLOZE_GAP.finditer(self.text):
            runs.append((self.text[position : gap.start()], ""))
            number, text, hint = int(gap.group(1)), gap.group(2), gap.group(3)
            if number != asked:
                runs.append((text, ""))
            elif reveal:
                runs.append((text, "answer"))
            else:
                runs.append((f"[{hint or '...'}]", "gap"))
            position = gap.end()
        runs.append((self.text[position:], ""))
        return tuple(runs)


@dataclass(frozen=True, eq=False, repr=False)
class ChoiceCard(Card):
    """A question and its choices, one of them right."""

    kind: ClassVar[str] = "choice"
    label: ClassVar[str] = "Choose one"

    question: str = ""
    choices: tuple[str, ...] = ()
    answer: str = ""

    def prompt_text(self) -> str:
        return self.question

    def answer_text(self) -> str:
        return self.answer

    def shown_question(self, variant: str = "") -> Runs:
        return ((self.question, ""),)

    def shown_answer(self, variant: str = "") -> Runs:
        return ((self.answer, ""),)

    def options(self) -> tuple[str, ...]:
        return self.choices


@dataclass(frozen=True, eq=False, repr=False)
class TrueFalseCard(Card):
    """A statement that is true or false."""

    kind: ClassVar[str] = "truefalse"
    label: ClassVar[str] = "True or false"

    statement: str = ""
    answer: bool = False

    def prompt_text(self) -> str:
        return self.statement

    def answer_text(self) -> str:
        return "True" if self.answer else "False"

    def shown_question(self, variant: str = "") -> Runs:
        return (("True or false? ", "lead"), (self.statement, ""))

    def shown_answer(self, variant: str = "") -> Runs:
        return ((self.answer_text(), ""),)


# A deck's abbreviations for typed answers: (what a learner may type, what it
# stands for), e.g. ("RDL", "Romanian deadlift").
Aliases = tuple[tuple[str, str], ...]


@dataclass(frozen=True, eq=False, repr=False)
class TypedCard(Card):
    """A question answered by typing; graded against its answers."""

    kind: ClassVar[str] = "typed"
    label: ClassVar[str] = "Type the answer"

    question: str = ""
    answers: tuple[str, ...] = ()
    # The deck file's [aliases] table, copied to each typed card so that
    # grading needs nothing but the card.
    aliases: Aliases = ()

    def prompt_text(self) -> str:
        return self.question

    def answer_text(self) -> str:
        return "\n".join(self.answers)

    def shown_question(self, variant: str = "") -> Runs:
        return ((self.question, ""),)

    def shown_answer(self, variant: str = "") -> Runs:
        """The first listed answer: the deck author's preferred wording."""
        return ((self.answers[0] if self.answers else "", ""),)


@dataclass(frozen=True, eq=False, repr=False)
class OrderCard(Card):
    """Steps to put in order."""

    kind: ClassVar[str] = "order"
    label: ClassVar[str] = "Put in order"
    ordered_options: ClassVar[bool] = True

    question: str = ""
    steps: tuple[str, ...] = ()

    def prompt_text(self) -> str:
        return self.question

    def answer_text(self) -> str:
        return "\n".join(self.steps)

    def shown_question(self, variant: str = "") -> Runs:
        return ((self.question, ""),)

    def shown_answer(self, variant: str = "") -> Runs:
        """The steps in order, numbered, one a line."""
        runs: list[tuple[str, str]] = []
        for number, step in enumerate(self.steps, 1):
            if number > 1:
                runs.append(("\n", ""))
            runs += [(f"{number}. ", ""), (step, "")]
        return tuple(runs)

    def options(self) -> tuple[str, ...]:
        return self.steps


CARD_TYPES: dict[str, type[Card]] = {
    cls.kind: cls
    for cls in (
        BasicCard,
        DefinitionCard,
        ClozeCard,
        ChoiceCard,
        TrueFalseCard,
        TypedCard,
        OrderCard,
    )
}
KINDS: tuple[str, ...] = tuple(CARD_TYPES)

Item = TypeVar("Item", bound=Hashable)


def scrambled(
    items: Sequence[Item], shuffle: Callable[[list[Item]], None]
) -> list[Item]:
    """`items` put out of order by `shuffle`, and never left in their original
    order: a deck lists the steps in order and the right choice first, so
    that order would give the answer away. Shuffled again until the order
    differs; fewer than two different items have no other order."""
    original = list(items)
    result = list(items)
    if len(set(result)) < 2:
        return result
    while result == original:
        shuffle(result)
    return result


def arranged(card: Card, shuffle: Callable[[list[str]], None]) -> list[str]:
    """A card's options as a learner first sees them (study and exams alike):
    shuffled, and never in order where their order is the answer; but letters
    that name a figure's panels in letter order (`in_letter_order`)."""
    if card.ordered_options:
        return scrambled(card.options(), shuffle)
    options = list(card.options())
    # Shuffled even when the letters then take their places again: the
    # shuffle draws from the exam's one random stream, so skipping it would
    # change every later card's order for the same seed.
    shuffle(options)
    return in_letter_order(options, letter_labels(card))


def letter_labels(card: Card) -> frozenset[str]:
    """The options that are labels, not answers: the letters of the card's
    figure's panels ("Which figure is a hinge?" A, B, Neither), or every
    option when each is a single capital letter, as panels are lettered (a
    lone small letter reads as an answer, "a" or "b", not as a label)."""
    options = card.options()
    if options and all(len(option) == 1 and option.isupper() for option in options):
        return frozenset(options)
    panels = card.figure.panels if card.figure is not None else ()
    return frozenset(LETTERS[: len(panels)]) & frozenset(options)


def in_letter_order(options: list[str], labels: frozenset[str]) -> list[str]:
    """`labels` first, A, B, C..., then the other options as they were.

    Choices are shuffled so that the right answer's place says nothing; panel
    letters need no shuffle, as the deck's author already fixed which panel
    is which, so their order adds nothing the figure does not show. Shuffled,
    they read `1 C`, `2 A`, and a learner presses 1 meaning A."""
    if not labels:
        return options
    return sorted(labels) + [option for option in options if option not in labels]


@dataclass(frozen=True)
class Deck:
    """One deck file: its identity and its cards, in file order."""

    id: str
    name: str
    description: str
    path: str
    cards: tuple[Card, ...] = field(default_factory=tuple)
    figures: tuple[Figure, ...] = field(default_factory=tuple)
