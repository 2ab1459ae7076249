"""Say a response in words: for feedback ("your answer", "the right answer") and for reviews.

Each type says its own responses (:meth:`quizzes.types.QuestionType.describe_response`).
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
