"""What single- and multiple-choice questions share: picked ids, per-choice feedback, descriptions."""

from __future__ import annotations

import random

from quizzes.questions import MultipleChoice, SingleChoice
from quizzes.types.base import ChoiceId, KeyIssue, duplicates

ChoiceQuestion = SingleChoice | MultipleChoice


def picked_ids(value: object) -> list[ChoiceId]:
    """The choice ids in a list, tuple or set (anything else in it is ignored); ``[]`` for other values."""
    if isinstance(value, (list, tuple, set)):
        return [item for item in value if isinstance(item, str)]
    return []


def choice_feedback(question: ChoiceQuestion, picked: list[ChoiceId]) -> tuple[str, ...]:
    """The author's feedback for the picked choices, in authored order."""
    chosen = set(picked)
    return tuple(c.feedback for c in question.choices if c.id in chosen and c.feedback)


def describe_choices(question: ChoiceQuestion, picked: list[ChoiceId]) -> str:
    """The picked choices' texts joined by "; " ("—" for none)."""
    text = {c.id: c.text for c in question.choices}
    return "; ".join(text.get(p, p) for p in picked) or "—"


def choice_order(question: ChoiceQuestion, rng: random.Random, shuffle: bool) -> list[ChoiceId]:
    """The choices, shuffled when ``shuffle`` (see :meth:`quizzes.types.QuestionType.shuffles`)."""
    ids = [c.id for c in question.choices]
    if shuffle:
        rng.shuffle(ids)
    return ids


def dangling_answers(question: ChoiceQuestion, answers: list[tuple[tuple[str | int, ...], ChoiceId]]) -> list[KeyIssue]:
    """Duplicate choice ids, then every answer (at its key) that names no choice."""
    ids = [c.id for c in question.choices]
    issues = duplicates("choices", ids, "choice id")
    known = ", ".join(sorted(set(ids)))
    for where, answer in answers:
        if answer not in ids:
            issues.append(KeyIssue("dangling", where, f"answer '{answer}' points at no choice (choices: {known})"))
    return issues
