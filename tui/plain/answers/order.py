"""Plain mode, ``order``: numbered items (shuffled); the learner types the numbers first to last."""

from __future__ import annotations

import re

from quizzes.questions import Ordering
from tui.plain.answers.base import BadAnswer, PlainAdapter, numbered, numbers, register


def _countdown(count: int) -> str:
    return " ".join(str(n) for n in range(count, 0, -1))


class OrderAnswers(PlainAdapter[Ordering]):
    name = "order"

    def option_lines(self, question: Ordering, order: list[str]) -> list[str]:
        text = {i.id: i.text for i in question.items}
        return numbered([text[ident] for ident in order]) + [
            f"Type the item numbers in the right order, first to last, for example {_countdown(len(order))}."
        ]

    def answer_help(self, question: Ordering) -> list[tuple[str, str]]:
        return [("3 1 2", "the item numbers in the right order, first to last")]

    def parse(self, question: Ordering, text: str, order: list[str]) -> list[str]:
        count = len(order)
        message = f"Type each number from 1 to {count} once, in the right order, for example {_countdown(count)}."
        if count < 10 and re.fullmatch(r"\d+", text) and len(text) == count:
            text = " ".join(text)  # "312" for three items
        chosen = numbers(text, count, message)
        if sorted(chosen) != list(range(1, count + 1)):
            raise BadAnswer(message)
        return [order[n - 1] for n in chosen]


register(OrderAnswers())
