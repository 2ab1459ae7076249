"""The results of an attempt: score, verdict against the pass mark, per-objective rows, every answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from course.domain.models import Course
from progress_store import AnswerRecord, Attempt
from quizzes.questions import Question
from quizzes.quiz import Quiz
from quizzes.scoring import AttemptScore, score_attempt

Verdict = Literal["passed", "not_passed", "retry_done"]


@dataclass(frozen=True)
class ObjectiveRow:
    """How the learner did on the questions of one learning objective."""

    objective_id: str
    text: str
    correct: int
    questions: int
    share: float


@dataclass(frozen=True)
class AnsweredItem:
    """One question of the attempt with the learner's answer (``None`` if it was left out)."""

    number: int
    question: Question
    record: AnswerRecord | None

    @property
    def correct(self) -> bool:
        return self.record is not None and self.record.correct

    @property
    def response(self) -> object:
        return None if self.record is None else self.record.response


@dataclass(frozen=True)
class Results:
    """Everything the results of one attempt show."""

    quiz: Quiz
    attempt_id: int
    retry: bool
    score: AttemptScore
    objectives: list[ObjectiveRow]
    items: list[AnsweredItem]

    @property
    def passed(self) -> bool:
        return self.score.passed

    @property
    def verdict(self) -> Verdict:
        """A retry of missed questions never passes or fails the quiz; a full attempt does."""
        if self.retry:
            return "retry_done"
        return "passed" if self.passed else "not_passed"

    @property
    def missed(self) -> list[str]:
        """Ids of the questions not answered right, in the order asked (what "retry missed" asks)."""
        return [item.question.id for item in self.items if not item.correct]


def build_results(course: Course, quiz: Quiz, attempt: Attempt, answers: Mapping[str, AnswerRecord]) -> Results:
    """The results of ``attempt`` from its stored answers (questions the course no longer has are left out)."""
    known = {q.id: q for q in quiz.questions}
    asked = [qid for qid in attempt.question_ids if qid in known]
    score = score_attempt(quiz, asked, answers)
    objectives = [
        ObjectiveRow(
            row.objective,
            course.objective_text(row.objective),
            row.correct,
            row.questions,
            row.score / row.max_score if row.max_score else 0.0,
        )
        for row in score.by_objective
    ]
    items = [AnsweredItem(n, known[qid], answers.get(qid)) for n, qid in enumerate(asked, start=1)]
    return Results(quiz, attempt.id, attempt.kind == "retry", score, objectives, items)
