"""Item analysis presented: text within 80 columns, JSON with every figure, CSV one row per question."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from course.analysis import Analysis, analyse
from course.analysis.tables import CSV_COLUMNS, to_csv, to_json
from course.analysis.text_report import render_text
from course.domain.models import Course
from course.loading.loader import load_course
from tests.helpers.course_factory import question_toml, write_course
from tests.unit.test_item_analysis import MINI, attempt


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    course = load_course(MINI)
    records = [attempt("ann", "WRRR"), attempt("ben", "WRRR"), attempt("cat", "RWW-"), attempt("dan", "RWWW")]
    return analyse(course, records)


def test_the_text_report_fits_80_columns_and_shows_each_figure(analysis: Analysis) -> None:
    text = render_text(analysis, files=4)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0] == "Item analysis of Mini Course (mini)"
    assert "4 export file(s), 4 learner(s) with counted attempts" in text
    assert "  4 attempt(s) by 4 learner(s) · mean 50% · median 50% · SD 29%" in text
    row = next(line for line in lines if line.startswith("   1  bq1"))
    assert row.split() == ["1", "bq1", "single", "4", "50%", "50%", "-1.00", "-100%"]
    assert "      ! negative discrimination: stronger learners did worse here; check the key" in lines
    assert "      3 answered, 1 left unanswered" in lines  # bq4
    assert any(line.startswith("      * b  A cell that signals") and line.endswith("2   50%") for line in lines)
    assert "Quiz more-quiz: More types quiz — no counted attempts" in lines
    bars = [line for line in lines if line.lstrip().startswith(("0–10%", "20–30%", "70–80%"))]
    assert bars == ["     0–10%  0", "    20–30%  " + "#" * 40 + " 2", "    70–80%  " + "#" * 40 + " 2"]
    assert "  Cronbach's alpha -3.00 over 3 question(s); 1 left out, not answered in every" in lines


def test_long_texts_are_cut_or_wrapped_never_wider_than_80(tmp_path: Path) -> None:
    long_id = "q" + "x" * 79
    body = (
        'answer = "a"\n[[question.choices]]\nid = "a"\ntext = "'
        + "word " * 60
        + '"\n[[question.choices]]\nid = "b"\ntext = "No"\n'
    )
    quiz = 'id = "m1-quiz"\ntitle = "' + "Long title " * 15 + '"\n' + question_toml(long_id, "single", "m1-o1", body)
    course: Course = load_course(write_course(tmp_path / "c", quiz=quiz, lesson=None))
    records = [
        attempt("ann", "R", quiz="m1-quiz", questions=(long_id,)),
        attempt("ben", "W", quiz="m1-quiz", questions=(long_id,)),
    ]
    text = render_text(analyse(course, records))
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "qxxxxxxxxxxxxxxxxxx…" in text and "word word" in text


def test_json_holds_every_figure(analysis: Analysis) -> None:
    data = json.loads(json.dumps(to_json(analysis, files=4)))
    assert (data["format"], data["version"], data["attempts_counted"], data["files"]) == (
        "plasticity-course/item-analysis",
        1,
        "first",
        4,
    )
    quiz = data["quizzes"][0]
    assert (quiz["id"], quiz["attempts"], quiz["cronbach_alpha"]) == ("basics-quiz", 4, pytest.approx(analysis.quizzes[0].alpha))
    assert quiz["alpha_left_out"] == ["bq4"] and len(quiz["histogram"]) == 10
    bq1 = quiz["questions"][0]
    assert bq1["discrimination_index"] == pytest.approx(-1.0) and bq1["facility"] == 0.5
    assert bq1["choices"] == [
        {"id": "a", "text": "A junction between cells", "key": False, "count": 2, "share": 0.5},
        {"id": "b", "text": "A cell that signals", "key": True, "count": 2, "share": 0.5},
    ]
    assert [f["code"] for f in bq1["flags"]] == ["negative_discrimination"]
    assert quiz["questions"][3]["omitted"] == 1


def test_csv_has_a_header_and_a_row_per_question_of_quizzes_with_attempts(analysis: Analysis) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(analysis))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["question_id"] for row in rows] == ["bq1", "bq2", "bq3", "bq4"]
    assert rows[0]["discrimination_index"] == "-1.0000" and rows[0]["key"] == "b" and rows[0]["choice_counts"] == "a=2;b=2"
    assert rows[1]["key"] == "a;b" and rows[2]["key"] == "false"
    assert rows[0]["flags"] == "negative_discrimination" and rows[3]["omitted"] == "1"
