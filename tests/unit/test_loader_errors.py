"""Loading and checking course folders: every problem is reported, located exactly, with a stable code."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from course.loading.checking import check_path
from course.loading.findings import CourseError, Finding
from course.loading.lint import lint
from course.loading.loader import load_course, read_course
from course.loading.value_words import ID_RULE
from tests.helpers.course_factory import (
    COURSE_TOML,
    LESSON_TOML,
    MODULE_DIR,
    MODULE_TOML,
    QUIZ_TOML,
    as_rows,
    findings_of,
    path_of,
    question_toml,
    write_course,
    write_files,
)

LESSON = f"{MODULE_DIR}/01-agonists.toml"
MODULE = f"{MODULE_DIR}/module.toml"
QUIZ = f"{MODULE_DIR}/quiz.toml"

# Coverage warnings; the linter gives them only when the course has no errors at all.
NOT_ASSESSED = (MODULE, 7, 1, "warning", "W301", "objective 'm1-o1' is assessed by no question")
NOT_TAUGHT = (MODULE, 7, 1, "warning", "W302", "objective 'm1-o1' is taught by no lesson")

QUIZ_HEAD = 'id = "m1-quiz"\ntitle = "Basics quiz"\n'


def lesson(extra: str = "", *, objectives: str = '["m1-o1"]', body: str = "Plain text.\n") -> str:
    """A lesson file (lines: 1 id, 2 title, 3 objectives, 4 body = \"\"\", ...) with ``extra`` after the body."""
    return f'id = "m1-agonists"\ntitle = "Agonists"\nobjectives = {objectives}\nbody = """\n{body}"""\n{extra}'


def quiz(*questions: str, head: str = QUIZ_HEAD) -> str:
    return head + "\n" + "\n".join(questions)


def test_the_minimal_course_is_clean(tmp_path: Path) -> None:
    assert findings_of(write_course(tmp_path)) == []


# --- E001: TOML syntax ---------------------------------------------------------------------------


def test_syntax_error_is_located_where_the_parser_reports_it(tmp_path: Path) -> None:
    # The rest of the file is still checked: this quiz has no question at all.
    root = write_course(tmp_path, quiz='id = "m1-quiz"\ntitle = "Basics quiz"\nmode = practice\n')
    assert findings_of(root) == [
        (QUIZ, 1, 1, "error", "E102", "missing required key 'question'"),
        (QUIZ, 3, 8, "error", "E001", "TOML syntax error: invalid value"),
    ]


def test_syntax_error_after_non_ascii_text_counts_characters(tmp_path: Path) -> None:
    root = write_course(tmp_path, course='format_version = 1\n[course]\nid = "demo"\ntitle = "Déjà vu" extra\n')
    assert findings_of(root) == [
        ("course.toml", 4, 19, "error", "E001", "TOML syntax error: expected newline or end of document after a statement"),
    ]


def test_syntax_error_at_end_of_document_points_at_what_is_never_closed(tmp_path: Path) -> None:
    root = write_course(tmp_path, lesson='id = "m1-agonists"\ntitle = "A"\nbody = """\nnever closed\n')
    assert findings_of(root) == [
        (LESSON, 3, 8, "error", "E001", 'TOML syntax error: unterminated string: the """ opened here is never closed'),
    ]
    root2 = write_course(tmp_path / "two", lesson='id = "m1-agonists"\nobjectives = ["m1-o1",')
    assert findings_of(root2) == [
        (LESSON, 1, 1, "error", "E102", "missing required key 'body'"),
        (LESSON, 1, 1, "error", "E102", "missing required key 'title'"),
        (LESSON, 2, 14, "error", "E001", "TOML syntax error: unclosed list: the '[' opened here is never closed"),
    ]


def test_redefined_key_is_a_syntax_error(tmp_path: Path) -> None:
    root = write_course(tmp_path, course='format_version = 1\nformat_version = 1\n[course]\nid = "demo"\ntitle = "T"\n')
    assert findings_of(root) == [
        (
            "course.toml",
            2,
            1,
            "error",
            "E001",
            "TOML syntax error: cannot overwrite a value: 'format_version' is already set on line 1",
        )
    ]


# --- E002: unreadable files ----------------------------------------------------------------------


def test_non_utf8_file_is_located_at_the_bad_byte(tmp_path: Path) -> None:
    root = write_course(tmp_path, lesson=b'id = "m1-agonists"\ntitle = "Caf\xe9 au lait"\n')
    assert findings_of(root) == [
        (LESSON, 2, 13, "error", "E002", "file is not valid UTF-8 text"),
    ]


def test_oversize_file_is_refused_without_parsing(tmp_path: Path) -> None:
    big = 'id = "m1-big"\ntitle = "Big"\nbody = "x"\n'
    big += "#" * (1_048_576 - len(big)) + "\n"
    assert len(big.encode()) == 1_048_577
    root = write_course(tmp_path, files={f"{MODULE_DIR}/02-big.toml": big})
    assert findings_of(root) == [
        (
            f"{MODULE_DIR}/02-big.toml",
            1,
            1,
            "error",
            "E002",
            "file is 1,048,577 bytes; course files may be at most 1,048,576 bytes",
        )
    ]


def test_a_file_of_exactly_the_limit_is_accepted(tmp_path: Path) -> None:
    text = 'id = "m1-big"\ntitle = "Big"\nbody = "x"\n'
    text += "#" * (1_048_576 - len(text) - 1) + "\n"
    assert len(text.encode()) == 1_048_576
    root = write_course(tmp_path, files={f"{MODULE_DIR}/02-big.toml": text})
    assert findings_of(root) == []


def test_module_folder_linking_outside_the_course_is_skipped(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "module.toml").write_text('id = "m9"\ntitle = "Outside"\n', encoding="utf-8")
    root = write_course(tmp_path / "course")
    try:
        (root / "modules" / "02-linked").symlink_to(outside, target_is_directory=True)
    except OSError:  # pragma: no cover - platforms without symlinks
        pytest.skip("symlinks are not available")
    assert findings_of(root) == [
        ("modules/02-linked", 1, 1, "error", "E002", "links outside the course folder; it is skipped"),
    ]


# --- E003: missing files -------------------------------------------------------------------------


def test_missing_course_toml(tmp_path: Path) -> None:
    (tmp_path / "modules").mkdir()
    assert findings_of(tmp_path) == [
        ("course.toml", 1, 1, "error", "E003", "missing course.toml: every course folder needs one"),
    ]


def test_missing_module_toml(tmp_path: Path) -> None:
    root = write_course(tmp_path, files={"modules/02-orphan/01-lesson.toml": lesson()})
    assert findings_of(root) == [
        ("modules/02-orphan/module.toml", 1, 1, "error", "E003", "missing module.toml in module folder '02-orphan'"),
    ]


def test_missing_modules_folder(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"course.toml": COURSE_TOML})
    assert findings_of(root) == [
        ("modules", 1, 1, "error", "E003", "missing modules/ folder: a course needs at least one module"),
    ]


