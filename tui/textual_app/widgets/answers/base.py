"""The answer widget contract, the adapter contract (question -> widget) and the adapter registry."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from rich.table import Table
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from quizzes.describe import response_hints, response_problem
from quizzes.questions import QuestionBase
from quizzes.types import Response
from quizzes.types.registry import TypeRegistry
from tui.textual_app.safe_text import plain, plain_text

Q = TypeVar("Q", bound=QuestionBase)


class AnswerWidget(Vertical):
    """Base class: a widget that collects one response."""

    DEFAULT_CSS = """
    AnswerWidget { height: auto; }
    AnswerWidget > .answer-hint { color: $text-warning; margin: 1 0 0 0; }
    """

    question: QuestionBase | None = None
    """The question answered here (set by :func:`answer_widget`); its type says problems and hints."""

    class Ready(Message):
        """The learner finished choosing (picked an option, pressed Enter): the answer can be checked."""

    def response(self) -> Response | None:
        """The learner's response, or ``None`` while nothing is chosen (each subclass reads its control)."""
        return None

    def show(self, response: object) -> None:
        """Display a saved response (each subclass sets its control)."""

    def problem(self) -> str | None:
        """Why the current response cannot be marked as meant ("That is not a number …"), or ``None``."""
        response = self.response()
        return None if self.question is None or response is None else response_problem(self.question, response)

    def hints(self) -> tuple[str, ...]:
        """Advice on the current response that still lets it be checked (a right-hand item chosen twice)."""
        response = self.response()
        return () if self.question is None or response is None else response_hints(self.question, response)

    def show_hint(self, lines: Sequence[str]) -> None:
        """Show ``lines`` (course text: never markup) below the control, or hide the hint when empty."""
        found = self.query(".answer-hint")
        if not lines and not found:
            return
        hint = found.first(Static) if found else None
        if hint is None:
            hint = Static(classes="answer-hint")
            self.mount(hint)
        hint.update(Content("\n").join(plain("⚠ " + line) for line in lines))
        hint.display = bool(lines)

    def freeze(self) -> None:
        """Stop further changes (after grading)."""
        self.disabled = True

    def focus_input(self, scroll_visible: bool = True) -> None:
        """Give the keyboard to the main control (``scroll_visible``: and scroll it into view, later)."""
        self.query(Widget).filter(".answer-control").first().focus(scroll_visible=scroll_visible)


class WidgetAdapter(ABC, Generic[Q]):
    """How the Textual app asks one question type: the answer widget for a question."""

    name: str
    """The ``type`` string of the questions this adapter handles."""

    @abstractmethod
    def widget(self, question: Q, order: list[str]) -> AnswerWidget:
        """The answer widget for ``question``, its options in ``order`` (choice, item or right-hand pair ids)."""


_ADAPTERS: TypeRegistry[WidgetAdapter[Any]] = TypeRegistry("answer widget adapter")
register = _ADAPTERS.register
unregister = _ADAPTERS.unregister
registered = _ADAPTERS.registered
adapter_for = _ADAPTERS.for_question


def hanging(marker: str, text: str) -> Table:
    """An option's prompt: ``marker`` ("○ ", "2. ") then the course ``text`` (inert), wrapped under
    the text rather than under the marker, so a long choice reads as one block."""
    grid = Table.grid()
    grid.add_column(width=len(marker), no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(marker, plain_text(text))
    return grid
