"""Cards for exam tests: many topics, every auto-graded kind, both levels."""

from __future__ import annotations

from quizhinge.cards import (
    BasicCard,
    Card,
    ChoiceCard,
    OrderCard,
    TrueFalseCard,
    TypedCard,
)


def exam_card(kind: str, topic: str, n: int, level: str = "trainer") -> Card:
    """One card of `kind`; its right answer is easy to compute in a test."""
    common = dict(
        id=f"{topic}-{kind}-{n}",
        level=level,
        topic=topic,
        explain=f"Because of {topic} rule {n}.",
        deck_id="exam-test",
    )
    if kind == "choice":
        return ChoiceCard(
            **common,
            question=f"{topic} question {n}?",
            choices=("right", "wrong one", "wrong two", "wrong three"),
            answer="right",
        )
    if kind == "truefalse":
        return TrueFalseCard(**common, statement=f"{topic} claim {n}.", answer=True)
    if kind == "typed":
        return TypedCard(**common, question=f"Name {topic} {n}.", answers=("hinge",))
    if kind == "order":
        return OrderCard(
            **common, question=f"Order {topic} {n}.", steps=("one", "two", "three")
        )
    return BasicCard(**common, front="Q", back="A")


def exam_cards(
    topics=("cues", "faults", "drills"), per_kind: int = 2, level: str = "trainer"
) -> list[Card]:
    """`per_kind` cards of each auto-graded kind per topic, plus a basic card
    per topic that an exam must never ask."""
    cards = []
    for topic in topics:
        for kind in ("choice", "truefalse", "typed", "order", "basic"):
            for n in range(per_kind if kind != "basic" else 1):
                cards.append(exam_card(kind, topic, n, level))
    return cards


def right_answer(card: Card):
    if isinstance(card, ChoiceCard):
        return card.answer
    if isinstance(card, TrueFalseCard):
        return card.answer
    if isinstance(card, TypedCard):
        return card.answers[0]
    if isinstance(card, OrderCard):
        return card.steps
    raise AssertionError(card.kind)


def write_exam_deck(folder, topics=("cues", "faults"), per_kind: int = 2) -> None:
    """The same cards as `exam_cards`, as a beginner-level deck file in `folder`."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    lines = ['[deck]\nid = "exam-test"\nname = "Test::Exams"\ndescription = "x"\n']
    for card in exam_cards(topics, per_kind, level="beginner"):
        fields = {
            "id": card.id,
            "kind": card.kind,
            "level": card.level,
            "topic": card.topic,
            "explain": card.explain,
        }
        for name in ("question", "choices", "answer", "statement", "answers"):
            if hasattr(card, name):
                fields[name] = getattr(card, name)
        if card.kind == "order":
            fields["steps"] = card.steps
        if card.kind == "basic":
            fields.update(front=card.front, back=card.back)
        lines.append("[[card]]")
        for name, value in fields.items():
            value = list(value) if isinstance(value, tuple) else value
            lines.append(f"{name} = {json.dumps(value)}")
        lines.append("")
    (folder / "exam-test.toml").write_text("\n".join(lines))
