"""Plain mode, ``text``: the learner types the answer itself."""

from __future__ import annotations

from quizzes.questions import ShortText
from tui.plain.answers.base import PlainAdapter, register


class TextAnswers(PlainAdapter[ShortText]):
    name = "text"

    def option_lines(self, question: ShortText, order: list[str]) -> list[str]:
        return ["Type your answer."]

    def answer_help(self, question: ShortText) -> list[tuple[str, str]]:
        return [("TEXT", "your answer (a single letter h, m, r or q is read as a command)")]

    def parse(self, question: ShortText, text: str, order: list[str]) -> str:
        return text


register(TextAnswers())
