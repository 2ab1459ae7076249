"""What item analysis reads: per-learner attempt records, whatever their source, and which of them count.

An :class:`AttemptRecord` is one quiz attempt by one learner with its answers. ``course stats FILES``
makes them from ``course export`` files (:mod:`course.analysis.exports`); a reader of xAPI
statements from a Learning Record Store can make the same records and feed the same
:func:`course.analysis.report.analyse`, which takes any iterable of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

Which = Literal["first", "all"]
WHICH: tuple[Which, ...] = ("first", "all")


@dataclass(frozen=True)
class ItemResponse:
    """One answered question of an attempt: what was answered and the marks it earned."""

    question_id: str
    response: object  # as stored: a choice id, a list of ids, a bool, text, a number, a mapping
    score: float
    max_score: float
    correct: bool


@dataclass(frozen=True)
class AttemptRecord:
    """One quiz attempt by one learner.

    ``learner`` is any stable key for the person (an export's learner, an xAPI actor); attempts of
    one learner are ordered by ``started_at`` (ISO 8601 UTC text), then ``sequence``. ``retry``
    attempts (the missed questions asked again) and unfinished ones are never counted.
    """

    learner: str
    quiz_id: str
    started_at: str
    finished: bool
    question_ids: tuple[str, ...]
    answers: tuple[ItemResponse, ...]
    max_score: float | None = None  # the attempt's possible marks as recorded (None: from the questions)
    retry: bool = False
    sequence: int = 0  # the source's own order (an attempt id), to break ties of started_at

    def presented(self) -> tuple[str, ...]:
        """The questions this attempt asked: its plan, then any answered question the plan lacks."""
        return self._presented

    def asked(self, question_id: str) -> bool:
        """Whether this attempt asked ``question_id``."""
        return question_id in self._asked

    def answer(self, question_id: str) -> ItemResponse | None:
        """The answer to ``question_id`` in this attempt (the last one given), if any."""
        return self._by_question.get(question_id)

    def total(self) -> float:
        """The marks the attempt's answers earned (an unanswered question earns none)."""
        return self._total

    # Computed once per record: an analysis asks each attempt about each of its questions.
    @cached_property
    def _by_question(self) -> dict[str, ItemResponse]:
        return {a.question_id: a for a in self.answers}

    @cached_property
    def _presented(self) -> tuple[str, ...]:
        planned = set(self.question_ids)
        return self.question_ids + tuple(dict.fromkeys(q for q in self._by_question if q not in planned))

    @cached_property
    def _asked(self) -> frozenset[str]:
        return frozenset(self._presented)

    @cached_property
    def _total(self) -> float:
        return sum(a.score for a in self._by_question.values())


def counted(records: Iterable[AttemptRecord], which: Which = "first") -> dict[str, list[AttemptRecord]]:
    """quiz id -> the attempts item analysis counts, in learner-then-time order.

    ``first``: each learner's first finished attempt of each quiz (Moodle's default: later attempts
    build on the first and break the assumptions of item analysis); ``all``: every finished attempt,
    each taken as if by a different learner. Retries and unfinished attempts never count.
    """
    if which not in WHICH:
        raise ValueError(f"unknown attempt selection {which!r}; expected one of {', '.join(WHICH)}")
    by_quiz: dict[str, dict[str, list[AttemptRecord]]] = {}
    for record in records:
        if record.finished and not record.retry:
            by_quiz.setdefault(record.quiz_id, {}).setdefault(record.learner, []).append(record)
    result: dict[str, list[AttemptRecord]] = {}
    for quiz_id, learners in by_quiz.items():
        chosen: list[AttemptRecord] = []
        for learner in sorted(learners):
            ordered = sorted(learners[learner], key=lambda r: (r.started_at, r.sequence))
            chosen += ordered[:1] if which == "first" else ordered
        result[quiz_id] = chosen
    return result
