"""The question types by ``type`` string: :func:`register` one, :func:`question_type` to find one."""

from __future__ import annotations

from typing import Any, TypeVar

from quizzes.questions import QuestionBase
from quizzes.types.base import QuestionType

T = TypeVar("T", bound=QuestionType[Any, Any])

_TYPES: dict[str, QuestionType[Any, Any]] = {}


def register(qtype: T, replace: bool = False) -> T:
    """Make ``qtype`` the behaviour of questions whose ``type`` is ``qtype.name``; returns it."""
    if qtype.name in _TYPES and not replace:
        raise ValueError(f"question type {qtype.name!r} is already registered")
    _TYPES[qtype.name] = qtype
    return qtype


def unregister(name: str) -> None:
    """Forget the type called ``name`` (tests that register their own types clean up with this)."""
    _TYPES.pop(name, None)


def registered() -> tuple[str, ...]:
    """The ``type`` strings of every registered type, in registration order."""
    return tuple(_TYPES)


def question_type(question: QuestionBase) -> QuestionType[Any, Any]:
    """The registered behaviour of ``question``'s type; ``TypeError`` if there is none."""
    name = getattr(question, "type", None)
    qtype = _TYPES.get(name) if isinstance(name, str) else None
    if qtype is None or not isinstance(question, qtype.model):
        raise TypeError(f"unknown question type: {type(question).__name__}")
    return qtype
