"""Card kinds and their data.

Cards are plain, immutable values loaded from deck files. Everything downstream
(store, session, Anki export) reads them; nothing here knows about SQLite,
Textual or Anki, so every rule about a card can be tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from quizhinge.figures import Figure

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


@dataclass(frozen=True)
class Card:
    """What every card has, whatever its kind.

    `id` is stable forever: a learner's history and the Anki note follow it,
    so editing a card's text never loses progress.
    """

    kind: ClassVar[str] = ""
    auto_graded: ClassVar[bool] = False

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

    def content_hash(self) -> str:
        """A digest of everything the learner sees, to spot edited cards."""
        import hashlib  # here, as json: only a sync of changed decks needs them
        import json

        data = asdict(self)
        data["kind"] = self.kind
        for key in ("figure", "answer_figure"):
            if data[key] is None:  # a card without figures keeps its old digest
                del data[key]
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


@dataclass(frozen=True)
class BasicCard(Card):
    kind: ClassVar[str] = "basic"

    front: str = ""
    back: str = ""

    def prompt_text(self) -> str:
        return self.front

    def answer_text(self) -> str:
        return self.back


@dataclass(frozen=True)
class DefinitionCard(Card):
    kind: ClassVar[str] = "definition"

    term: str = ""
    meaning: str = ""

    def variants(self) -> tuple[str, ...]:
        return ("term", "meaning")

    def prompt_text(self) -> str:
        return self.meaning  # the term alone is too short to compare

    def answer_text(self) -> str:
        return f"{self.term}\n{self.meaning}"


@dataclass(frozen=True)
class ClozeCard(Card):
    kind: ClassVar[str] = "cloze"

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


@dataclass(frozen=True)
class ChoiceCard(Card):
    kind: ClassVar[str] = "choice"
    auto_graded: ClassVar[bool] = True

    question: str = ""
    choices: tuple[str, ...] = ()
    answer: str = ""

    def prompt_text(self) -> str:
        return self.question

    def answer_text(self) -> str:
        return self.answer


@dataclass(frozen=True)
class TrueFalseCard(Card):
    kind: ClassVar[str] = "truefalse"
    auto_graded: ClassVar[bool] = True

    statement: str = ""
    answer: bool = False

    def prompt_text(self) -> str:
        return self.statement

    def answer_text(self) -> str:
        return "True" if self.answer else "False"


# A deck's abbreviations for typed answers: (what a learner may type, what it
# stands for), e.g. ("RDL", "Romanian deadlift").
Aliases = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class TypedCard(Card):
    kind: ClassVar[str] = "typed"
    auto_graded: ClassVar[bool] = True

    question: str = ""
    answers: tuple[str, ...] = ()
    # The deck file's [aliases] table, copied to each typed card so that
    # grading needs nothing but the card.
    aliases: Aliases = ()

    def prompt_text(self) -> str:
        return self.question

    def answer_text(self) -> str:
        return "\n".join(self.answers)


@dataclass(frozen=True)
class OrderCard(Card):
    kind: ClassVar[str] = "order"
    auto_graded: ClassVar[bool] = True

    question: str = ""
    steps: tuple[str, ...] = ()

    def prompt_text(self) -> str:
        return self.question

    def answer_text(self) -> str:
        return "\n".join(self.steps)


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


@dataclass(frozen=True)
class Deck:
    """One deck file: its identity and its cards, in file order."""

    id: str
    name: str
    description: str
    path: str
    cards: tuple[Card, ...] = field(default_factory=tuple)
    figures: tuple[Figure, ...] = field(default_factory=tuple)