# --- E101..E105: one file's shape ----------------------------------------------------------------


def test_unknown_key_suggests_the_closest_known_key(tmp_path: Path) -> None:
    text = 'id = "m1-agonists"\ntitel = "Agonists"\nobjectives = ["m1-o1"]\nbody = "x"\n'
    root = write_course(tmp_path, lesson=text)
    assert findings_of(root) == [
        (LESSON, 1, 1, "error", "E102", "missing required key 'title'"),
        (LESSON, 2, 1, "error", "E101", "unknown key 'titel'; did you mean 'title'?"),
    ]


def test_unknown_key_without_a_close_match_has_no_hint(tmp_path: Path) -> None:
    root = write_course(tmp_path, course='format_version = 1\nzzzz = 1\n[course]\nid = "demo"\ntitle = "T"\n')
    assert findings_of(root) == [("course.toml", 2, 1, "error", "E101", "unknown key 'zzzz'")]


def test_did_you_mean_only_suggests_keys_allowed_at_that_place(tmp_path: Path) -> None:
    # `title` belongs in [course]; at the top level it is unknown, and suggesting 'title' would not help.
    course = 'format_version = 1\ntitle = "T"\nsumary = "S"\n[course]\nid = "demo"\ntitle = "T"\nsumary = "S"\n'
    root = write_course(tmp_path, course=course, module=MODULE_TOML + "txt = 1\n[[objectives]]\n")
    assert findings_of(root) == [
        ("course.toml", 2, 1, "error", "E101", "unknown key 'title'"),
        ("course.toml", 3, 1, "error", "E101", "unknown key 'sumary'"),
        ("course.toml", 7, 1, "error", "E101", "unknown key 'sumary'; did you mean 'summary'?"),
        (MODULE, 9, 1, "error", "E101", "unknown key 'txt'; did you mean 'text'?"),
        (MODULE, 10, 1, "error", "E101", "unknown key 'objectives'; did you mean 'objective'?"),
    ]


def test_unknown_table_and_unknown_key_in_an_inline_table(tmp_path: Path) -> None:
    question = question_toml(
        "m1-q1", "single", "m1-o1", 'answer = "a"\nchoices = [{id = "a", text = "A"}, {id = "b", txet = "B"}]'
    )
    root = write_course(tmp_path, quiz=quiz(question) + "\n[[extras]]\nx = 1\n")
    assert findings_of(root) == [
        (QUIZ, 11, 36, "error", "E102", "missing required key 'text' (in question 'm1-q1', choice 'b')"),
        (QUIZ, 11, 47, "error", "E101", "unknown key 'txet'; did you mean 'text'?"),
        (QUIZ, 13, 1, "error", "E101", "unknown key 'extras'"),
    ]


