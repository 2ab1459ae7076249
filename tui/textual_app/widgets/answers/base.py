"""The answer widget contract, the adapter contract (question -> widget) and the adapter registry."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Generic, TypeVar

from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget

from quizzes.questions import QuestionBase
from quizzes.types import Response

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


_ADAPTERS: dict[str, WidgetAdapter[Any]] = {}

A = TypeVar("A", bound=WidgetAdapter[Any])


def register(adapter: A, replace: bool = False) -> A:
    """Make ``adapter`` the Textual app's way with questions whose ``type`` is ``adapter.name``; returns it."""
    if adapter.name in _ADAPTERS and not replace:
        raise ValueError(f"an answer widget adapter for {adapter.name!r} is already registered")
    _ADAPTERS[adapter.name] = adapter
    return adapter


def unregister(name: str) -> None:
    """Forget the adapter for ``name``."""
    _ADAPTERS.pop(name, None)


def registered() -> tuple[str, ...]:
    """The ``type`` strings that have an answer widget adapter."""
    return tuple(_ADAPTERS)


def adapter_for(question: QuestionBase) -> WidgetAdapter[Any]:
    """The adapter for ``question``'s type; ``TypeError`` if there is none."""
    adapter = _ADAPTERS.get(str(getattr(question, "type", "")))
    if adapter is None:
        raise TypeError(f"no answer widget for {type(question).__name__}")
    return adapter
