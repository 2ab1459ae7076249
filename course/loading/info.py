"""Counts that describe a course, for ``course info``."""

from __future__ import annotations

from collections import Counter
from typing import Any

from course.domain.models import Course, Module
from quizzes.item_cues import longest_key_share, single_choice, true_false, true_share
from quizzes.questions import QUESTION_TYPES


def module_minutes(module: Module) -> int:
    """How long a module takes: its ``estimated_minutes``, never less than its lessons' own estimates
    add up to (``course validate`` warns, W305, when the module says less)."""
    return max(module.estimated_minutes, sum(lesson.estimated_minutes for lesson in module.lessons))


def course_info(course: Course) -> dict[str, Any]:
    """One JSON-ready summary of ``course``: what it holds, how long it takes, and per quiz two cue figures.

    ``minutes`` adds up :func:`module_minutes`; ``lesson_minutes`` the lessons' own estimates alone.

    ``quiz_details`` has a row per quiz: its question counts, ``longest_key_share`` (the share of its
    single-choice questions whose key is strictly the longest option) and ``true_share`` (the share of
    its true/false questions whose answer is True), each a fraction 0..1, not rounded, or ``None`` when
    the quiz has no question of that type (see :mod:`quizzes.item_cues`).
    """
    questions = [q for m in course.modules if m.quiz for q in m.quiz.questions]
    return {
        "path": str(course.path),
        "id": course.info.id,
        "title": course.info.title,
        "version": course.info.version,
        "modules": len(course.modules),
        "lessons": sum(len(m.lessons) for m in course.modules),
        "quizzes": sum(1 for m in course.modules if m.quiz),
        "questions": len(questions),
        "question_types": dict(sorted(Counter(q.type for q in questions).items())),
        "supported_question_types": list(QUESTION_TYPES),
        "objectives": sum(len(m.objectives) for m in course.modules),
        "glossary_terms": len(course.glossary),
        "references": len(course.references),
        "minutes": sum(module_minutes(m) for m in course.modules),
        "lesson_minutes": sum(lesson.estimated_minutes for m in course.modules for lesson in m.lessons),
        "quiz_details": [
            {
                "id": m.quiz.id,
                "module": m.id,
                "questions": len(m.quiz.questions),
                "single_choice": len(single_choice(m.quiz)),
                "longest_key_share": longest_key_share(m.quiz),
                "true_false": len(true_false(m.quiz)),
                "true_share": true_share(m.quiz),
            }
            for m in course.modules
            if m.quiz
        ],
    }
