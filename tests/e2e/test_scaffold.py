"""``course new`` and ``course schema`` through the real command: a new course validates with
``--strict`` and runs in plain mode as it is; each added piece lands in the right place with a fresh
id and the next prefix, never overwrites a file, and leaves the course valid."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel

from course.authoring.scaffold_content import QUESTION_MODELS
from course.authoring.scaffold_toml import requirement
from course.authoring.schema import KINDS, field_doc, schema_for
from course.loading.loader import load_course, model_for
from progress_store import Store
from quizzes.attempt_plan import option_order
from quizzes.questions import Matching, MultipleChoice, Numeric, Ordering, QuestionBase, ShortText, SingleChoice, TrueFalse
from tests.helpers.cli import run_course
from tui.plain.session import run_plain

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MODULE = "modules/01-first-module"
FILES = [
    "course.toml",
    "glossary.toml",
    "references.toml",
    f"{MODULE}/module.toml",
    f"{MODULE}/01-first-lesson.toml",
    f"{MODULE}/quiz.toml",
]
QUESTION_TYPES = tuple(QUESTION_MODELS)


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    """A course written by ``course new``."""
    result = run_course("new", "sleep", "--title", "Sleep and memory", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "sleep"


def validate(root: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return run_course("validate", *flags, str(root), cwd=root.parent)


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- course new DIR -----------------------------------------------------------------------------


def test_new_course_writes_every_file_and_validates_strict_with_no_findings(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()  # an existing empty folder is fine
    result = run_course("new", "empty", "--title", "Sleep and memory", "--id", "sleep-101", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:6]] == [f"created empty/{f}" for f in FILES]
    assert lines[-1] == "next: course validate --strict empty, then take it: course --course empty"
    root = tmp_path / "empty"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == sorted(FILES)

    checked = validate(root, "--strict")
    assert (checked.returncode, checked.stdout, checked.stderr.strip()) == (0, "", "no problems found")
    info = json.loads(run_course("info", str(root), "--json", cwd=tmp_path).stdout)
    assert (info["id"], info["title"]) == ("sleep-101", "Sleep and memory")
    assert info["question_types"] == dict.fromkeys(sorted(QUESTION_TYPES), 1)
    assert (info["modules"], info["lessons"], info["objectives"], info["glossary_terms"], info["references"]) == (1, 1, 2, 2, 1)


def test_new_course_takes_its_title_and_id_from_the_folder_name(tmp_path: Path) -> None:
    assert run_course("new", "intro-to_sleep", cwd=tmp_path).returncode == 0
    data = tomllib.loads((tmp_path / "intro-to_sleep" / "course.toml").read_text())
    assert data["course"]["title"] == "Intro to sleep" and data["course"]["id"] == "intro-to-sleep"


INLINE = ("items", "pairs")  # lists of inline tables: their keys are explained in one "Keys of each entry" comment


def table_model(model: type[BaseModel], name: str, table: dict[str, Any]) -> type[BaseModel] | None:
    """The model of ``table``, a value (or an entry of the list) of field ``name`` of ``model``."""
    if name == "questions":
        return QUESTION_MODELS[table["type"]]
    annotation = model.model_fields[name].annotation
    return next((c for c in (annotation, *get_args(annotation)) if isinstance(c, type) and issubclass(c, BaseModel)), None)


def unexplained(model: type[BaseModel], table: dict[str, Any], comments: str) -> list[str]:
    """The keys of ``table``, and of the tables in it, that no comment explains as the models do."""
    missing = []
    names = {f.alias or n: n for n, f in model.model_fields.items()}
    for key, value in table.items():
        name = names[key]
        if f"{field_doc(model, name)} {requirement(model.model_fields[name])}" not in comments:
            missing.append(key)
        tables = [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, dict)]
        for sub in tables if key not in INLINE else []:
            sub_model = table_model(model, name, sub)
            assert sub_model is not None, key
            missing += [f"{key}.{k}" for k in unexplained(sub_model, sub, comments)]
    return missing


def test_every_key_of_the_new_course_is_explained_by_a_comment_above_it(course_dir: Path) -> None:
    for relative in FILES:
        path = course_dir / relative
        comments = " ".join(line[2:] for line in path.read_text().splitlines() if line.startswith("# "))
        assert unexplained(model_for(path), tomllib.loads(path.read_text()), comments) == [], relative
    quiz = (course_dir / FILES[-1]).read_text()
    assert "# points = 1.0" in quiz, "optional keys left out are shown, commented out"
    assert "# Keys of each entry: id (required): Id of the item within its question; text (required)" in quiz
    assert "# Keys of each entry: id (required): Id of the pair within its question; left (required)" in quiz


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    result = run_course("new", "busy", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == "course: error: busy exists and is not empty; give a new folder (nothing was written)"
    assert snapshot(tmp_path / "busy") == {"notes.txt": b"mine"}
    (tmp_path / "file").write_text("x")
    assert run_course("new", "file", cwd=tmp_path).stderr.strip() == "course: error: file exists and is not a folder"


def test_new_refuses_a_bad_id_or_title(tmp_path: Path) -> None:
    bad_id = run_course("new", "c", "--id", "Not An Id", cwd=tmp_path)
    assert bad_id.returncode == 2 and "'Not An Id' is not a valid id" in bad_id.stderr
    assert run_course("new", "c", "--title", "  ", cwd=tmp_path).stderr.strip() == "course: error: the title is empty"
    assert not (tmp_path / "c").exists()


# --- running it as it is ------------------------------------------------------------------------


def test_plain_mode_opens_the_lesson_and_takes_the_quiz(course_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    answers = ["1", "1 2", "2", "1 2 3 4 5", "1a 2b 3c 4d", "validate", "7"]
    script = ["", "1", "1", "d", "n", *(line for answer in answers for line in (answer, "")), "", "q"]
    result = subprocess.run(
        [sys.executable, "-m", "course", "--course", str(course_dir), "--db", str(db), "--plain"],
        input="\n".join(script) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "How a course is written\n=======================\n3 min read." in out
    assert "Glossary terms in this lesson: learning objective, distractor." in out
    assert "Lesson marked done." in out
    assert "7 questions. Pass mark 70%. Practice: you see feedback after each answer." in out
    for n in range(1, 8):
        assert f"Question {n} of 7 ({n - 1} answered)." in out
    assert "Results: First module: check your understanding" in out
    assert out.rstrip().endswith("Your progress is saved. Goodbye.") and "Traceback" not in out + result.stderr
    store = Store.open(db)
    try:
        progress = store.learner("default", "sleep-and-memory")
        assert progress.lesson_statuses() == {"first-lesson": "done"}
        (attempt,) = progress.attempts("first-module-quiz")
        assert attempt.finished and len(progress.answers(attempt.id)) == 7
    finally:
        store.close()


def right_answer(question: QuestionBase, seed: int, shuffle: bool) -> str:
    """What a learner who read the lesson types in plain mode for ``question``."""
    shown = option_order(question, seed, shuffle)
    if isinstance(question, SingleChoice):
        return str(shown.index(question.answer) + 1)
    if isinstance(question, MultipleChoice):
        return " ".join(str(shown.index(a) + 1) for a in question.answers)
    if isinstance(question, TrueFalse):
        return "1" if question.answer else "2"
    if isinstance(question, Ordering):
        return " ".join(str(shown.index(item.id) + 1) for item in question.items)
    if isinstance(question, Matching):
        return " ".join(f"{n}{'abcd'[shown.index(p.id)]}" for n, p in enumerate(question.pairs, 1))
    if isinstance(question, ShortText):
        return question.accept[0]
    assert isinstance(question, Numeric) and question.value is not None
    return f"{question.value:g}"


def test_the_quiz_keys_are_right_a_learner_who_answers_well_passes_with_full_marks(course_dir: Path, tmp_path: Path) -> None:
    course = load_course(course_dir)
    quiz = course.modules[0].quiz
    assert quiz is not None and [q.type for q in quiz.questions] == list(QUESTION_TYPES)
    seed = 4242
    answers = [right_answer(q, seed, quiz.shuffle_choices) for q in quiz.questions]
    script = ["", "1", "t", *(line for answer in answers for line in (answer, "")), "", "q"]
    store = Store.open(tmp_path / "p.db")
    out = io.StringIO()
    try:
        code = run_plain(course, store, stdin=io.StringIO("\n".join(script) + "\n"), stdout=out, new_seed=lambda: seed)
    finally:
        store.close()
    assert code == 0
    assert out.getvalue().count("Correct.") == 7
    assert "Passed: 7 of 7 points (100%); pass mark 70%." in out.getvalue()


# --- course new module | lesson | quiz | question -----------------------------------------------


def test_new_module_goes_after_the_last_with_a_fresh_id(course_dir: Path) -> None:
    result = run_course("new", "module", "Receptors & networks", cwd=course_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "created modules/02-receptors-networks/module.toml: module 'receptors-networks' with objective 'receptors-networks-o1'"
    )
    again = run_course("new", "module", "Receptors: networks", "--course", str(course_dir), cwd=course_dir.parent)
    assert again.returncode == 0, again.stderr
    module = tomllib.loads((course_dir / "modules/03-receptors-networks/module.toml").read_text())
    assert (module["id"], module["objective"][0]["id"]) == ("receptors-networks-2", "receptors-networks-2-o1")
    checked = validate(course_dir)
    assert checked.returncode == 0 and " error[" not in checked.stdout, checked.stdout


def test_new_lesson_gets_the_next_prefix_a_unique_id_and_the_module_objectives(course_dir: Path) -> None:
    result = run_course("new", "lesson", "First lesson", "--module", f"{course_dir}/{MODULE}", cwd=course_dir.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("created sleep/modules/01-first-module/02-first-lesson.toml: lesson 'first-lesson-2'\n")
    lesson = tomllib.loads((course_dir / MODULE / "02-first-lesson.toml").read_text())
    assert lesson["objectives"] == ["first-module-o1", "first-module-o2"] and lesson["title"] == "First lesson"
    assert run_course("new", "lesson", "Sleep spindles", "--module", "first-module", cwd=course_dir / "modules").returncode == 0
    assert (course_dir / MODULE / "03-sleep-spindles.toml").is_file()
    checked = validate(course_dir)
    assert checked.returncode == 0 and " error[" not in checked.stdout, checked.stdout


def test_new_quiz_is_made_once_and_never_overwritten(course_dir: Path) -> None:
    assert run_course("new", "module", "Dreams", cwd=course_dir).returncode == 0
    result = run_course("new", "quiz", "--module", "02-dreams", "--title", "Dreams quiz", cwd=course_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "created modules/02-dreams/quiz.toml: quiz 'dreams-quiz' with question 'dreams-q1' (single)\n"
    )
    quiz = tomllib.loads((course_dir / "modules/02-dreams/quiz.toml").read_text())
    assert quiz["title"] == "Dreams quiz" and quiz["question"][0]["objective"] == "dreams-o1"
    before = snapshot(course_dir)
    refused = run_course("new", "quiz", "--module", "02-dreams", cwd=course_dir)
    assert refused.returncode == 2 and "quiz.toml already exists" in refused.stderr
    assert snapshot(course_dir) == before
    checked = validate(course_dir)
    assert checked.returncode == 0 and " error[" not in checked.stdout, checked.stdout


@pytest.mark.parametrize("qtype", QUESTION_TYPES)
def test_new_question_is_appended_with_the_next_id(course_dir: Path, qtype: str) -> None:
    quiz_path = course_dir / MODULE / "quiz.toml"
    before = quiz_path.read_text()
    result = run_course("new", "question", qtype, "--module", "01-first-module", cwd=course_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"added to {MODULE}/quiz.toml: question 'first-module-q8' ({qtype}), assessing 'first-module-o2'"
    )
    after = quiz_path.read_text()
    assert after.startswith(before), "the quiz is appended to, never rewritten"
    questions = tomllib.loads(after)["question"]
    assert [q["id"] for q in questions][-2:] == ["first-module-q7", "first-module-q8"]
    assert questions[-1]["type"] == qtype
    checked = validate(course_dir)
    assert checked.returncode == 0 and " error[" not in checked.stdout, checked.stdout


def test_new_question_creates_the_quiz_when_the_module_has_none(course_dir: Path) -> None:
    assert run_course("new", "module", "Dreams", cwd=course_dir).returncode == 0
    result = run_course("new", "question", "numeric", "--module", "dreams", cwd=course_dir)
    assert result.stdout.startswith("created modules/02-dreams/quiz.toml: quiz 'dreams-quiz' with question 'dreams-q1' (numeric)")
    assert run_course("new", "question", "text", "--module", "dreams", cwd=course_dir).returncode == 0
    ids = [q["id"] for q in tomllib.loads((course_dir / "modules/02-dreams/quiz.toml").read_text())["question"]]
    assert ids == ["dreams-q1", "dreams-q2"]
    checked = validate(course_dir)
    assert checked.returncode == 0 and " error[" not in checked.stdout, checked.stdout


def test_new_question_of_an_unknown_type_lists_the_types(course_dir: Path) -> None:
    before = snapshot(course_dir)
    result = run_course("new", "question", "essay", "--module", "01-first-module", cwd=course_dir)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == (
        "course: error: unknown question type 'essay'; the types are: single, multiple, true_false, order, match, text, numeric"
    )
    assert snapshot(course_dir) == before


def test_pieces_need_a_course_and_a_module(tmp_path: Path, course_dir: Path) -> None:
    outside = run_course("new", "module", "Lost", cwd=tmp_path)
    assert outside.returncode == 2 and "not inside a course folder" in outside.stderr and "--course DIR" in outside.stderr
    no_module = run_course("new", "lesson", "Lost", cwd=course_dir)
    assert no_module.returncode == 2 and "course new lesson needs --module MODULE_DIR" in no_module.stderr
    unknown = run_course("new", "lesson", "Lost", "--module", "09-nowhere", cwd=course_dir)
    assert unknown.returncode == 2 and "no module folder '09-nowhere'" in unknown.stderr and "01-first-module" in unknown.stderr
    assert "Traceback" not in outside.stderr + no_module.stderr + unknown.stderr
    assert sorted(snapshot(course_dir)) == sorted(FILES)


def test_an_appended_question_keeps_the_quiz_line_endings(course_dir: Path) -> None:
    quiz_path = course_dir / MODULE / "quiz.toml"
    original = quiz_path.read_bytes().replace(b"\n", b"\r\n")
    quiz_path.write_bytes(original)
    assert run_course("new", "question", "match", "--module", "01-first-module", cwd=course_dir).returncode == 0
    after = quiz_path.read_bytes()
    assert after.startswith(original) and b"\n" not in after.replace(b"\r\n", b"")
    checked = validate(course_dir)
    assert checked.returncode == 0 and " error[" not in checked.stdout, checked.stdout


def test_a_question_is_not_appended_to_a_quiz_written_as_an_inline_array(course_dir: Path) -> None:
    quiz_path = course_dir / MODULE / "quiz.toml"
    inline = 'id = "q"\ntitle = "Quiz"\nquestion = [{id = "x1", type = "true_false", objective = "first-module-o1", prompt = "P?", explanation = "E.", answer = true}]\n'
    quiz_path.write_text(inline)
    result = run_course("new", "question", "single", "--module", "01-first-module", cwd=course_dir)
    assert result.returncode == 2 and "add it by hand" in result.stderr
    assert quiz_path.read_text() == inline


# --- course schema ------------------------------------------------------------------------------


def test_schema_lists_prints_and_writes_the_kinds(tmp_path: Path) -> None:
    listed = run_course("schema", cwd=tmp_path)
    assert listed.returncode == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()[1:]] == list(KINDS)
    printed = run_course("schema", "quiz", cwd=tmp_path)
    assert printed.returncode == 0 and json.loads(printed.stdout) == schema_for("quiz")
    written = run_course("schema", "--output", "schema", cwd=tmp_path)
    assert written.returncode == 0
    assert written.stdout.splitlines() == [f"wrote schema/{kind}.schema.json" for kind in KINDS]
    for kind in KINDS:
        assert json.loads((tmp_path / "schema" / f"{kind}.schema.json").read_text()) == schema_for(kind)
    unknown = run_course("schema", "essay", cwd=tmp_path)
    assert unknown.returncode == 2 and "invalid choice: 'essay'" in unknown.stderr