def test_missing_field_is_reported_on_its_table_header(tmp_path: Path) -> None:
    text = (
        QUIZ_HEAD
        + "\n[[question]]\n"  # 4
        + 'id = "m1-q1"\ntype = "single"\nobjective = "m1-o1"\nprompt = "P?"\nanswer = "a"\n'  # 5-9
        + '\n[[question.choices]]\nid = "a"\ntext = "A"\n'  # 11-13
        + '\n[[question.choices]]\nid = "b"\n'  # 15-16
    )
    root = write_course(tmp_path, quiz=text)
    assert findings_of(root) == [
        (QUIZ, 4, 1, "error", "E102", "missing required key 'explanation' (in question 'm1-q1')"),
        (QUIZ, 15, 1, "error", "E102", "missing required key 'text' (in question 'm1-q1', choice 'b')"),
    ]


def test_missing_field_of_a_top_level_table_and_of_the_document(tmp_path: Path) -> None:
    root = write_course(tmp_path, course='format_version = 1\n\n[course]\nid = "demo"\n')
    assert findings_of(root) == [("course.toml", 3, 1, "error", "E102", "missing required key 'title' (in course)")]
    root2 = write_course(tmp_path / "two", course='[course]\nid = "demo"\ntitle = "T"\n')
    assert findings_of(root2) == [("course.toml", 1, 1, "error", "E102", "missing required key 'format_version'")]


def test_missing_field_of_a_table_made_by_dotted_keys(tmp_path: Path) -> None:
    root = write_course(tmp_path, course='format_version = 1\n\ncourse.id = "demo"\n')
    assert findings_of(root) == [("course.toml", 3, 1, "error", "E102", "missing required key 'title' (in course)")]


def test_missing_question_type(tmp_path: Path) -> None:
    text = quiz('[[question]]\nid = "m1-q1"\nobjective = "m1-o1"\nprompt = "P"\nexplanation = "E"\nanswer = true\n')
    root = write_course(tmp_path, quiz=text)
    assert findings_of(root) == [
        (QUIZ, 4, 1, "error", "E102", "missing required key 'type' (in question 'm1-q1')"),
    ]


def test_wrong_types(tmp_path: Path) -> None:
    text = (
        'id = "m1-agonists"\n'
        "title = 42\n"  # 2
        'objectives = "m1-o1"\n'  # 3
        'estimated_minutes = "five"\n'  # 4
        'key_points = ["ok", 7]\n'  # 5
        'body = "x"\n'
    )
    root = write_course(tmp_path, lesson=text)
    assert findings_of(root) == [
        (LESSON, 2, 1, "error", "E103", "wrong type for 'title': expected text in quotes, found a whole number"),
        (LESSON, 3, 1, "error", "E103", "wrong type for 'objectives': expected a list in brackets, found text"),
        (
            LESSON,
            4,
            1,
            "error",
            "E103",
            "wrong type for 'estimated_minutes': expected a whole number, found text: write it without quotes",
        ),
        (LESSON, 5, 21, "error", "E103", "wrong type for 'key_points' entry 2: expected text in quotes, found a whole number"),
    ]


def test_wrong_type_for_a_table(tmp_path: Path) -> None:
    root = write_course(tmp_path, course='format_version = 1\ncourse = "demo"\n')
    assert findings_of(root) == [
        (
            "course.toml",
            2,
            1,
            "error",
            "E103",
            "wrong type for 'course': expected a table, found text",
        ),
    ]


def test_wrong_type_for_numeric_value(tmp_path: Path) -> None:
    question = question_toml("m1-q1", "numeric", "m1-o1", 'value = "two"')
    root = write_course(tmp_path, quiz=quiz(question))
    assert findings_of(root) == [
        (QUIZ, 10, 1, "error", "E103", "wrong type for 'value': expected a number, found text: write it without quotes"),
    ]


def test_types_are_strict_no_silent_conversion(tmp_path: Path) -> None:
    # "true" is not true, and "2" is not 2: an author's typo must not change the answer key silently.
    question = question_toml("m1-q1", "true_false", "m1-o1", 'answer = "true"')
    root = write_course(tmp_path, quiz=quiz(question))
    assert findings_of(root) == [
        (QUIZ, 10, 1, "error", "E103", "wrong type for 'answer': expected true or false, found text: write it without quotes"),
    ]


def test_invalid_values(tmp_path: Path) -> None:
    root = write_course(
        tmp_path,
        course='format_version = 2\n[course]\nid = "Demo Course"\ntitle = ""\n',
        quiz=QUIZ_TOML.replace('title = "Basics quiz"\n', 'title = "Basics quiz"\npass_mark = 1.5\nmode = "test"\n'),
    )
    assert findings_of(root) == [
        ("course.toml", 1, 1, "error", "E104", "invalid value for 'format_version': must be 1"),
        ("course.toml", 3, 1, "error", "E104", f"invalid value for 'id': 'Demo Course' is not a valid id ({ID_RULE})"),
        ("course.toml", 4, 1, "error", "E104", "invalid value for 'title': must not be empty"),
        (QUIZ, 3, 1, "error", "E104", "invalid value for 'pass_mark': must be at most 1 (a fraction of the points: 0.7 is 70%)"),
        (QUIZ, 4, 1, "error", "E104", "invalid value for 'mode': must be 'practice' or 'exam'"),
    ]


