"""Checks across files (issue #12): duplicates and dangling ids found even in files that fail, unused
glossary terms, lessons far longer than their estimate, module estimates below their lessons', and
``course info`` minutes that agree with the lessons' own estimates."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.loading.info import course_info
from course.loading.loader import load_course
from tests.helpers.course_factory import GLOSSARY_TOML, LESSON_TOML, MODULE_DIR, MODULE_TOML, QUIZ_TOML, findings_of, write_course

LESSON = f"{MODULE_DIR}/01-agonists.toml"
MODULE = f"{MODULE_DIR}/module.toml"


def test_duplicate_ids_are_found_in_files_that_fail_to_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    copy = LESSON_TOML.replace('title = "Agonists"', 'title = "Copy"\ncolour = "red"')
    root = write_course(tmp_path, files={f"{MODULE_DIR}/02-copy.toml": copy})
    assert findings_of(root) == [
        (f"{MODULE_DIR}/02-copy.toml", 1, 1, "error", "E201", f"duplicate lesson id 'm1-agonists' (first defined at {LESSON}:1)"),
        (f"{MODULE_DIR}/02-copy.toml", 3, 1, "error", "E101", "unknown key 'colour'"),
    ]


def test_a_glossary_term_nothing_links_to_is_reported(tmp_path: Path) -> None:
    glossary = GLOSSARY_TOML + '\n[[term]]\nid = "orphan"\nterm = "orphan"\ndefinition = "Linked from nowhere."\n'
    assert findings_of(write_course(tmp_path, glossary=glossary)) == [
        (
            "glossary.toml",
            13,
            1,
            "warning",
            "W303",
            "glossary term 'orphan' is linked from no lesson or question and named in no see_also: "
            "link it as [words](glossary:orphan), or remove it",
        ),
    ]
    # A term named only in another's see_also, or linked only from a question, is used.
    glossary = (
        GLOSSARY_TOML.replace('see_also = ["receptor"]', 'see_also = ["receptor", "partial"]')
        + '\n[[term]]\nid = "partial"\nterm = "partial agonist"\ndefinition = "d"\n'
        + '\n[[term]]\nid = "full"\nterm = "full agonist"\ndefinition = "d"\n'
    )
    lesson = LESSON_TOML.replace("An [agonist](glossary:agonist) activates a [receptor](glossary:receptor).", "An agonist.")
    quiz_text = "What does an [agonist](glossary:agonist) or a [full agonist](glossary:full) do? A [receptor](glossary:receptor)?"
    quiz = QUIZ_TOML.replace("What does an agonist do?", quiz_text)
    assert findings_of(write_course(tmp_path / "used", glossary=glossary, lesson=lesson, quiz=quiz)) == []


def test_a_lesson_far_longer_than_its_estimate_is_reported(tmp_path: Path) -> None:
    words = " ".join(["word"] * 1_200)
    text = LESSON_TOML.replace("estimated_minutes = 5", "estimated_minutes = 2").replace("## Agonists", "## Agonists\n\n" + words)
    assert findings_of(write_course(tmp_path, lesson=text)) == [
        (
            LESSON,
            4,
            1,
            "warning",
            "W304",
            "lesson 'm1-agonists' has 1,211 words, about 6 minutes at 200 words a minute, more than twice its "
            "estimated_minutes (2): raise the estimate or split the lesson",
        ),
    ]
    unset = LESSON_TOML.replace("estimated_minutes = 5\n", "").replace("## Agonists", "## Agonists\n\n" + words + " " + words)
    [(_, line, col, severity, code, message)] = findings_of(write_course(tmp_path / "unset", lesson=unset))
    assert (line, col, severity, code) == (1, 1, "warning", "W304")
    assert message.endswith("more than twice its estimated_minutes (5 by default): raise the estimate or split the lesson")
    within = LESSON_TOML.replace("## Agonists", "## Agonists\n\n" + " ".join(["word"] * 1_900))
    assert findings_of(write_course(tmp_path / "within", lesson=within)) == []


def test_a_module_estimated_below_its_lessons_is_reported_and_info_counts_the_lessons(tmp_path: Path) -> None:
    long_lesson = LESSON_TOML.replace("estimated_minutes = 5", "estimated_minutes = 15")
    second = 'id = "m1-more"\ntitle = "More"\nestimated_minutes = 20\nbody = "[r](glossary:receptor)"\n'
    root = write_course(tmp_path, lesson=long_lesson, files={f"{MODULE_DIR}/02-more.toml": second})
    assert findings_of(root) == [
        (
            MODULE,
            4,
            1,
            "warning",
            "W305",
            "module 'm1-basics' is estimated at 20 minutes but its lessons' estimated_minutes add up to 35: "
            "raise estimated_minutes (it counts the lessons and the quiz)",
        ),
    ]
    info = course_info(load_course(root))
    assert (info["minutes"], info["lesson_minutes"]) == (35, 35)


def test_a_module_without_an_estimate_is_reported_against_the_default(tmp_path: Path) -> None:
    module = MODULE_TOML.replace("estimated_minutes = 20\n", "")
    lesson = LESSON_TOML.replace("estimated_minutes = 5", "estimated_minutes = 45")
    root = write_course(tmp_path, module=module, lesson=lesson)
    assert findings_of(root) == [
        (
            MODULE,
            1,
            1,
            "warning",
            "W305",
            "module 'm1-basics' is estimated at 30 minutes (the default) but its lessons' estimated_minutes add "
            "up to 45: raise estimated_minutes (it counts the lessons and the quiz)",
        ),
    ]
    assert course_info(load_course(root))["minutes"] == 45


def test_info_minutes_are_the_module_estimates_when_they_cover_the_lessons(tmp_path: Path) -> None:
    info = course_info(load_course(write_course(tmp_path)))
    assert (info["minutes"], info["lesson_minutes"]) == (20, 5)
