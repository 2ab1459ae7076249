"""Item analysis of a course's quizzes over any attempt records: :func:`analyse` and what it returns.

Per quiz: the counted attempts, their scores (mean, median, sample SD, a 10-bin histogram) and
Cronbach's alpha; per question: :class:`course.analysis.items.QuestionStats`. Pure: the records
come from any iterable (export files today, an LRS later).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from course.analysis import measures
from course.analysis.items import MIN_RESPONSES, QuestionStats, question_stats
from course.analysis.records import AttemptRecord, Which, counted
from course.domain.models import Course
from quizzes.questions import Question
from quizzes.quiz import Quiz


@dataclass(frozen=True)
class QuizStats:
    """One quiz over its counted attempts. Scores are shares of the attempt's marks (0..1)."""

    quiz_id: str
    title: str
    in_course: bool
    attempts: int
    learners: int
    mean: float | None
    median: float | None
    sd: float | None
    histogram: tuple[int, ...]  # attempts per tenth of the score: 0–10%, 10–20%, … 90–100%
    alpha: float | None  # Cronbach's alpha over ``alpha_questions``
    alpha_questions: tuple[str, ...]  # the questions every counted attempt answered
    alpha_left_out: tuple[str, ...]  # questions some counted attempt did not answer (or was not asked)
    questions: tuple[QuestionStats, ...]


@dataclass(frozen=True)
class Analysis:
    """Item analysis of one course: each of its quizzes (then any quiz the records name that it lacks)."""

    course_id: str
    course_title: str
    which: Which
    min_responses: int
    learners: int  # learners with at least one counted attempt
    quizzes: tuple[QuizStats, ...]


def analyse(
    course: Course, records: Iterable[AttemptRecord], which: Which = "first", min_responses: int = MIN_RESPONSES
) -> Analysis:
    """Item analysis of ``course`` over ``records`` (see :func:`course.analysis.records.counted` for ``which``)."""
    by_quiz = counted(records, which)
    quizzes = [m.quiz for m in course.modules if m.quiz is not None]
    known = {quiz.id for quiz in quizzes}
    results = [_quiz_stats(quiz.id, quiz, by_quiz.get(quiz.id, []), min_responses) for quiz in quizzes]
    results += [
        _quiz_stats(quiz_id, None, by_quiz[quiz_id], min_responses) for quiz_id in sorted(by_quiz) if quiz_id not in known
    ]
    learners = {record.learner for attempts in by_quiz.values() for record in attempts}
    return Analysis(course.info.id, course.info.title, which, min_responses, len(learners), tuple(results))


def _quiz_stats(quiz_id: str, quiz: Quiz | None, attempts: list[AttemptRecord], min_responses: int) -> QuizStats:
    questions = _questions(quiz, attempts)
    scores = [_scaled(attempt, questions) for attempt in attempts]
    included, left_out = _alpha_questions(list(questions), attempts)
    rows = [[_mark(attempt, qid) for qid in included] for attempt in attempts]
    return QuizStats(
        quiz_id=quiz_id,
        title=quiz.title if quiz is not None else quiz_id,
        in_course=quiz is not None,
        attempts=len(attempts),
        learners=len({a.learner for a in attempts}),
        mean=measures.mean(scores),
        median=measures.median(scores),
        sd=measures.sample_sd(scores),
        histogram=measures.histogram(scores),
        alpha=measures.cronbach_alpha(rows) if rows else None,
        alpha_questions=tuple(included),
        alpha_left_out=tuple(left_out),
        questions=tuple(
            question_stats(qid, number, question, attempts, min_responses)
            for number, (qid, question) in enumerate(questions.items(), start=1)
        ),
    )


def _questions(quiz: Quiz | None, attempts: list[AttemptRecord]) -> dict[str, Question | None]:
    """The quiz's questions in authored order, then those the attempts asked that it no longer has."""
    questions: dict[str, Question | None] = {q.id: q for q in quiz.questions} if quiz is not None else {}
    for attempt in attempts:
        for qid in attempt.presented():
            questions.setdefault(qid, None)
    return questions


def _alpha_questions(order: list[str], attempts: list[AttemptRecord]) -> tuple[list[str], list[str]]:
    """The questions every attempt answered, and the others any attempt asked."""
    included = [qid for qid in order if attempts and all(a.answer(qid) is not None for a in attempts)]
    chosen = set(included)
    return included, [qid for qid in order if qid not in chosen and any(a.asked(qid) for a in attempts)]


def _mark(attempt: AttemptRecord, question_id: str) -> float:
    answer = attempt.answer(question_id)
    return answer.score if answer is not None else 0.0


def _scaled(attempt: AttemptRecord, questions: dict[str, Question | None]) -> float:
    """The attempt's share of its possible marks (as recorded, else from its questions' points)."""
    possible = attempt.max_score
    if possible is None:
        possible = 0.0
        for qid in attempt.presented():
            answer, question = attempt.answer(qid), questions.get(qid)
            possible += answer.max_score if answer is not None else (question.points if question is not None else 0.0)
    return min(1.0, max(0.0, attempt.total() / possible)) if possible > 0 else 0.0
