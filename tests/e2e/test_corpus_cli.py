"""The hostile-input corpus through the real ``course`` command, in subprocesses bounded at 5 s.

One case of every category through ``course validate``; the cases that used to hang, crash or leak
(FIFOs, devices, links out, deep nesting, escape sequences in names) also through ``course info``,
the app's front end (``course --course``) and plain mode (``course --plain``): each answers with the
located finding on stderr and exit 1, never a traceback, never a byte of the files outside.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.corpus.build import CANARY, Case, build, first_of_each, load_cases

REPO = Path(__file__).resolve().parents[2]
CASES = load_cases()
FIRST_OF_EACH = first_of_each(CASES)
RISKY = [case for case in CASES if case.name in {"fifo-glossary", "fifo-lesson", "dev-zero-glossary", "symlink-out-course"}]
RISKY += [case for case in CASES if case.name in {"deep-inline-tables", "escape-sequence-in-file-name", "hardlink-out-quiz"}]
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def course(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[bytes], float]:
    """``python -m course ARGS`` with no input, its output as bytes (to see every raw byte), and how long it took."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    env["COURSE_DB"] = str(cwd / "progress.db")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "course", *args], cwd=cwd, env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=30
    )
    return result, time.monotonic() - started


def check(result: subprocess.CompletedProcess[bytes], took: float, case: Case, stream: bytes) -> None:
    everything = result.stdout + result.stderr
    assert result.returncode == 1, everything.decode(errors="replace")
    assert took < 5, f"took {took:.1f} s"
    lines = [line for line in stream.splitlines() if line.startswith(case.located.encode())]
    assert any(f"[{case.code}]: ".encode() in line and case.message.encode() in line for line in lines), stream
    assert b"Traceback" not in everything
    assert CANARY.encode() not in everything
    assert not RAW_CONTROL.search(everything), everything


@pytest.mark.parametrize("case", FIRST_OF_EACH, ids=[case.category for case in FIRST_OF_EACH])
def test_validate_in_a_subprocess(case: Case, tmp_path: Path) -> None:
    build(case, tmp_path)
    result, took = course(["validate", "course"], tmp_path)
    check(result, took, case, result.stdout)


@pytest.mark.parametrize("case", FIRST_OF_EACH, ids=[case.category for case in FIRST_OF_EACH])
def test_plain_mode_shows_the_errors(case: Case, tmp_path: Path) -> None:
    build(case, tmp_path)
    result, took = course(["--plain", "--course", "course"], tmp_path)
    check(result, took, case, result.stderr)
    assert result.stdout == b""  # nothing of the course was shown: it did not load
    assert not (tmp_path / "progress.db").exists()


@pytest.mark.parametrize("front_end", [["info"], ["--course"]], ids=["info", "app"])
@pytest.mark.parametrize("case", RISKY, ids=[case.name for case in RISKY])
def test_info_and_the_app_show_the_errors(case: Case, front_end: list[str], tmp_path: Path) -> None:
    build(case, tmp_path)
    result, took = course([*front_end, "course"], tmp_path)
    check(result, took, case, result.stderr)
    assert result.stdout == b""


def test_validate_dev_zero_and_a_fifo_in_a_subprocess(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.toml")
    for target, kind in (("/dev/zero", "a character device"), ("pipe.toml", "a FIFO (named pipe)")):
        result, took = course(["validate", target], tmp_path)
        assert took < 5
        assert result.returncode == 1
        assert result.stdout.decode() == f"{target}:1:1: error[E002]: is {kind}, not a regular file; it is not read\n"
        assert b"Traceback" not in result.stderr
