"""One builder per GIFT question type: the answer block made into this project's answer key.

Each returns the type's TOML keys, records a warning for what it had to leave out, and raises
:class:`~.texts.Rejected` (an error, or a warning for a question that is not imported).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, TypeVar

from course.authoring.gift.parse import Problem
from course.authoring.gift.syntax import Answer, AnswerBlock, Text
from course.authoring.gift.texts import choice_ids, error, render, render_answer

FULL = 100.0
SLACK = 0.05  # percentage points: %33.33% counts as a third
MAX_OPTIONS = 12
K = TypeVar("K")
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


@dataclass(frozen=True)
class Context:
    """What a builder needs besides the answers: the question's name, its format, where to report."""

    name: str
    fmt: str
    where: tuple[int, int]
    notes: list[Problem]

    def note(self, at: Text | tuple[int, int], code: str, message: str) -> None:
        """Record a warning about this question."""
        line, col = at.locate(0) if isinstance(at, Text) else at
        self.notes.append(Problem(line, col, code, f"question '{self.name}': {message}", "warning"))

    def skip(self, code: str, message: str) -> Exception:
        """The warning for a question that is not imported."""
        return error(self.where, code, f"question '{self.name}' is not imported: {message}", "warning")

    def fail(self, at: Text | tuple[int, int], code: str, message: str) -> Exception:
        """The error for a question written wrongly."""
        return error(at, code, f"question '{self.name}': {message}")


def _answers(block: AnswerBlock) -> list[Answer]:
    """The answers, without the whitespace before the first mark."""
    return [a for a in block.answers if a.mark or a.text.value.strip() or a.feedback or a.right is not None]


def _weight(answer: Answer, default: float, context: Context) -> float:
    weight = default if answer.weight is None else answer.weight
    if abs(weight) > FULL:
        raise context.fail((answer.line, answer.col), "G115", f"weight {answer.weight_raw} is outside -100%..100%")
    return weight


def _feedback(answer: Answer, fmt: str) -> str:
    """An answer's feedback (Moodle keeps any further ``#`` as part of it)."""
    if not answer.feedback:
        return ""
    joined = answer.feedback[0]
    for more in answer.feedback[1:]:
        joined = joined.concat("#", more)
    return render(joined, fmt)


def _literal_weight(answer: Answer) -> Text:
    """The answer's text with a weight Moodle does not read as one (after ``=`` in a choice or a pair) put back."""
    if not answer.weight_raw:
        return answer.text
    return Text(answer.weight_raw, ((0, answer.line, answer.col + 1),)).concat("", answer.text)


def _percent(weight: float) -> str:
    return f"{weight:g}%"


def _drop_feedback(answer: Answer, context: Context, message: str) -> None:
    """A G212 warning (``message``) when ``answer`` has feedback, which its question type has no place for."""
    if answer.feedback and any(f.value.strip() for f in answer.feedback):
        context.note(answer.feedback[0], "G212", message)


def _full_credit(weighted: list[tuple[K, float, str]], context: Context, credit: str, kind: str) -> list[K]:
    """The keys of the (key, weight, label) answers with full credit, each once. A G211 warning lists the
    others by label: answers with ``credit`` (e.g. "partial credit") are dropped, a ``kind`` answer is right or wrong."""
    keys: list[K] = []
    for key, weight, _ in weighted:
        if weight >= FULL - SLACK and key not in keys:
            keys.append(key)
    partial = [f"{label} {_percent(weight)}" for _, weight, label in weighted if weight < FULL - SLACK]
    if partial:
        listed = ", ".join(partial)
        context.note(
            context.where, "G211", f"answers with {credit} are dropped ({listed}): a {kind} answer here is right or wrong"
        )
    return keys


