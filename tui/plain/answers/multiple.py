"""Plain mode, ``multiple``: numbered choices; the learner types every right number."""

from __future__ import annotations

from quizzes.questions import MultipleChoice
from tui.plain.answers.base import PlainAdapter, numbered, numbers, register


class MultipleAnswers(PlainAdapter[MultipleChoice]):
    name = "multiple"

    def option_lines(self, question: MultipleChoice, order: list[str]) -> list[str]:
        text = {c.id: c.text for c in question.choices}
        return numbered([text[ident] for ident in order]) + [
            "Choose every right answer: type their numbers separated by spaces or commas, for example 1 3."
        ]

    def answer_help(self, question: MultipleChoice) -> list[tuple[str, str]]:
        return [("1 3", "choose answers 1 and 3 (numbers separated by spaces or commas)")]

    def parse(self, question: MultipleChoice, text: str, order: list[str]) -> list[str]:
        chosen = numbers(text, len(order), "Type numbers from 1 to {n}, separated by spaces or commas.")
        return [order[n - 1] for n in dict.fromkeys(chosen)]


register(MultipleAnswers())