def test_invalid_id_inside_an_array_of_tables(tmp_path: Path) -> None:
    root = write_course(tmp_path, module=MODULE_TOML.replace('id = "m1-o1"', 'id = "M1_O1"'))
    rows = findings_of(root)
    assert (MODULE, 7, 1, "error", "E104", f"invalid value for 'id': 'M1_O1' is not a valid id ({ID_RULE})") in rows
    assert all(code != "E104" or path == MODULE for path, _, _, _, code, _ in rows)


def test_invalid_values_from_question_rules(tmp_path: Path) -> None:
    text = quiz(
        question_toml("m1-q1", "text", "m1-o1", "case_sensitive = true"),  # 4
        question_toml("m1-q2", "numeric", "m1-o1", "min = 3\nmax = 1"),  # 11
        question_toml("m1-q3", "single", "m1-o1", 'answer = "a"\npoints = 0\nchoices = [{id = "a", text = "A"}]'),  # 19
    )
    root = write_course(tmp_path, quiz=text)
    assert findings_of(root) == [
        (QUIZ, 4, 1, "error", "E102", "missing required key 'accept' (in question 'm1-q1')"),
        (QUIZ, 12, 1, "error", "E104", "invalid value in question 'm1-q2': min must not be greater than max"),
        (QUIZ, 28, 1, "error", "E104", "invalid value for 'points': must be greater than 0"),
        (QUIZ, 29, 1, "error", "E104", "invalid value for 'choices': needs at least 2 entries, has 1"),
    ]


def test_unknown_question_type_suggests_a_known_one(tmp_path: Path) -> None:
    root = write_course(tmp_path, quiz=QUIZ_TOML.replace('type = "single"', 'type = "singel"'))
    assert findings_of(root) == [
        (
            QUIZ,
            6,
            1,
            "error",
            "E105",
            "unknown question type 'singel' (expected one of 'single', 'multiple', 'true_false', 'order', "
            "'match', 'text', 'numeric'); did you mean 'single'?",
        ),
    ]


# --- E201..E207, W301..W306: across files --------------------------------------------------------


def test_duplicate_ids_across_files_name_the_first_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    second_module = 'id = "m2"\ntitle = "Two"\n\n[[objective]]\nid = "m1-o1"\ntext = "Again."\n'
    second_quiz = quiz(QUIZ_TOML.split("\n\n", 1)[1], head='id = "m2-quiz"\ntitle = "Q2"\n')
    root = write_course(
        tmp_path,
        files={
            f"{MODULE_DIR}/02-copy.toml": lesson(),
            "modules/02-two/module.toml": second_module,
            "modules/02-two/quiz.toml": second_quiz,
        },
    )
    assert findings_of(root) == [
        (
            f"{MODULE_DIR}/02-copy.toml",
            1,
            1,
            "error",
            "E201",
            f"duplicate lesson id 'm1-agonists' (first defined at {LESSON}:1)",
        ),
        ("modules/02-two/module.toml", 5, 1, "error", "E201", f"duplicate objective id 'm1-o1' (first defined at {MODULE}:7)"),
        ("modules/02-two/quiz.toml", 5, 1, "error", "E201", f"duplicate question id 'm1-q1' (first defined at {QUIZ}:5)"),
    ]


def test_duplicate_glossary_and_reference_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    glossary = '[[term]]\nid = "agonist"\nterm = "a"\ndefinition = "d"\n\n[[term]]\nid = "receptor"\nterm = "r"\ndefinition = "d"\n\n[[term]]\nid = "agonist"\nterm = "b"\ndefinition = "d"\n'
    references = 'reference = [\n  {id = "smith-2020", citation = "A"},\n  {id = "smith-2020", citation = "B"},\n]\n'
    root = write_course(tmp_path, glossary=glossary, references=references)
    assert findings_of(root) == [
        ("glossary.toml", 12, 1, "error", "E201", "duplicate glossary term id 'agonist' (first defined at glossary.toml:2)"),
        ("references.toml", 3, 4, "error", "E201", "duplicate reference id 'smith-2020' (first defined at references.toml:2)"),
    ]


def test_unknown_objective_reference_and_see_also(tmp_path: Path) -> None:
    glossary = '[[term]]\nid = "agonist"\nterm = "a"\ndefinition = "d"\nsee_also = ["receptor", "antagonist"]\n\n[[term]]\nid = "receptor"\nterm = "r"\ndefinition = "d"\n'
    text = lesson('references = ["smith-2020", "nobody-1999"]\n', objectives='["m1-o1", "m9-o9"]')
    root = write_course(tmp_path, glossary=glossary, lesson=text)
    assert findings_of(root) == [
        ("glossary.toml", 5, 25, "error", "E202", "see_also names unknown glossary term 'antagonist'; did you mean 'agonist'?"),
        (LESSON, 3, 24, "error", "E202", "unknown objective 'm9-o9'"),
        (LESSON, 7, 29, "error", "E202", "unknown reference 'nobody-1999'"),
    ]


def test_question_with_unknown_objective(tmp_path: Path) -> None:
    root = write_course(tmp_path, quiz=QUIZ_TOML.replace('objective = "m1-o1"', 'objective = "m1-o2"'))
    assert findings_of(root) == [
        (QUIZ, 7, 1, "error", "E202", "question 'm1-q1' names unknown objective 'm1-o2'; did you mean 'm1-o1'?"),
    ]


