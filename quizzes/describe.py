"""Say a response in words: for feedback ("your answer", "the right answer") and for reviews, and
what to tell the learner about a response before it is marked (a problem, hints).

Each type says its own (:meth:`quizzes.types.QuestionType.describe_response`, ``describe_key``,
``problem``, ``hints``), so both front ends say the same.
"""

from __future__ import annotations

from quizzes.questions import QuestionBase
from quizzes.types import question_type


def describe_response(question: QuestionBase, response: object) -> str:
    """``response`` to ``question`` as readable text ("—" when there is none or it is malformed)."""
    if response is None:
        return "—"
    qtype = question_type(question)
    typed = qtype.parse(question, response)
    text: str = "—" if typed is None else qtype.describe_response(question, typed)
    return text


def describe_key(question: QuestionBase) -> str:
    """The right answer as readable text."""
    text: str = question_type(question).describe_key(question)
    return text


def response_problem(question: QuestionBase, response: object) -> str | None:
    """Why ``response`` cannot be marked as meant ("That is not a number …"), or ``None``: the front
    ends say this and ask again rather than grading it."""
    if response is None:
        return None
    qtype = question_type(question)
    typed = qtype.parse(question, response)
    problem: str | None = None if typed is None else qtype.problem(question, typed)
    return problem


def response_hints(question: QuestionBase, response: object) -> tuple[str, ...]:
    """Advice on a response that can be marked but is surely not meant (a right-hand item chosen twice)."""
    if response is None:
        return ()
    qtype = question_type(question)
    typed = qtype.parse(question, response)
    hints: tuple[str, ...] = () if typed is None else tuple(qtype.hints(question, typed))
    return hints
