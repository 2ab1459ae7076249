"""The global options work before or after the command that uses them, and `course --version`
(issue #11, point 21: `course export --learner NAME`, as the README suggests, was "unrecognized")."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from course.cli import main
from progress_store import Store
from tests.helpers.cli import run_course


def _two_learners(db: Path) -> None:
    store = Store.open(db)
    try:
        store.learner("ana", "mini").complete_lesson("neurons")
        store.learner("ben", "mini").complete_lesson("synapses")
    finally:
        store.close()


@pytest.mark.parametrize(
    "order",
    [
        ["--course", "{course}", "--db", "{db}", "--learner", "ana", "export"],
        ["export", "--course", "{course}", "--db", "{db}", "--learner", "ana"],
        ["--course", "{course}", "export", "--db", "{db}", "--learner", "ana"],
        ["--learner", "ben", "export", "{course}", "--db", "{db}", "--learner", "ana"],  # the later one counts
    ],
)
def test_export_options_before_or_after_the_command(
    order: list[str], tmp_path: Path, mini_course_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.db"
    _two_learners(db)
    args = [a.format(course=mini_course_path, db=db) for a in order]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["learner"] == "ana" and data["course_id"] == "mini"
    assert any(e["verb"] == "completed" and e["object_id"] == "neurons" for e in data["events"])


def test_export_without_a_learner_takes_the_only_one_and_names_them_when_several(
    tmp_path: Path, mini_course_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.db"
    store = Store.open(db)
    store.learner("ana", "mini").complete_lesson("neurons")
    store.close()
    assert main(["export", str(mini_course_path), "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out)["learner"] == "ana"
    _two_learners(db)
    assert main(["export", str(mini_course_path), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "several learners" in err and "(ana, ben)" in err and "--learner NAME" in err


def test_validate_and_info_take_course_after_the_command(mini_course_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--course", str(mini_course_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "mini"
    assert main(["validate", "--course", str(mini_course_path), "--format", "json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), list)


def test_db_check_takes_db_after_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.db"
    Store.open(db).close()
    assert main(["db", "check", "--db", str(db)]) == 0
    assert str(db) in capsys.readouterr().out
    assert main(["--db", str(db), "db", "check"]) == 0


def test_version_prints_the_package_version(tmp_path: Path) -> None:
    result = run_course("--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"course {version('plasticity-course')}"


def test_help_says_where_the_options_go(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--version" in out and "also work after a command" in out
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert "--learner NAME" in out and "--db PATH" in out and "--plain" not in out


def test_plain_command_asks_which_learner_when_several_exist(tmp_path: Path, mini_course_path: Path) -> None:
    """Before, `course --plain` without --learner always used "default", whoever had progress."""
    db = tmp_path / "p.db"
    _two_learners(db)
    result = subprocess.run(
        [sys.executable, "-m", "course", "--plain", "--course", str(mini_course_path), "--db", str(db)],
        input="ben\n\nq\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Who is learning?" in result.stdout and "1. ana\n2. ben" in result.stdout
    store = Store.open(db)
    try:
        assert store.learners() == ["ana", "ben"]
        assert store.learner("ben", "mini").position() is not None, "ben's session, not a new default learner"
    finally:
        store.close()
