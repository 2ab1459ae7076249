"""``order``: put items in order with Shift+Up/Down or the buttons (:class:`OrderAnswer`)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button, OptionList
from textual.widgets.option_list import Option

from quizzes.questions import Ordering
from quizzes.types import Response
from tui.textual_app.widgets.answers.base import AnswerWidget, WidgetAdapter, hanging, register


class OrderAnswer(AnswerWidget):
    """Put items in order: highlight one and move it with Shift+Up/Down or the buttons."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+up", "move(-1)", "Move up", id="answer.move_up"),
        Binding("shift+down", "move(1)", "Move down", id="answer.move_down"),
    ]
    DEFAULT_CSS = "OrderAnswer Horizontal { height: auto; } OrderAnswer Button { margin-right: 1; }"

    def __init__(self, items: list[tuple[str, str]]) -> None:
        super().__init__()
        self.items = list(items)

    def compose(self) -> ComposeResult:
        yield OptionList(*self._options(), classes="answer-control", markup=False)
        with Horizontal():
            yield Button("↑ Move up", id="move-up")
            yield Button("↓ Move down", id="move-down")

    def _options(self) -> list[Option]:
        marker_width = len(f"{len(self.items)}. ")
        return [
            Option(hanging(f"{n}. ".ljust(marker_width), text), id=ident) for n, (ident, text) in enumerate(self.items, start=1)
        ]

    def action_move(self, step: int) -> None:
        """Move the highlighted item up (-1) or down (+1)."""
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        if index is None or not 0 <= index + step < len(self.items):
            return
        self.items[index], self.items[index + step] = self.items[index + step], self.items[index]
        option_list.clear_options()
        option_list.add_options(self._options())
        option_list.highlighted = index + step

    @on(Button.Pressed, "#move-up")
    def _up(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_move(-1)

    @on(Button.Pressed, "#move-down")
    def _down(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_move(1)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()

    def response(self) -> Response | None:
        return [ident for ident, _ in self.items]

    def show(self, response: object) -> None:
        by_id = dict(self.items)
        if isinstance(response, list) and sorted(response) == sorted(by_id):
            self.items = [(ident, by_id[ident]) for ident in response]
            option_list = self.query_one(OptionList)
            option_list.clear_options()
            option_list.add_options(self._options())


class OrderWidgets(WidgetAdapter[Ordering]):
    name = "order"

    def widget(self, question: Ordering, order: list[str]) -> AnswerWidget:
        text = {i.id: i.text for i in question.items}
        return OrderAnswer([(ident, text[ident]) for ident in order])


register(OrderWidgets())
