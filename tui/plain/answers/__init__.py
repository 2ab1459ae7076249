"""Questions as text and answers from text: how plain mode shows each question type and reads a reply.

Each type has one adapter module here (:class:`PlainAdapter`, registered by ``type``); these
functions dispatch to them and add what every type shares (the case and prompt, feedback).
"""

from __future__ import annotations

from quizzes.describe import describe_key, describe_response
from quizzes.grading import grade
from quizzes.questions import QuestionBase
from quizzes.scoring import points_phrase
from quizzes.types import Response
from tui.plain.answers.base import (
    LETTERS,
    BadAnswer,
    PlainAdapter,
    adapter_for,
    register,
    registered,
    unregister,
)
from tui.plain.text import WIDTH, wrap

# The built-in adapters register themselves on import.
from tui.plain.answers import (  # noqa: F401  # isort: skip
    match as _match,
    multiple as _multiple,
    numeric as _numeric,
    order as _order,
    single as _single,
    text as _text,
    true_false as _true_false,
)

__all__ = [
    "LETTERS",
    "BadAnswer",
    "PlainAdapter",
    "adapter_for",
    "answer_help",
    "describe",
    "feedback_lines",
    "parse_response",
    "question_lines",
    "register",
    "registered",
    "unregister",
]


def question_lines(question: QuestionBase, order: list[str]) -> list[str]:
    """A question as lines: the case, the prompt, numbered options and what to type."""
    lines: list[str] = []
    if question.case:
        lines.append(wrap("Case: " + question.case))
    lines.append(wrap(question.prompt))
    lines += adapter_for(question).option_lines(question, order)
    return [wrap(line) if len(line) > WIDTH and "\n" not in line else line for line in lines]


def answer_help(question: QuestionBase) -> list[tuple[str, str]]:
    """The "commands" at an answer prompt: how to answer this type of question."""
    return adapter_for(question).answer_help(question)


def parse_response(question: QuestionBase, text: str, order: list[str]) -> Response:
    """The response the app would record for ``text`` typed at this question; ``BadAnswer`` if invalid.

    ``order`` is the order the options were shown in (choice, item or right-hand pair ids).
    """
    text = text.strip()
    if not text:
        raise BadAnswer("Type an answer first.")
    return adapter_for(question).parse(question, text, order)


def feedback_lines(question: QuestionBase, response: object, score: float, max_score: float, correct: bool) -> list[str]:
    """Right or wrong, partial credit, per-choice feedback, the right answer and the explanation."""
    if correct:
        lines = ["Correct."]
    elif score > 0:
        lines = [f"Partly right: {points_phrase(score, max_score)}."]
    else:
        lines = ["Not quite."]
    lines += [wrap(text) for text in grade(question, response).feedback]
    if not correct:
        lines.append(wrap("Your answer: " + describe(question, response)))
        lines.append(wrap("Right answer: " + describe_key(question).replace(" → ", ", then ")))
    lines.append(wrap("Why: " + question.explanation))
    return lines


def describe(question: QuestionBase, response: object) -> str:
    """A response in words, read aloud well: "A, then B" rather than arrows, "no answer" for none."""
    text = describe_response(question, response)
    return "no answer" if text == "—" else text.replace(" → ", ", then ")
