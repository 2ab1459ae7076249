"""`course --plain` through the real command: plain text in, plain text out, the same store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from progress_store import Store


def test_plain_mode_command_reads_a_lesson_and_records_it(tmp_path: Path, mini_course_path: Path) -> None:
    db = tmp_path / "p.db"
    result = subprocess.run(
        [sys.executable, "-m", "course", "--plain", "--course", str(mini_course_path), "--db", str(db)],
        input="\n1\n1\nd\nq\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout, "no escape sequences: plain text only"
    assert "Markup stays inert: [@click=app.quit]do not quit[/]" in result.stdout
    assert "Lesson marked done." in result.stdout
    store = Store.open(db)
    assert store.learner("default", "mini").lesson_statuses() == {"neurons": "done"}
    store.close()
