"""Messages that point at the cause (issue #12): ids, not positions; plain words, not library wording;
syntax errors located where the author must look; "did you mean" for misspelt ids."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers.course_factory import MODULE_DIR, QUIZ_TOML, findings_of, question_toml, write_course

LESSON = f"{MODULE_DIR}/01-agonists.toml"
QUIZ = f"{MODULE_DIR}/quiz.toml"
HEAD = 'id = "m1-quiz"\ntitle = "Basics quiz"\n\n'
CHOICES = 'choices = [{id = "a", text = "Blocks it", feedback = "f"}, {id = "b", text = "Activates it"}]'

# Words that come from pydantic, tomllib or a regular expression, not from us.
LIBRARY_WORDING = re.compile(
    r"input should|should match|instance of|after validation|dictionary|string should|valid integer|"
    r"\^|\$|\\S|\(\'\w+\',\)|Cannot|namespace|Value error|\bInput\b|\bstr\b|\bint\b|\bfloat\b"
)


def test_missing_keys_name_the_question_and_choice_by_id(tmp_path: Path) -> None:
    text = HEAD + (
        '[[question]]\nid = "m1-q4"\ntype = "single"\nobjective = "m1-o1"\nprompt = "P?"\nanswer = "a"\n'  # 4-9
        '\n[[question.choices]]\nid = "a"\ntext = "A"\nfeedback = "f"\n'  # 11-14
        '\n[[question.choices]]\nid = "b"\n'  # 16-17
        '\n[[question.choices]]\ntext = "C"\nfeedback = "g"\n'  # 19-21
    )
    assert findings_of(write_course(tmp_path, quiz=text)) == [
        (QUIZ, 4, 1, "error", "E102", "missing required key 'explanation' (in question 'm1-q4')"),
        (QUIZ, 16, 1, "error", "E102", "missing required key 'text' (in question 'm1-q4', choice 'b')"),
        (QUIZ, 19, 1, "error", "E102", "missing required key 'id' (in question 'm1-q4', choice #3)"),
    ]


def test_a_question_rule_names_the_question(tmp_path: Path) -> None:
    text = HEAD + question_toml("m1-q2", "numeric", "m1-o1", "min = 3\nmax = 1")
    assert findings_of(write_course(tmp_path, quiz=text)) == [
        (QUIZ, 4, 1, "error", "E104", "invalid value in question 'm1-q2': min must not be greater than max"),
    ]


def test_values_are_described_in_plain_words(tmp_path: Path) -> None:
    course = 'format_version = 2\n[course]\nid = "Demo Course"\ntitle = ""\nauthors = "Ann"\n'
    lesson = (
        'id = "m1-agonists"\ntitle = 42\nobjectives = ["m1-o1"]\nestimated_minutes = 2.5\n'
        'key_points = ["ok", 7]\nbody = "x"\nsummary = true\n'
    )
    quiz = QUIZ_TOML.replace('title = "Basics quiz"\n', 'title = "Basics quiz"\npass_mark = 70\nmode = "exams"\n')
    references = '[[reference]]\nid = "smith-2020"\ncitation = "S."\nurl = "https://example.org/a b"\n'
    root = write_course(tmp_path, course=course, lesson=lesson, quiz=quiz, references=references)
    rows = findings_of(root)
    assert rows == [
        ("course.toml", 1, 1, "error", "E104", "invalid value for 'format_version': must be 1"),
        (
            "course.toml",
            3,
            1,
            "error",
            "E104",
            "invalid value for 'id': 'Demo Course' is not a valid id (use lowercase letters, digits, '-' and '_', "
            "starting with a letter or digit)",
        ),
        ("course.toml", 4, 1, "error", "E104", "invalid value for 'title': must not be empty"),
        ("course.toml", 5, 1, "error", "E103", "wrong type for 'authors': expected a list in brackets, found text"),
        (LESSON, 2, 1, "error", "E103", "wrong type for 'title': expected text in quotes, found a whole number"),
        (LESSON, 4, 1, "error", "E103", "wrong type for 'estimated_minutes': expected a whole number, found a decimal number"),
        (LESSON, 5, 21, "error", "E103", "wrong type for 'key_points' entry 2: expected text in quotes, found a whole number"),
        (LESSON, 7, 1, "error", "E103", "wrong type for 'summary': expected text in quotes, found true or false"),
        (QUIZ, 3, 1, "error", "E104", "invalid value for 'pass_mark': must be at most 1 (a fraction of the points: 0.7 is 70%)"),
        (QUIZ, 4, 1, "error", "E104", "invalid value for 'mode': must be 'practice' or 'exam'; did you mean 'exam'?"),
        (
            "references.toml",
            4,
            1,
            "error",
            "E104",
            "invalid value for 'url': a reference's url must be an https:// address without spaces, or empty",
        ),
    ]
    assert not [message for *_, message in rows if LIBRARY_WORDING.search(message)]


def test_lists_of_the_wrong_length_say_how_many(tmp_path: Path) -> None:
    text = HEAD + question_toml("m1-q1", "single", "m1-o1", 'answer = "a"\nchoices = [{id = "a", text = "A"}]')
    assert findings_of(write_course(tmp_path, quiz=text)) == [
        (QUIZ, 11, 1, "error", "E104", "invalid value for 'choices': needs at least 2 entries, has 1"),
    ]


def test_an_answer_written_as_the_choice_text_gets_the_choice_id_advice(tmp_path: Path) -> None:
    text = HEAD + "\n".join(
        [
            question_toml("m1-q1", "single", "m1-o1", f'answer = "Activates it"\n{CHOICES}'),  # 4
            question_toml("m1-q2", "multiple", "m1-o1", f'answers = ["b", "Blocks it"]\n{CHOICES}'),  # 12
            question_toml("m1-q3", "single", "m1-o1", f'answer = "Something else"\n{CHOICES}'),  # 20
            question_toml("m1-q4", "single", "m1-o9", f'answer = "c"\n{CHOICES}'),  # 28
        ]
    )
    assert findings_of(write_course(tmp_path, quiz=text)) == [
        (QUIZ, 10, 1, "error", "E203", "answer 'Activates it' is the text of choice 'b'; answers name choice ids: use 'b'"),
        (QUIZ, 19, 17, "error", "E203", "answer 'Blocks it' is the text of choice 'a'; answers name choice ids: use 'a'"),
        (
            QUIZ,
            28,
            1,
            "error",
            "E203",
            "answer 'Something else' is not a choice id (choices: a, b); answers name choice ids, not their text",
        ),
        (QUIZ, 34, 1, "error", "E202", "question 'm1-q4' names unknown objective 'm1-o9'; did you mean 'm1-o1'?"),
        (QUIZ, 37, 1, "error", "E203", "answer 'c' points at no choice (choices: a, b)"),
    ]


def test_an_unterminated_string_points_at_its_opening_quotes(tmp_path: Path) -> None:
    text = 'id = "m1-agonists"\ntitle = "A"\nobjectives = ["m1-o1"]\nbody = """\nnever closed\n\nkey_points = ["x"]\n'
    assert findings_of(write_course(tmp_path, lesson=text)) == [
        (LESSON, 4, 8, "error", "E001", 'TOML syntax error: unterminated string: the """ opened here is never closed'),
    ]
    literal = "id = 'm1-agonists'\ntitle = 'A'\nbody = '''\nnever closed\n"
    assert findings_of(write_course(tmp_path / "two", lesson=literal)) == [
        (LESSON, 3, 8, "error", "E001", "TOML syntax error: unterminated string: the ''' opened here is never closed"),
    ]
    one_line = 'id = "m1-agonists"\ntitle = "A\nobjectives = ["m1-o1"]\nbody = "b"\n'
    assert findings_of(write_course(tmp_path / "three", lesson=one_line)) == [
        (
            LESSON,
            2,
            9,
            "error",
            "E001",
            'TOML syntax error: unterminated string: a "..." string ends on its line (use """ for text on several lines)',
        ),
    ]


