"""`course stats` end to end: learners take quizzes through the engine on a real store, `course export`
writes their files, and `course stats` (a subprocess) reads them back with known answers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from course.engine import Study
from course.loading.loader import bundled_course_path, load_course
from progress_store import Store
from quizzes.grading import correct_response
from tests.helpers.cli import run_course
from tests.helpers.clock import FakeClock
from tests.helpers.course_factory import write_course
from tests.helpers.stats_class import LEARNERS, MINI, take, take_class


def export(tmp: Path, db: Path, course: Path, learner: str, folder: Path) -> Path:
    """``course export`` of one learner to ``folder``, away from the user's own folders and settings."""
    target = folder / f"{learner}.json"
    away = {"HOME": str(tmp / "home"), "XDG_DATA_HOME": str(tmp / "data"), "COURSE_SETTINGS": "/nonexistent/settings.toml"}
    args = ("--course", str(course), "--db", str(db), "--learner", learner, "export", "-o", str(target))
    result = run_course(*args, cwd=tmp, env=away)
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Exports of the class in tests/helpers/stats_class.py (ann, ben, cat, dan and eve)."""
    tmp = tmp_path_factory.mktemp("class")
    db = tmp / "progress.db"
    take_class(db)
    folder = tmp / "exports"
    folder.mkdir()
    for learner in LEARNERS:
        export(tmp, db, MINI, learner, folder)
    return folder


def stats(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = run_course(*args, cwd=tmp_path)
    return result.returncode, result.stdout, result.stderr


def test_json_figures_match_the_answers_given(tmp_path: Path, exports: Path) -> None:
    code, out, err = stats(tmp_path, "--course", str(MINI), "stats", str(exports), "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert (data["files"], data["learners"], data["attempts_counted"]) == (5, 4, "first")
    quiz = next(q for q in data["quizzes"] if q["id"] == "basics-quiz")
    assert (quiz["attempts"], quiz["mean"], quiz["median"]) == (4, 0.5, 0.5)
    assert quiz["cronbach_alpha"] == pytest.approx(1.0)  # four identical items
    assert [h["attempts"] for h in quiz["histogram"]] == [2, 0, 0, 0, 0, 0, 0, 0, 0, 2]
    for question in quiz["questions"]:
        assert (question["facility"], question["share_correct"], question["responses"]) == (0.5, 0.5, 4)
        assert question["discrimination_index"] == pytest.approx(1.0)
        assert question["flags"] == []
    bq2 = quiz["questions"][1]
    assert [(c["id"], c["key"], c["count"]) for c in bq2["choices"]] == [("a", True, 2), ("b", True, 2), ("c", False, 2)]
    assert next(q for q in data["quizzes"] if q["id"] == "more-quiz")["attempts"] == 0


def test_all_attempts_counts_the_second_try_too(tmp_path: Path, exports: Path) -> None:
    code, out, _ = stats(tmp_path, "--course", str(MINI), "stats", "--attempts", "all", "--format", "json", str(exports))
    quiz = next(q for q in json.loads(out)["quizzes"] if q["id"] == "basics-quiz")
    assert code == 0 and quiz["attempts"] == 5 and quiz["learners"] == 4
    assert [q["facility"] for q in quiz["questions"]] == [pytest.approx(0.4)] * 4


def test_the_text_report_fits_a_terminal(tmp_path: Path, exports: Path) -> None:
    code, out, err = stats(tmp_path, "--course", str(MINI), "stats", *sorted(str(p) for p in exports.iterdir()))
    assert code == 0, err
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Quiz basics-quiz: Basics quiz" in lines
    assert "  4 attempt(s) by 4 learner(s) · mean 50% · median 50% · SD 58%" in lines
    assert "  Cronbach's alpha 1.00 over 4 question(s)" in lines
    assert next(line for line in lines if line.startswith("   1  bq1")).split() == [
        "1",
        "bq1",
        "single",
        "4",
        "50%",
        "50%",
        "+1.00",
        "100%",
    ]
    assert lines[-1] == "No question flagged."


def test_csv_to_a_file(tmp_path: Path, exports: Path) -> None:
    target = tmp_path / "items.csv"
    code, out, _ = stats(tmp_path, "--course", str(MINI), "stats", str(exports), "--format", "csv", "-o", str(target))
    assert code == 0 and out == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [(r["question_id"], r["facility"], r["discrimination_index"]) for r in rows] == [
        (qid, "0.5000", "1.0000") for qid in ("bq1", "bq2", "bq3", "bq4")
    ]


def test_a_broken_file_is_reported_and_left_out(tmp_path: Path, exports: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "plasticity-course/learner-export",\n  "version": 1,,\n}\n', encoding="utf-8")
    code, out, err = stats(tmp_path, "--course", str(MINI), "stats", str(exports), "bad.json")
    assert code == 1
    assert "bad.json:3:16: error[S002]: not valid JSON: Expecting property name enclosed in double quotes" in err
    assert "Traceback" not in err and "5 export file(s), 4 learner(s)" in out


def test_exports_of_another_course_are_refused_against_the_bundled_default(tmp_path: Path, exports: Path) -> None:
    code, out, err = stats(tmp_path, "stats", str(exports / "ann.json"))
    assert code == 1
    assert "error[S006]: an export of course 'mini', not of 'plasticity'; pass that course with --course" in err
    assert "0 learner(s) with counted attempts" in out


def test_usage_errors(tmp_path: Path) -> None:
    assert stats(tmp_path, "stats", "nowhere.json")[::2] == (2, "course: error: no such file or folder: nowhere.json\n")
    (tmp_path / "empty").mkdir()
    code, _, err = stats(tmp_path, "stats", "empty")
    assert code == 2 and "no export files found" in err
    code, _, err = stats(tmp_path, "stats", "x.json", "--attempts", "best")
    assert code == 2 and "invalid choice: 'best'" in err


def test_a_course_with_errors_or_an_unwritable_output_stops_the_command(tmp_path: Path, exports: Path) -> None:
    broken = write_course(tmp_path / "broken", quiz='id = "m1-quiz"\ntitle = "Q"\n')
    code, out, err = stats(tmp_path, "--course", str(broken), "stats", str(exports))
    assert code == 1 and out == "" and "error[E102]" in err and "the course has errors" in err
    code, out, err = stats(tmp_path, "--course", str(MINI), "stats", str(exports), "-o", str(tmp_path / "no" / "such" / "x.txt"))
    assert code == 2 and out == "" and "course: error: cannot write" in err and "Traceback" not in err


def test_the_bundled_course_is_the_default(tmp_path: Path) -> None:
    course, clock, db = load_course(bundled_course_path()), FakeClock(), tmp_path / "p.db"
    quiz = next(m.quiz for m in course.modules if m.quiz is not None)
    right = {q.id: correct_response(q) for q in quiz.questions}
    store = Store.open(db, clock=clock)
    try:
        take(
            Study(course, store.learner("zoe", course.info.id), clock=clock, new_seed=lambda: 3, fuzz_reviews=False),
            clock,
            quiz.id,
            right,
        )
    finally:
        store.close()
    exported = export(tmp_path, db, bundled_course_path(), "zoe", tmp_path)
    code, out, err = stats(tmp_path, "stats", str(exported), "--format", "json")
    assert code == 0, err
    counted = next(q for q in json.loads(out)["quizzes"] if q["id"] == quiz.id)
    assert counted["attempts"] == 1 and counted["mean"] == 1.0
    assert all(q["facility"] == 1.0 and q["flags"][0]["code"] == "too_easy" for q in counted["questions"])
