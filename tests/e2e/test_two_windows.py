"""The same learner in two windows, as two processes on one database file (issue 9).

Each window is this module run as a program (``python -m tests.e2e.test_two_windows``): a study
engine on its own ``Store`` connection, driven over stdin and printing every result as one JSON line.
The tests interleave two of them on the same attempt and then compare every answer a window was told
was saved with what the database holds: none may be lost or overwritten by the other window. A plain
mode test shows what the learner reads when the other window got there first.
"""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from course.domain.models import Course
from course.engine import Study
from course.engine.quiz_session import Opened
from course.loading.loader import load_course
from progress_store import Store
from tui.plain.session import run_plain

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "mini-course"
LEARNER = "ann"
# What each window answers: the two differ everywhere, so an overwrite always shows.
RESPONSES: dict[str, dict[str, Any]] = {
    "A": {"bq1": "b", "bq2": ["a", "b"], "bq3": False, "bq4": ["a"], "mq3": "synapse", "mq4": "2"},
    "B": {"bq1": "a", "bq2": ["a"], "bq3": True, "bq4": ["b"], "mq3": "neuron", "mq4": "3"},
}


# --- one window, as a program ----------------------------------------------------------------------


def drive(db: str, window: str, rounds: int | None) -> None:
    """Answer commands from stdin (``open Q``, ``answer QID JSON``, ``submit``), or with ``rounds``
    race through that many practice attempts on its own; one JSON line out per result."""
    course = load_course(MINI)
    with Store.open(db) as store:
        study = Study(course, store.learner(LEARNER, course.info.id), fuzz_reviews=False)
        if rounds is None:
            state = None
            for line in sys.stdin:
                state = command(study, state, line.strip())
        else:
            race(study, window, rounds)


def command(study: Study, state: Any, line: str) -> Any:
    cmd, _, rest = line.partition(" ")
    out: dict[str, Any] = {}
    if cmd == "open":
        opened = study.quizzes.open(rest)
        assert isinstance(opened, Opened)
        state, out = opened.attempt, {"kind": "Opened"}
    elif cmd == "answer":
        qid, _, response = rest.partition(" ")
        before = state.answers.get(qid)
        result = study.quizzes.answer(state, qid, json.loads(response))
        out = {"kind": type(result).__name__, "qid": qid, "response": json.loads(response)}
        out["replaced"] = None if before is None else before.response
    elif cmd == "submit":
        out = {"kind": type(study.quizzes.submit(state, force=True)).__name__}
    out.update(attempt=state.attempt_id, unanswered=[state.question_ids[i] for i in state.unanswered()])
    print(json.dumps(out), flush=True)
    return state


def race(study: Study, window: str, rounds: int) -> None:
    """Take ``rounds`` practice attempts as fast as possible, whatever the other window does."""
    for _ in range(rounds):
        opened = study.quizzes.open("basics-quiz")
        assert isinstance(opened, Opened)
        state = opened.attempt
        while state.unanswered():
            qid = state.question_ids[state.unanswered()[0]]
            result = study.quizzes.answer(state, qid, RESPONSES[window][qid])
            kind = type(result).__name__
            print(json.dumps({"kind": kind, "attempt": state.attempt_id, "qid": qid, "response": RESPONSES[window][qid]}))
            if kind == "FinishedElsewhere":
                break
        else:
            print(json.dumps({"kind": "submit:" + type(study.quizzes.submit(state, force=True)).__name__}))
    sys.stdout.flush()


# --- the tests -------------------------------------------------------------------------------------