def multichoice(block: AnswerBlock, context: Context) -> dict[str, Any]:
    """``single`` when some answer is ``=`` (Moodle's rule), else ``multiple`` with the positive weights as key."""
    answers = _answers(block)
    single = any(a.mark == "=" for a in answers)
    options: list[tuple[str, float, str]] = []
    for answer in answers:
        text = _literal_weight(answer) if answer.mark == "=" else answer.text  # Moodle reads "=%50%x" as "%50%x"
        shown = render(text if answer.right is None else text.concat("->", answer.right), context.fmt)
        if not shown:
            raise context.fail((answer.line, answer.col), "G114", "an answer has no text")
        weight = FULL if answer.mark == "=" else _weight(answer, 0.0, context)
        options.append((shown, weight, _feedback(answer, context.fmt)))
    if not 2 <= len(options) <= MAX_OPTIONS:
        raise context.skip("G204", f"it has {len(options)} choices; a choice question here has 2 to {MAX_OPTIONS}")
    ids = choice_ids(len(options))
    choices = [{"id": i, "text": text, **({"feedback": fb} if fb else {})} for i, (text, _, fb) in zip(ids, options, strict=True)]
    weights = [weight for _, weight, _ in options]
    if single:
        keys = [i for i, w in zip(ids, weights, strict=True) if w >= FULL - SLACK]
        if len(keys) != 1:
            raise context.skip("G204", "several choices are fully right, and a single-choice question here has one right answer")
        partial = [_percent(w) for w in weights if SLACK < abs(w) < FULL - SLACK or w <= -SLACK]
        if partial:
            context.note(
                context.where,
                "G211",
                f"partial credit ({', '.join(partial)}) is dropped: a single-choice answer here is right or wrong",
            )
        return {"type": "single", "choices": choices, "answer": keys[0]}
    keys = [i for i, w in zip(ids, weights, strict=True) if w > SLACK]
    if not keys:
        raise context.skip("G204", "no choice has a positive weight, so none is right")
    share = FULL / len(keys)
    exact = all(abs(w - share) <= SLACK if w > SLACK else abs(w + share) <= SLACK for w in weights)
    if not exact:
        context.note(
            context.where,
            "G210",
            f"Moodle weights ({', '.join(_percent(w) for w in weights)}) cannot be represented: here each right choice "
            f"selected earns 1/{len(keys)} of the points and each wrong one takes 1/{len(keys)} away (score at least 0), "
            f"as ~%{share:g}% and ~%{-share:g}% would; imported with that scoring",
        )
    return {"type": "multiple", "choices": choices, "answers": keys}


def true_false(block: AnswerBlock, context: Context) -> dict[str, Any]:
    """``{T#wrong#right}``: the first feedback is shown for a wrong answer, the second for a right one."""
    answer = _answers(block)[0]
    value = answer.text.strip().value in ("T", "TRUE")
    wrong = render(answer.feedback[0], context.fmt) if answer.feedback else ""
    right = _feedback(Answer("", answer.text, answer.line, answer.col, feedback=answer.feedback[1:]), context.fmt)
    on_true, on_false = (right, wrong) if value else (wrong, right)
    data: dict[str, Any] = {"type": "true_false", "answer": value}
    if on_true:
        data["feedback_true"] = on_true
    if on_false:
        data["feedback_false"] = on_false
    return data


def matching(block: AnswerBlock, context: Context) -> dict[str, Any]:
    """``=left -> right`` pairs; a pair with no left side is one of Moodle's extra wrong answers (dropped)."""
    pairs: list[tuple[str, str]] = []
    for answer in _answers(block):
        if answer.mark != "=" or answer.right is None:
            raise context.fail((answer.line, answer.col), "G113", "every answer of a matching question is written =left -> right")
        left = render(_literal_weight(answer), context.fmt)
        right = render_answer(answer.right, context.fmt)
        if not right:
            raise context.fail(answer.right, "G113", f"the pair '{left}' has nothing after '->'")
        if answer.feedback:
            context.note(answer.feedback[0], "G212", "feedback in a matching question has no place here (nor in Moodle); dropped")
        if not left:
            context.note((answer.line, answer.col), "G214", f"the extra right side '{right}' (no left side) is dropped")
            continue
        pairs.append((left, right))
    for side, values in (("left", [p[0] for p in pairs]), ("right", [p[1] for p in pairs])):
        folded = [v.strip().casefold() for v in values]
        twice = next((v for v, f in zip(values, folded, strict=True) if folded.count(f) > 1), None)
        if twice is not None:
            raise context.skip("G204", f"two pairs have the same {side} side '{twice}'")
    if not 2 <= len(pairs) <= MAX_OPTIONS:
        raise context.skip("G204", f"it has {len(pairs)} pairs; a matching question here has 2 to {MAX_OPTIONS}")
    ids = choice_ids(len(pairs))
    return {
        "type": "match",
        "pairs": [{"id": i, "left": left, "right": right} for i, (left, right) in zip(ids, pairs, strict=True)],
    }


