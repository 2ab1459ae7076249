"""Answer keys, question by question, even in a quiz that fails validation elsewhere.

Each ``[[question]]`` is validated on its own; where only shared keys are wrong (a missing
``explanation``, an unknown key) they are patched with placeholders, so the key itself is still
checked (E203, E204, E206) in the same run as the schema errors.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from pydantic import TypeAdapter, ValidationError

from course.loading.declared import tables
from course.loading.toml_errors import clean_loc
from course.loading.value_words import show, value_at
from quizzes.questions import Question
from quizzes.types import KeyIssue, question_type

# What each kind of answer-key problem a question type reports is called in findings.
KEY_ISSUE_CODES = {"dangling": "E203", "duplicate": "E204", "bad_pattern": "E206"}
# Keys every question has that say nothing about its answer key: a stand-in lets the key be checked.
PLACEHOLDERS: dict[str, Any] = {"id": "x", "prompt": "x", "explanation": "x", "objective": "x", "points": 1.0, "case": ""}
ROUNDS = 3

_QUESTION: TypeAdapter[Question] = TypeAdapter(Question)


def question_model(raw: dict[str, Any]) -> Question | None:
    """``raw`` as a question, shared keys patched where they are wrong; ``None`` when its key is wrong."""
    candidate = dict(raw)
    for _ in range(ROUNDS):
        try:
            return _QUESTION.validate_python(candidate, strict=True)
        except ValidationError as error:
            for item in error.errors(include_input=False, include_url=False):
                loc = clean_loc(item["loc"], candidate)
                if len(loc) != 1:
                    return None
                if item["type"] == "extra_forbidden":
                    candidate.pop(loc[0], None)
                elif loc[0] in PLACEHOLDERS:
                    candidate[loc[0]] = PLACEHOLDERS[loc[0]]
                else:
                    return None
    return None


def key_issues(quiz: dict[str, Any], skip: Container[int] = ()) -> list[tuple[tuple[Any, ...], str, str]]:
    """Every answer-key problem of a quiz's data: (key path, code, message); questions in ``skip``
    (those that lost a line to a syntax error) are left out."""
    found = []
    for n, raw in tables(quiz, "question"):
        question = question_model(raw) if n not in skip else None
        if question is None:
            continue
        for issue in question_type(question).key_issues(question):
            message = _with_advice(raw, issue)
            found.append((("question", n) + tuple(issue.where), KEY_ISSUE_CODES[issue.kind], message))
    return found


def _with_advice(raw: dict[str, Any], issue: KeyIssue) -> str:
    """The issue's message; for an answer that is a choice's text, the choice id to use instead."""
    if issue.kind != "dangling":
        return issue.message
    answer = value_at(raw, tuple(issue.where))
    for _, choice in tables(raw, "choices"):
        text, cid = choice.get("text"), choice.get("id")
        typed = isinstance(answer, str) and isinstance(text, str) and isinstance(cid, str)
        if typed and " ".join(str(text).casefold().split()) == " ".join(str(answer).casefold().split()):
            return f"answer '{show(answer)}' is the text of choice '{show(cid)}'; answers name choice ids: use '{show(cid)}'"
    return issue.message