def test_an_unclosed_list_points_at_its_opening_bracket(tmp_path: Path) -> None:
    text = 'id = "m1-agonists"\ntitle = "A"\nbody = "b"\nobjectives = ["m1-o1",\n'
    assert findings_of(write_course(tmp_path, lesson=text)) == [
        (LESSON, 4, 14, "error", "E001", "TOML syntax error: unclosed list: the '[' opened here is never closed"),
    ]


def test_cannot_overwrite_a_value_names_the_key(tmp_path: Path) -> None:
    course = 'format_version = 1\n[course]\nid = "demo"\ntitle = "T"\nid = "again"\n'
    assert findings_of(write_course(tmp_path, course=course)) == [
        (
            "course.toml",
            5,
            1,
            "error",
            "E001",
            "TOML syntax error: cannot overwrite a value: 'course.id' is already set on line 3",
        ),
    ]
    twice = 'format_version = 1\n[course]\nid = "demo"\ntitle = "T"\n[course]\n'
    assert findings_of(write_course(tmp_path / "two", course=twice)) == [
        ("course.toml", 5, 1, "error", "E001", "TOML syntax error: table [course] is declared twice (first on line 2)"),
    ]


def test_every_syntax_error_of_a_file_is_reported_with_the_other_problems(tmp_path: Path) -> None:
    text = (
        'id = "m1-quiz"\ntitle = "Basics quiz"\nmode = practice\n'  # 3
        + QUIZ_TOML.split("\n\n", 1)[1].replace('answer = "b"', "answer = b").replace('"m1-o1"', '"m1-o7"')
    )
    assert findings_of(write_course(tmp_path, quiz=text)) == [
        (QUIZ, 3, 8, "error", "E001", "TOML syntax error: invalid value"),
        (QUIZ, 7, 1, "error", "E202", "question 'm1-q1' names unknown objective 'm1-o7'; did you mean 'm1-o1'?"),
        (QUIZ, 9, 10, "error", "E001", "TOML syntax error: invalid value"),
    ]


