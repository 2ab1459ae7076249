"""Counts that describe a course, for ``course info``."""

from __future__ import annotations

from collections import Counter
from typing import Any

from course.domain.models import Course
from quizzes.questions import QUESTION_TYPES


def course_info(course: Course) -> dict[str, Any]:
    """One JSON-ready summary of ``course``: what it holds and how long it takes."""
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
        "minutes": sum(m.estimated_minutes for m in course.modules),
    }
