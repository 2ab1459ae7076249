"""`course export`: one learner's records as JSON, notes and bookmarks included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from progress_store import Store


def test_export_prints_progress_notes_and_bookmarks(tmp_path: Path, mini_course_path: Path) -> None:
    db = tmp_path / "p.db"
    store = Store.open(db)
    progress = store.learner("ana", "mini")
    progress.complete_lesson("neurons")
    progress.save_note("neurons", "my private note")
    progress.toggle_bookmark("synapses")
    store.close()
    result = subprocess.run(
        [sys.executable, "-m", "course", "--course", str(mini_course_path), "--db", str(db), "--learner", "ana", "export"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["learner"] == "ana" and data["course_id"] == "mini"
    assert data["notes"][0]["lesson_id"] == "neurons" and data["notes"][0]["text"] == "my private note"
    assert [b["lesson_id"] for b in data["bookmarks"]] == ["synapses"]
    assert any(e["verb"] == "completed" for e in data["events"])


def test_export_of_an_unknown_learner_is_a_usage_error(tmp_path: Path, mini_course_path: Path) -> None:
    db = tmp_path / "p.db"
    Store.open(db).close()
    result = subprocess.run(
        [sys.executable, "-m", "course", "--course", str(mini_course_path), "--db", str(db), "--learner", "zed", "export"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2 and "no learner named 'zed'" in result.stderr
