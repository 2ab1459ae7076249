"""docs/content-map.md names only ids the bundled course has, and covers all of its questions and lessons.

A range such as ``m4-q01..q18`` names every number from one end to the other, so a range that spans a
retired id is stale too: the map's own rule is to split it. Coverage counts only the table under
"## The map", not the examples in the introduction.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from course.loading.loader import bundled_course_path, load_course

MAP = Path(__file__).resolve().parents[2] / "docs" / "content-map.md"
UNMAPPED_LESSONS = {"m10-about-the-post-test"}  # the post-test overview spans the whole article

_QUESTION_IDS = re.compile(r"\b(m\d+)-q(\d+)(?:\.\.q(\d+))?\b")
_LESSON_IDS = re.compile(r"`(m\d+-(?!q\d)[a-z0-9-]+)`")


def map_ids(text: str) -> set[str]:
    """Every question and lesson id that ``text`` names, ranges expanded."""
    ids = set(_LESSON_IDS.findall(text))
    for module, low, high in _QUESTION_IDS.findall(text):
        ids |= {f"{module}-q{n:02d}" for n in range(int(low), int(high or low) + 1)}
    return ids


@cache
def course_ids() -> tuple[frozenset[str], frozenset[str]]:
    """The question ids and the lesson ids of the bundled course."""
    course = load_course(bundled_course_path())
    questions = frozenset(q.id for m in course.modules if m.quiz for q in m.quiz.questions)
    return questions, frozenset(lesson.id for m in course.modules for lesson in m.lessons)


def map_problems(text: str) -> dict[str, list[str]]:
    """The stale ids, uncovered questions and unnamed lessons of a content map's text."""
    questions, lessons = course_ids()
    covered = map_ids(text.split("## The map", 1)[-1])
    return {
        "stale": sorted(map_ids(text) - questions - lessons),
        "questions not covered": sorted(questions - covered),
        "lessons not named": sorted(lessons - UNMAPPED_LESSONS - covered),
    }


def test_map_names_only_ids_the_course_has() -> None:
    assert map_problems(MAP.read_text(encoding="utf-8"))["stale"] == []


def test_map_covers_every_question() -> None:
    assert map_problems(MAP.read_text(encoding="utf-8"))["questions not covered"] == []


def test_map_names_every_lesson_but_the_post_test_overview() -> None:
    assert map_problems(MAP.read_text(encoding="utf-8"))["lessons not named"] == []
