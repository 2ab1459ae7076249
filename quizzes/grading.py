"""Grade a learner's response to a question. Pure and deterministic.

Each type's rules live in its own module under :mod:`quizzes.types`; these functions dispatch to
them. Responses by type: ``single`` a choice id; ``multiple`` a list of choice ids; ``true_false`` a
bool; ``order`` a list of item ids; ``match`` a dict of pair id (left) -> pair id (right chosen);
``text`` a string; ``numeric`` a number or a numeric string.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizzes.questions import QuestionBase
from quizzes.types import Response, question_type
from quizzes.types.numeric import parse_number
from quizzes.types.text import normalise_text

__all__ = ["Grade", "choice_feedback", "correct_response", "grade", "normalise_text", "parse_number"]


@dataclass(frozen=True)
class Grade:
    """The outcome of one answer: points earned out of the question's points."""

    score: float
    max_score: float
    correct: bool
    feedback: tuple[str, ...] = ()


def grade(question: QuestionBase, response: object) -> Grade:
    """Grade ``response`` to ``question``; a malformed response scores zero instead of raising."""
    qtype = question_type(question)
    typed = qtype.parse(question, response)
    fraction: float = 0.0 if typed is None else qtype.fraction(question, typed)
    fraction = min(1.0, max(0.0, fraction))
    correct = fraction >= 1.0 - 1e-9
    score = question.points if correct else min(question.points, round(question.points * fraction, 6))
    return Grade(score, question.points, correct, choice_feedback(question, response))


def choice_feedback(question: QuestionBase, response: object) -> tuple[str, ...]:
    """The author's feedback for what the learner picked (per choice; true/false per answer)."""
    qtype = question_type(question)
    typed = qtype.parse(question, response)
    feedback: tuple[str, ...] = () if typed is None else qtype.feedback(question, typed)
    return feedback


def correct_response(question: QuestionBase) -> Response:
    """The response that scores full marks (used to show the right answer)."""
    response: Response = question_type(question).correct_response(question)
    return response
