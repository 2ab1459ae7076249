"""Reading ``course export`` files for item analysis: records out, every problem a located finding."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from course.analysis import exports
from course.analysis.exports import export_files, read_exports
from course.analysis.json_positions import locate
from progress_store.export import EXPORT_VERSION


def an_export(learner: str = "ann", course_id: str = "mini", **changes: Any) -> dict[str, Any]:
    """An export as `course export` writes it (only the keys item analysis reads, plus a few it ignores)."""
    data: dict[str, Any] = {
        "format": "plasticity-course/learner-export",
        "version": 1,
        "learner": learner,
        "course_id": course_id,
        "exported_at": "2025-03-01T12:00:00+00:00",
        "lessons": [],
        "attempts": [
            {
                "id": 1,
                "quiz_id": "basics-quiz",
                "kind": "full",
                "seed": 7,
                "question_ids": ["bq1", "bq3"],
                "started_at": "2025-03-01T10:00:00+00:00",
                "finished_at": "2025-03-01T10:05:00+00:00",
                "score": 1.0,
                "max_score": 2.0,
                "scaled": 0.5,
                "passed": True,
                "answers": [
                    {"question_id": "bq1", "response": "b", "score": 1.0, "max_score": 1.0, "correct": True, "answered_at": "x"},
                    {
                        "question_id": "bq3",
                        "response": True,
                        "score": 0.0,
                        "max_score": 1.0,
                        "correct": False,
                        "answered_at": "x",
                    },
                ],
            },
            {
                "id": 2,
                "quiz_id": "basics-quiz",
                "kind": "retry",
                "seed": 8,
                "question_ids": ["bq3"],
                "started_at": "2025-03-01T10:06:00+00:00",
                "finished_at": None,
                "score": None,
                "max_score": None,
                "scaled": None,
                "passed": None,
                "answers": [],
            },
        ],
        "events": [{"verb": "answered"}],
    }
    data.update(changes)
    return data


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


def findings(tmp_path: Path, text: str | bytes, course_id: str = "mini") -> list[tuple[int, int, str, str, str]]:
    path = tmp_path / "e.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    read = read_exports([path], course_id)
    assert read.records == [] and read.files == 0
    return [(f.line, f.col, f.severity, f.code, f.message) for f in read.findings]


def test_an_export_becomes_attempt_records(tmp_path: Path) -> None:
    read = read_exports([write(tmp_path / "ann.json", an_export())], "mini")
    assert read.findings == [] and read.files == 1
    full, retry = read.records
    assert (full.quiz_id, full.finished, full.retry, full.question_ids, full.max_score) == (
        "basics-quiz",
        True,
        False,
        ("bq1", "bq3"),
        2.0,
    )
    assert [(a.question_id, a.response, a.score, a.correct) for a in full.answers] == [
        ("bq1", "b", 1.0, True),
        ("bq3", True, 0.0, False),
    ]
    assert (retry.finished, retry.retry, retry.sequence) == (False, True, 2)
    assert full.learner == retry.learner


def test_two_learners_of_the_same_name_on_two_machines_stay_two(tmp_path: Path) -> None:
    other = an_export()
    for number, row in enumerate(other["attempts"]):
        row["started_at"] = f"2025-03-02T08:0{number}:00+00:00"
    read = read_exports(
        [write(tmp_path / "a.json", an_export("default")), write(tmp_path / "b.json", other | {"learner": "default"})], "mini"
    )
    assert read.findings == [] and len({r.learner for r in read.records}) == 2


def test_the_same_learner_exported_twice_is_one_learner_counted_once(tmp_path: Path) -> None:
    newer = an_export()
    newer["attempts"].append({**newer["attempts"][0], "id": 3, "seed": 9, "started_at": "2025-03-03T10:00:00+00:00"})
    first, second = write(tmp_path / "old.json", an_export()), write(tmp_path / "new.json", newer)
    read = read_exports([first, second], "mini")
    assert read.files == 2 and read.errors == []
    assert [(f.path, f.severity, f.code) for f in read.findings] == [(second, "warning", "S007")]
    assert "already read from" in read.findings[0].message and str(first) in read.findings[0].message
    assert [r.sequence for r in read.records] == [1, 2, 3] and len({r.learner for r in read.records}) == 1


def test_folders_are_read_for_their_json_files(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    write(folder / "b.json", an_export("b"))
    write(folder / "a.json", an_export("a"))
    (folder / "notes.txt").write_text("not an export")
    single = write(tmp_path / "c.json", an_export("c"))
    assert export_files([folder, single]) == [folder / "a.json", folder / "b.json", single]


def test_json_syntax_errors_are_located(tmp_path: Path) -> None:
    assert findings(tmp_path, '{\n  "format": "x",\n  "version" 1\n}') == [
        (3, 13, "error", "S002", "not valid JSON: Expecting ':' delimiter")
    ]


def test_nan_infinity_and_deep_nesting_are_not_json(tmp_path: Path) -> None:
    assert findings(tmp_path, '{"score": NaN}')[0][3:] == ("S002", "not valid JSON: NaN is not a number JSON allows")
    assert findings(tmp_path, "[" * 100_000 + "]" * 100_000)[0][3:] == ("S002", "not valid JSON: nested too deeply")


def test_unreadable_bytes_and_oversized_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert findings(tmp_path, b'{"a": 1,\n "b": "\xff"}') == [(2, 8, "error", "S001", "file is not valid UTF-8 text")]
    monkeypatch.setattr(exports, "MAX_FILE", 10)
    assert findings(tmp_path, json.dumps(an_export()))[0][3] == "S001"


def test_a_fifo_is_refused_without_waiting_and_a_deep_response_is_only_data(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    read = read_exports([fifo], "mini")
    assert [(f.code, f.message) for f in read.findings] == [("S001", "not a regular file")]
    data = an_export()
    text = json.dumps(data).replace('"response": "b"', '"response": ' + "[" * 900 + "]" * 900, 1)
    read = read_exports([write_text(tmp_path / "deep.json", text)], "mini")
    assert read.findings == [] and len(read.records) == 2


def test_a_file_that_is_no_export_is_said_so_at_its_format(tmp_path: Path) -> None:
    assert findings(tmp_path, '{\n  "format": "something-else"\n}') == [
        (
            2,
            3,
            "error",
            "S003",
            'not a learner export (its "format" is not "plasticity-course/learner-export"); write one with `course export`',
        )
    ]
    assert findings(tmp_path, "[1, 2]")[0][:4] == (1, 1, "error", "S003")


def test_a_newer_export_version_is_refused(tmp_path: Path) -> None:
    text = json.dumps(an_export(version=EXPORT_VERSION + 1), indent=2)
    (found,) = findings(tmp_path, text)
    assert found[:4] == (3, 3, "error", "S004") and "upgrade plasticity-course" in found[4]


def test_shape_problems_point_at_the_key(tmp_path: Path) -> None:
    data = an_export()
    data["attempts"][0]["answers"][1]["score"] = "high"
    data["attempts"][1]["quiz_id"] = "\x1b[31mred"
    text = json.dumps(data, indent=2)
    lines = text.splitlines()
    score_line = next(i for i, line in enumerate(lines, 1) if '"high"' in line)
    quiz_line = [i for i, line in enumerate(lines, 1) if '"quiz_id"' in line][1]
    found = findings(tmp_path, text)
    assert found[0][:4] == (score_line, lines[score_line - 1].index('"score"') + 1, "error", "S005")
    assert found[0][4] == "attempts[0].answers[1].score: Input should be a valid number"
    assert found[1][:4] == (quiz_line, 7, "error", "S005") and found[1][4].startswith(
        "attempts[1].quiz_id: String should match pattern"
    )
    assert "\x1b" not in found[1][4]


def test_a_missing_key_points_at_its_object(tmp_path: Path) -> None:
    data = an_export()
    del data["attempts"][0]["started_at"]
    text = json.dumps(data, indent=2)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row == "    {")
    assert findings(tmp_path, text) == [(line, 5, "error", "S005", "attempts[0].started_at: Field required")]


def test_an_export_of_another_course_is_left_out(tmp_path: Path) -> None:
    (found,) = findings(tmp_path, json.dumps(an_export(course_id="other"), indent=2))
    assert found == (5, 3, "error", "S006", "an export of course 'other', not of 'mini'; pass that course with --course")


def test_a_bad_file_does_not_stop_the_good_ones(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    read = read_exports([bad, write(tmp_path / "good.json", an_export()), tmp_path / "gone.json"], "mini")
    assert read.files == 1 and len(read.records) == 2
    assert [(f.path.name, f.code) for f in read.errors] == [("bad.json", "S002"), ("gone.json", "S001")]
    assert "cannot read file" in read.errors[1].message


def test_positions_in_json_text() -> None:
    text = '{"a": [1, {"b": "x\\"y", "b": 2}], "c": {}}'
    assert locate(text, ["a", 1, "b"]) == (1, text.rindex('"b"') + 1)  # the last of a repeated key, as json keeps it
    assert locate(text, ["a", 5]) == (1, 2)  # past the end: where the path stopped existing
    assert locate(text, ["c", "d"]) == (1, text.index('"c"') + 1)
    assert locate("\ufeff{}", ["a"]) == (1, 1)  # not this grammar's JSON: the top of the file
