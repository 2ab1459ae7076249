"""Store fixtures shared by the unit tests: a fixed clock, a store on a temp file, a learner."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from progress_store import LearnerProgress, Store
from progress_store.connection import open_database
from progress_store.migrations import migrations
from tests.helpers.clock import FakeClock

FIXTURE_DATABASES = Path(__file__).resolve().parents[1] / "fixtures" / "databases"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    s = Store.open(db_path, clock=clock)
    yield s
    s.close()


@pytest.fixture
def ann(store: Store) -> LearnerProgress:
    return store.learner("ann", "c1")


@pytest.fixture
def released_db(tmp_path: Path) -> Callable[[str], Path]:
    """``released_db("m001")``: a copy of that released database fixture, as ``tmp_path / "progress.db"``."""

    def copy(name: str) -> Path:
        path = tmp_path / "progress.db"
        shutil.copyfile(FIXTURE_DATABASES / f"{name}.db", path)
        return path

    return copy


@pytest.fixture
def old_db(tmp_path: Path) -> Callable[[str], contextlib.AbstractContextManager[sqlite3.Connection]]:
    """``with old_db("m008_x") as conn:``: ``tmp_path / "progress.db"`` migrated up to (not including) that
    step, holding learner 'ann' (id 1); the rows written on ``conn`` are committed and it is closed on exit."""

    @contextlib.contextmanager
    def build(stop_before: str) -> Iterator[sqlite3.Connection]:
        db = open_database(tmp_path / "progress.db")
        try:
            migrations.apply(db, stop_before=stop_before)
            db.conn.execute("INSERT INTO learners (name, created_at) VALUES ('ann', '2025-01-01T00:00:00+00:00')")
            yield db.conn
            db.conn.commit()
        finally:
            db.close()

    return build