def test_body_links_are_located_in_the_file_not_the_body(tmp_path: Path) -> None:
    body = (
        "## Heading\n"  # file line 5
        "\n"  # 6
        "A [known](glossary:agonist) and an [unknown](glossary:nope).\n"  # 7
        "\n"  # 8
        "Cite [bad](ref:nobody-2000) then [good](ref:smith-2020).\n"  # 9
        "Fetch [plain](http://example.org/x) or [mail](mailto:a@b.c) or [safe](https://example.org).\n"  # 10
    )
    root = write_course(tmp_path, lesson=lesson(body=body))
    assert findings_of(root) == [
        (LESSON, 7, 45, "error", "E202", "link to unknown glossary term 'glossary:nope'"),
        (LESSON, 9, 11, "error", "E202", "link to unknown reference 'ref:nobody-2000'"),
        (
            LESSON,
            9,
            40,
            "warning",
            "W307",
            "'ref:smith-2020' is cited but not in this lesson's references; add \"smith-2020\" to references",
        ),
        (LESSON, 10, 14, "warning", "W306", "link 'http://example.org/x' is not https; learners will not be offered it"),
        (LESSON, 10, 46, "warning", "W306", "link 'mailto:a@b.c' is not https; learners will not be offered it"),
    ]


def test_body_links_in_a_literal_multi_line_string_and_with_crlf(tmp_path: Path) -> None:
    literal = "id = \"m1-agonists\"\ntitle = \"A\"\nobjectives = [\"m1-o1\"]\nbody = '''\none\n  [x](glossary:zz)\n'''\n"
    crlf = lesson(body="one\n  [x](glossary:yy)\n").replace("\n", "\r\n")
    root = write_course(tmp_path, lesson=literal, files={f"{MODULE_DIR}/02-crlf.toml": crlf.replace("m1-agonists", "m1-crlf")})
    assert findings_of(root) == [
        (LESSON, 6, 6, "error", "E202", "link to unknown glossary term 'glossary:zz'"),
        (f"{MODULE_DIR}/02-crlf.toml", 6, 6, "error", "E202", "link to unknown glossary term 'glossary:yy'"),
    ]


def test_body_link_on_the_opening_line_is_located_at_its_file_column(tmp_path: Path) -> None:
    # The body starts on the same line as its opening quotes: the link's column must count `body = """`.
    text = 'id = "m1-agonists"\ntitle = "A"\nobjectives = ["m1-o1"]\nbody = """See [x](glossary:zz)\nmore\n"""\n'
    root = write_course(tmp_path, lesson=text)
    assert findings_of(root) == [(LESSON, 4, 18, "error", "E202", "link to unknown glossary term 'glossary:zz'")]


def test_body_links_in_a_one_line_string_with_escaped_newlines_stay_inside_the_file(tmp_path: Path) -> None:
    # body = "one\n[x](glossary:zz)" is one line of the file; the finding must not point past it.
    text = 'id = "m1-agonists"\ntitle = "A"\nobjectives = ["m1-o1"]\nbody = "one\\n[x](glossary:zz)"\n'
    root = write_course(tmp_path, lesson=text)
    [(path, line, _col, severity, code, message)] = findings_of(root)
    assert (path, line, severity, code, message) == (LESSON, 4, "error", "E202", "link to unknown glossary term 'glossary:zz'")


def test_answer_keys_that_point_nowhere(tmp_path: Path) -> None:
    text = quiz(
        QUIZ_TOML.split("\n\n", 1)[1].replace('answer = "b"', 'answer = "c"'),  # question 1 at line 4
        question_toml(
            "m1-q2", "multiple", "m1-o1", 'answers = ["a", "z"]\nchoices = [{id = "a", text = "A"}, {id = "b", text = "B"}]'
        ),  # question 2 at line 20
    )
    root = write_course(tmp_path, quiz=text)
    assert findings_of(root) == [
        (QUIZ, 9, 1, "error", "E203", "answer 'c' points at no choice (choices: a, b)"),
        (QUIZ, 26, 17, "error", "E203", "answer 'z' points at no choice (choices: a, b)"),
    ]


def test_duplicates_inside_answer_keys(tmp_path: Path) -> None:
    text = quiz(
        question_toml(  # 4
            "m1-q1",
            "multiple",
            "m1-o1",
            """
            answers = ["a", "a"]
            [[question.choices]]
            id = "a"
            text = "A"
            [[question.choices]]
            id = "a"
            text = "B"
            """,
        ),
        question_toml(  # 18
            "m1-q2",
            "order",
            "m1-o1",
            """
            items = [
              {id = "one", text = "First"},
              {id = "two", text = " first "},
              {id = "one", text = "Third"},
            ]
            """,
        ),
        question_toml(  # 30
            "m1-q3",
            "match",
            "m1-o1",
            """
            pairs = [
              {id = "p1", left = "L", right = "R"},
              {id = "p1", left = "l", right = "S"},
              {id = "p3", left = "M", right = "r"},
            ]
            """,
        ),
    )
    root = write_course(tmp_path, quiz=text)
    assert findings_of(root) == [
        (QUIZ, 10, 17, "error", "E204", "duplicate answer 'a'"),
        (QUIZ, 15, 1, "error", "E204", "duplicate choice id 'a'"),
        (QUIZ, 26, 16, "error", "E204", "duplicate item text 'first'"),
        (QUIZ, 27, 4, "error", "E204", "duplicate item id 'one'"),
        (QUIZ, 38, 4, "error", "E204", "duplicate pair id 'p1'"),
        (QUIZ, 38, 15, "error", "E204", "duplicate left side 'l'"),
        (QUIZ, 39, 27, "error", "E204", "duplicate right side 'r'"),
    ]


