"""Grade a learner's response to a question. Pure and deterministic.

Responses by type: ``single`` a choice id; ``multiple`` a list of choice ids; ``true_false`` a bool;
``order`` a list of item ids; ``match`` a dict of pair id (left) -> pair id (right chosen);
``text`` a string; ``numeric`` a number or a numeric string.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from quizzes.questions import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Question,
    ShortText,
    SingleChoice,
    TrueFalse,
)


@dataclass(frozen=True)
class Grade:
    """The outcome of one answer: points earned out of the question's points."""

    score: float
    max_score: float
    correct: bool
    feedback: tuple[str, ...] = ()


def grade(question: Question, response: Any) -> Grade:
    """Grade ``response`` to ``question``; a malformed response scores zero instead of raising."""
    fraction = _fraction(question, response)
    fraction = min(1.0, max(0.0, fraction))
    correct = fraction >= 1.0 - 1e-9
    score = question.points if correct else min(question.points, round(question.points * fraction, 6))
    return Grade(score, question.points, correct, choice_feedback(question, response))


def normalise_text(text: str, case_sensitive: bool = False) -> str:
    """NFKC, case-folded (unless case-sensitive), punctuation and symbols as spaces, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text)
    if not case_sensitive:
        text = text.casefold()
    text = "".join(" " if unicodedata.category(ch).startswith(("P", "S")) else ch for ch in text)
    return " ".join(text.split())


def parse_number(response: Any) -> float | None:
    """A float from a number or a string such as ``"1,5"`` or ``" 3 "``; ``None`` if it is not one."""
    if isinstance(response, bool):
        return None
    if isinstance(response, (int, float)):
        value = float(response)
    elif isinstance(response, str):
        cleaned = response.strip().replace(",", ".").replace(" ", "")
        try:
            value = float(cleaned)
        except ValueError:
            return None
    else:
        return None
    return value if math.isfinite(value) else None


def _fraction(question: Question, response: Any) -> float:
    if isinstance(question, SingleChoice):
        return 1.0 if response == question.answer else 0.0
    if isinstance(question, MultipleChoice):
        if not isinstance(response, (list, tuple, set)):
            return 0.0
        chosen = {c for c in response if isinstance(c, str)}
        right = set(question.answers)
        hits = len(chosen & right)
        misses = len(chosen - right)
        return (hits - misses) / len(right)
    if isinstance(question, TrueFalse):
        return 1.0 if response is question.answer else 0.0
    if isinstance(question, Ordering):
        key = [item.id for item in question.items]
        if not isinstance(response, (list, tuple)) or sorted(map(str, response)) != sorted(key):
            return 0.0
        return sum(a == b for a, b in zip(response, key)) / len(key)
    if isinstance(question, Matching):
        if not isinstance(response, dict):
            return 0.0
        return sum(response.get(pair.id) == pair.id for pair in question.pairs) / len(question.pairs)
    if isinstance(question, ShortText):
        return 1.0 if _text_matches(question, response) else 0.0
    if isinstance(question, Numeric):
        value = parse_number(response)
        if value is None:
            return 0.0
        if question.value is not None and abs(value - question.value) <= question.tolerance + 1e-12:
            return 1.0
        if question.min is not None and question.max is not None and question.min <= value <= question.max:
            return 1.0
        return 0.0
    raise TypeError(f"unknown question type: {type(question).__name__}")


def _text_matches(question: ShortText, response: Any) -> bool:
    if not isinstance(response, str):
        return False
    answer = _squash(response, question.case_sensitive)
    if answer and any(answer == _squash(a, question.case_sensitive) for a in question.accept):
        return True
    if question.pattern:
        flags = 0 if question.case_sensitive else re.IGNORECASE
        try:
            return re.fullmatch(question.pattern, response.strip(), flags) is not None
        except re.error:
            return False
    return False


def _squash(text: str, case_sensitive: bool) -> str:
    """Normalised text with all spacing removed, so "5-HT2A", "5 HT2A" and "5HT2A" compare equal."""
    return normalise_text(text, case_sensitive).replace(" ", "")


def choice_feedback(question: Question, response: Any) -> tuple[str, ...]:
    """The author's per-choice feedback for the choices the learner picked."""
    if isinstance(question, (SingleChoice, MultipleChoice)):
        items = [response] if isinstance(response, str) else list(response) if isinstance(response, (list, tuple, set)) else []
        picked = {item for item in items if isinstance(item, str)}
        return tuple(c.feedback for c in question.choices if c.id in picked and c.feedback)
    if isinstance(question, TrueFalse) and isinstance(response, bool):
        text = question.feedback_true if response else question.feedback_false
        return (text,) if text else ()
    return ()


def correct_response(question: Question) -> Any:
    """The response that scores full marks (used to show the right answer)."""
    if isinstance(question, SingleChoice):
        return question.answer
    if isinstance(question, MultipleChoice):
        return list(question.answers)
    if isinstance(question, TrueFalse):
        return question.answer
    if isinstance(question, Ordering):
        return [item.id for item in question.items]
    if isinstance(question, Matching):
        return {pair.id: pair.id for pair in question.pairs}
    if isinstance(question, ShortText):
        return question.accept[0]
    if isinstance(question, Numeric):
        return question.value if question.value is not None else question.min / 2 + question.max / 2  # type: ignore[operator]
    raise TypeError(f"unknown question type: {type(question).__name__}")
