"""``multiple``: select every right choice with Space or clicks (:class:`MultipleAnswer`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from quizzes.questions import MultipleChoice
from quizzes.types import Response
from tui.textual_app.safe_text import plain
from tui.textual_app.widgets.answers.base import AnswerWidget, WidgetAdapter, register


class MultipleAnswer(AnswerWidget):
    """Select every right choice with Space or clicks."""

    def __init__(self, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        yield SelectionList[str](*(Selection(plain(text), ident) for ident, text in self.options), classes="answer-control")

    def response(self) -> Response | None:
        selected = self.query_one(SelectionList).selected
        return list(selected) if selected else None

    def show(self, response: object) -> None:
        selection_list = self.query_one(SelectionList)
        selection_list.deselect_all()
        for ident in response or []:  # type: ignore[attr-defined]
            selection_list.select(ident)


class MultipleWidgets(WidgetAdapter[MultipleChoice]):
    name = "multiple"

    def widget(self, question: MultipleChoice, order: list[str]) -> AnswerWidget:
        text = {c.id: c.text for c in question.choices}
        return MultipleAnswer([(ident, text[ident]) for ident in order])


register(MultipleWidgets())