def test_invalid_regular_expression(tmp_path: Path) -> None:
    root = write_course(tmp_path, quiz=quiz(question_toml("m1-q1", "text", "m1-o1", 'accept = ["abc"]\npattern = "([a-z]+"')))
    assert findings_of(root) == [
        (
            QUIZ,
            11,
            1,
            "error",
            "E206",
            "pattern is not a valid regular expression: missing ), unterminated subpattern at position 0",
        ),
    ]


def test_draw_larger_than_the_pool(tmp_path: Path) -> None:
    root = write_course(tmp_path, quiz=QUIZ_TOML.replace('title = "Basics quiz"\n', 'title = "Basics quiz"\ndraw = 3\n'))
    assert findings_of(root) == [(QUIZ, 3, 1, "error", "E207", "draw is 3 but the pool holds only 1 questions")]


def test_draw_equal_to_the_pool_is_fine(tmp_path: Path) -> None:
    root = write_course(tmp_path, quiz=QUIZ_TOML.replace('title = "Basics quiz"\n', 'title = "Basics quiz"\ndraw = 1\n'))
    assert findings_of(root) == []


def test_objective_not_assessed_and_not_taught(tmp_path: Path) -> None:
    root = write_course(tmp_path, quiz=None, lesson=lesson(objectives="[]", body="[Agonists](glossary:agonist).\n"))
    assert findings_of(root) == [NOT_ASSESSED, NOT_TAUGHT]


# --- several problems at once --------------------------------------------------------------------


def test_every_problem_in_every_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    root = write_course(
        tmp_path,
        course='format_version = 1\n[course]\nid = "demo"\ntitle = "T"\nauthor = ["x"]\nsummary = 3\n',
        glossary='[[term]]\nid = "agonist"\nterm = "a"\ndefinition = "d"\n[[term]]\nid = "receptor"\nterm = "r"\n',
        lesson=lesson(objectives='["m1-o1", "nope"]', body="[a](glossary:agonist) [r](ref:nope)\n"),
        quiz=QUIZ_TOML.replace('answer = "b"', 'answer = "z"') + '\n[[question]]\nid = "m1-q1"\n',
        files={f"{MODULE_DIR}/02-broken.toml": 'id = "m1-broken"\ntitle = \n'},
    )
    rows = findings_of(root)
    assert rows == [
        ("course.toml", 5, 1, "error", "E101", "unknown key 'author'; did you mean 'authors'?"),
        ("course.toml", 6, 1, "error", "E103", "wrong type for 'summary': expected text in quotes, found a whole number"),
        ("glossary.toml", 5, 1, "error", "E102", "missing required key 'definition' (in term 'receptor')"),
        (LESSON, 3, 24, "error", "E202", "unknown objective 'nope'"),
        (LESSON, 5, 26, "error", "E202", "link to unknown reference 'ref:nope'"),
        (f"{MODULE_DIR}/02-broken.toml", 1, 1, "error", "E102", "missing required key 'body'"),
        (f"{MODULE_DIR}/02-broken.toml", 2, 9, "error", "E001", "TOML syntax error: invalid value"),
        (QUIZ, 9, 1, "error", "E203", "answer 'z' points at no choice (choices: a, b)"),
        (QUIZ, 20, 1, "error", "E102", "missing required key 'type' (in question 'm1-q1')"),
        (QUIZ, 21, 1, "error", "E201", f"duplicate question id 'm1-q1' (first defined at {QUIZ}:5)"),
    ]
    assert len({path for path, *_ in rows}) == 5


def test_read_course_collects_findings_and_builds_no_course_on_errors(tmp_path: Path) -> None:
    root = write_course(tmp_path, course='format_version = 1\n[course]\nid = "demo"\n', quiz="id = ")
    loaded = read_course(root)
    assert loaded.course is None
    assert sorted((f.path.name, f.code, f.line) for f in loaded.findings) == [
        ("course.toml", "E102", 2),
        ("quiz.toml", "E001", 1),
        ("quiz.toml", "E102", 1),  # no title: the broken line held only the id
        ("quiz.toml", "E102", 1),  # no question
    ]
    assert path_of(root, "quiz") in loaded.files
    assert loaded.files[path_of(root, "quiz")].data is None
    assert loaded.files[path_of(root, "quiz")].partial == {}


