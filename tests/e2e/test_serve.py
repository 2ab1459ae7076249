"""``course serve`` in a real browser: headless Chromium signs in, answers, and the answer is in the store.

The server runs as ``python -m course serve`` on 127.0.0.1 and a free port with a database in tmp_path;
the screen is read from xterm.js's buffer (tests/helpers/browser.py). Chromium missing fails, never skips.
"""

from __future__ import annotations

import json
import socket
import sqlite3
from pathlib import Path

from tests.helpers.browser import TerminalPage, chromium, open_terminal, served, wait_until
from tests.helpers.cli import run_course

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "mini-course"
QUESTION = "What is a neuron?"


def answers_by_learner(db: Path) -> dict[str, list[tuple[str, str]]]:
    """learner -> [(question id, response)] from the real SQLite file."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT l.name, a.question_id, a.response FROM answers a JOIN attempts t ON t.id = a.attempt_id"
            " JOIN learners l ON l.id = t.learner_id ORDER BY l.name, a.rowid"
        ).fetchall()
    found: dict[str, list[tuple[str, str]]] = {}
    for name, question, response in rows:
        found.setdefault(name, []).append((question, json.loads(response)))
    return found


def sign_in(terminal: TerminalPage, name: str, password: str, new: bool) -> None:
    terminal.wait_for("Sign in")
    terminal.type(name)
    terminal.press("Tab")
    terminal.type(password)
    terminal.press("Enter")
    if new:
        terminal.wait_for("is a new profile")
        terminal.type(password)
        terminal.press("Enter")


def open_quiz(terminal: TerminalPage) -> None:
    """From the first start: accept the disclaimer, then the command palette to the quiz, by keyboard only."""
    terminal.wait_for("I understand")
    terminal.press("Enter")
    terminal.wait_for("Basics quiz")
    terminal.press("Control+p")
    terminal.type("Basics quiz")
    terminal.wait_for("Quiz: Basics quiz")
    terminal.press("Enter")
    terminal.wait_for(QUESTION)


def answer_first_question(terminal: TerminalPage, choice: str) -> str:
    """Pick the choice whose text is ``choice`` with the arrow keys and Enter, check it with Ctrl+S; the screen then."""
    rows = terminal.text().splitlines()
    choices = [row for row in rows if "○" in row]
    position = next(i for i, row in enumerate(choices) if choice in row)
    terminal.press(*(["ArrowDown"] * position), "Enter", "Control+s")
    return terminal.wait_for("Question 1 of 4 · 1 answered")


def test_two_learners_at_once_in_two_browsers_stay_separate(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    with served("--course", str(MINI), "--db", str(db), "--require-password", cwd=tmp_path) as server, chromium() as browser:
        ann = open_terminal(browser, server.url)
        bob = open_terminal(browser, server.url)
        sign_in(ann, "Ann", "ann's long password", new=True)
        sign_in(bob, "Bob", "bob's long password", new=True)
        open_quiz(ann)
        open_quiz(bob)
        assert "learner: Ann" in ann.text() and "learner: Bob" in bob.text()
        assert len(server.children()) == 2  # one app process a visitor
        answer_first_question(ann, "A cell that signals")
        answer_first_question(bob, "A junction between cells")
        wait_until(lambda: len(answers_by_learner(db)) == 2, 10, lambda: str(answers_by_learner(db)))
        assert answers_by_learner(db) == {"Ann": [("bq1", "b")], "Bob": [("bq1", "a")]}

        ann.page.context.close()  # Ann closes her tab: her app process ends, Bob's goes on
        wait_until(lambda: len(server.children()) == 1, 20, lambda: f"children: {server.children()}")
        bob.press("Escape")
        bob.wait_for("Basics quiz")

        # Ann comes back in a new browser: a wrong password is refused, the right one resumes her quiz.
        again = open_terminal(browser, server.url)
        sign_in(again, "Ann", "not ann's password", new=False)
        screen = again.wait_for("do not match")
        assert "learner: Ann" not in screen  # the password field is cleared and has the focus
        again.type("ann's long password")
        again.press("Enter")
        resumed = again.wait_for("1 answered")  # her quiz, at the question after the one she answered
        assert "learner: Ann" in resumed and "Basics quiz" in resumed
    accounts = [json.loads(p.read_text()) for p in sorted((tmp_path / "class.accounts").iterdir())]
    assert sorted(account["name"] for account in accounts) == ["Ann", "Bob"]
    assert all("long password" not in json.dumps(account) for account in accounts)  # hashed, never stored


def test_bad_options_answer_in_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = run_course("serve", "--port", str(port), "--db", str(tmp_path / "a.db"), cwd=tmp_path)
    assert busy.returncode == 2
    assert busy.stderr == f"course: error: cannot listen on 127.0.0.1:{port}: already in use\n"
    host = run_course("serve", "--host", "no-such-host.invalid", "--db", str(tmp_path / "a.db"), cwd=tmp_path)
    assert host.returncode == 2
    assert host.stderr.startswith("course: error: cannot listen on host 'no-such-host.invalid'")
    assert host.stderr.count("\n") == 1
    both = run_course("serve", "--db", str(tmp_path / "a.db"), "--db-per-learner", str(tmp_path / "d"), cwd=tmp_path)
    assert (both.returncode, both.stderr) == (2, "course: error: give --db or --db-per-learner, not both\n")