def window(db: Path, name: str, *race_rounds: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.test_two_windows", str(db), name, *race_rounds],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


class Windows:
    """Two window processes in lockstep: send one a command, wait for its answer."""

    def __init__(self, db: Path) -> None:
        self.procs = {name: window(db, name) for name in "AB"}
        self.log: list[tuple[str, dict[str, Any]]] = []

    def send(self, name: str, line: str) -> dict[str, Any]:
        proc = self.procs[name]
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(line + "\n")
        proc.stdin.flush()
        out = proc.stdout.readline()
        assert out, f"window {name} died on {line!r}"
        result: dict[str, Any] = json.loads(out)
        self.log.append((name, result))
        return result

    def close(self) -> None:
        for proc in self.procs.values():
            assert proc.stdin is not None
            proc.stdin.close()
            assert proc.wait(timeout=60) == 0


@pytest.fixture
def windows(tmp_path: Path) -> Iterator[Windows]:
    both = Windows(tmp_path / "progress.db")
    try:
        yield both
    finally:
        both.close()


def stored_answers(db: Path) -> dict[tuple[int, str], object]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT attempt_id, question_id, response FROM answers").fetchall()
    return {(attempt, qid): json.loads(response) for attempt, qid, response in rows}


def acknowledged(log: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    return [(name, r) for name, r in log if r["kind"] == "Graded"]


def play_round(windows: Windows, quiz_id: str, steps: int) -> None:
    """Both windows open the attempt, then take turns answering what each believes comes next."""
    last = {name: windows.send(name, f"open {quiz_id}") for name in "AB"}
    for step in range(steps):
        name = "AB"[step % 2]
        if last[name]["unanswered"]:
            qid = last[name]["unanswered"][0]
            last[name] = windows.send(name, f"answer {qid} {json.dumps(RESPONSES[name][qid])}")
    submitted = sorted(windows.send(name, "submit")["kind"] for name in "AB")
    assert submitted == ["FinishedElsewhere", "Submitted"], "one window submits, the other is shown its results"


def test_interleaved_practice_windows_overwrite_no_acknowledged_answer(windows: Windows, tmp_path: Path) -> None:
    for _ in range(3):
        play_round(windows, "basics-quiz", steps=8)
    windows.close()
    stored = stored_answers(tmp_path / "progress.db")
    acked = acknowledged(windows.log)
    lost = [(name, r) for name, r in acked if stored.get((r["attempt"], r["qid"])) != r["response"]]
    assert lost == []
    assert len(acked) == len(stored) == 12, "every stored answer was acknowledged to exactly one window"
    assert sum(r["kind"] == "Moved" for _name, r in windows.log) == 12, "the windows really did collide"


def test_interleaved_exam_windows_change_only_answers_they_have_seen(windows: Windows, tmp_path: Path) -> None:
    last = {name: windows.send(name, "open more-quiz") for name in "AB"}
    for name, qid in [("A", "mq3"), ("B", "mq3"), ("B", "mq3"), ("A", "mq4"), ("B", "mq4"), ("A", "mq3"), ("A", "mq3")]:
        last[name] = windows.send(name, f"answer {qid} {json.dumps(RESPONSES[name][qid])}")
    windows.close()
    seen: dict[str, object] = {}  # the answer each question holds, in the order windows were told
    for _name, r in acknowledged(windows.log):
        assert r["replaced"] == seen.get(r["qid"]), f"{r} overwrote an answer its window had not seen"
        seen[r["qid"]] = r["response"]
    attempt = last["A"]["attempt"]
    assert {qid: response for (a, qid), response in stored_answers(tmp_path / "progress.db").items() if a == attempt} == seen
    kinds = [(name, r["kind"]) for name, r in windows.log if r["kind"] != "Opened"]
    # each stale write is refused and reloads its window; the retry, having seen the answer, may change it
    assert kinds == [
        ("A", "Graded"),
        ("B", "Moved"),
        ("B", "Graded"),
        ("A", "Moved"),
        ("B", "Graded"),
        ("A", "Moved"),
        ("A", "Graded"),
    ]
    assert seen == {"mq3": "synapse", "mq4": "3"}


def test_two_racing_processes_lose_no_acknowledged_answer(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    Store.open(db).close()  # migrate once, before the race
    procs = {name: window(db, name, "15") for name in "AB"}
    outputs = {name: proc.communicate(timeout=120)[0] for name, proc in procs.items()}
    assert all(proc.returncode == 0 for proc in procs.values())
    results = [json.loads(line) for out in outputs.values() for line in out.splitlines()]
    acked = [r for r in results if r["kind"] == "Graded"]
    stored = stored_answers(db)
    assert [r for r in acked if stored.get((r["attempt"], r["qid"])) != r["response"]] == []
    assert len(acked) == len(stored), "every stored answer was acknowledged to exactly one window"
    assert sum(r["kind"] == "submit:Submitted" for r in results) == len({r["attempt"] for r in acked})


# --- plain mode, when the other window got there first ---------------------------------------------


class OtherWindowFirst(io.StringIO):
    """Scripted input that lets the other window act just before the given lines are read."""

    def __init__(self, lines: list[str], before: dict[int, Any]) -> None:
        super().__init__("".join(line + "\n" for line in lines))
        self.before, self.count = before, 0

    def readline(self, size: int | None = -1) -> str:
        action = self.before.get(self.count)
        self.count += 1
        if action is not None:
            action()
        return super().readline(-1 if size is None else size)


def test_plain_mode_reloads_what_the_other_window_saved_and_shows_its_results(tmp_path: Path) -> None:
    course: Course = load_course(MINI)
    db = tmp_path / "progress.db"
    other_store = Store.open(db)
    other = Study(course, other_store.learner("default", course.info.id), new_seed=lambda: 12345, fuzz_reviews=False)
    state: dict[str, Any] = {}

    def other_opens_and_answers_bq1() -> None:
        opened = other.quizzes.open("basics-quiz")
        assert isinstance(opened, Opened)
        state["attempt"] = opened.attempt
        other.quizzes.answer(opened.attempt, "bq1", "a")

    def other_submits() -> None:
        first = other.quizzes.submit(state["attempt"], force=True)  # stale: the plain window answered bq2
        assert type(first).__name__ == "Moved"
        assert type(other.quizzes.submit(state["attempt"], force=True)).__name__ == "Submitted"

    # disclaimer, module 1, its quiz; bq1 "2" is refused (the other window answered it first) and
    # reloaded; bq2 "1 2" is saved, Enter; bq3 "2" is refused (the other window submitted): its results.
    lines = ["", "1", "t", "2", "1 2", "", "2", "", "q"]
    store = Store.open(db)
    out = io.StringIO()
    try:
        stdin = OtherWindowFirst(lines, {3: other_opens_and_answers_bq1, 6: other_submits})
        code = run_plain(course, store, stdin=stdin, stdout=out, new_seed=lambda: 12345, fuzz_reviews=False)
    finally:
        store.close()
    text = out.getvalue()
    assert code == 0 and "Traceback" not in text
    assert "This quiz was changed in another window; reloaded it: 1 answered." in text
    assert "Question 2 of 4 (1 answered)." in text
    assert "This quiz was submitted in another window; here are its results." in text
    records = other.records
    (attempt,) = records.attempts("basics-quiz")
    assert attempt.finished
    assert {qid: a.response for qid, a in records.answers(attempt.id).items()} == {"bq1": "a", "bq2": ["a", "b"]}
    other_store.close()


if __name__ == "__main__":
    drive(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else None)
