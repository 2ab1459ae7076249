"""What every question type must say about itself: the :class:`QuestionType` contract.

A question type is one object per ``type`` string (``"single"``, ``"order"`` …) that knows, for its
pydantic model ``Q`` and its typed response ``R``: how to read a stored (JSON) value as an ``R``, how
much of the marks an ``R`` earns, the author's feedback for it, the ``R`` that earns full marks, how
to say an ``R`` and the key in words, the order to show its options in, and what is wrong with an
authored key. Pure: no I/O, no user interface.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from quizzes.questions import QuestionBase

ChoiceId = str
"""The id of a choice, item or pair: responses refer to ids, never to positions."""

Response = ChoiceId | list[ChoiceId] | bool | dict[ChoiceId, ChoiceId] | str | float
"""Any type's typed response: a choice id (``single``), a list of ids (``multiple``, ``order``),
a bool (``true_false``), left pair id -> right pair id (``match``), text (``text``) or a number or
the text typed for one (``numeric``)."""

Q = TypeVar("Q", bound=QuestionBase)
R = TypeVar("R")

IssueKind = Literal["dangling", "duplicate", "bad_pattern"]


@dataclass(frozen=True)
class KeyIssue:
    """Something wrong with an authored question, at ``where`` (keys below the question's own table)."""

    kind: IssueKind
    where: tuple[str | int, ...]
    message: str


class QuestionType(ABC, Generic[Q, R]):
    """The behaviour of one question type; subclasses are registered with :func:`quizzes.types.register`."""

    name: str
    """The ``type`` string of the questions this handles."""
    model: type[Q]
    """The pydantic model of those questions."""

    @abstractmethod
    def parse(self, question: Q, value: object) -> R | None:
        """``value`` (as stored, e.g. decoded JSON) as this type's response; ``None`` if it is not one."""

    @abstractmethod
    def fraction(self, question: Q, response: R) -> float:
        """The share of the marks ``response`` earns (clamped to 0..1 by the caller)."""

    def feedback(self, question: Q, response: R) -> tuple[str, ...]:
        """The author's feedback for what the learner picked (none by default)."""
        return ()

    @abstractmethod
    def correct_response(self, question: Q) -> R:
        """The response that earns full marks."""

    @abstractmethod
    def describe_response(self, question: Q, response: R) -> str:
        """``response`` as readable text ("—" when it says nothing)."""

    def describe_key(self, question: Q) -> str:
        """The right answer as readable text: one canonical form (the response that earns full marks),
        never a list of every variant a type would also accept."""
        return self.describe_response(question, self.correct_response(question))

    def problem(self, question: Q, response: R) -> str | None:
        """Why ``response`` cannot be marked as the learner meant it, said to the learner ("That is
        not a number …"); ``None`` when it can. Front ends ask again instead of grading it."""
        return None

    def hints(self, question: Q, response: R) -> tuple[str, ...]:
        """Advice on a response that can be marked but is surely not what the learner meant (one
        right-hand side chosen for two rows); the learner may still check it."""
        return ()

    def shuffles(self, question: Q, quiz_shuffles: bool) -> bool:
        """Whether this question's options are shown in a random order, given the quiz's ``shuffle_choices``."""
        return quiz_shuffles

    def option_order(self, question: Q, rng: random.Random, shuffle: bool) -> list[ChoiceId]:
        """The ids of the options in the order to show them (``shuffle``: what :meth:`shuffles` said)."""
        return []

    def key_issues(self, question: Q) -> list[KeyIssue]:
        """What is wrong with the authored key: dangling references, duplicates, bad patterns."""
        return []


def shuffled_away_from_key(ids: list[ChoiceId], rng: random.Random) -> list[ChoiceId]:
    """A shuffle that is never the key itself (so the learner has work to do)."""
    shuffled = list(ids)
    for _ in range(20):
        rng.shuffle(shuffled)
        if shuffled != ids:
            break
    if shuffled == ids:
        shuffled = ids[1:] + ids[:1]
    return shuffled


def duplicates(name: str, values: list[str], what: str, field: str | None = "id") -> list[KeyIssue]:
    """A ``duplicate`` issue for every repeat in ``values`` (the ``name`` list; ``field`` of each entry)."""
    issues: list[KeyIssue] = []
    seen: set[str] = set()
    for m, value in enumerate(values):
        if value in seen:
            where: tuple[str | int, ...] = (name, m) if field is None else (name, m, field)
            issues.append(KeyIssue("duplicate", where, f"duplicate {what} '{value}'"))
        seen.add(value)
    return issues
