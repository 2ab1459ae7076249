"""Plain mode, ``true_false``: 1 for true, 2 for false (t/f, yes/no work too)."""

from __future__ import annotations

from quizzes.questions import TrueFalse
from tui.plain.answers.base import BadAnswer, PlainAdapter, register


class TrueFalseAnswers(PlainAdapter[TrueFalse]):
    name = "true_false"

    def option_lines(self, question: TrueFalse, order: list[str]) -> list[str]:
        return ["1. True", "2. False", "Type 1 for true or 2 for false."]

    def answer_help(self, question: TrueFalse) -> list[tuple[str, str]]:
        return [("1", "true"), ("2", "false")]

    def parse(self, question: TrueFalse, text: str, order: list[str]) -> bool:
        word = text.lower()
        if word in ("1", "t", "true", "y", "yes"):
            return True
        if word in ("2", "f", "false", "n", "no"):
            return False
        raise BadAnswer("Type 1 for true or 2 for false.")


register(TrueFalseAnswers())
