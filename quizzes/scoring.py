"""Score an attempt: totals, pass or fail, and a breakdown per objective."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from quizzes.quiz import Quiz

PASS_TOLERANCE = 1e-9
"""Scores are sums of floats: 5.6 of 7 points is 0.7999999999999999, which must pass a 0.8 mark."""


def format_points(value: float) -> str:
    """Points as a learner reads them: at most one decimal, none when whole ("0.7", "14.4", "21")."""
    rounded = round(value + 0.0, 1)
    return f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}"


def points_phrase(score: float, max_score: float) -> str:
    """ "2.7 of 3 points" (one decimal at most; "1 point" when the maximum is one)."""
    unit = "point" if max_score == 1 else "points"
    return f"{format_points(score)} of {format_points(max_score)} {unit}"


def reaches_pass_mark(scaled: float, pass_mark: float) -> bool:
    """Whether a scaled score (0..1) passes ``pass_mark``: the one pass-mark comparison of the course."""
    return scaled + PASS_TOLERANCE >= pass_mark


class Answered(Protocol):
    """What scoring needs of a recorded answer."""

    @property
    def score(self) -> float: ...

    @property
    def max_score(self) -> float: ...

    @property
    def correct(self) -> bool: ...


@dataclass(frozen=True)
class ObjectiveScore:
    """Points earned on the questions that assess one objective."""

    objective: str
    score: float
    max_score: float
    questions: int
    correct: int


@dataclass(frozen=True)
class AttemptScore:
    """The result of an attempt over the questions it asked (unanswered ones score zero)."""

    score: float
    max_score: float
    pass_mark: float
    by_objective: list[ObjectiveScore] = field(default_factory=list)

    @property
    def scaled(self) -> float:
        """Score as a fraction of the maximum."""
        return self.score / self.max_score if self.max_score else 0.0

    @property
    def passed(self) -> bool:
        """Whether the scaled score reaches the pass mark."""
        return reaches_pass_mark(self.scaled, self.pass_mark)


def score_attempt(quiz: Quiz, question_ids: list[str], answers: Mapping[str, Answered]) -> AttemptScore:
    """Total and per-objective scores of an attempt that asked ``question_ids``."""
    by_id = {q.id: q for q in quiz.questions}
    totals: dict[str, list[float]] = {}
    score = max_score = 0.0
    for qid in question_ids:
        question = by_id.get(qid)
        if question is None:
            continue
        answer = answers.get(qid)
        earned = answer.score if answer else 0.0
        score += earned
        max_score += question.points
        row = totals.setdefault(question.objective, [0.0, 0.0, 0, 0])
        row[0] += earned
        row[1] += question.points
        row[2] += 1
        row[3] += 1 if answer and answer.correct else 0
    objectives = [ObjectiveScore(o, r[0], r[1], int(r[2]), int(r[3])) for o, r in totals.items()]
    return AttemptScore(round(score, 6), round(max_score, 6), quiz.pass_mark, objectives)
