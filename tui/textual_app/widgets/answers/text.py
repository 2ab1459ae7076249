"""``text``: a typed answer; Enter submits it (:class:`TextAnswer`, shared with numeric)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from quizzes.questions import ShortText
from quizzes.types import Response
from tui.textual_app.widgets.answers.base import AnswerWidget, WidgetAdapter, register


class TextAnswer(AnswerWidget):
    """A typed answer; Enter submits it."""

    def __init__(self, placeholder: str, numeric: bool = False) -> None:
        super().__init__()
        self.placeholder = placeholder
        self.numeric = numeric

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.placeholder, classes="answer-control")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            return
        problem = self.problem()
        self.show_hint([problem] if problem else [])
        if problem is None:
            self.post_message(self.Ready())

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show_hint([])  # a hint about what was typed before no longer applies

    def response(self) -> Response | None:
        value = self.query_one(Input).value
        return value if value.strip() else None

    def show(self, response: object) -> None:
        self.query_one(Input).value = "" if response is None else str(response)


class TextWidgets(WidgetAdapter[ShortText]):
    name = "text"

    def widget(self, question: ShortText, order: list[str]) -> AnswerWidget:
        return TextAnswer("Type your answer and press Enter")


register(TextWidgets())
