"""Item analysis as data: a JSON-ready dict (everything) and CSV text (one row per question)."""

from __future__ import annotations

import csv
import io
from typing import Any

from course.analysis.items import QuestionStats
from course.analysis.report import Analysis, QuizStats

FORMAT = "plasticity-course/item-analysis"
VERSION = 1
CSV_COLUMNS = (
    "quiz_id",
    "quiz_attempts",
    "quiz_mean",
    "quiz_alpha",
    "number",
    "question_id",
    "type",
    "presented",
    "responses",
    "omitted",
    "facility",
    "share_correct",
    "sd",
    "discrimination_index",
    "discriminative_efficiency",
    "key",
    "choice_counts",
    "flags",
)


def to_json(analysis: Analysis, files: int | None = None, lrs: str | None = None) -> dict[str, Any]:
    """The analysis as JSON-ready data (shares 0..1; the discrimination index as r in -1..1); ``files``
    or ``lrs`` says what was read."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "course": {"id": analysis.course_id, "title": analysis.course_title},
        "attempts_counted": analysis.which,
        "min_responses": analysis.min_responses,
        "learners": analysis.learners,
    }
    if files is not None:
        data["files"] = files
    if lrs is not None:
        data["lrs"] = lrs
    data["quizzes"] = [_quiz(quiz) for quiz in analysis.quizzes]
    return data


def _quiz(quiz: QuizStats) -> dict[str, Any]:
    return {
        "id": quiz.quiz_id,
        "title": quiz.title,
        "in_course": quiz.in_course,
        "attempts": quiz.attempts,
        "learners": quiz.learners,
        "mean": quiz.mean,
        "median": quiz.median,
        "sd": quiz.sd,
        "histogram": [{"from": i / 10, "to": (i + 1) / 10, "attempts": n} for i, n in enumerate(quiz.histogram)],
        "cronbach_alpha": quiz.alpha,
        "alpha_questions": list(quiz.alpha_questions),
        "alpha_left_out": list(quiz.alpha_left_out),
        "questions": [_question(q) for q in quiz.questions],
    }


def _question(q: QuestionStats) -> dict[str, Any]:
    return {
        "id": q.question_id,
        "number": q.number,
        "type": q.type,
        "presented": q.presented,
        "responses": q.responses,
        "omitted": q.omitted,
        "max_score": q.max_score,
        "facility": q.facility,
        "share_correct": q.share_correct,
        "sd": q.sd,
        "discrimination_index": q.discrimination,
        "discriminative_efficiency": q.efficiency,
        "choices": [{"id": c.id, "text": c.label, "key": c.key, "count": c.count, "share": c.share} for c in q.choices],
        "other_responses": q.other_responses,
        "flags": [{"code": f.code, "message": f.message} for f in q.flags],
    }


def to_csv(analysis: Analysis) -> str:
    """One row per question of every quiz with counted attempts, under a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for quiz in analysis.quizzes:
        for q in quiz.questions if quiz.attempts else ():
            writer.writerow(
                [
                    quiz.quiz_id,
                    quiz.attempts,
                    _cell(quiz.mean),
                    _cell(quiz.alpha),
                    q.number,
                    q.question_id,
                    q.type or "",
                    q.presented,
                    q.responses,
                    q.omitted,
                    _cell(q.facility),
                    _cell(q.share_correct),
                    _cell(q.sd),
                    _cell(q.discrimination),
                    _cell(q.efficiency),
                    ";".join(c.id for c in q.choices if c.key),
                    ";".join(f"{c.id}={c.count}" for c in q.choices),
                    ";".join(f.code for f in q.flags),
                ]
            )
    return out.getvalue()


def _cell(value: float | None) -> str:
    """A share or index to 4 places; empty where there is none."""
    return "" if value is None else f"{value:.4f}"
