"""Adding imported questions to a module: ids unique across the course, objectives, a new or an
existing quiz.toml (kept byte for byte), files that cannot be read, and nothing written on errors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from course.authoring.course_folder import AuthoringError
from course.authoring.gift.importer import UsageError, plan_import, write_plan
from tests.helpers.course_factory import MODULE_DIR, MODULE_TOML, QUIZ_TOML, findings_of, write_course

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TWO_OBJECTIVES = MODULE_TOML + '\n[[objective]]\nid = "m1-o2"\ntext = "Explain what an antagonist does."\n'


def gift_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bank.gift"
    path.write_text(text, encoding="utf-8")
    return path


def quiz_of(course: Path) -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads((course / MODULE_DIR / "quiz.toml").read_text(encoding="utf-8"))
    return data


def test_appending_keeps_the_existing_file_byte_for_byte(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c")
    before = (course / MODULE_DIR / "quiz.toml").read_bytes()
    plan = plan_import(gift_file(tmp_path, "::New one:: Agonists activate. {T####They do.}"), course / MODULE_DIR)
    write_plan(plan)
    after = (course / MODULE_DIR / "quiz.toml").read_bytes()
    assert after.startswith(before) and after != before
    assert not plan.creates
    assert [q["id"] for q in quiz_of(course)["question"]] == ["m1-q1", "new-one"]
    assert [f for f in findings_of(course) if f[3] == "error"] == []


def test_a_module_without_a_quiz_gets_a_new_one(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c", quiz=None)
    plan = plan_import(gift_file(tmp_path, "Agonists activate. {T####They do.}"), course / MODULE_DIR)
    write_plan(plan)
    quiz = quiz_of(course)
    assert plan.creates
    assert (quiz["id"], quiz["title"]) == ("m1-basics-quiz", "Basics: quiz")
    assert [f for f in findings_of(course) if f[3] == "error"] == []


def test_ids_are_unique_across_the_course(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c")
    text = "::m1-q1:: A {T####x}\n\n::M1 Q1:: B {T####x}\n\n::m1-q1:: C {F####x}\n\nUntitled: which receptor binds it? {T####x}"
    plan = plan_import(gift_file(tmp_path, text), course / MODULE_DIR)
    assert [q["data"]["id"] for q in plan.questions] == ["m1-q1-2", "m1-q1-3", "m1-q1-4", "untitled-which-receptor-binds-it"]


def test_the_default_objective_is_the_modules_first_and_another_can_be_named(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c", module=TWO_OBJECTIVES)
    gift = gift_file(tmp_path, "// [tag:m1-o2]\nA {T####x}\n\nB {F####x}")
    default = plan_import(gift, course / MODULE_DIR)
    named = plan_import(gift, course / MODULE_DIR, objective="m1-o1")
    assert [q["data"]["objective"] for q in default.questions] == ["m1-o2", "m1-o1"]
    assert (default.objective, default.objective_given, default.tagged) == ("m1-o1", False, 1)
    assert named.objective_given
    with pytest.raises(UsageError, match="unknown objective 'm9-o9'"):
        plan_import(gift, course / MODULE_DIR, objective="m9-o9")


def test_a_folder_that_is_not_a_module_or_a_broken_quiz_is_a_usage_error(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c", quiz='id = "m1-quiz\n')
    gift = gift_file(tmp_path, "A {T}")
    with pytest.raises(UsageError, match="not a module folder"):
        plan_import(gift, course / "modules")
    with pytest.raises(AuthoringError, match="not valid TOML"):
        plan_import(gift, course / MODULE_DIR)


def test_errors_stop_the_whole_import(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c")
    plan = plan_import(gift_file(tmp_path, "Fine {T}\n\nBroken {=a"), course / MODULE_DIR)
    assert [(f.code, f.line) for f in plan.errors] == [("G102", 3)]
    assert plan.text == "" and plan.questions == []
    assert (course / MODULE_DIR / "quiz.toml").read_text(encoding="utf-8") == QUIZ_TOML


def test_a_file_that_is_not_utf8_is_located_at_the_bad_byte(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c")
    path = tmp_path / "latin1.gift"
    path.write_bytes("First {T}\n\nCaf\xe9 {T}".encode("latin-1"))
    plan = plan_import(path, course / MODULE_DIR)
    assert [(f.code, f.line, f.col) for f in plan.findings] == [("G106", 3, 4)]


def test_a_huge_file_is_refused(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c")
    path = tmp_path / "huge.gift"
    path.write_bytes(b"x" * (1024 * 1024 + 1))
    assert [f.code for f in plan_import(path, course / MODULE_DIR).findings] == ["G106"]


def test_categories_and_comments_become_toml_comments(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c")
    plan = plan_import(gift_file(tmp_path, "$CATEGORY: top/sub\n\n// a note\nA {T####x}"), course / MODULE_DIR)
    assert "# GIFT $CATEGORY: top/sub\n# GIFT comment: a note\n[[question]]\n" in plan.added
    assert plan.categories == ["top/sub"]


def test_a_question_too_big_for_the_model_is_listed_not_imported(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c")
    plan = plan_import(gift_file(tmp_path, "::Big:: Q {=" + "x" * 2001 + " ~b}\n\nSmall {T####x}"), course / MODULE_DIR)
    (warning,) = [f for f in plan.findings if f.code == "G204"]
    assert "'Big' is not imported" in warning.message and "2000" in warning.message
    assert [q["name"] for q in plan.questions] == ["Small"]


def test_a_quiz_that_would_outgrow_the_course_limits_is_refused(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c")
    many = "\n\n".join(f"Statement {n}. {{T}}" for n in range(2000))  # 2,000 more than the 1 already there
    plan = plan_import(gift_file(tmp_path, many), course / MODULE_DIR)
    assert [(f.code, f.line) for f in plan.errors] == [("G107", 1)]
    assert "would hold 2,001 questions" in plan.errors[0].message
    assert plan.text == ""


def test_a_quiz_with_windows_line_endings_and_a_byte_order_mark_keeps_them(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c")
    for name in ("module.toml", "quiz.toml"):
        path = course / MODULE_DIR / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    before = (course / MODULE_DIR / "quiz.toml").read_bytes()
    write_plan(plan_import(gift_file(tmp_path, "::m1-q1:: Agonists activate. {T####They do.}"), course / MODULE_DIR))
    after = (course / MODULE_DIR / "quiz.toml").read_bytes()
    assert after.startswith(before) and b"\n" not in after.replace(b"\r\n", b"")
    assert [q["id"] for q in tomllib.loads(after.decode("utf-8-sig"))["question"]] == ["m1-q1", "m1-q1-2"]
    assert [f for f in findings_of(course) if f[3] == "error"] == []


def test_a_quiz_that_is_not_utf8_is_refused_with_its_path(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c", quiz='id = "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(AuthoringError, match=r"quiz\.toml is not valid TOML \('utf-8' codec can't decode"):
        plan_import(gift_file(tmp_path, "A {T}"), course / MODULE_DIR)


def test_a_quiz_that_lists_its_questions_inline_is_refused_and_kept(tmp_path: Path) -> None:
    inline = 'id = "m1-quiz"\ntitle = "Quiz"\nquestion = [{id = "x1", type = "true_false", prompt = "P?", answer = true}]\n'
    course = write_course(tmp_path / "c", quiz=inline)
    with pytest.raises(UsageError, match=r"quiz\.toml lists its questions in a form new \[\[question\]\] tables cannot follow"):
        plan_import(gift_file(tmp_path, "A {T####x}"), course / MODULE_DIR)
    assert (course / MODULE_DIR / "quiz.toml").read_text(encoding="utf-8") == inline
