"""Starting the app on bad input: a clear message and an exit code, never a traceback."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import run_course
from tests.helpers.unprivileged import read_only_folder, run_bound_by_permissions


@pytest.fixture
def broken_course(tmp_path: Path, mini_course_path: Path) -> Path:
    root = tmp_path / "broken"
    shutil.copytree(mini_course_path, root)
    quiz = root / "modules" / "01-basics" / "quiz.toml"
    quiz.write_text(
        quiz.read_text().replace('answer = "b"', 'answer = "z"', 1).replace('type = "true_false"', 'type = "truefalse"')
    )
    lesson = root / "modules" / "01-basics" / "02-synapses.toml"
    lesson.write_text(lesson.read_text().replace('title = "Synapses"', 'title = "Synapses"\ncolour = "red"'))
    return root


def test_the_app_refuses_a_broken_course_with_every_problem_and_exit_1(broken_course: Path, tmp_path: Path) -> None:
    result = run_course("--course", str(broken_course), "--db", str(tmp_path / "p.db"), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert "broken/modules/01-basics/02-synapses.toml:3:1: error[E101]: unknown key 'colour'" in lines[0]
    assert any("quiz.toml:46:1: error[E105]: unknown question type 'truefalse'" in line for line in lines)
    assert not any("warning[" in line for line in lines), "no coverage warnings while files fail to load"
    # the E105 question no longer hides the E203 one
    assert lines[-1].startswith("course: error: the course has errors (3 error(s)")
    assert not (tmp_path / "p.db").exists(), "nothing is written for a course that does not load"


def test_validate_and_run_report_the_same_findings(broken_course: Path, tmp_path: Path) -> None:
    validate = run_course("validate", str(broken_course), cwd=tmp_path)
    run = run_course("--course", str(broken_course), "--db", str(tmp_path / "p.db"), cwd=tmp_path)
    assert validate.returncode == run.returncode == 1
    assert validate.stdout.splitlines() == run.stderr.splitlines()[:-1]


def test_db_in_a_missing_folder_is_a_one_line_error_and_exit_2(tmp_path: Path) -> None:
    result = run_course("--db", str(tmp_path / "nowhere" / "p.db"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("course: error: ")
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_course_db_environment_variable_is_used(tmp_path: Path) -> None:
    result = run_course(cwd=tmp_path, env={"COURSE_DB": str(tmp_path / "missing-dir" / "x.db")})
    assert result.returncode == 2
    assert str(tmp_path / "missing-dir") in result.stderr


def test_db_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 100)
    result = run_course("--db", str(bogus), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert bogus.read_text().startswith("these are my notes"), "the file is left untouched"


def test_db_in_an_unwritable_folder_is_refused() -> None:
    """Checked as a user the folder's permissions bind (``nobody`` when the tests run as root)."""
    with read_only_folder() as locked:
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        result = run_bound_by_permissions([sys.executable, "-m", "course", "--db", str(locked / "p.db")], locked.parent, env)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert "is not writable" in result.stderr
        assert list(locked.iterdir()) == []


def test_missing_course_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run_course("--course", str(tmp_path / "nope"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"course: error: no such file or folder: {tmp_path / 'nope'}"
