"""Plain mode, ``single``: numbered choices; the learner types one number."""

from __future__ import annotations

from quizzes.questions import SingleChoice
from tui.plain.answers.base import BadAnswer, PlainAdapter, numbered, numbers, register


class SingleAnswers(PlainAdapter[SingleChoice]):
    name = "single"

    def option_lines(self, question: SingleChoice, order: list[str]) -> list[str]:
        text = {c.id: c.text for c in question.choices}
        return numbered([text[ident] for ident in order]) + ["Type the number of your answer."]

    def answer_help(self, question: SingleChoice) -> list[tuple[str, str]]:
        return [("NUMBER", "choose that answer")]

    def parse(self, question: SingleChoice, text: str, order: list[str]) -> str:
        chosen = numbers(text, len(order), "Type one number from 1 to {n}.")
        if len(chosen) != 1:
            raise BadAnswer(f"Type one number from 1 to {len(order)}.")
        return order[chosen[0] - 1]


register(SingleAnswers())
