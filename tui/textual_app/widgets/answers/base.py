"""The answer widget contract, the adapter contract (question -> widget) and the adapter registry."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Generic, TypeVar

from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget

from quizzes.questions import QuestionBase
from quizzes.types import Response
from quizzes.types.registry import TypeRegistry

Q = TypeVar("Q", bound=QuestionBase)


class AnswerWidget(Vertical):
    """Base class: a widget that collects one response."""

    DEFAULT_CSS = "AnswerWidget { height: auto; }"

    class Ready(Message):
        """The learner finished choosing (picked an option, pressed Enter): the answer can be checked."""

    def response(self) -> Response | None:
        """The learner's response, or ``None`` while nothing is chosen (each subclass reads its control)."""
        return None

    def show(self, response: object) -> None:
        """Display a saved response (each subclass sets its control)."""

    def freeze(self) -> None:
        """Stop further changes (after grading)."""
        self.disabled = True

    def focus_input(self) -> None:
        """Give the keyboard to the main control."""
        self.query(Widget).filter(".answer-control").first().focus()


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
