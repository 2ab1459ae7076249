"""``course preview`` from the command line: help, usage errors, and a real run in a terminal."""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from progress_store import Store
from tests.helpers.cli import run_course
from tests.helpers.course_factory import write_course

ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def test_preview_help_says_what_it_does(tmp_path: Path) -> None:
    result = run_course("preview", "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: course preview [-h] [--db FILE] [--learner NAME] DIR")
    assert "throwaway" in result.stdout and "reload" in result.stdout
    listed = run_course("--help", cwd=tmp_path)
    assert re.search(r"^\s+preview\s+open the app on a course being written", listed.stdout, re.MULTILINE)


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_course("preview", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"course: error: no such folder: {tmp_path / 'nowhere'}\n"
    assert result.stdout == ""


def test_a_folder_without_course_toml_and_no_folder_at_all_are_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_course("preview", str(tmp_path / "empty"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"course: error: {tmp_path / 'empty'} is not a course folder (no course.toml)\n"
    missing = run_course("preview", cwd=tmp_path)
    assert missing.returncode == 2 and "the following arguments are required: DIR" in missing.stderr
    assert "Traceback" not in result.stderr + missing.stderr


@contextmanager
def in_terminal(*args: str, cwd: Path, env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """``python -m course ARGS`` on a pseudo-terminal of 80x24; yields the process and the terminal's
    master end (read what it draws, write keys)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "course", *args],
        cwd=cwd,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "TERM": "xterm-256color", **env},
        start_new_session=True,
    )
    os.close(slave)
    try:
        yield process, master
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        os.close(master)


def read_until(master: int, wanted: bytes, seconds: float = 60.0) -> bytes:
    """What the terminal shows (escape sequences removed) up to and including ``wanted``."""
    seen, deadline = b"", time.monotonic() + seconds
    while wanted not in ESCAPES.sub(b"", seen):
        left = deadline - time.monotonic()
        assert left > 0, f"timed out waiting for {wanted!r}; saw {ESCAPES.sub(b'', seen)[-400:]!r}"
        ready, _, _ = select.select([master], [], [], left)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:  # the program closed the terminal
                break
    return ESCAPES.sub(b"", seen)


def drain_until_exit(process: subprocess.Popen[bytes], master: int, seconds: float = 60.0) -> int:
    """Keep reading the terminal (so the program never blocks writing to it) until it exits."""
    deadline = time.monotonic() + seconds
    while process.poll() is None:
        assert time.monotonic() < deadline, "the preview did not quit"
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                break
    return process.wait(timeout=30)


def test_the_preview_runs_in_a_terminal_on_a_throwaway_database_deleted_on_exit(tmp_path: Path) -> None:
    course = write_course(tmp_path / "course")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    with in_terminal("preview", str(course), cwd=tmp_path, env={"TMPDIR": str(scratch)}) as (process, master):
        read_until(master, b"I understand")  # the first-start disclaimer, over the map
        os.write(master, b"\r")
        shown = read_until(master, b"reloads on save")
        assert "Demo course — Preview · reloads on save".encode() in shown
        folders = list(scratch.iterdir())
        assert len(folders) == 1 and folders[0].name.startswith("course-preview-")
        assert (folders[0] / "progress.db").is_file()
        os.write(master, b"\x11")  # Ctrl+Q
        assert drain_until_exit(process, master) == 0
    assert list(scratch.iterdir()) == [], "the throwaway database is deleted on exit"


def test_the_preview_keeps_progress_in_the_database_given(tmp_path: Path) -> None:
    course = write_course(tmp_path / "course")
    db = tmp_path / "kept.db"
    with in_terminal("preview", str(course), "--db", str(db), cwd=tmp_path, env={}) as (process, master):
        read_until(master, b"I understand")
        os.write(master, b"\r")
        read_until(master, b"reloads on save")
        os.write(master, b"\x11")
        assert drain_until_exit(process, master) == 0
    with Store.open(db) as store:
        assert store.learners() == ["default"]
        position = store.learner("default", "demo").position()  # the disclaimer accepted: resume on the map
        assert position is not None and position.screen == "map"
