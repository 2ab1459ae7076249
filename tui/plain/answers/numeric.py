"""Plain mode, ``numeric``: the learner types a number (kept as typed; "2,5" is 2.5)."""

from __future__ import annotations

from quizzes.describe import response_problem
from quizzes.questions import Numeric
from tui.plain.answers.base import BadAnswer, PlainAdapter, register


class NumericAnswers(PlainAdapter[Numeric]):
    name = "numeric"

    def option_lines(self, question: Numeric, order: list[str]) -> list[str]:
        unit = f" (in {question.unit})" if question.unit else ""
        return [f"Type a number{unit}."]

    def answer_help(self, question: Numeric) -> list[tuple[str, str]]:
        return [("NUMBER", "your answer, for example 2 or 2.5")]

    def parse(self, question: Numeric, text: str, order: list[str]) -> str:
        problem = response_problem(question, text)  # the rule is the question type's, as in the app
        if problem:
            raise BadAnswer(problem)
        return text


register(NumericAnswers())
