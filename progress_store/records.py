"""The immutable values the store hands out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Position:
    """Where a learner was in a course: a screen and what it showed."""

    screen: str
    target_id: str | None
    updated_at: str


@dataclass(frozen=True)
class Attempt:
    """One try at a quiz; the score fields are ``None`` until it is finished."""

    id: int
    quiz_id: str
    seed: int
    question_ids: list[str]
    started_at: str
    finished_at: str | None
    score: float | None
    max_score: float | None
    passed: bool | None

    @property
    def finished(self) -> bool:
        """Whether the attempt has been finished (and scored)."""
        return self.finished_at is not None

    @property
    def scaled(self) -> float | None:
        """``score / max_score`` once finished (0.0 when ``max_score`` is 0), else ``None``."""
        if self.score is None or self.max_score is None:
            return None
        return scaled_score(self.score, self.max_score)


@dataclass(frozen=True)
class AnswerRecord:
    """The stored answer to one question in one attempt."""

    question_id: str
    response: object
    score: float
    max_score: float
    correct: bool
    answered_at: str


@dataclass(frozen=True)
class Scope:
    """One learner in one course: the key every per-learner row carries."""

    learner_id: int
    learner: str
    course_id: str


def scaled_score(score: float, max_score: float) -> float:
    """``score / max_score``, or 0.0 for a quiz worth nothing."""
    return score / max_score if max_score > 0 else 0.0
