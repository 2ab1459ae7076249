"""``numeric``: a typed number; Enter submits it (a :class:`TextAnswer` that says the unit)."""

from __future__ import annotations

from quizzes.questions import Numeric
from tui.textual_app.widgets.answers.base import AnswerWidget, WidgetAdapter, register
from tui.textual_app.widgets.answers.text import TextAnswer


class NumericWidgets(WidgetAdapter[Numeric]):
    name = "numeric"

    def widget(self, question: Numeric, order: list[str]) -> AnswerWidget:
        unit = f" (in {question.unit})" if question.unit else ""
        return TextAnswer(f"Type a number{unit} and press Enter", numeric=True)


register(NumericWidgets())
