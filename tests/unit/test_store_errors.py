"""Progress store: refusing bad files and folders, busy databases, rollback, threads, closing."""

from __future__ import annotations

import os
import re
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

import progress_store.connection
import progress_store.lessons
from progress_store import Store, StoreError
from tests.helpers.schema_history import EXPECTED_MIGRATIONS
from tests.helpers.unprivileged import read_only_folder, run_bound_by_permissions

REPO = Path(__file__).resolve().parents[2]

T0 = datetime(2025, 3, 1, 9, 30, 0, tzinfo=timezone.utc)


def fixed_clock() -> datetime:
    return T0


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "progress.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = Store.open(db_path, clock=fixed_clock, busy_timeout_ms=100)
    yield s
    s.close()


def assert_one_line(error: pytest.ExceptionInfo[StoreError]) -> None:
    assert "\n" not in str(error.value)
    assert str(error.value).strip() == str(error.value)


# bad files


def test_non_database_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreError) as error:
        Store.open(path)
    assert str(error.value) == f"{path} is not a progress database (file is corrupt or of another kind)"
    assert_one_line(error)
    assert path.read_text() == "these are my notes, not a database\n" * 50


def test_sqlite_database_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()
    with pytest.raises(StoreError, match="is not a progress database \\(it holds the tables of another program\\)"):
        Store.open(path)
    with sqlite3.connect(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert names == {"contacts"}


def test_database_from_a_newer_version_is_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('plasticity-course', 'm999_future', 'x')"
        )
    conn.close()
    with pytest.raises(StoreError, match="newer version of plasticity-course \\(unknown schema step m999_future\\)"):
        Store.open(db_path)


def test_existing_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with Store.open(path) as s:
        assert s.schema_version() == EXPECTED_MIGRATIONS


# bad folders


def test_missing_parent_folder_is_refused_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nope" / "progress.db"
    with pytest.raises(StoreError) as error:
        Store.open(path)
    assert str(error.value) == (f"cannot create the progress database at {path}: folder {tmp_path / 'nope'} does not exist")
    assert not (tmp_path / "nope").exists()


def test_folder_as_database_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="it is a folder"):
        Store.open(tmp_path)


def test_unwritable_folder_is_refused() -> None:
    """Checked as a user the folder's permissions bind (``nobody`` when the tests run as root)."""
    script = (
        "import sys\n"
        "from progress_store import Store, StoreError\n"
        "try:\n"
        "    Store.open(sys.argv[1])\n"
        "except StoreError as error:\n"
        "    print(error)\n"
    )
    with read_only_folder() as folder:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        result = run_bound_by_permissions([sys.executable, "-c", script, str(folder / "progress.db")], folder.parent, env)
        assert result.returncode == 0, result.stderr
        assert re.search(r"folder .* is not writable", result.stdout), result.stdout
        assert list(folder.iterdir()) == []


def test_unwritable_folder_is_refused_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same check without relying on file permissions (which root ignores)."""
    real_access = os.access
    monkeypatch.setattr(
        progress_store.connection.os,
        "access",
        lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode),
    )
    path = tmp_path / "progress.db"
    with pytest.raises(StoreError) as error:
        Store.open(path)
    assert str(error.value) == f"cannot create the progress database at {path}: folder {tmp_path} is not writable"
    assert not path.exists()


# busy database and rollback


def test_write_while_another_connection_holds_the_lock_fails_fast(store: Store, db_path: Path) -> None:
    ann = store.learner("ann", "c1")
    ann.open_lesson("intro")
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        with pytest.raises(StoreError) as error:
            ann.complete_lesson("intro")
        elapsed = time.monotonic() - started
        assert str(error.value) == (
            f"the progress database {db_path} is locked by another program (waited 100 ms); nothing was saved, try again"
        )
        assert 0.05 <= elapsed < 2.0
        assert ann.lesson_statuses() == {"intro": "started"}  # reads still work under WAL
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [e["verb"] for e in ann.events()] == ["opened"]
    ann.complete_lesson("intro")  # lock released: the same write now succeeds
    assert ann.lesson_statuses() == {"intro": "done"}


def test_failure_after_the_state_row_rolls_everything_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ann = store.learner("ann", "c1")

    def broken_append(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(progress_store.lessons, "append_event", broken_append)
    with pytest.raises(StoreError, match="is locked by another program"):
        ann.open_lesson("intro")
    monkeypatch.undo()
    assert ann.lesson_statuses() == {}
    assert ann.events() == []
    ann.open_lesson("intro")
    assert ann.lesson_statuses() == {"intro": "started"}


def test_non_sqlite_error_mid_transaction_also_rolls_back(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ann = store.learner("ann", "c1")

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(progress_store.lessons, "append_event", boom)
    with pytest.raises(RuntimeError, match="boom"):
        ann.complete_lesson("intro")
    monkeypatch.undo()
    assert ann.lesson_statuses() == {}


# threads and closing


def test_writes_from_many_threads_all_commit(store: Store) -> None:
    ann = store.learner("ann", "c1")
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(20):
                ann.open_lesson(f"l{n}-{i}")
                ann.lesson_statuses()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(ann.lesson_statuses()) == 120
    assert len(ann.events()) == 120


def test_closed_store_raises_store_error(db_path: Path) -> None:
    s = Store.open(db_path)
    ann = s.learner("ann", "c1")
    s.close()
    s.close()
    assert s.closed
    with pytest.raises(StoreError, match=f"the progress database {db_path} is closed"):
        ann.lesson_statuses()
    with pytest.raises(StoreError, match="is closed"):
        s.learners()


def test_negative_busy_timeout_is_rejected(db_path: Path) -> None:
    with pytest.raises(ValueError, match="busy_timeout_ms"):
        Store.open(db_path, busy_timeout_ms=-1)
    assert not db_path.exists()
