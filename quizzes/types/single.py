"""``single``: exactly one right choice; the response is its id. All or nothing."""

from __future__ import annotations

import random

from quizzes.questions import SingleChoice
from quizzes.types.base import ChoiceId, KeyIssue, QuestionType
from quizzes.types.choices import (
    choice_feedback,
    choice_order,
    dangling_answers,
    describe_choices,
)
from quizzes.types.registry import register


class SingleType(QuestionType[SingleChoice, ChoiceId]):
    name = "single"
    model = SingleChoice

    def parse(self, question: SingleChoice, value: object) -> ChoiceId | None:
        return value if isinstance(value, str) else None

    def fraction(self, question: SingleChoice, response: ChoiceId) -> float:
        return 1.0 if response == question.answer else 0.0

    def feedback(self, question: SingleChoice, response: ChoiceId) -> tuple[str, ...]:
        return choice_feedback(question, [response])

    def correct_response(self, question: SingleChoice) -> ChoiceId:
        return question.answer

    def describe_response(self, question: SingleChoice, response: ChoiceId) -> str:
        return describe_choices(question, [response])

    def shuffles(self, question: SingleChoice, quiz_shuffles: bool) -> bool:
        return quiz_shuffles if question.shuffle is None else question.shuffle

    def option_order(self, question: SingleChoice, rng: random.Random, shuffle: bool) -> list[ChoiceId]:
        return choice_order(question, rng, shuffle)

    def key_issues(self, question: SingleChoice) -> list[KeyIssue]:
        return dangling_answers(question, [(("answer",), question.answer)])


SINGLE = register(SingleType())
