"""``Store.open(..., create=False)``: a command that only reads opens an existing database and never
leaves a new one (nor the user data folder) behind."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from progress_store import Store, StoreError
from progress_store.connection import _connect
from tests.helpers.schema_history import EXPECTED_MIGRATIONS


def test_a_missing_file_is_refused_and_not_created(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    with pytest.raises(StoreError, match=f"there is no progress database at {db}"):
        Store.open(db, create=False)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_opens_with_its_records(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    with Store.open(db) as store:
        store.learner("ana", "mini").complete_lesson("neurons")
    with Store.open(db, create=False) as store:
        assert store.learners() == ["ana"]
        assert store.learner("ana", "mini").lesson_statuses() == {"neurons": "done"}


def test_the_default_place_creates_no_data_folder(tmp_path: Path) -> None:
    data = Path(os.environ["XDG_DATA_HOME"])
    with pytest.raises(StoreError, match="there is no progress database at"):
        Store.open_default(create=False)
    assert not data.exists()
    Store.open_default().close()  # creating stays the default
    assert (data / "plasticity-course" / "progress.db").is_file()


def test_sqlite_itself_never_creates_the_file(tmp_path: Path) -> None:
    """The existence check and the connection are not atomic: the connection (SQLite's ``mode=rw``)
    refuses a file that went away in between instead of making a new one."""
    db = tmp_path / "gone.db"
    with pytest.raises(StoreError, match="unable to open"):
        _connect(db, 1000, must_exist=True).execute("SELECT 1")
    assert not db.exists()


def test_a_path_with_uri_characters_opens(tmp_path: Path) -> None:
    db = tmp_path / "odd ?name#%20.db"
    Store.open(db).close()
    with Store.open(db, create=False) as store:
        assert store.path == db


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "databases"


def old_copy(tmp_path: Path, wal: bool) -> Path:
    """A copy of the released m002 database, switched to WAL when ``wal``."""
    db = tmp_path / "p.db"
    shutil.copy(FIXTURES / "m002.db", db)
    if wal:
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.close()
    return db


def test_an_empty_file_is_refused_and_left_empty(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    db.write_bytes(b"")
    with pytest.raises(StoreError, match="is empty, not a progress database"):
        Store.open(db, create=False)
    assert db.read_bytes() == b""
    assert list(tmp_path.iterdir()) == [db]


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_an_older_schema_is_refused_unchanged_and_opens_for_upgrading(tmp_path: Path, wal: bool) -> None:
    db = old_copy(tmp_path, wal)
    before = db.read_bytes()
    with pytest.raises(StoreError, match=r"is from an older version .* start `course` \(the app\) once to upgrade it"):
        Store.open(db, create=False)
    assert db.read_bytes() == before
    assert list(tmp_path.iterdir()) == [db]
    with Store.open(db) as store:  # the app upgrades it (after a backup)
        assert store.schema_version() == EXPECTED_MIGRATIONS
    with Store.open(db, create=False) as store:
        assert "ana" in store.learners()


def test_a_newer_schema_is_still_called_newer(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    shutil.copy(FIXTURES / "m001.db", db)
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('plasticity-course', 'm999_future', 'x')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="written by a newer version"):
        Store.open(db, create=False)


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_a_command_that_writes_upgrades_an_older_schema_but_never_creates(tmp_path: Path, wal: bool) -> None:
    """``course push`` (create=False, upgrade=True): an old file is brought up to date; a missing or empty one is refused."""
    db = old_copy(tmp_path, wal)
    with Store.open(db, create=False, upgrade=True) as store:
        assert store.schema_version() == EXPECTED_MIGRATIONS and "ana" in store.learners()
    with pytest.raises(StoreError):
        Store.open(tmp_path / "missing.db", create=False, upgrade=True)
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(StoreError, match="is empty"):
        Store.open(tmp_path / "empty.db", create=False, upgrade=True)
    assert (tmp_path / "empty.db").read_bytes() == b"" and not (tmp_path / "missing.db").exists()