# --- checking one file ---------------------------------------------------------------------------


def test_checking_one_file_of_a_course_reports_only_that_file(tmp_path: Path) -> None:
    root = write_course(tmp_path, lesson=lesson(objectives='["nope"]'), quiz=QUIZ_TOML.replace('answer = "b"', 'answer = "z"'))
    lesson_rows = as_rows(check_path(path_of(root, "lesson")), root)
    quiz_rows = as_rows(check_path(path_of(root, "quiz")), root)
    assert lesson_rows == [(LESSON, 3, 15, "error", "E202", "unknown objective 'nope'")]
    assert quiz_rows == [(QUIZ, 9, 1, "error", "E203", "answer 'z' points at no choice (choices: a, b)")]


def test_checking_a_lone_file_uses_the_model_its_name_implies(tmp_path: Path) -> None:
    lone = tmp_path / "quiz.toml"
    lone.write_text('id = "q"\ntitle = "Q"\npass_mark = 2\n', encoding="utf-8")
    assert as_rows(check_path(lone), tmp_path) == [
        ("quiz.toml", 1, 1, "error", "E102", "missing required key 'question'"),
        (
            "quiz.toml",
            3,
            1,
            "error",
            "E104",
            "invalid value for 'pass_mark': must be at most 1 (a fraction of the points: 0.7 is 70%)",
        ),
    ]
    other = tmp_path / "notes.toml"
    other.write_text('id = "l"\ntitle = "L"\nbody = "b"\n', encoding="utf-8")
    assert check_path(other) == []


# --- text safety ---------------------------------------------------------------------------------


