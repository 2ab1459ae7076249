"""``Store.open(..., create=False)``: a command that only reads opens an existing database and never
leaves a new one (nor the user data folder) behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from progress_store import Store, StoreError
from progress_store.connection import _connect


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