def test_did_you_mean_for_misspelt_ids(tmp_path: Path) -> None:
    glossary = (
        '[[term]]\nid = "agonist"\nterm = "a"\ndefinition = "d"\nsee_also = ["receptors"]\n'
        '\n[[term]]\nid = "receptor"\nterm = "r"\ndefinition = "d"\n'
    )
    lesson = (
        'id = "m1-agonists"\ntitle = "A"\nobjectives = ["m1-01"]\nreferences = ["smith-2021"]\n'
        'body = """\nAn [agonist](glossary:agonists) and [Smith](ref:smith-2021), [far](glossary:zzz).\n"""\n'
    )
    assert findings_of(write_course(tmp_path, glossary=glossary, lesson=lesson)) == [
        ("glossary.toml", 5, 13, "error", "E202", "see_also names unknown glossary term 'receptors'; did you mean 'receptor'?"),
        (LESSON, 3, 15, "error", "E202", "unknown objective 'm1-01'; did you mean 'm1-o1'?"),
        (LESSON, 4, 15, "error", "E202", "unknown reference 'smith-2021'; did you mean 'smith-2020'?"),
        (
            LESSON,
            6,
            13,
            "error",
            "E202",
            "link to unknown glossary term 'glossary:agonists'; did you mean 'glossary:agonist'?",
        ),
        (LESSON, 6, 44, "error", "E202", "link to unknown reference 'ref:smith-2021'; did you mean 'ref:smith-2020'?"),
        (LESSON, 6, 67, "error", "E202", "link to unknown glossary term 'glossary:zzz'"),
    ]
