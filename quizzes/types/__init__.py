"""Question types: one module per ``type`` string, each one :class:`QuestionType` object, registered here.

``question_type(question)`` finds the behaviour of any question; ``register`` adds a type. Grading,
descriptions, option orders and key checks all dispatch through it, so a type's rules live in its
own module only.
"""

from __future__ import annotations

from quizzes.types.base import ChoiceId, KeyIssue, QuestionType, Response
from quizzes.types.registry import question_type, register, registered, unregister

# The built-in types register themselves on import.
from quizzes.types import (  # noqa: F401  # isort: skip
    match as _match,
    multiple as _multiple,
    numeric as _numeric,
    order as _order,
    single as _single,
    text as _text,
    true_false as _true_false,
)

__all__ = ["ChoiceId", "KeyIssue", "QuestionType", "Response", "question_type", "register", "registered", "unregister"]
