"""``true_false``: a statement that is true or false; the response is the bool itself (not 1, not "true")."""

from __future__ import annotations

from quizzes.questions import TrueFalse
from quizzes.types.base import QuestionType
from quizzes.types.registry import register


class TrueFalseType(QuestionType[TrueFalse, bool]):
    name = "true_false"
    model = TrueFalse

    def parse(self, question: TrueFalse, value: object) -> bool | None:
        return value if isinstance(value, bool) else None

    def fraction(self, question: TrueFalse, response: bool) -> float:
        return 1.0 if response is question.answer else 0.0

    def feedback(self, question: TrueFalse, response: bool) -> tuple[str, ...]:
        text = question.feedback_true if response else question.feedback_false
        return (text,) if text else ()

    def correct_response(self, question: TrueFalse) -> bool:
        return question.answer

    def describe_response(self, question: TrueFalse, response: bool) -> str:
        return "True" if response else "False"


TRUE_FALSE = register(TrueFalseType())
