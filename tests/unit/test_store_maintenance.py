"""``maintenance.check`` and ``maintenance.backup``: reports without changing the file, safe copies."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest

from progress_store import Store, StoreError
from progress_store.maintenance import backup, backup_path, check
from progress_store.migrations import MIGRATION_NAMES
from tests.fixtures.databases.damage import break_a_reference, corrupt_middle_page, progress_file, sha256, side_files

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "databases"


def test_check_of_a_healthy_database(tmp_path: Path) -> None:
    path = progress_file(tmp_path / "progress.db", lessons=4)
    before = sha256(path)
    report = check(path)
    assert report.healthy and report.problems == []
    assert report.applied == MIGRATION_NAMES and report.pending == [] and report.unknown == []
    assert report.row_counts["learners"] == 1
    assert report.row_counts["lesson_progress"] == 4 and report.row_counts["events"] == 4
    assert sha256(path) == before and side_files(path) == []


def test_check_of_an_older_database_reports_the_pending_steps_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m001.db"
    path.write_bytes((FIXTURES / "m001.db").read_bytes())
    report = check(path)
    assert report.healthy
    assert report.applied == ["m001_initial"] and report.pending == MIGRATION_NAMES[1:]
    assert (FIXTURES / "m001.db").read_bytes() == path.read_bytes()


def test_check_finds_a_damaged_page(tmp_path: Path) -> None:
    path = progress_file(tmp_path / "progress.db")
    corrupt_middle_page(path)
    before = sha256(path)
    report = check(path)
    assert not report.healthy
    assert any(p.startswith("integrity: ") for p in report.problems)
    assert sha256(path) == before and side_files(path) == []


def test_check_finds_a_broken_reference(tmp_path: Path) -> None:
    path = progress_file(tmp_path / "progress.db", lessons=2)
    break_a_reference(path)
    report = check(path)
    assert report.problems == ["foreign keys: events row 3 refers to a missing learners row"]


def test_check_of_other_files(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not a database\n" * 300)
    assert check(notes).problems == ["not a SQLite database (the file is corrupt or of another kind)"]
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()
    assert check(other).problems == ["not a progress database (it holds the tables of another program)"]
    with pytest.raises(StoreError, match="there is no progress database at"):
        check(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_backup_copies_the_committed_state_while_another_connection_writes(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    with Store.open(path) as store:
        store.learner("ann", "c1").open_lesson("intro")
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO learners (name, created_at) VALUES ('uncommitted', 'x')")
        try:
            target = backup(path, tmp_path / "copy.db")
        finally:
            other.execute("ROLLBACK")
            other.close()
    assert target == tmp_path / "copy.db"
    conn = sqlite3.connect(target)
    assert [r[0] for r in conn.execute("SELECT name FROM learners")] == ["ann"]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert check(target).healthy


def test_backup_is_0600_under_umask_000_and_never_overwrites(tmp_path: Path) -> None:
    path = progress_file(tmp_path / "progress.db", lessons=1)
    old = os.umask(0)
    try:
        target = backup(path)
    finally:
        os.umask(old)
    assert target.parent == tmp_path and target.name.startswith("progress-backup-") and target.suffix == ".db"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    before = sha256(target)
    with pytest.raises(StoreError, match="already exists"):
        backup(path, target)
    assert sha256(target) == before


def test_backup_of_a_damaged_file_keeps_what_can_be_kept(tmp_path: Path) -> None:
    path = progress_file(tmp_path / "progress.db")
    corrupt_middle_page(path)
    before = sha256(path)
    target = backup(path, tmp_path / "copy.db")
    assert sha256(path) == before
    assert target.stat().st_size == path.stat().st_size


def test_backup_names_do_not_collide(tmp_path: Path) -> None:
    now = datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc)
    first = backup_path(tmp_path / "progress.db", now=now)
    assert first.name == "progress-backup-20250301T093000Z.db"
    first.touch()
    assert backup_path(tmp_path / "progress.db", now=now).name == "progress-backup-20250301T093000Z-2.db"
