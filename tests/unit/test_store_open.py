"""Opening the progress database: refusals change nothing, file and folder modes, fixtures of every
released schema upgrade, and reads that never wait behind a writer."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import progress_store.store
from progress_store import Store, StoreError
from progress_store.errors import DamagedDatabase
from progress_store.migrations import MIGRATION_NAMES
from tests.fixtures.databases.damage import break_a_reference, corrupt_middle_page, progress_file, sha256, side_files

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "databases"
FIXTURE_FILES = sorted(FIXTURES.glob("m*.db"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


# every refusal leaves the file byte-identical, with no -wal/-shm created


def _damaged_page(path: Path) -> None:
    progress_file(path)
    corrupt_middle_page(path)


def _damaged_page_wal(path: Path) -> None:
    progress_file(path, journal_mode="wal")
    corrupt_middle_page(path)


def _damaged_reference(path: Path) -> None:
    progress_file(path, lessons=3)
    break_a_reference(path)


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ada')")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    progress_file(path, lessons=3)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('plasticity-course', 'm999_future', 'x')"
    )
    conn.commit()
    conn.close()


def _not_a_database(path: Path) -> None:
    path.write_text("these are my notes, not a database\n" * 200)


REFUSALS: dict[str, tuple[Callable[[Path], None], type[StoreError], str]] = {
    "damaged page": (_damaged_page, DamagedDatabase, "is damaged (quick_check:"),
    "damaged page, WAL file": (_damaged_page_wal, DamagedDatabase, "is damaged (quick_check:"),
    "damaged reference": (_damaged_reference, DamagedDatabase, "is damaged (foreign_key_check: events row"),
    "foreign": (_foreign, StoreError, "holds the tables of another program"),
    "newer schema": (_newer, StoreError, "newer version of plasticity-course (unknown schema step m999_future)"),
    "not a database": (_not_a_database, StoreError, "is not a progress database (file is corrupt or of another kind)"),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refused_file_is_left_byte_identical(case: str, tmp_path: Path) -> None:
    make, error_type, text = REFUSALS[case]
    path = tmp_path / "progress.db"
    make(path)
    os.chmod(path, 0o644)
    before = sha256(path)
    assert side_files(path) == []
    with pytest.raises(error_type) as error:
        Store.open(path)
    assert text in str(error.value)
    assert "\n" not in str(error.value)
    assert sha256(path) == before
    assert side_files(path) == [], "no -wal/-shm/-journal created"
    assert mode(path) == 0o644, "a refused file is not chmod-ed either"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.db"], "no backup or other file beside it"


def test_damage_message_is_one_line_with_the_recovery_steps(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    _damaged_page(path)
    with pytest.raises(DamagedDatabase) as error:
        Store.open(path)
    message = str(error.value)
    assert "\n" not in message
    assert "course --db" in message and "db check" in message and "db backup" in message
    assert f"mv {path} {path}.damaged" in message and "--db NEW_FILE" in message


def test_newer_schema_in_rollback_journal_mode_is_not_switched_to_wal(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    _newer(path)
    with pytest.raises(StoreError):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


# file and folder modes


def test_an_existing_0644_database_is_tightened_to_0600(tmp_path: Path) -> None:
    path = progress_file(tmp_path / "progress.db", lessons=2, journal_mode="wal")
    os.chmod(path, 0o644)
    with Store.open(path) as store:
        assert mode(path) == 0o600
        store.learner("default", "plasticity").open_lesson("more")
        for suffix in ("-wal", "-shm"):
            assert mode(path.with_name(path.name + suffix)) == 0o600


def test_new_database_and_its_wal_and_shm_are_0600_under_umask_000(tmp_path: Path, umask_000: None) -> None:
    path = tmp_path / "progress.db"
    with Store.open(path) as store:
        store.learner("default", "c1").open_lesson("intro")
        assert {p.name: mode(p) for p in tmp_path.iterdir()} == {
            "progress.db": 0o600,
            "progress.db-wal": 0o600,
            "progress.db-shm": 0o600,
        }


def test_created_data_folders_are_0700_under_umask_000(tmp_path: Path, umask_000: None, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a" / "b" / "plasticity-course" / "progress.db"
    monkeypatch.setattr(progress_store.store, "default_db_path", lambda: path)
    monkeypatch.setattr(progress_store.store, "env_db_path", lambda: None)
    Store.open_default().close()
    for folder in (tmp_path / "a", tmp_path / "a" / "b", path.parent):
        assert mode(folder) == 0o700, folder
    assert mode(path) == 0o600


# fixture databases of every released schema version


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")]
    counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables if t != "_sqlite_migrations"}
    conn.close()
    return counts


def _applied(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    conn.close()
    return names


def test_there_is_a_fixture_for_every_released_schema_version() -> None:
    names = [p.stem for p in FIXTURE_FILES]
    assert names[:3] == ["m001", "m002", "m003"]
    for fixture in FIXTURE_FILES:
        applied = _applied(fixture)
        assert applied == MIGRATION_NAMES[: len(applied)], "fixtures hold a prefix of the current migrations"
        assert applied[-1].startswith(fixture.stem + "_")


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=[p.stem for p in FIXTURE_FILES])
def test_a_database_of_each_released_version_is_upgraded_with_its_data(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    shutil.copyfile(fixture, path)
    applied_before, counts_before = _applied(path), _counts(path)
    with Store.open(path) as store:
        assert store.schema_version() == MIGRATION_NAMES
        assert store.learners() == ["ana", "default"]
        learner = store.learner("default", "plasticity")
        assert learner.lesson_statuses() == {"neurons": "done", "synapses": "started"}
        assert [e["verb"] for e in learner.events()][:4] == ["opened", "completed", "answered", "submitted"]
    counts_after = _counts(path)
    for table, count in counts_before.items():
        assert counts_after[table] == count, table
    backups = sorted(tmp_path.glob("progress-before-*.db"))
    if applied_before == MIGRATION_NAMES:
        assert backups == [], "nothing to migrate, no backup"
    else:
        pending = MIGRATION_NAMES[len(applied_before)]
        assert len(backups) == 1 and backups[0].name.startswith(f"progress-before-{pending}-")
        assert mode(backups[0]) == 0o600
        assert _applied(backups[0]) == applied_before and _counts(backups[0]) == counts_before


def test_a_brand_new_database_is_not_backed_up(tmp_path: Path) -> None:
    Store.open(tmp_path / "progress.db").close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.db"]


# reads never wait behind a writer


def test_a_read_returns_at_once_while_a_writer_waits_in_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    with Store.open(path, busy_timeout_ms=5000) as store:
        ann = store.learner("ann", "c1")
        ann.open_lesson("intro")
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock for 3 s
        release = threading.Timer(3.0, lambda: other.execute("ROLLBACK"))
        release.start()
        errors: list[BaseException] = []

        def write() -> None:
            try:
                ann.complete_lesson("intro")
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        writer = threading.Thread(target=write)
        writer.start()
        time.sleep(0.3)
        assert writer.is_alive(), "the writer is waiting in busy_timeout"
        started = time.monotonic()
        statuses = ann.lesson_statuses()
        elapsed = time.monotonic() - started
        assert writer.is_alive()
        writer.join()
        release.join()
        other.close()
        assert elapsed < 0.5, f"the read waited {elapsed:.2f} s behind the writer"
        assert statuses == {"intro": "started"}
        assert errors == []
        assert ann.lesson_statuses() == {"intro": "done"}


def test_reads_inside_a_transaction_see_its_own_writes_and_others_do_not(tmp_path: Path) -> None:
    with Store.open(tmp_path / "progress.db") as store:
        ann = store.learner("ann", "c1")
        seen_elsewhere: list[dict[str, str]] = []
        with store.transaction():
            ann.open_lesson("intro")
            assert ann.lesson_statuses() == {"intro": "started"}
            reader = threading.Thread(target=lambda: seen_elsewhere.append(ann.lesson_statuses()))
            reader.start()
            reader.join(timeout=2)
            assert not reader.is_alive(), "another thread's read does not wait for the transaction"
        assert seen_elsewhere == [{}], "uncommitted writes are not visible to other threads"
        assert ann.lesson_statuses() == {"intro": "started"}


def test_closing_closes_both_connections(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "progress.db")
    ann = store.learner("ann", "c1")
    store.close()
    with pytest.raises(StoreError, match="is closed"):
        ann.lesson_statuses()
    with pytest.raises(StoreError, match="is closed"):
        ann.open_lesson("intro")
