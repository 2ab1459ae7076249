"""``course db check`` / ``course db backup``, a damaged file refused by the app, and private exports."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.fixtures.databases.damage import corrupt_middle_page, progress_file, sha256, side_files
from tests.helpers.cli import run_course


def test_db_check_of_a_healthy_database_exits_0(tmp_path: Path) -> None:
    db = progress_file(tmp_path / "progress.db", lessons=3)
    result = run_course("--db", str(db), "db", "check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"database      {db}"
    assert "integrity     ok" in lines and "foreign keys  ok" in lines
    assert any(line.startswith("schema        m001_initial") and line.endswith("(current)") for line in lines)
    assert any(line.split() == ["lesson_progress", "3"] for line in lines)
    assert lines[-1] == "healthy"


def test_db_check_of_a_damaged_database_exits_1_and_changes_nothing(tmp_path: Path) -> None:
    db = progress_file(tmp_path / "progress.db")
    corrupt_middle_page(db)
    before = sha256(db)
    result = run_course("db", "check", cwd=tmp_path, env={"COURSE_DB": str(db)})
    assert result.returncode == 1
    assert "problem: integrity: " in result.stdout
    assert "course db backup" in result.stderr and "Traceback" not in result.stderr
    assert sha256(db) == before and side_files(db) == []


def test_db_check_of_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = run_course("--db", str(tmp_path / "missing.db"), "db", "check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"course: error: there is no progress database at {tmp_path / 'missing.db'}\n"
    assert not (tmp_path / "missing.db").exists()


def test_db_without_a_sub_command_is_a_usage_error(tmp_path: Path) -> None:
    assert run_course("db", cwd=tmp_path).returncode == 2


def test_db_backup_writes_a_private_copy_beside_the_database(tmp_path: Path) -> None:
    db = progress_file(tmp_path / "progress.db", lessons=2)
    result = run_course("db", "backup", cwd=tmp_path, env={"COURSE_DB": str(db)}, umask=0)
    assert result.returncode == 0, result.stderr
    [copy] = tmp_path.glob("progress-backup-*.db")
    assert result.stdout == f"backed up {db} to {copy}\n"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert run_course("--db", str(copy), "db", "check", cwd=tmp_path).returncode == 0


def test_db_backup_to_a_named_file_refuses_an_existing_one(tmp_path: Path) -> None:
    db = progress_file(tmp_path / "progress.db", lessons=1)
    target = tmp_path / "mine.db"
    assert run_course("--db", str(db), "db", "backup", str(target), cwd=tmp_path).returncode == 0
    again = run_course("--db", str(db), "db", "backup", str(target), cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_the_app_refuses_a_damaged_database_with_one_line_and_exit_2(tmp_path: Path) -> None:
    db = progress_file(tmp_path / "progress.db")
    corrupt_middle_page(db)
    before = sha256(db)
    result = run_course("--db", str(db), "--plain", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"course: error: the progress database {db} is damaged")
    assert "db check" in result.stderr and "db backup" in result.stderr and "--db NEW_FILE" in result.stderr
    assert sha256(db) == before and side_files(db) == []


def test_export_to_a_file_is_0600_under_umask_000(tmp_path: Path) -> None:
    db = tmp_path / "progress.db"
    assert run_course("--db", str(db), "--plain", cwd=tmp_path).returncode == 0
    out = tmp_path / "export.json"
    result = run_course("--db", str(db), "export", "-o", str(out), cwd=tmp_path, umask=0)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    out.chmod(0o644)
    assert run_course("--db", str(db), "export", "-o", str(out), cwd=tmp_path).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600, "an existing export file is tightened too"
