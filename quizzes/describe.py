"""Say a response in words: for feedback ("your answer", "the right answer") and for reviews."""

from __future__ import annotations

from typing import Any

from quizzes.questions import Matching, MultipleChoice, Numeric, Ordering, Question, ShortText, SingleChoice, TrueFalse


def describe_response(question: Question, response: Any) -> str:
    """``response`` to ``question`` as readable text ("—" when there is none)."""
    if response is None:
        return "—"
    if isinstance(question, (SingleChoice, MultipleChoice)):
        text = {c.id: c.text for c in question.choices}
        picked = [response] if isinstance(response, str) else list(response) if isinstance(response, (list, tuple)) else []
        return "; ".join(text.get(str(p), str(p)) for p in picked) or "—"
    if isinstance(question, TrueFalse):
        return "True" if response is True else "False" if response is False else "—"
    if isinstance(question, Ordering):
        text = {i.id: i.text for i in question.items}
        return " → ".join(text.get(str(p), str(p)) for p in response) if isinstance(response, list) else "—"
    if isinstance(question, Matching):
        if not isinstance(response, dict):
            return "—"
        left = {p.id: p.left for p in question.pairs}
        right = {p.id: p.right for p in question.pairs}
        return "; ".join(f"{left.get(k, k)} = {right.get(str(v), v)}" for k, v in response.items())
    if isinstance(question, ShortText):
        return str(response)
    if isinstance(question, Numeric):
        return f"{response} {question.unit}".strip()
    return str(response)


def describe_key(question: Question) -> str:
    """The right answer as readable text."""
    if isinstance(question, SingleChoice):
        return describe_response(question, question.answer)
    if isinstance(question, MultipleChoice):
        return describe_response(question, list(question.answers))
    if isinstance(question, TrueFalse):
        return describe_response(question, question.answer)
    if isinstance(question, Ordering):
        return describe_response(question, [i.id for i in question.items])
    if isinstance(question, Matching):
        return describe_response(question, {p.id: p.id for p in question.pairs})
    if isinstance(question, ShortText):
        return " / ".join(question.accept)
    if isinstance(question, Numeric):
        unit = f" {question.unit}" if question.unit else ""
        if question.value is not None:
            tolerance = f" (± {question.tolerance:g})" if question.tolerance else ""
            return f"{question.value:g}{unit}{tolerance}"
        return f"between {question.min:g} and {question.max:g}{unit}"
    return "—"
