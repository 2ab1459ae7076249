"""``multiple``: select every right choice; the response is the list of picked ids.

Partial credit: each right pick earns ``1/k`` of the marks (``k`` right choices), each wrong pick takes
``1/k`` away, never below zero; repeats count once and anything but an id in the list is ignored.
"""

from __future__ import annotations

import random

from quizzes.questions import MultipleChoice
from quizzes.types.base import ChoiceId, KeyIssue, QuestionType, duplicates
from quizzes.types.choices import (
    choice_feedback,
    choice_order,
    dangling_answers,
    describe_choices,
    picked_ids,
)
from quizzes.types.registry import register


class MultipleType(QuestionType[MultipleChoice, list[ChoiceId]]):
    name = "multiple"
    model = MultipleChoice

    def parse(self, question: MultipleChoice, value: object) -> list[ChoiceId] | None:
        return picked_ids(value) if isinstance(value, (list, tuple, set)) else None

    def fraction(self, question: MultipleChoice, response: list[ChoiceId]) -> float:
        chosen = set(response)
        right = set(question.answers)
        hits = len(chosen & right)
        misses = len(chosen - right)
        return (hits - misses) / len(right)

    def feedback(self, question: MultipleChoice, response: list[ChoiceId]) -> tuple[str, ...]:
        return choice_feedback(question, response)

    def correct_response(self, question: MultipleChoice) -> list[ChoiceId]:
        return list(question.answers)

    def describe_response(self, question: MultipleChoice, response: list[ChoiceId]) -> str:
        return describe_choices(question, response)

    def shuffles(self, question: MultipleChoice, quiz_shuffles: bool) -> bool:
        """Shuffled unless the question says not: authors tend to list the keys first."""
        return True if question.shuffle is None else question.shuffle

    def option_order(self, question: MultipleChoice, rng: random.Random, shuffle: bool) -> list[ChoiceId]:
        return choice_order(question, rng, shuffle)

    def key_issues(self, question: MultipleChoice) -> list[KeyIssue]:
        answers: list[tuple[tuple[str | int, ...], ChoiceId]] = [(("answers", m), a) for m, a in enumerate(question.answers)]
        return dangling_answers(question, answers) + duplicates("answers", list(question.answers), "answer", field=None)


MULTIPLE = register(MultipleType())