def test_control_characters_are_stripped_from_loaded_text(tmp_path: Path) -> None:
    text = (
        'id = "m1-agonists"\n'
        'title = "Bad \\u001b[31mred\\u001b[0m \\u009b2J tail\\u0007"\n'
        'summary = "tab\\tkept, nul\\u0000 gone, del\\u007f gone, csi\\u0085 gone"\n'
        'objectives = ["m1-o1"]\n'
        'key_points = ["\\u001b]8;;https://evil.example\\u001b\\\\link"]\n'
        'body = """\nline one\\r\nline two \\u001b[2J\n"""\n'
    )
    root = write_course(tmp_path, lesson=text)
    course = load_course(root)
    loaded = course.modules[0].lessons[0]
    assert loaded.title == "Bad [31mred[0m 2J tail"
    assert loaded.summary == "tab\tkept, nul gone, del gone, csi gone"
    assert loaded.key_points == ["]8;;https://evil.example\\link"]
    assert loaded.body == "line one\nline two [2J\n"
    for value in (loaded.title, loaded.summary, loaded.body, *loaded.key_points):
        assert not any((ord(ch) < 32 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F for ch in value)


def test_control_characters_never_reach_finding_messages(tmp_path: Path) -> None:
    text = lesson('"x\\u001b[2Jy" = 1\n')
    root = write_course(tmp_path, lesson=text)
    rows = findings_of(root)
    assert rows == [(LESSON, 7, 1, "error", "E101", "unknown key 'x[2Jy'")]


def test_markup_survives_loading_as_literal_text(tmp_path: Path) -> None:
    body = "Press [@click=app.quit]x[/] or [bold red]this[/bold red].\n"
    text = lesson(body=body).replace('title = "Agonists"', 'title = "[b]Bold[/b] [@click=app.quit]quit[/]"')
    course = load_course(write_course(tmp_path, lesson=text))
    loaded = course.modules[0].lessons[0]
    assert loaded.title == "[b]Bold[/b] [@click=app.quit]quit[/]"
    assert loaded.body == body


# --- a valid course ------------------------------------------------------------------------------


def test_a_valid_course_loads_in_prefix_order(tmp_path: Path) -> None:
    def module(mid: str) -> str:
        return f'id = "{mid}"\ntitle = "{mid.title()}"\nestimated_minutes = 10\n'

    def plain(lid: str) -> str:
        return f'id = "{lid}"\ntitle = "{lid}"\nbody = "b"\n'

    root = write_course(
        tmp_path,
        files={
            "modules/10-last/module.toml": module("last"),
            "modules/10-last/02-y.toml": plain("last-y"),
            "modules/10-last/01-x.toml": plain("last-x"),
            "modules/02-middle/module.toml": module("middle"),
            "modules/02-middle/10-c.toml": plain("middle-c"),
            "modules/02-middle/02-b.toml": plain("middle-b"),
            "modules/02-middle/01-a.toml": plain("middle-a"),
            "modules/02-middle/notes.txt": "not a lesson",
            "modules/.hidden/module.toml": "this is not even TOML",
            "modules/README.md": "a file, not a module folder",
        },
    )
    course = load_course(root)
    assert course.path == root.resolve()
    assert course.info.id == "demo"
    assert course.info.title == "Demo course"
    assert [m.id for m in course.modules] == ["m1-basics", "middle", "last"]
    assert [[lesson.id for lesson in m.lessons] for m in course.modules] == [
        ["m1-agonists"],
        ["middle-a", "middle-b", "middle-c"],
        ["last-x", "last-y"],
    ]
    assert course.modules[0].quiz is not None and course.modules[0].quiz.id == "m1-quiz"
    assert course.modules[1].quiz is None
    assert [t.id for t in course.glossary] == ["agonist", "receptor"]
    assert [r.id for r in course.references] == ["smith-2020"]
    assert course.lesson("middle-b") == (course.modules[1], course.modules[1].lessons[1])
    assert course.module_of_quiz("m1-quiz") is course.modules[0]


def test_load_course_raises_course_error_with_every_finding(tmp_path: Path) -> None:
    root = write_course(tmp_path, quiz=QUIZ_TOML.replace('answer = "b"', 'answer = "z"'), lesson=lesson(objectives='["nope"]'))
    with pytest.raises(CourseError) as raised:
        load_course(root)
    findings = raised.value.findings
    assert findings == sorted(findings)
    assert as_rows(findings, root) == [
        (LESSON, 3, 15, "error", "E202", "unknown objective 'nope'"),
        (QUIZ, 9, 1, "error", "E203", "answer 'z' points at no choice (choices: a, b)"),
    ]
    assert str(raised.value).startswith("2 problem(s) in the course; first: ")
    assert "error[E202]: unknown objective 'nope'" in str(raised.value)


def test_load_course_with_only_warnings_succeeds(tmp_path: Path) -> None:
    course = load_course(write_course(tmp_path, quiz=None))
    assert course.modules[0].quiz is None


def test_lint_runs_on_whatever_loaded(tmp_path: Path) -> None:
    root = write_course(tmp_path, module="id = ", lesson=LESSON_TOML)
    loaded = read_course(root)
    rows = as_rows(loaded.findings + lint(loaded), root)
    assert (MODULE, 1, 6, "error", "E001", "TOML syntax error: invalid value") in rows
    assert (LESSON, 5, 15, "error", "E202", "unknown objective 'm1-o1'") in rows
    assert (QUIZ, 7, 1, "error", "E202", "question 'm1-q1' names unknown objective 'm1-o1'") in rows


def test_finding_format_and_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    finding = Finding(tmp_path / "a" / "quiz.toml", 3, 7, "error", "E203", "answer 'z' points at no choice")
    assert finding.format() == os.path.join("a", "quiz.toml") + ":3:7: error[E203]: answer 'z' points at no choice"
    assert finding.to_json() == {
        "path": os.path.join("a", "quiz.toml"),
        "line": 3,
        "col": 7,
        "severity": "error",
        "code": "E203",
        "message": "answer 'z' points at no choice",
    }
    outside = Finding(Path("/elsewhere/x.toml"), 1, 1, "warning", "W301", "m")
    assert outside.format() == "/elsewhere/x.toml:1:1: warning[W301]: m"


# --- helpers of course.loading.toml_errors ---------------------------------------------------------------


def test_keys_at_walks_the_model_tree_along_the_data() -> None:
    from course.domain.models import CourseFile, ModuleFile
    from course.loading.toml_errors import keys_at
    from quizzes.quiz import Quiz

    data = {"question": [{"type": "single", "choices": [{"id": "a"}]}, {"type": "numeric"}, {"type": "nope"}]}
    top = keys_at(CourseFile, (), {})
    assert top is not None and {"format_version", "course"} <= top and "title" not in top  # [ce] may be there too
    assert keys_at(CourseFile, ("course",), {"course": {}}) == {
        "id",
        "title",
        "version",
        "summary",
        "audience",
        "disclaimer",
        "authors",
    }
    assert keys_at(ModuleFile, ("objective", 0), {"objective": [{}]}) == {"id", "text"}
    assert keys_at(Quiz, ("question", 0, "choices", 0), data) == {"id", "text", "feedback"}
    numeric = keys_at(Quiz, ("question", 1), data)
    assert numeric is not None and {"value", "tolerance", "min", "max", "unit", "prompt"} <= numeric
    assert "choices" not in numeric
    assert keys_at(Quiz, ("question", 2), data) is None  # unknown type: no single model applies
    assert keys_at(Quiz, ("nope",), data) is None


def test_syntax_finding_at_end_of_document() -> None:
    from course.loading.toml_errors import syntax_finding

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    text = "a = 1\nb = [1,\n  2"
    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads(text)
    finding = syntax_finding(Path("x.toml"), raised.value, text)
    assert (finding.line, finding.col, finding.code) == (2, 5, "E001")  # the "[" never closed
    assert finding.message.startswith("TOML syntax error: ")
    assert "(at" not in finding.message


def test_every_code_the_engine_emits_is_documented() -> None:
    import re

    repo = Path(__file__).resolve().parents[2]
    emitted = set()
    for source in (repo / "course").rglob("*.py"):
        emitted |= set(re.findall(r'"([EW]\d{3})"', source.read_text(encoding="utf-8")))
    assert {"E001", "E101", "E201", "W301"} <= emitted
    doc = (repo / "docs" / "validation-codes.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| ([EW]\d{3}) \|", doc, flags=re.MULTILINE))
    assert emitted <= documented
