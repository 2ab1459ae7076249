"""The contract of a plain-mode answer adapter, their registry, and what several adapters share."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Any, Generic, TypeVar

from quizzes.questions import QuestionBase
from quizzes.types import Response
from quizzes.types.registry import TypeRegistry
from tui.plain.text import wrap

LETTERS = "abcdefghijklmnopqrstuvwxyz"

Q = TypeVar("Q", bound=QuestionBase)


class BadAnswer(ValueError):
    """Typed input that is not a valid answer; the message says what to type instead."""


class PlainAdapter(ABC, Generic[Q]):
    """How plain mode shows one question type and reads a typed reply to it."""

    name: str
    """The ``type`` string of the questions this adapter handles."""

    @abstractmethod
    def option_lines(self, question: Q, order: list[str]) -> list[str]:
        """The lines below the prompt: the options (in ``order``) and what to type."""

    @abstractmethod
    def answer_help(self, question: Q) -> list[tuple[str, str]]:
        """The "commands" at the answer prompt: how to answer this type of question."""

    @abstractmethod
    def parse(self, question: Q, text: str, order: list[str]) -> Response:
        """The response for ``text`` (stripped, never empty); ``BadAnswer`` saying what to type if invalid."""


_ADAPTERS: TypeRegistry[PlainAdapter[Any]] = TypeRegistry("plain-mode adapter")
register = _ADAPTERS.register
unregister = _ADAPTERS.unregister
registered = _ADAPTERS.registered
adapter_for = _ADAPTERS.for_question


def numbered(texts: list[str]) -> list[str]:
    """``1. text`` lines, wrapped under their text."""
    return [wrap(f"{n}. {text}", subsequent_indent="   ") for n, text in enumerate(texts, start=1)]


def numbers(text: str, count: int, message: str) -> list[int]:
    """The numbers (1..``count``) typed in ``text``; ``BadAnswer`` with ``message`` (``{n}`` = count) if not."""
    tokens = [t for t in re.split(r"[\s,;]+", text) if t]
    if not tokens or not all(t.isdigit() for t in tokens):
        raise BadAnswer(message.format(n=count))
    values = [int(t) for t in tokens]
    for number in values:
        if not 1 <= number <= count:
            raise BadAnswer(f"There is no number {number}. " + message.format(n=count))
    return values