def short_answer(block: AnswerBlock, context: Context) -> dict[str, Any]:
    """``{=a =b}``: the fully right answers are accepted; partial ones and per-answer feedback are dropped."""
    weighted: list[tuple[str, float, str]] = []
    for answer in _answers(block):
        weight = _weight(answer, FULL, context)
        text = render_answer(answer.text, context.fmt)
        if not text:
            raise context.fail((answer.line, answer.col), "G114", "an answer has no text")
        _drop_feedback(answer, context, f"the feedback on answer '{text}' has no place in a text question; dropped")
        weighted.append((text, weight, f"'{text}'"))
    accepted = _full_credit(weighted, context, "partial or no credit", "typed")
    if any("*" in text for text in accepted):
        context.note(
            context.where, "G215", "Moodle reads '*' in a short answer as a wildcard; here it is accepted only as written"
        )
    if not accepted:
        raise context.skip("G204", "no answer has full credit")
    if len(accepted) > 50:
        raise context.skip("G204", f"it accepts {len(accepted)} answers; a text question here accepts at most 50")
    return {"type": "text", "accept": accepted}


def numeric(block: AnswerBlock, context: Context) -> dict[str, Any]:
    """``{#3:0.5}`` (value and tolerance), ``{#1..5}`` (a range), ``{#=3 =%50%3:1 ~#wrong}``: one fully right answer."""
    weighted: list[tuple[dict[str, float], float, str]] = []
    for answer in _answers(block):
        if answer.mark == "~":
            if answer.feedback or answer.text.value.strip():
                context.note((answer.line, answer.col), "G212", "the feedback for any other number has no place here; dropped")
            continue
        weight = _weight(answer, FULL, context)
        if answer.right is not None:
            raise context.fail(answer.right, "G111", "'->' has no meaning in a numeric answer")
        key = _number_key(answer.text.strip(), context)
        _drop_feedback(answer, context, "feedback on a numeric answer has no place here; dropped")
        weighted.append((key, weight, answer.text.strip().value))
    keys = _full_credit(weighted, context, "partial credit", "numeric")
    if not keys:
        raise context.skip("G204", "no numeric answer has full credit")
    if len(keys) > 1:
        raise context.skip(
            "G204", "several different numeric answers are fully right; a numeric question here has one value or range"
        )
    return {"type": "numeric", **keys[0]}


def _number_key(text: Text, context: Context) -> dict[str, float]:
    value = text.value
    dots, colon = value.find(".."), value.find(":")
    if dots > 0:
        low, high = _number(text, value[:dots], context), _number(text, value[dots + 2 :], context)
        if low > high:
            raise context.fail(text, "G111", f"the range {value} runs backwards (its minimum is above its maximum)")
        return {"min": low, "max": high}
    if colon > 0:
        number, tolerance = _number(text, value[:colon], context), _number(text, value[colon + 1 :], context)
        if tolerance < 0:
            raise context.fail(text, "G111", f"the tolerance in {value} is negative")
        return {"value": number, "tolerance": tolerance} if tolerance else {"value": number}
    return {"value": _number(text, value, context)}


def _number(text: Text, part: str, context: Context) -> float:
    part = part.strip()
    if not NUMBER.fullmatch(part) or not math.isfinite(float(part)):
        raise context.fail(text, "G111", f"'{part or text.value}' is not a number (write 3, 3:0.5 or 1..5)")
    return float(part)
