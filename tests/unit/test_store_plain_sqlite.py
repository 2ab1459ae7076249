"""The store reads its schema steps with plain sqlite3 exactly as sqlite-utils reads them, and sets up
its connections as sqlite-utils' ``Database`` does (issue #16: sqlite-utils only to migrate)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database

from progress_store import Store
from progress_store import migrations as schema
from progress_store.connection import Connection, open_connection
from progress_store.migrations import MIGRATION_NAMES, migrations


@pytest.mark.parametrize("stop_before", [MIGRATION_NAMES[0], "m004_attempt_versions", MIGRATION_NAMES[-1], None])
def test_applied_steps_read_as_sqlite_utils_reads_them(tmp_path: Path, stop_before: str | None) -> None:
    db = Database(tmp_path / "p.db")
    migrations.apply(db, stop_before=stop_before)
    names = [step.name for step in migrations.applied(db)]
    assert schema.applied_names(db) == schema.applied_names(Connection(db.conn)) == names
    assert schema.needs_migrating(db) == bool(migrations.pending(db)) == (stop_before is not None)
    db.close()


def test_released_databases_read_the_same(released_db: Callable[[str], Path]) -> None:
    for name in ("m001", "m002", "m003"):
        db = Database(released_db(name))
        assert schema.applied_names(db) == [step.name for step in migrations.applied(db)]
        assert schema.needs_migrating(db) and migrations.pending(db)
        db.close()


def test_another_migration_set_is_not_ours(tmp_path: Path) -> None:
    db = Database(tmp_path / "p.db")
    db["_sqlite_migrations"].insert({"migration_set": "other", "name": "m001_initial", "applied_at": "x"})
    assert schema.applied_names(db) == []
    db.close()


def test_connections_are_set_up_as_sqlite_utils_sets_them_up(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.db") as store:
        for handle in (store._require_db(), store._require_reader()):
            assert handle.conn.execute("PRAGMA recursive_triggers").fetchone() == (1,)
        assert store.schema_version() == MIGRATION_NAMES
    opened = open_connection(tmp_path / "p.db")
    assert opened.conn.execute("PRAGMA recursive_triggers").fetchone() == (1,)
    opened.close()


def test_migrating_an_old_database_through_the_plain_connection(released_db: Callable[[str], Path]) -> None:
    with Store.open(released_db("m001")) as store:
        assert store.schema_version() == MIGRATION_NAMES
