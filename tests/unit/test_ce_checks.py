"""``course validate`` checks the [ce] section (E501-E508, W501-W503), at the key that is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.loading.findings import CourseError
from course.loading.loader import load_course
from tests.helpers.ce_course import CE_TOML, POST_TEST_TOML, write_ce_course
from tests.helpers.cli import run_course
from tests.helpers.course_factory import MODULE_DIR, findings_of

QUIZ = f"{MODULE_DIR}/quiz.toml"


def line_of(root: Path, relative: str, needle: str) -> int:
    """The 1-based line of ``relative`` that holds ``needle`` (exactly one)."""
    lines = [n for n, text in enumerate((root / relative).read_text(encoding="utf-8").splitlines(), start=1) if needle in text]
    assert len(lines) == 1, (needle, lines)
    return lines[0]


def test_the_ce_course_validates_with_no_findings_and_loads_its_section(tmp_path: Path) -> None:
    root = write_ce_course(tmp_path)
    assert findings_of(root) == []
    course = load_course(root)
    assert course.ce is not None and course.ce.post_test == "m1-quiz" and course.ce.sample
    assert [item.type for item in course.ce.evaluation.items] == ["likert", "yes_no", "text"]


def test_a_course_without_ce_has_none(tmp_path: Path) -> None:
    root = write_ce_course(tmp_path, ce="")
    assert load_course(root).ce is None


def test_e501_post_test_names_an_unknown_quiz_with_a_hint(tmp_path: Path) -> None:
    root = write_ce_course(tmp_path, ce=CE_TOML.replace('post_test = "m1-quiz"', 'post_test = "m1-quizz"'))
    line = line_of(root, "course.toml", "post_test")
    assert findings_of(root) == [
        ("course.toml", line, 1, "error", "E501", "post_test names unknown quiz 'm1-quizz'; did you mean 'm1-quiz'?")
    ]
    with pytest.raises(CourseError):
        load_course(root)


def test_e502_e503_the_post_test_must_be_an_exam_with_limited_attempts(tmp_path: Path) -> None:
    quiz = POST_TEST_TOML.replace('mode = "exam"\n', 'mode = "practice"\n').replace("max_attempts = 2\n", "max_attempts = 0\n")
    root = write_ce_course(tmp_path, quiz=quiz)
    assert [f for f in findings_of(root) if f[4].startswith("E5")] == [
        (
            QUIZ,
            3,
            1,
            "error",
            "E502",
            "the post-test 'm1-quiz' must be taken in exam mode (its mode is 'practice'): set mode = \"exam\"",
        ),
        (
            QUIZ,
            5,
            1,
            "error",
            "E503",
            "the post-test 'm1-quiz' must limit its attempts (max_attempts is 0, unlimited): set max_attempts, e.g. 3",
        ),
    ]


def test_e502_e503_defaults_are_reported_at_the_quiz_id(tmp_path: Path) -> None:
    quiz = POST_TEST_TOML.replace('mode = "exam"\n', "").replace("max_attempts = 2\n", "")
    root = write_ce_course(tmp_path, quiz=quiz)
    found = [(f[0], f[1], f[4], f[5]) for f in findings_of(root) if f[4].startswith("E5")]
    assert found == [
        (
            QUIZ,
            1,
            "E502",
            "the post-test 'm1-quiz' must be taken in exam mode (its mode is the default, practice): set mode = \"exam\"",
        ),
        (
            QUIZ,
            1,
            "E503",
            "the post-test 'm1-quiz' must limit its attempts (max_attempts is 0, unlimited): set max_attempts, e.g. 3",
        ),
    ]


def test_e504_the_pass_marks_must_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    root = write_ce_course(tmp_path / "c", ce=CE_TOML.replace("pass_mark = 0.75", "pass_mark = 0.8"))
    line = line_of(root, "course.toml", "pass_mark")
    message = (
        f"pass_mark is 0.8 but the post-test 'm1-quiz' passes at 0.75 (c/{QUIZ}:4): make them the same,"
        " as learners are told one pass mark"
    )
    assert findings_of(root) == [("course.toml", line, 1, "error", "E504", message)]


def test_e504_names_the_default_when_ce_gives_no_pass_mark(tmp_path: Path) -> None:
    root = write_ce_course(tmp_path, ce=CE_TOML.replace("pass_mark = 0.75\n", ""), quiz=POST_TEST_TOML.replace("0.75", "0.8"))
    found = [f for f in findings_of(root) if f[4] == "E504"]
    assert len(found) == 1 and found[0][5].startswith("pass_mark is 0.75 (the default) but the post-test 'm1-quiz' passes at 0.8")
    assert found[0][1] == line_of(root, "course.toml", "[ce]"), "a key left out is reported at its table"


def test_e505_credit_comes_in_quarter_hours_and_w502_not_above_the_time(tmp_path: Path) -> None:
    root = write_ce_course(tmp_path, ce=CE_TOML.replace("max_credit = 1.0", "max_credit = 1.1"))
    line = line_of(root, "course.toml", "max_credit")
    assert findings_of(root) == [
        (
            "course.toml",
            line,
            1,
            "error",
            "E505",
            "max_credit is 1.1 hours; credit is claimed in quarter hours: use a multiple of 0.25",
        ),
        (
            "course.toml",
            line,
            1,
            "warning",
            "W502",
            "max_credit is 1.1 hours but the activity is estimated at 60 minutes: credit should not exceed the time the activity takes",
        ),
    ]


def test_e506_dates_must_be_real_and_in_order(tmp_path: Path) -> None:
    root = write_ce_course(tmp_path / "a", ce=CE_TOML.replace('release = "2025-01-01"', 'release = "2025-02-30"'))
    line = line_of(root, "course.toml", "release")
    assert findings_of(root) == [("course.toml", line, 1, "error", "E506", "release '2025-02-30' is not a date of the calendar")]
    root = write_ce_course(tmp_path / "b", ce=CE_TOML.replace('expiry = "2027-06-30"', 'expiry = "2024-12-31"'))
    line = line_of(root, "course.toml", "expiry")
    assert findings_of(root) == [("course.toml", line, 1, "error", "E506", "expiry 2024-12-31 is not after release 2025-01-01")]


def test_a_date_that_is_not_yyyy_mm_dd_is_a_shape_error_only(tmp_path: Path) -> None:
    root = write_ce_course(tmp_path, ce=CE_TOML.replace('release = "2025-01-01"', 'release = "1 January 2025"'))
    codes = [f[4] for f in findings_of(root)]
    assert codes == ["E104"], "no E506 on top of the pattern error"


def test_w503_enduring_material_is_reviewed_within_three_years(tmp_path: Path) -> None:
    root = write_ce_course(tmp_path, ce=CE_TOML.replace('expiry = "2027-06-30"', 'expiry = "2028-01-01"'))
    line = line_of(root, "course.toml", "expiry")
    message = (
        "expiry 2028-01-01 is 3 years or more after release 2025-01-01:"
        " enduring material should be reviewed and re-released within 3 years"
    )
    assert findings_of(root) == [("course.toml", line, 1, "warning", "W503", message)]


def test_e507_evaluation_item_ids_are_unique(tmp_path: Path) -> None:
    root = write_ce_course(tmp_path, ce=CE_TOML.replace('id = "comments"', 'id = "useful"'))
    lines = [n for n, t in enumerate((root / "course.toml").read_text().splitlines(), start=1) if t == 'id = "useful"']
    assert len(lines) == 2
    message = f"duplicate evaluation item id 'useful' (first used on line {lines[0]})"
    assert findings_of(root) == [("course.toml", lines[1], 1, "error", "E507", message)]


def test_w501_the_evaluation_should_ask_about_commercial_bias(tmp_path: Path) -> None:
    ce = CE_TOML.replace('prompt = "Was the activity free of commercial bias?"', 'prompt = "Would you recommend it?"')
    root = write_ce_course(tmp_path, ce=ce)
    line = line_of(root, "course.toml", "[ce.evaluation]")
    message = (
        'the evaluation asks no yes/no question about commercial bias: add an item with type = "yes_no",'
        ' prompt = "Was the activity free of commercial bias?"'
    )
    assert findings_of(root) == [("course.toml", line, 1, "warning", "W501", message)]


def test_w501_is_not_given_while_an_item_type_is_misspelt(tmp_path: Path) -> None:
    root = write_ce_course(tmp_path, ce=CE_TOML.replace('type = "yes_no"', 'type = "yesno"'))
    assert [f[4] for f in findings_of(root)] == ["E105"]


def test_e508_an_activity_needs_objectives_somewhere(tmp_path: Path) -> None:
    ce = CE_TOML.replace('objectives = ["Explain what an agonist does."]\n', "")
    assert findings_of(write_ce_course(tmp_path / "a", ce=ce)) == [], "the modules' objectives serve"
    module = 'id = "m1-basics"\ntitle = "Basics"\nsummary = "The basics."\nestimated_minutes = 20\n'
    root = write_ce_course(tmp_path / "b", ce=ce, **{f"{MODULE_DIR}/module.toml": module})
    e508 = [f for f in findings_of(root) if f[4].startswith("E5")]
    assert e508 == [
        (
            "course.toml",
            line_of(root, "course.toml", "[ce]"),
            1,
            "error",
            "E508",
            "the activity states no learning objectives: list them in objectives, or give the modules [[objective]] tables",
        )
    ]


def test_shape_errors_in_ce_are_located_and_the_other_checks_still_run(tmp_path: Path) -> None:
    ce = CE_TOML.replace('contact = "tests@example.org"', 'contcat = "tests@example.org"').replace(
        "max_credit = 1.0", "max_credit = 0.3"
    )
    root = write_ce_course(tmp_path, ce=ce)
    rows = findings_of(root)
    assert (
        "course.toml",
        line_of(root, "course.toml", "contcat"),
        1,
        "error",
        "E101",
        "unknown key 'contcat'; did you mean 'contact'?",
    ) in rows
    assert "E505" in [r[4] for r in rows], "one wrong key does not hide the credit check"


def test_the_cli_reports_ce_codes_and_exits_1(tmp_path: Path) -> None:
    root = write_ce_course(tmp_path / "c", ce=CE_TOML.replace("max_credit = 1.0", "max_credit = 0.6"))
    result = run_course("validate", str(root), cwd=tmp_path)
    assert result.returncode == 1
    assert "error[E505]: max_credit is 0.6 hours" in result.stdout
    assert "Traceback" not in result.stderr


def test_an_evaluation_item_without_a_type_or_with_an_unknown_one_is_located(tmp_path: Path) -> None:
    ce = CE_TOML.replace('type = "likert"\n', "").replace('type = "text"', 'type = "txt"')
    root = write_ce_course(tmp_path, ce=ce)
    assert findings_of(root) == [
        (
            "course.toml",
            line_of(root, "course.toml", 'id = "useful"') - 1,
            1,
            "error",
            "E102",
            "missing required key 'type' (in ce, evaluation, item 'useful')",
        ),
        (
            "course.toml",
            line_of(root, "course.toml", 'type = "txt"'),
            1,
            "error",
            "E105",
            "unknown question type 'txt' (expected one of 'likert', 'yes_no', 'text'); did you mean 'text'?",
        ),
    ]
