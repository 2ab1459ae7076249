"""``numeric``: a number, right within ``value`` ± ``tolerance`` or inside ``min``..``max`` (both ends in).

The response is a number or the text typed for one (``"2,5"`` reads as 2.5); it is described as typed.
"""

from __future__ import annotations

import math

from quizzes.questions import Numeric
from quizzes.types.base import QuestionType
from quizzes.types.registry import register

NumericResponse = float | str

NOT_A_NUMBER = "That is not a number. Type digits, for example 2 or 2.5."
"""What the learner is told when the text typed for a number is not one (nothing is marked)."""


def parse_number(response: object) -> float | None:
    """A float from a number or a string such as ``"1,5"`` or ``" 3 "``; ``None`` if it is not one."""
    if isinstance(response, bool):
        return None
    if isinstance(response, (int, float)):
        value = float(response)
    elif isinstance(response, str):
        cleaned = response.strip().replace(",", ".").replace(" ", "")
        try:
            value = float(cleaned)
        except ValueError:
            return None
    else:
        return None
    return value if math.isfinite(value) else None


class NumericType(QuestionType[Numeric, NumericResponse]):
    name = "numeric"
    model = Numeric

    def parse(self, question: Numeric, value: object) -> NumericResponse | None:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            return None
        return value

    def fraction(self, question: Numeric, response: NumericResponse) -> float:
        value = parse_number(response)
        if value is None:
            return 0.0
        if question.value is not None and abs(value - question.value) <= question.tolerance + 1e-12:
            return 1.0
        if question.min is not None and question.max is not None and question.min <= value <= question.max:
            return 1.0
        return 0.0

    def correct_response(self, question: Numeric) -> float:
        if question.value is not None:
            return question.value
        if question.min is None or question.max is None:
            raise ValueError(f"numeric question {question.id!r} has no key")
        middle = question.min / 2 + question.max / 2  # halves first: no overflow near the float limits
        return middle if question.min <= middle <= question.max else question.min  # subnormals round out

    def problem(self, question: Numeric, response: NumericResponse) -> str | None:
        return NOT_A_NUMBER if parse_number(response) is None else None

    def describe_response(self, question: Numeric, response: NumericResponse) -> str:
        return f"{response} {question.unit}".strip()

    def describe_key(self, question: Numeric) -> str:
        unit = f" {question.unit}" if question.unit else ""
        if question.value is not None:
            tolerance = f" (± {question.tolerance:g})" if question.tolerance else ""
            return f"{question.value:g}{unit}{tolerance}"
        return f"between {question.min:g} and {question.max:g}{unit}"


NUMERIC = register(NumericType())
