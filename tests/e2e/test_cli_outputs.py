"""Where the commands write (issue #15): ``course export`` to places it cannot write, to a full standard
output or a closed pipe; and no command creates a progress database it was only asked to read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from progress_store import Store
from tests.helpers.cli import run_course
from tests.helpers.unprivileged import bound_by_permissions

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-course"
REPO = Path(__file__).resolve().parents[2]


def seed(db: Path, visits: int = 1) -> None:
    """ana has records in the mini course: ``visits`` lesson openings (each one an event)."""
    with Store.open(db) as store:
        progress = store.learner("ana", "mini")
        for _ in range(visits):
            progress.open_lesson("neurons")
        progress.save_note("neurons", "my private note")


def one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("course: error: "), result.stderr
    for word in words:
        assert word in result.stderr


def export(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_course("--course", str(MINI), "--db", str(tmp_path / "p.db"), "export", *args, cwd=tmp_path)


@pytest.mark.parametrize("fmt", ["json", "xapi", "csv"])
@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("missing/export.out", "folder missing does not exist"),
        ("a-file/export.out", "a-file is not a folder"),
        ("/dev/full", "/dev/full"),
    ],
)
def test_export_to_a_place_it_cannot_write_is_one_line(tmp_path: Path, fmt: str, target: str, words: str) -> None:
    seed(tmp_path / "p.db")
    (tmp_path / "a-file").write_text("not a folder\n")
    before = sorted(tmp_path.rglob("*"))
    one_line_error(export(tmp_path, "--format", fmt, "-o", target), words)
    assert sorted(tmp_path.rglob("*")) == before, "nothing is written"


def test_export_to_a_folder_names_it(tmp_path: Path) -> None:
    seed(tmp_path / "p.db")
    (tmp_path / "out").mkdir()
    one_line_error(export(tmp_path, "-o", "out"), "cannot write out: it is a folder")
    one_line_error(export(tmp_path, "--format", "xapi", "-o", "out"), "it is a folder")
    one_line_error(export(tmp_path, "--format", "csv", "-o", "p.db"), "cannot write into p.db: it is not a folder")


def test_export_over_a_read_only_file_is_one_line(tmp_path: Path) -> None:
    """Run bound by file permissions (root's overrides dropped), so the file's mode binds it too."""
    folder = tmp_path
    seed(folder / "p.db")
    locked = folder / "export.json"
    locked.write_text("an earlier export\n")
    locked.chmod(0o444)
    command = [sys.executable, "-m", "course", "--course", str(MINI), "--db", str(folder / "p.db"), "export", "-o", str(locked)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        bound_by_permissions(command), cwd=folder, env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )
    one_line_error(result, f"cannot write {locked}")
    assert locked.read_text() == "an earlier export\n"


@pytest.mark.parametrize("args", [["export"], ["export", "--format", "xapi"], ["info"], ["validate", str(MINI)]])
def test_a_full_standard_output_is_one_line(tmp_path: Path, args: list[str]) -> None:
    seed(tmp_path / "p.db")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "course", "--course", str(MINI), "--db", str(tmp_path / "p.db"), *args],
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2, result.stderr
    assert result.stderr == "course: error: cannot write to standard output: No space left on device\n"


def test_a_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    """``course export | head -c1``: the export (over 64 KiB, more than a pipe holds) stops without a word."""
    seed(tmp_path / "p.db", visits=800)
    command = [sys.executable, "-m", "course", "--course", str(MINI), "--db", str(tmp_path / "p.db"), "export"]
    with subprocess.Popen(
        command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        assert child.stdout.read(1) == b"{"
        child.stdout.close()
        errors = child.stderr.read().decode()
        code = child.wait(timeout=60)
    assert errors == "" and code == 0
    assert len(export(tmp_path).stdout) > 65536, "the export is larger than a pipe's buffer"


READ_ONLY = [
    ["export"],
    ["export", "--format", "xapi"],
    ["export", "--format", "csv", "-o", "records"],
    ["transcript", "--format", "json"],
    ["certificate", "issue"],
    ["push", "--status"],
    ["push", "--dry-run", "--lrs", "http://127.0.0.1:9/xAPI"],
    ["push", "--lrs", "http://127.0.0.1:9/xAPI"],
    ["db", "check"],
    ["db", "backup"],
]


@pytest.mark.parametrize("where", ["--db", "COURSE_DB", "user data folder"])
@pytest.mark.parametrize("args", READ_ONLY, ids=[" ".join(a) for a in READ_ONLY])
def test_no_command_creates_a_database_it_was_only_asked_to_read(tmp_path: Path, args: list[str], where: str) -> None:
    db = tmp_path / "new.db"
    env = {"COURSE_KEY_DIR": str(tmp_path / "keys")}
    options = ["--db", str(db)] if where == "--db" else []
    if where == "COURSE_DB":
        env["COURSE_DB"] = str(db)
    if where == "user data folder":
        db = Path(os.environ["XDG_DATA_HOME"]) / "plasticity-course" / "progress.db"
    result = run_course("--course", str(MINI), *options, *args, cwd=tmp_path, env=env)
    one_line_error(result, f"there is no progress database at {db}")
    assert list(tmp_path.iterdir()) == [], "no database, no data folder, no key, no output"


def test_the_app_and_plain_mode_still_create_their_database(tmp_path: Path) -> None:
    result = run_course("--course", str(MINI), "--db", "p.db", "--plain", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "p.db").is_file()
