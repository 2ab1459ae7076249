"""The immutable values the store hands out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

ATTEMPT_KINDS = frozenset({"full", "retry"})
CARD_KINDS = frozenset({"question", "term"})
REVIEW_SOURCES = frozenset({"quiz", "review"})


@dataclass(frozen=True)
class Position:
    """Where a learner was in a course: a screen and what it showed."""

    screen: str
    target_id: str | None
    updated_at: str


@dataclass(frozen=True)
class Attempt:
    """One try at a quiz; the score fields are ``None`` until it is finished.

    ``kind`` is "full" (the whole quiz) or "retry" (only the questions missed before); only full
    attempts count towards ``best_scores``. ``version`` starts at 0 and goes up by one with every
    answer saved to the attempt and when it is finished: a writer passes the version it last saw
    and is refused (``AttemptMoved``) if another window changed the attempt since.
    """

    id: int
    quiz_id: str
    seed: int
    question_ids: list[str]
    started_at: str
    finished_at: str | None
    score: float | None
    max_score: float | None
    passed: bool | None
    kind: str = "full"
    version: int = 0

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
class ReviewCard:
    """A learner's spaced-review card: the fsrs card JSON and when it is next due (aware, UTC)."""

    card_id: str
    kind: str
    card_json: str
    due: datetime
    created_at: str
    last_review_at: str | None
    reps: int


@dataclass(frozen=True)
class ReviewLogEntry:
    """One rating of a card: 1 Again, 2 Hard, 3 Good, 4 Easy; ``source`` is "quiz" or "review"."""

    card_id: str
    rating: int
    source: str
    log_json: str
    reviewed_at: str


@dataclass(frozen=True)
class Scope:
    """One learner in one course: the key every per-learner row carries."""

    learner_id: int
    learner: str
    course_id: str


def scaled_score(score: float, max_score: float) -> float:
    """``score / max_score``, or 0.0 for a quiz worth nothing."""
    return score / max_score if max_score > 0 else 0.0
