"""``single``: one option, picked with Enter or a click (:class:`ChoiceAnswer`, shared with true/false)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from quizzes.questions import SingleChoice
from quizzes.types import Response
from tui.textual_app.widgets.answers.base import AnswerWidget, WidgetAdapter, hanging, register


class ChoiceAnswer(AnswerWidget):
    """Single choice and true/false: one option, picked with Enter or a click."""

    def __init__(self, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.options = options
        self.chosen: str | None = None

    def compose(self) -> ComposeResult:
        yield OptionList(*self._options(), classes="answer-control", markup=False)

    def _options(self) -> list[Option]:
        return [Option(hanging("◉ " if ident == self.chosen else "○ ", text), id=ident) for ident, text in self.options]

    def _redraw(self) -> None:
        option_list = self.query_one(OptionList)
        highlighted = option_list.highlighted
        option_list.clear_options()
        option_list.add_options(self._options())
        option_list.highlighted = highlighted

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.chosen = event.option.id
        self._redraw()
        self.post_message(self.Ready())

    def response(self) -> Response | None:
        return self.chosen

    def show(self, response: object) -> None:
        self.chosen = response if isinstance(response, str) else None
        self._redraw()


class SingleWidgets(WidgetAdapter[SingleChoice]):
    name = "single"

    def widget(self, question: SingleChoice, order: list[str]) -> AnswerWidget:
        text = {c.id: c.text for c in question.choices}
        return ChoiceAnswer([(ident, text[ident]) for ident in order])


register(SingleWidgets())
