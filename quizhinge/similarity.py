"""How alike two cards are, from their words alone.

Used where a card must not sit next to, or repeat, another one: the content
checks flag prompts that ask much the same thing, and the new-card order keeps
cards about one thing apart. Neither knows which fact a card teaches (the
decks do not say), so shared content words stand in for it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from quizhinge.cards import Card
from quizhinge.grading import singular

STOPWORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for",
        "from", "has", "have", "how", "in", "into", "is", "it", "its", "of",
        "on", "or", "that", "the", "their", "them", "then", "this", "to", "was",
        "what", "when", "where", "which", "while", "who", "why", "will", "with",
        "you", "your",
    }
)  # fmt: skip

# Cards sharing at least this share of the smaller one's words are about the
# same thing, for keeping them apart (a rough signal, so cheap to act on).
RELATED_SHARE = 0.2


def words(text: str) -> frozenset[str]:
    """The content words of a text: lower case, no stopwords, no plural s."""
    found = re.findall(r"[a-z0-9]+", text.casefold())
    return frozenset(singular(w) for w in found if w not in STOPWORDS)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words as a share of all the words of both."""
    return len(a & b) / len(a | b) if a or b else 0.0


@lru_cache(maxsize=4096)
def card_words(card: Card) -> frozenset[str]:
    """The words of everything a card asks and accepts."""
    return words(card.prompt_text()) | words(card.answer_text())


def related(a: Card, b: Card) -> bool:
    """True when two cards share enough words to be about the same thing."""
    first, second = card_words(a), card_words(b)
    smaller = min(len(first), len(second))
    return smaller > 0 and len(first & second) >= RELATED_SHARE * smaller
