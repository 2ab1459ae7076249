"""One question's statistics over the counted attempts: facility, discrimination, choices, flags.

A question counts in every counted attempt that asked it. An asked question left unanswered (an
attempt submitted with gaps, or by its deadline) earns no marks, as it did in the attempt's own
score, and is counted as omitted; the facility and discrimination include it at zero marks
(Moodle's quiz statistics do the same).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from course.analysis import measures
from course.analysis.records import AttemptRecord
from quizzes.questions import MultipleChoice, Question, SingleChoice, TrueFalse
from quizzes.types import question_type

TOO_EASY = 0.9  # facility above this
TOO_HARD = 0.2  # facility below this
LOW_DISCRIMINATION = 0.2  # discrimination index below this, with enough responses
MIN_RESPONSES = 10  # responses a question needs before a low discrimination is flagged

FlagCode = Literal[
    "too_easy", "too_hard", "negative_discrimination", "low_discrimination", "unchosen_distractor", "not_in_course"
]


@dataclass(frozen=True)
class ChoiceCount:
    """How often one option was chosen: a choice id, or ``true`` / ``false`` for a true/false question."""

    id: str
    label: str
    key: bool  # a right answer (for ``multiple``: one of them)
    count: int
    share: float | None  # of the question's responses


@dataclass(frozen=True)
class Flag:
    """Something an instructor should look at; ``code`` is stable, ``message`` says it in words."""

    code: FlagCode
    message: str


@dataclass(frozen=True)
class QuestionStats:
    """The statistics of one question over the counted attempts (see the module for omitted answers)."""

    question_id: str
    number: int  # its place in the quiz as authored (questions no longer in the course come last)
    type: str | None  # None: the question is not in the course
    presented: int  # counted attempts that asked it
    responses: int  # of those, the ones that answered it
    max_score: float
    facility: float | None  # the mean share of its marks earned
    share_correct: float | None  # the share of attempts that got it fully right
    sd: float | None  # the sample standard deviation of the share of its marks earned
    discrimination: float | None  # Pearson's r with the rest of the attempt (Moodle's discrimination index / 100)
    efficiency: float | None  # Moodle's discriminative efficiency / 100
    choices: tuple[ChoiceCount, ...]  # single, multiple and true_false questions; empty for the rest
    other_responses: int  # responses that name none of the choices (the question changed since?)
    flags: tuple[Flag, ...]

    @property
    def omitted(self) -> int:
        """Counted attempts that asked the question and left it unanswered."""
        return self.presented - self.responses


def question_stats(
    question_id: str,
    number: int,
    question: Question | None,
    attempts: list[AttemptRecord],
    min_responses: int = MIN_RESPONSES,
) -> QuestionStats:
    """The statistics of ``question_id`` (``question`` is its model, ``None`` when the course lacks it)."""
    asked = [a for a in attempts if a.asked(question_id)]
    answers = [a.answer(question_id) for a in asked]
    given = [a for a in answers if a is not None]
    max_score = question.points if question is not None else max((a.max_score for a in given), default=1.0)
    marks = [a.score if a is not None else 0.0 for a in answers]
    fractions = [_fraction(a.score, a.max_score) if a is not None else 0.0 for a in answers]
    rest = [attempt.total() - mark for attempt, mark in zip(asked, marks, strict=True)]
    choices, other = _choices(question, [a.response for a in given])
    stats = QuestionStats(
        question_id=question_id,
        number=number,
        type=None if question is None else question.type,
        presented=len(asked),
        responses=len(given),
        max_score=max_score,
        facility=measures.mean(fractions),
        share_correct=sum(a.correct for a in given) / len(asked) if asked else None,
        sd=measures.sample_sd(fractions),
        discrimination=measures.discrimination_index(marks, rest),
        efficiency=measures.discriminative_efficiency(marks, rest),
        choices=choices,
        other_responses=other,
        flags=(),
    )
    return _with_flags(stats, min_responses)


def _fraction(score: float, max_score: float) -> float:
    return min(1.0, max(0.0, score / max_score)) if max_score > 0 else 0.0


def _choices(question: Question | None, responses: list[object]) -> tuple[tuple[ChoiceCount, ...], int]:
    """The options of a choice question with how often each was chosen, and the responses naming none."""
    if isinstance(question, (SingleChoice, MultipleChoice)):
        keys = {question.answer} if isinstance(question, SingleChoice) else set(question.answers)
        options = [(c.id, c.text, c.id in keys) for c in question.choices]
    elif isinstance(question, TrueFalse):
        options = [("true", "True", question.answer), ("false", "False", not question.answer)]
    else:
        return (), 0
    qtype = question_type(question)
    counts = dict.fromkeys((ident for ident, _, _ in options), 0)
    other = 0
    for response in responses:
        typed = qtype.parse(question, response)
        picked = _picked(typed)
        named = picked & counts.keys()
        if not named:
            other += 1
        for ident in named:
            counts[ident] += 1
    total = len(responses)
    rows = tuple(
        ChoiceCount(ident, label, key, counts[ident], counts[ident] / total if total else None) for ident, label, key in options
    )
    return rows, other


def _picked(typed: object) -> set[str]:
    """The option ids a parsed response chose (a bool names ``true`` or ``false``)."""
    if isinstance(typed, bool):
        return {"true" if typed else "false"}
    if isinstance(typed, str):
        return {typed}
    if isinstance(typed, list):
        return {item for item in typed if isinstance(item, str)}
    return set()


def _with_flags(stats: QuestionStats, min_responses: int) -> QuestionStats:
    flags: list[Flag] = []
    if stats.type is None:
        flags.append(Flag("not_in_course", "not in this course (removed or renamed since these attempts)"))
    if stats.facility is not None and stats.facility > TOO_EASY:
        flags.append(Flag("too_easy", f"too easy: facility above {TOO_EASY:.0%}"))
    if stats.facility is not None and stats.facility < TOO_HARD:
        flags.append(Flag("too_hard", f"too hard: facility below {TOO_HARD:.0%}"))
    if stats.discrimination is not None and stats.discrimination < 0:
        flags.append(Flag("negative_discrimination", "negative discrimination: stronger learners did worse here; check the key"))
    elif stats.discrimination is not None and stats.discrimination < LOW_DISCRIMINATION and stats.responses >= min_responses:
        flags.append(
            Flag("low_discrimination", f"low discrimination: below {LOW_DISCRIMINATION:.2f} over {stats.responses} responses")
        )
    if stats.responses:
        for choice in stats.choices:
            if not choice.key and choice.count == 0:
                flags.append(Flag("unchosen_distractor", f"distractor '{choice.id}' was never chosen"))
    return replace(stats, flags=tuple(flags))
