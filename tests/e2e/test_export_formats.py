"""`course export --format xapi|csv`: JSON Lines of schema-valid statements, and one CSV file a table."""

from __future__ import annotations

import csv
import io
import json
import stat
import zipfile
from pathlib import Path

import jsonschema

from course.xapi.schema import STATEMENT_SCHEMA
from progress_store import Store
from tests.helpers.cli import run_course


def seed(db: Path) -> None:
    with Store.open(db) as store:
        progress = store.learner("ana", "mini")
        progress.open_lesson("neurons")
        progress.complete_lesson("neurons")
        attempt = progress.start_attempt("basics-quiz", 3, ["q1"])
        progress.record_answer(attempt.id, "q1", {"choice": 0}, 1.0, 1.0, True)
        progress.finish_attempt(attempt.id, 1.0, 1.0, True)
        progress.save_note("neurons", 'a note, with "quotes"\nand a second line')


def export(tmp_path: Path, course: Path, *args: str) -> tuple[int, str, str]:
    done = run_course("--course", str(course), "--db", str(tmp_path / "p.db"), "export", *args, cwd=tmp_path)
    return done.returncode, done.stdout, done.stderr


def test_xapi_export_prints_valid_statements_the_same_each_time(tmp_path: Path, mini_course_path: Path) -> None:
    seed(tmp_path / "p.db")
    code, out, err = export(tmp_path, mini_course_path, "--format", "xapi")
    assert code == 0, err
    statements = [json.loads(line) for line in out.splitlines()]
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]
    assert verbs == ["launched", "completed", "attempted", "answered", "passed"]
    validator = jsonschema.Draft202012Validator(STATEMENT_SCHEMA)
    assert all(not list(validator.iter_errors(s)) for s in statements)
    assert {s["actor"]["account"]["name"] for s in statements} == {"ana"}
    again = export(tmp_path, mini_course_path, "--format", "xapi")[1]
    assert again == out, "the same records give the same statements, ids included"
    based = run_course(
        "--course", str(mini_course_path), "--db", str(tmp_path / "p.db"), "export", "--format", "xapi",
        cwd=tmp_path, env={"COURSE_XAPI_BASE": "https://lrs.example.org/u/"},
    ).stdout  # fmt: skip
    assert json.loads(based.splitlines()[0])["object"]["id"] == "https://lrs.example.org/u/courses/mini/lessons/neurons"


def test_xapi_export_to_a_file_is_private(tmp_path: Path, mini_course_path: Path) -> None:
    seed(tmp_path / "p.db")
    code, out, err = export(tmp_path, mini_course_path, "--format", "xapi", "-o", str(tmp_path / "s.jsonl"))
    assert code == 0 and out == "", err
    assert stat.S_IMODE((tmp_path / "s.jsonl").stat().st_mode) == 0o600
    assert len((tmp_path / "s.jsonl").read_text().splitlines()) == 5


def test_csv_export_writes_one_file_a_table_with_headers(tmp_path: Path, mini_course_path: Path) -> None:
    seed(tmp_path / "p.db")
    code, _, err = export(tmp_path, mini_course_path, "--format", "csv", "-o", str(tmp_path / "records"))
    assert code == 0, err
    names = sorted(p.name for p in (tmp_path / "records").iterdir())
    assert names == sorted(
        f"{t}.csv"
        for t in (
            "lessons",
            "attempts",
            "answers",
            "review_cards",
            "review_log",
            "notes",
            "bookmarks",
            "study_time",
            "settings",
            "ce_acknowledgment",
            "ce_engaged_time",
            "ce_evaluation",
            "ce_attestation",
            "ce_certificates",
            "events",
        )
    )
    notes = list(csv.DictReader((tmp_path / "records" / "notes.csv").open(newline="")))
    assert notes[0]["text"] == 'a note, with "quotes"\nand a second line'
    answers = list(csv.DictReader((tmp_path / "records" / "answers.csv").open(newline="")))
    assert answers[0]["question_id"] == "q1" and json.loads(answers[0]["response"]) == {"choice": 0}
    assert answers[0]["correct"] == "true" and answers[0]["attempt_id"] == "1"
    bookmarks = (tmp_path / "records" / "bookmarks.csv").read_bytes()
    assert bookmarks == b"lesson_id,created_at\r\n", "an empty table is its header row"
    assert stat.S_IMODE((tmp_path / "records" / "notes.csv").stat().st_mode) == 0o600


def test_csv_export_to_a_zip_and_without_output(tmp_path: Path, mini_course_path: Path) -> None:
    seed(tmp_path / "p.db")
    code, _, err = export(tmp_path, mini_course_path, "--format", "csv", "-o", str(tmp_path / "r.zip"))
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "r.zip") as archive:
        assert "lessons.csv" in archive.namelist()
        lessons = list(csv.DictReader(io.StringIO(archive.read("lessons.csv").decode())))
    assert [(row["lesson_id"], row["status"]) for row in lessons] == [("neurons", "done")]
    code, _, err = export(tmp_path, mini_course_path, "--format", "csv")
    assert code == 2 and "course: error: --format csv writes several files" in err and "Traceback" not in err


def test_json_stays_the_default(tmp_path: Path, mini_course_path: Path) -> None:
    seed(tmp_path / "p.db")
    assert json.loads(export(tmp_path, mini_course_path)[1])["format"] == "plasticity-course/learner-export"


def test_csv_export_holds_the_clinician_track(tmp_path: Path, mini_course_path: Path) -> None:
    seed(tmp_path / "p.db")
    with Store.open(tmp_path / "p.db") as store:
        progress = store.learner("ana", "mini")
        progress.acknowledge_activity("1.0")
        progress.save_evaluation({"useful": 4, "comments": "clear, thanks"})
        progress.attest(0.5)
    code, _, err = export(tmp_path, mini_course_path, "--format", "csv", "-o", str(tmp_path / "records"))
    assert code == 0, err

    def rows(table: str) -> list[dict[str, str]]:
        return list(csv.DictReader((tmp_path / "records" / f"{table}.csv").open(newline="")))

    assert [row["course_version"] for row in rows("ce_acknowledgment")] == ["1.0"]
    (evaluation,) = rows("ce_evaluation")
    assert json.loads(evaluation["answers"]) == {"useful": 4, "comments": "clear, thanks"}
    assert [(row["hours"], row["own_time"]) for row in rows("ce_attestation")] == [("0.5", "true")]
    assert (tmp_path / "records" / "ce_certificates.csv").read_bytes() == b"certificate_id,issued_at,payload\r\n"
