"""``multiple``: select every right choice with Space or clicks (:class:`MultipleAnswer`)."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.selection_list import Selection

from quizzes.questions import MultipleChoice
from quizzes.types import Response
from tui.textual_app.safe_text import plain
from tui.textual_app.widgets.answers.base import AnswerWidget, WidgetAdapter, register


class WrappingSelectionList(SelectionList[str]):
    """A selection list whose choices wrap onto as many lines as they need (never cut with "…").

    Textual's ``SelectionList`` is ``nowrap`` with an ellipsis, and its ``render_line`` assumes one line
    per option (the button of line ``y`` is option ``y``'s). Here each line is mapped to its option
    through the option list's line table: the button on an option's first line, a blank gutter below.
    """

    DEFAULT_CSS = """
    WrappingSelectionList {
        text-wrap: wrap;
        text-overflow: fold;
    }
    """

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)  # the prompt, wrapped; the gutter is added here
        try:
            index, line_offset = self._lines[self.scroll_offset.y + y]
            selection = self.get_option_at_index(index)
        except (IndexError, LookupError):
            return line
        component_style = "selection-list--button"
        if selection.value in self._selected:
            component_style += "-selected"
        if self.highlighted == index:
            component_style += "-highlighted"
        underlying_style = next(iter(line)).style or self.rich_style
        button_style = self.get_component_rich_style(component_style) + Style(meta={"option": index})
        side_style = Style.from_color(button_style.bgcolor, underlying_style.bgcolor) + Style(meta={"option": index})
        if line_offset:
            gutter = len(ToggleButton.BUTTON_LEFT + ToggleButton.BUTTON_INNER + ToggleButton.BUTTON_RIGHT)
            segments = [Segment(" " * gutter, style=underlying_style + Style(meta={"option": index}))]
        else:
            segments = [
                Segment(ToggleButton.BUTTON_LEFT, style=side_style),
                Segment(ToggleButton.BUTTON_INNER, style=button_style),
                Segment(ToggleButton.BUTTON_RIGHT, style=side_style),
            ]
        return Strip([*segments, Segment(" ", style=underlying_style), *line])


class MultipleAnswer(AnswerWidget):
    """Select every right choice with Space or clicks."""

    def __init__(self, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        yield WrappingSelectionList(*(Selection(plain(text), ident) for ident, text in self.options), classes="answer-control")

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
