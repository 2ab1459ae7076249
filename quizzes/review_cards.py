"""Review card ids: which question or glossary term a spaced-review card stands for.

The store keys cards by these strings (``"q:<question id>"``, ``"t:<term id>"``), never by position,
so editing a course never mixes up a learner's schedule. Pure: no fsrs, no Textual.
"""

from __future__ import annotations

from typing import Literal

CardKind = Literal["question", "term"]

CARD_KINDS: tuple[CardKind, ...] = ("question", "term")
_PREFIX: dict[CardKind, str] = {"question": "q", "term": "t"}
_KIND_OF_PREFIX: dict[str, CardKind] = {prefix: kind for kind, prefix in _PREFIX.items()}


def card_id_for_question(question_id: str) -> str:
    """The review card id of a quiz question: ``"q:<question id>"``."""
    return _make("question", question_id)


def card_id_for_term(term_id: str) -> str:
    """The review card id of a glossary term: ``"t:<term id>"``."""
    return _make("term", term_id)


def parse_card_id(card_id: str) -> tuple[CardKind, str]:
    """``(kind, object id)`` of a card id, e.g. ``("question", "q-ssri-1")``; ``ValueError`` if malformed."""
    prefix, sep, object_id = card_id.partition(":") if isinstance(card_id, str) else ("", "", "")
    kind = _KIND_OF_PREFIX.get(prefix)
    if not sep or kind is None or not object_id:
        raise ValueError(f"not a review card id: {card_id!r} (expected 'q:<question id>' or 't:<term id>')")
    return kind, object_id


def card_kind(card_id: str) -> CardKind:
    """``"question"`` or ``"term"``; ``ValueError`` if ``card_id`` is malformed."""
    return parse_card_id(card_id)[0]


def _make(kind: CardKind, object_id: str) -> str:
    if not isinstance(object_id, str) or not object_id:
        raise ValueError(f"a {kind} id must be a non-empty string, got {object_id!r}")
    return f"{_PREFIX[kind]}:{object_id}"
