"""Syntax errors stay in their file (issue #12): one broken line of TOML is reported where it is, and
the rest of the file is still read, so nothing that refers to the file fails because of it."""

from __future__ import annotations

import random
from pathlib import Path

from tests.helpers.course_factory import RICH_FILES, findings_of, write_files

INSERTS = ['"', "'", '"""', "[", "]", "{", "=", "\n", "#", "\\", ",", "x", " "]


def mutations(count: int, seed: int) -> list[tuple[str, str]]:
    """``count`` one-line mutations of the rich course: (file, new text), never on a line naming an id."""
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        name = rng.choice(sorted(RICH_FILES))
        lines = RICH_FILES[name].split("\n")
        n = rng.choice([k for k, line in enumerate(lines) if "id" not in line])
        at = rng.randrange(len(lines[n]) + 1)
        lines[n] = lines[n][:at] + rng.choice(INSERTS) + lines[n][at:]
        found.append((name, "\n".join(lines)))
    return found


def test_a_broken_line_gives_findings_in_its_own_file_only(tmp_path: Path) -> None:
    # Before: a syntax error (or any one wrong key) dropped the file, and every lesson and question
    # naming its terms, references or objectives failed too.
    leaks = []
    for n, (name, text) in enumerate(mutations(150, seed=12)):
        root = write_files(tmp_path / str(n), {**RICH_FILES, name: text})
        rows = findings_of(root)
        assert all(1 <= line <= text.count("\n") + 1 and col >= 1 for path, line, col, *_ in rows if path == name)
        leaks += [(name, row) for row in rows if row[0] != name]
    assert leaks == []


def test_any_text_as_a_quiz_or_a_markdown_lesson_gives_located_findings_never_an_exception(tmp_path: Path) -> None:
    rng = random.Random(3)
    pieces = ['"""', "'''", '"', "'", "[", "]]", "{", "}", "=", "\n", "#", "\\", "[[question]]", "x = ", "+++\n"]
    quiz, lesson = "modules/01-basics/quiz.toml", "modules/01-basics/03-x.md"
    for n in range(60):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        rows = findings_of(write_files(tmp_path / str(n), {**RICH_FILES, quiz: text, lesson: text}))
        for name in (quiz, lesson):
            mine = [row for row in rows if row[0] == name]
            assert mine and all(1 <= line <= text.count("\n") + 1 and col >= 1 for _, line, col, *_ in mine), (name, text)
