"""Progress store: opening, schema, pragmas, lessons, positions, learners, default path."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import progress_store.paths
from progress_store import Position, Store, StoreError, default_db_path
from tests.helpers.clock import FakeClock
from tests.helpers.schema_history import EXPECTED_MIGRATIONS


def conn_of(store: Store) -> sqlite3.Connection:
    """The store's own connection (per-connection pragmas can only be read there)."""
    assert store._db is not None
    return store._db.conn


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


# opening and schema


def test_open_applies_initial_migration(store: Store, db_path: Path) -> None:
    assert store.schema_version() == EXPECTED_MIGRATIONS
    assert store.path == db_path
    assert {"learners", "lesson_progress", "positions", "attempts", "answers", "events"} <= tables(db_path)


def test_reopen_does_not_reapply_migrations_and_keeps_data(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as first:
        first.learner("ann", "c1").open_lesson("l1")
    with Store.open(db_path, clock=clock) as second:
        assert second.schema_version() == EXPECTED_MIGRATIONS
        assert second.learner("ann", "c1").lesson_statuses() == {"l1": "started"}
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT migration_set, name FROM _sqlite_migrations").fetchall()
    assert rows == [("plasticity-course", name) for name in EXPECTED_MIGRATIONS]


def test_connection_pragmas(store: Store) -> None:
    conn = conn_of(store)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_busy_timeout_is_configurable(db_path: Path) -> None:
    with Store.open(db_path, busy_timeout_ms=250) as s:
        assert conn_of(s).execute("PRAGMA busy_timeout").fetchone()[0] == 250


def test_database_files_are_private(store: Store, db_path: Path) -> None:
    store.learner("ann", "c1").open_lesson("l1")  # a write, so the -wal file exists
    files = [db_path, db_path.with_name("progress.db-wal"), db_path.with_name("progress.db-shm")]
    modes = {p.name: stat.S_IMODE(os.stat(p).st_mode) for p in files if p.exists()}
    assert modes["progress.db"] == 0o600
    assert modes["progress.db-wal"] == 0o600
    assert set(modes.values()) == {0o600}


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        conn_of(store).execute(
            "INSERT INTO events (learner_id, course_id, verb, object_type, object_id, at)"
            " VALUES (999, 'c', 'opened', 'lesson', 'l', 'now')"
        )


def test_events_are_append_only(store: Store) -> None:
    store.learner("ann", "c1").open_lesson("l1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn_of(store).execute("UPDATE events SET verb = 'completed'")


def test_naive_clock_is_rejected(db_path: Path) -> None:
    with Store.open(db_path, clock=lambda: datetime(2025, 1, 1)) as s, pytest.raises(ValueError, match="aware"):
        s.learner("ann", "c1")


def test_clock_in_another_zone_is_stored_as_utc(db_path: Path) -> None:
    plus2 = timezone(timedelta(hours=2))
    with Store.open(db_path, clock=lambda: datetime(2025, 1, 1, 12, 0, tzinfo=plus2)) as s:
        lp = s.learner("ann", "c1")
        lp.save_position("map")
        assert lp.position() == Position("map", None, "2025-01-01T10:00:00+00:00")


# lessons


def test_open_then_complete_lesson(store: Store, clock: FakeClock) -> None:
    lp = store.learner("ann", "c1")
    assert lp.lesson_statuses() == {}
    lp.open_lesson("intro")
    assert lp.lesson_statuses() == {"intro": "started"}
    clock.advance(60)
    lp.complete_lesson("intro")
    assert lp.lesson_statuses() == {"intro": "done"}
    events = lp.events()
    assert [(e["verb"], e["object_type"], e["object_id"], e["at"]) for e in events] == [
        ("opened", "lesson", "intro", "2025-03-01T09:30:00+00:00"),
        ("completed", "lesson", "intro", "2025-03-01T09:31:00+00:00"),
    ]
    assert events[0]["learner"] == "ann"
    assert events[0]["course_id"] == "c1"
    assert events[0]["result"] is None
    assert events[1]["id"] > events[0]["id"]
    row = conn_of(store).execute("SELECT first_opened_at, completed_at FROM lesson_progress").fetchone()
    assert row == ("2025-03-01T09:30:00+00:00", "2025-03-01T09:31:00+00:00")


def test_complete_lesson_is_idempotent(store: Store, clock: FakeClock) -> None:
    lp = store.learner("ann", "c1")
    lp.complete_lesson("intro")
    clock.advance(5)
    lp.complete_lesson("intro")
    assert [e["verb"] for e in lp.events()] == ["completed"]
    completed_at = conn_of(store).execute("SELECT completed_at FROM lesson_progress").fetchone()[0]
    assert completed_at == "2025-03-01T09:30:00+00:00"


def test_reopening_a_done_lesson_keeps_it_done_and_logs_opened(store: Store) -> None:
    lp = store.learner("ann", "c1")
    lp.open_lesson("intro")
    lp.complete_lesson("intro")
    lp.open_lesson("intro")
    assert lp.lesson_statuses() == {"intro": "done"}
    assert [e["verb"] for e in lp.events()] == ["opened", "completed", "opened"]


def test_scroll_is_saved_without_an_event(store: Store) -> None:
    lp = store.learner("ann", "c1")
    assert lp.scroll("intro") == 0.0
    lp.open_lesson("intro")
    lp.save_scroll("intro", 12.5)
    lp.save_scroll("intro", 40.0)
    assert lp.scroll("intro") == 40.0
    assert lp.lesson_statuses() == {"intro": "started"}
    assert [e["verb"] for e in lp.events()] == ["opened"]


def test_scroll_before_open_does_not_mark_the_lesson(store: Store) -> None:
    lp = store.learner("ann", "c1")
    lp.save_scroll("later", 3.0)
    assert lp.scroll("later") == 3.0
    assert lp.lesson_statuses() == {}
    lp.open_lesson("later")
    assert lp.lesson_statuses() == {"later": "started"}
    assert lp.scroll("later") == 3.0


# positions


def test_position_upserts_and_survives_reopen(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as s:
        lp = s.learner("ann", "c1")
        assert lp.position() is None
        lp.save_position("lesson", "intro")
        clock.advance(30)
        lp.save_position("quiz", "q1")
        assert lp.events() == []
    with Store.open(db_path, clock=clock) as s:
        lp = s.learner("ann", "c1")
        assert lp.position() == Position("quiz", "q1", "2025-03-01T09:30:30+00:00")
        lp.save_position("map")
        assert lp.position() == Position("map", None, "2025-03-01T09:30:30+00:00")
        assert conn_of(s).execute("SELECT count(*) FROM positions").fetchone()[0] == 1


def test_unknown_screen_is_rejected(store: Store) -> None:
    lp = store.learner("ann", "c1")
    with pytest.raises(ValueError, match="unknown screen 'settings'"):
        lp.save_position("settings")
    assert lp.position() is None


# learners


def test_learners_are_listed_and_created_once(store: Store) -> None:
    assert store.learners() == []
    store.learner("zoe", "c1")
    store.learner("ann", "c1")
    store.learner("ann", "c2")
    assert store.learners() == ["ann", "zoe"]
    assert conn_of(store).execute("SELECT count(*) FROM learners").fetchone()[0] == 2


def test_learners_and_courses_are_isolated(store: Store) -> None:
    ann, bob = store.learner("ann", "c1"), store.learner("bob", "c1")
    ann_other_course = store.learner("ann", "c2")
    ann.open_lesson("intro")
    ann.save_position("lesson", "intro")
    ann.save_scroll("intro", 9.0)
    attempt = ann.start_attempt("q1", 1, ["a"])
    assert bob.lesson_statuses() == {}
    assert bob.position() is None
    assert bob.scroll("intro") == 0.0
    assert bob.events() == []
    assert bob.attempts() == []
    assert bob.attempt(attempt.id) is None
    assert bob.answers(attempt.id) == {}
    assert ann_other_course.lesson_statuses() == {}
    assert ann_other_course.position() is None
    assert ann_other_course.attempts() == []
    assert [e["verb"] for e in ann.events()] == ["opened", "attempted"]


def test_empty_learner_name_is_rejected(store: Store) -> None:
    with pytest.raises(StoreError, match="learner name must not be empty"):
        store.learner("  ", "c1")
    assert store.learners() == []


# default path


def test_default_db_path_honours_course_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COURSE_DB", str(tmp_path / "mine.db"))
    assert default_db_path() == tmp_path / "mine.db"


def test_default_db_path_without_env_is_in_user_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("COURSE_DB", raising=False)
    monkeypatch.setattr(progress_store.paths.platformdirs, "user_data_path", lambda app: tmp_path / "data" / app)
    assert default_db_path() == tmp_path / "data" / "plasticity-course" / "progress.db"


def test_open_default_creates_the_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("COURSE_DB", raising=False)
    monkeypatch.setattr(progress_store.paths.platformdirs, "user_data_path", lambda app: tmp_path / "a" / "b" / app)
    with Store.open_default() as s:
        assert s.path == tmp_path / "a" / "b" / "plasticity-course" / "progress.db"
        assert s.path.is_file()
        assert s.schema_version() == EXPECTED_MIGRATIONS


def test_open_default_with_course_db_uses_it_but_creates_no_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COURSE_DB", str(tmp_path / "env.db"))
    with Store.open_default() as s:
        assert s.path == tmp_path / "env.db"
    monkeypatch.setenv("COURSE_DB", str(tmp_path / "missing" / "env.db"))
    with pytest.raises(StoreError, match="does not exist"):
        Store.open_default()
    assert not (tmp_path / "missing").exists()
