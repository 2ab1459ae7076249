"""The hostile-input corpus (tests/corpus/manifest.toml), every case through ``course validate``.

Each case runs through :func:`course.cli.main` in this process, the code path of the ``course`` command
(tests/e2e/test_corpus_cli.py runs a selection as real subprocesses). Every case must exit 1 within
5 s with its expected finding, located, naming its file, with no traceback, no raw control character
and nothing of the files outside the course folder in the output. An audit hook records every file
the process opens while validating: nothing outside the course folder, no FIFO and no device is ever
opened (the canary file outside and the devices a link points at are never touched).
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from course.cli import main
from course.loading.findings import Finding
from tests.corpus.build import CANARY, Case, build, load_cases

CASES = load_cases()
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_OPENED: list[str] | None = None


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _OPENED is not None and event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


@contextmanager
def opened_files() -> Iterator[list[str]]:
    """Every path the process opens inside the ``with`` block."""
    global _OPENED
    _OPENED = []
    try:
        yield _OPENED
    finally:
        _OPENED = None


def test_the_corpus_is_large_and_covers_every_kind() -> None:
    assert len(CASES) >= 80
    assert len({case.name for case in CASES}) == len(CASES)
    categories = {case.category for case in CASES}
    wanted = {"syntax", "wrong-type", "unknown-key", "missing-key", "invalid-value", "counts", "lookalike"}
    wanted |= {"control-characters", "ids", "link-schemes", "bytes", "size", "nesting", "missing-file"}
    wanted |= {"symlink-out", "hardlink-out", "fifo", "device", "dangling-link", "folder-out"}
    assert wanted <= categories
    kinds = {case.file for case in CASES if case.category in ("symlink-out", "hardlink-out", "fifo")}
    assert len(kinds) == 7  # every kind of course file


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_validate_reports_the_case(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = build(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    with opened_files() as opened:
        code = main(["validate", "course"])
    took = time.monotonic() - started
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert took < 5, f"{case.name} took {took:.1f} s"
    lines = out.splitlines()
    located = [line for line in lines if line.startswith(case.located) and f"[{case.code}]: " in line]
    assert located, f"expected {case.located} {case.code} in:\n{out}"
    if case.col is not None:
        assert any(line.startswith(f"{case.located}{case.col}:") for line in located), out
    assert any(case.message in line for line in located), out
    assert "Traceback" not in out + err
    assert CANARY not in out + err
    assert not RAW_CONTROL.search(out + err), repr(out)
    assert all(re.match(r"^.+:\d+:\d+: (error|warning)\[[EW]\d{3}\]: ", line) for line in lines), out
    if case.name != "missing-course-toml":  # the audit hook sees the course's own files being read
        assert any(Path(p).resolve().is_relative_to(root) for p in opened), opened
    outside = tmp_path / "outside"
    touched = [p for p in opened if Path(p).is_absolute() and p.startswith((str(outside), "/dev/"))]
    assert not touched, f"opened {touched}"
    fifos = [p for p in opened if os.path.exists(p) and not os.path.isdir(p) and not Path(p).resolve().is_file()]
    assert not fifos, f"opened what is not a regular file: {fifos}"
    assert all(Path(p).resolve().is_relative_to(root) for p in opened if Path(p).resolve().is_relative_to(tmp_path))


# Every case whose file is there to name (a dangling link or a loop is "no such file" to the command line: exit 2).
ONE_FILE = [
    c
    for c in CASES
    if c.file.endswith((".toml", ".md"))
    and not c.raw.get("remove")
    and c.shown == c.file
    and c.raw.get("build") not in ("dangling", "loop")
]


@pytest.mark.parametrize("case", ONE_FILE, ids=[c.name for c in ONE_FILE])
def test_validate_of_the_file_alone_reports_it(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``course validate FILE`` (the file within its course, a link judged where it stands) finds the same problem."""
    build(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    code = main(["validate", os.path.join("course", case.file)])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert any(line.startswith(case.located) and f"[{case.code}]" in line for line in out.splitlines()), out
    assert CANARY not in out + err


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_validate_a_device_answers_at_once(device: str, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    with opened_files() as opened:
        code = main(["validate", device])
    out, _ = capsys.readouterr()
    assert time.monotonic() - started < 5
    assert code == 1
    assert out.splitlines() == [f"{device}:1:1: error[E002]: is a character device, not a regular file; it is not read"]
    assert device not in opened


def test_validate_a_fifo_answers_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "lesson.toml"
    os.mkfifo(fifo)
    with opened_files() as opened:
        code = main(["validate", str(fifo)])
    out, _ = capsys.readouterr()
    assert code == 1
    assert out.splitlines() == [
        f"{Finding(fifo, 1, 1, 'error', '', '').display_path()}:1:1: error[E002]: is a FIFO (named pipe), not a regular file; it is not read"
    ]
    assert str(fifo) not in opened


def test_links_inside_the_course_folder_are_followed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only links that lead out are refused: a lesson linked to a file inside the course folder loads."""
    from tests.helpers.course_factory import LESSON_TOML, MODULE_DIR, write_course

    root = write_course(tmp_path / "course", files={"shared/agonists.toml": LESSON_TOML, f"{MODULE_DIR}/01-agonists.toml": None})
    os.symlink(root / "shared" / "agonists.toml", root / MODULE_DIR / "01-agonists.toml")
    assert main(["validate", str(root)]) == 0
    assert capsys.readouterr().out == ""


def test_crlf_line_ends_load_like_lf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """CRLF line ends are fine: the course loads with no finding at all, lines as in the file."""
    from tests.helpers.course_factory import MINIMAL_FILES, write_course

    root = write_course(tmp_path / "course", files={name: text.replace("\n", "\r\n") for name, text in MINIMAL_FILES.items()})
    assert main(["validate", str(root)]) == 0
    broken = MINIMAL_FILES["course.toml"].replace('title = "Demo course"', "title = oops").replace("\n", "\r\n")
    (root / "course.toml").write_bytes(broken.encode())
    assert main(["validate", str(root)]) == 1
    assert "course.toml:5:9: error[E001]: TOML syntax error: invalid value" in capsys.readouterr().out
