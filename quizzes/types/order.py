"""``order``: put the items in order (``items`` lists them in the right one); the response is the item ids.

Scores the fraction of items in their place; anything but a permutation of the items scores zero. The
items are always shown shuffled away from the key, whatever the quiz's ``shuffle_choices``.
"""

from __future__ import annotations

import random

from quizzes.questions import Ordering
from quizzes.types.base import (
    ChoiceId,
    KeyIssue,
    QuestionType,
    duplicates,
    shuffled_away_from_key,
)
from quizzes.types.registry import register


class OrderType(QuestionType[Ordering, list[ChoiceId]]):
    name = "order"
    model = Ordering

    def parse(self, question: Ordering, value: object) -> list[ChoiceId] | None:
        if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
            return list(value)
        return None

    def fraction(self, question: Ordering, response: list[ChoiceId]) -> float:
        key = self.correct_response(question)
        if sorted(response) != sorted(key):
            return 0.0
        return sum(a == b for a, b in zip(response, key, strict=True)) / len(key)

    def correct_response(self, question: Ordering) -> list[ChoiceId]:
        return [item.id for item in question.items]

    def describe_response(self, question: Ordering, response: list[ChoiceId]) -> str:
        text = {i.id: i.text for i in question.items}
        return " → ".join(text.get(p, p) for p in response)

    def shuffles(self, question: Ordering, quiz_shuffles: bool) -> bool:
        return True

    def option_order(self, question: Ordering, rng: random.Random, shuffle: bool) -> list[ChoiceId]:
        return shuffled_away_from_key(self.correct_response(question), rng)

    def key_issues(self, question: Ordering) -> list[KeyIssue]:
        return duplicates("items", [i.id for i in question.items], "item id") + duplicates(
            "items", [i.text.strip().casefold() for i in question.items], "item text", field="text"
        )


ORDER = register(OrderType())
