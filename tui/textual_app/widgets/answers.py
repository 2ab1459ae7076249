"""One answer widget per question type. Each gives the learner's ``response`` in the form
:func:`quizzes.grading.grade` expects, can show a saved response, and can be locked once graded.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, SelectionList
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from quizzes.attempt_plan import option_order
from quizzes.questions import Matching, MultipleChoice, Numeric, Ordering, Question, ShortText, SingleChoice, TrueFalse
from tui.textual_app.safe_text import plain


class AnswerWidget(Vertical):
    """Base class: a widget that collects one response."""

    DEFAULT_CSS = "AnswerWidget { height: auto; }"

    class Ready(Message):
        """The learner finished choosing (picked an option, pressed Enter): the answer can be checked."""

    def response(self) -> Any | None:
        """The learner's response, or ``None`` while nothing is chosen (each subclass reads its control)."""
        return None

    def show(self, response: Any) -> None:
        """Display a saved response (each subclass sets its control)."""

    def freeze(self) -> None:
        """Stop further changes (after grading)."""
        self.disabled = True

    def focus_input(self) -> None:
        """Give the keyboard to the main control."""
        self.query(Widget).filter(".answer-control").first().focus()


class ChoiceAnswer(AnswerWidget):
    """Single choice and true/false: one option, picked with Enter or a click."""

    def __init__(self, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.options = options
        self.chosen: str | None = None

    def compose(self) -> ComposeResult:
        yield OptionList(*self._options(), classes="answer-control", markup=False)

    def _options(self) -> list[Option]:
        return [Option(plain(("◉ " if ident == self.chosen else "○ ") + text), id=ident) for ident, text in self.options]

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

    def response(self) -> Any | None:
        return self.chosen

    def show(self, response: Any) -> None:
        self.chosen = response if isinstance(response, str) else None
        self._redraw()


class TrueFalseAnswer(ChoiceAnswer):
    """True or false, as two options."""

    def __init__(self) -> None:
        super().__init__([("true", "True"), ("false", "False")])

    def response(self) -> Any | None:
        return None if self.chosen is None else self.chosen == "true"

    def show(self, response: Any) -> None:
        super().show("true" if response is True else "false" if response is False else None)


class MultipleAnswer(AnswerWidget):
    """Select every right choice with Space or clicks."""

    def __init__(self, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        yield SelectionList[str](*(Selection(plain(text), ident) for ident, text in self.options), classes="answer-control")

    def response(self) -> Any | None:
        selected = self.query_one(SelectionList).selected
        return list(selected) if selected else None

    def show(self, response: Any) -> None:
        selection_list = self.query_one(SelectionList)
        selection_list.deselect_all()
        for ident in response or []:
            selection_list.select(ident)


class OrderAnswer(AnswerWidget):
    """Put items in order: highlight one and move it with Shift+Up/Down or the buttons."""

    BINDINGS = [
        Binding("shift+up", "move(-1)", "Move up", id="answer.move_up"),
        Binding("shift+down", "move(1)", "Move down", id="answer.move_down"),
    ]
    DEFAULT_CSS = "OrderAnswer Horizontal { height: auto; } OrderAnswer Button { margin-right: 1; }"

    def __init__(self, items: list[tuple[str, str]]) -> None:
        super().__init__()
        self.items = list(items)
        self.touched = False

    def compose(self) -> ComposeResult:
        yield OptionList(*self._options(), classes="answer-control", markup=False)
        with Horizontal():
            yield Button("↑ Move up", id="move-up")
            yield Button("↓ Move down", id="move-down")

    def _options(self) -> list[Option]:
        return [Option(plain(f"{n}. {text}"), id=ident) for n, (ident, text) in enumerate(self.items, start=1)]

    def action_move(self, step: int) -> None:
        """Move the highlighted item up (-1) or down (+1)."""
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        if index is None or not 0 <= index + step < len(self.items):
            return
        self.items[index], self.items[index + step] = self.items[index + step], self.items[index]
        self.touched = True
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

    def response(self) -> Any | None:
        return [ident for ident, _ in self.items]

    def show(self, response: Any) -> None:
        by_id = dict(self.items)
        if isinstance(response, list) and sorted(response) == sorted(by_id):
            self.items = [(ident, by_id[ident]) for ident in response]
            option_list = self.query_one(OptionList)
            option_list.clear_options()
            option_list.add_options(self._options())


class MatchAnswer(AnswerWidget):
    """Match each left-hand entry to a right-hand one with a drop-down."""

    DEFAULT_CSS = """
    MatchAnswer .match-row { height: auto; }
    MatchAnswer .match-left { width: 1fr; padding: 1 1 0 0; }
    MatchAnswer Select { width: 1fr; }
    """

    def __init__(self, lefts: list[tuple[str, str]], rights: list[tuple[str, str]]) -> None:
        super().__init__()
        self.lefts = lefts
        self.rights = rights

    def compose(self) -> ComposeResult:
        for n, (ident, text) in enumerate(self.lefts):
            with Horizontal(classes="match-row"):
                yield Label(plain(text), classes="match-left", markup=False)
                classes = "answer-control" if n == 0 else ""
                yield Select(((plain(right), rid) for rid, right in self.rights), prompt="Choose…", id=f"match-{ident}", classes=classes)

    def response(self) -> Any | None:
        chosen = {}
        for ident, _ in self.lefts:
            value = self.query_one(f"#match-{ident}", Select).value
            if value is not Select.NULL:
                chosen[ident] = value
        return chosen or None

    def show(self, response: Any) -> None:
        if isinstance(response, dict):
            for ident, _ in self.lefts:
                if response.get(ident) in dict(self.rights):
                    self.query_one(f"#match-{ident}", Select).value = response[ident]


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
        if event.value.strip():
            self.post_message(self.Ready())

    def response(self) -> Any | None:
        value = self.query_one(Input).value
        return value if value.strip() else None

    def show(self, response: Any) -> None:
        self.query_one(Input).value = "" if response is None else str(response)


def answer_widget(question: Question, seed: int, shuffle_choices: bool) -> AnswerWidget:
    """The answer widget for ``question``, its options in the attempt's order."""
    order = option_order(question, seed, shuffle_choices)
    if isinstance(question, (SingleChoice, MultipleChoice)):
        text = {c.id: c.text for c in question.choices}
        options = [(ident, text[ident]) for ident in order]
        return ChoiceAnswer(options) if isinstance(question, SingleChoice) else MultipleAnswer(options)
    if isinstance(question, TrueFalse):
        return TrueFalseAnswer()
    if isinstance(question, Ordering):
        text = {i.id: i.text for i in question.items}
        return OrderAnswer([(ident, text[ident]) for ident in order])
    if isinstance(question, Matching):
        rights = {p.id: p.right for p in question.pairs}
        return MatchAnswer([(p.id, p.left) for p in question.pairs], [(ident, rights[ident]) for ident in order])
    if isinstance(question, ShortText):
        return TextAnswer("Type your answer and press Enter")
    if isinstance(question, Numeric):
        unit = f" (in {question.unit})" if question.unit else ""
        return TextAnswer(f"Type a number{unit} and press Enter", numeric=True)
    raise TypeError(f"no answer widget for {type(question).__name__}")
