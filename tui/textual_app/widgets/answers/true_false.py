"""``true_false``: True and False as two options (:class:`TrueFalseAnswer`)."""

from __future__ import annotations

from quizzes.questions import TrueFalse
from quizzes.types import Response
from tui.textual_app.widgets.answers.base import AnswerWidget, WidgetAdapter, register
from tui.textual_app.widgets.answers.single import ChoiceAnswer


class TrueFalseAnswer(ChoiceAnswer):
    """True or false, as two options."""

    def __init__(self) -> None:
        super().__init__([("true", "True"), ("false", "False")])

    def response(self) -> Response | None:
        return None if self.chosen is None else self.chosen == "true"

    def show(self, response: object) -> None:
        super().show("true" if response is True else "false" if response is False else None)


class TrueFalseWidgets(WidgetAdapter[TrueFalse]):
    name = "true_false"

    def widget(self, question: TrueFalse, order: list[str]) -> AnswerWidget:
        return TrueFalseAnswer()


register(TrueFalseWidgets())
