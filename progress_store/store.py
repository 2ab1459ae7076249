"""The progress database: opening, migrating, learners, and guarded access for ``LearnerProgress``."""

from __future__ import annotations

import contextlib
import sqlite3
import stat
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from progress_store import migrations
from progress_store.clock import Clock, iso_timestamp, parse_utc, utc_now
from progress_store.connection import DEFAULT_BUSY_TIMEOUT_MS, Connection, open_connection, open_reader
from progress_store.errors import StoreError, translate
from progress_store.learner import LearnerProgress
from progress_store.paths import default_db_path, env_db_path, make_private_dirs
from progress_store.records import Scope
from progress_store.sql import fetch_all, fetch_one
from progress_store.transactions import reading, write_transaction

SQLITE_HEADER = b"SQLite format 3\x00"


def older_version(path: Path) -> str:
    """The one line that refuses to read a database of an older schema without upgrading it."""
    return (
        f"{path} is from an older version of plasticity-course and a command that only reads does not "
        "upgrade it; start `course` (the app) once to upgrade it, then try again"
    )


def _refuse_to_change(path: Path, busy_timeout_ms: int, upgrade: bool) -> None:
    """For a command that must not create a database, before any connection that may write: refuse an
    empty file (SQLite would make it a database) and, unless ``upgrade``, a rollback-journal database of
    an older schema (switching it to WAL writes to it), looked at through a read-only connection.
    Anything else is left to ``open_connection``."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # never opened here: a FIFO would block
            return
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError:
        return
    if not head:
        raise StoreError(f"{path} is empty, not a progress database (nothing has been recorded there); it is left as it is")
    if upgrade or not head.startswith(SQLITE_HEADER) or len(head) < 20 or head[18] != 1:  # 18: 1 journal, 2 WAL
        return
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=busy_timeout_ms / 1000)
    except sqlite3.Error:
        return
    try:
        db = Connection(conn)
        migrations.check_compatible(db, path)
        if migrations.needs_migrating(db):
            raise StoreError(older_version(path))
    except sqlite3.Error:
        return  # not readable as a database: open_connection says why
    finally:
        conn.close()


class Store:
    """An open progress database. Create it with ``Store.open`` or ``Store.open_default``.

    Two connections, shared by all threads. Writes go through the write connection under a
    re-entrant lock; reads go through a read-only connection under a lock of their own, so under
    WAL a read never waits for a writer (not even one sitting in the busy timeout). The thread
    inside a write or a ``transaction()`` block reads through the write connection, to see its own
    uncommitted writes.
    """

    def __init__(self, db: Connection, path: Path, clock: Clock, busy_timeout_ms: int) -> None:
        self._db: Connection | None = db
        self._reader: Connection | None = None  # opened once the schema is current (``open``)
        self.path = path
        self._clock = clock
        self._busy_timeout_ms = busy_timeout_ms
        self._lock = threading.RLock()
        self._read_lock = threading.RLock()
        self._transaction_now: str | None = None  # set while a ``transaction()`` block is open
        self._writer: int | None = None  # the thread inside a write transaction, if any

    @classmethod
    def open(
        cls,
        path: Path | str,
        clock: Clock | None = None,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        *,
        create: bool = True,
        upgrade: bool | None = None,
    ) -> Store:
        """Open (or create) the database at ``path`` and bring its schema up to date.

        The folder must exist and be writable; with ``create=False`` so must the file (a command that
        only reads never leaves a new database behind), and it must be a database of this version's
        schema: an empty file (it would become a database) and a database of an older version (it would
        be upgraded) are refused, not changed. ``upgrade`` (default: as ``create``) says whether an
        older schema may be upgraded: ``create=False, upgrade=True`` for a command that writes to an
        existing database only (``course push``). Raises ``StoreError`` with a one-line reason
        (``DamagedDatabase`` for a damaged file); every check that can refuse the file runs before
        anything in it is changed, so a refused file is left byte for byte as it was.
        """
        if isinstance(busy_timeout_ms, bool) or not isinstance(busy_timeout_ms, int) or busy_timeout_ms < 0:
            raise ValueError(f"busy_timeout_ms must be a non-negative int, got {busy_timeout_ms!r}")
        db_path = Path(path).expanduser().absolute()
        upgrade = create if upgrade is None else upgrade
        if not create:
            _refuse_to_change(db_path, busy_timeout_ms, upgrade)
        db = open_connection(db_path, busy_timeout_ms, create=create)
        store = cls(db, db_path, clock or utc_now, busy_timeout_ms)
        try:
            if not upgrade:
                with store._lock, reading(db.conn, store._translate):
                    if migrations.needs_migrating(db):  # a WAL file: opening it has not changed it
                        raise StoreError(older_version(db_path))
            store._migrate()
            store._reader = open_reader(db_path, busy_timeout_ms)
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def open_default(
        cls,
        clock: Clock | None = None,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        *,
        create: bool = True,
        upgrade: bool | None = None,
    ) -> Store:
        """Open ``default_db_path()``, creating the user data folder if needed (not a ``COURSE_DB`` folder);
        with ``create=False`` nothing is created: the file must exist."""
        path = default_db_path()
        if create and env_db_path() is None:
            try:
                make_private_dirs(path.parent)
            except OSError as err:
                raise StoreError(f"cannot create the data folder {path.parent}: {err.strerror}") from err
        return cls.open(path, clock=clock, busy_timeout_ms=busy_timeout_ms, create=create, upgrade=upgrade)

    def close(self) -> None:
        """Close the connection; later calls raise ``StoreError``. Closing twice is harmless."""
        with self._lock, self._read_lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
            if self._db is not None:
                self._db.close()
                self._db = None

    @property
    def closed(self) -> bool:
        """Whether ``close`` has been called."""
        return self._db is None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store(path={str(self.path)!r}{', closed' if self.closed else ''})"

    def learner(self, name: str, course_id: str) -> LearnerProgress:
        """The progress of ``name`` in ``course_id``, creating the learner if new."""
        if not name or not name.strip():
            raise StoreError("the learner name must not be empty")
        if not course_id:
            raise StoreError("the course id must not be empty")
        with self._reading() as conn:
            row = fetch_one(conn, "SELECT id FROM learners WHERE name = ?", [name])
        if row is None:
            with self._writing() as (conn, now):
                conn.execute(
                    "INSERT INTO learners (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    [name, now],
                )
                row = fetch_one(conn, "SELECT id FROM learners WHERE name = ?", [name])
        assert row is not None
        return LearnerProgress(self, Scope(learner_id=int(row["id"]), learner=name, course_id=course_id))

    def learners(self) -> list[str]:
        """Every learner's name, alphabetically."""
        with self._reading() as conn:
            return [row["name"] for row in fetch_all(conn, "SELECT name FROM learners ORDER BY name")]

    def now(self) -> datetime:
        """The store clock's current time (aware, UTC): use it for scheduling and due queries too."""
        return parse_utc(iso_timestamp(self._clock))

    def schema_version(self) -> list[str]:
        """Names of the applied migrations, in order."""
        with self._reading() as conn:
            return migrations.applied_names(Connection(conn))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Make every write inside the block one transaction: all of it is committed, or none of it.

        One learner action (an answer, its review card, its review log row and their events) is
        written this way. Nested blocks join the outer one; other threads wait until it ends.
        """
        with self._lock:
            if self._transaction_now is not None:
                yield
                return
            conn = self._require_db().conn
            now = iso_timestamp(self._clock)
            with write_transaction(conn, self._translate):
                self._transaction_now, self._writer = now, threading.get_ident()
                try:
                    yield
                finally:
                    self._transaction_now, self._writer = None, None

    # internal: guarded access used by LearnerProgress

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """Read-only statements on the read connection (the write one on the writing thread).

        SQLite errors become ``StoreError``.
        """
        if self._writer == threading.get_ident():  # inside this thread's write: see its own writes
            with self._lock, reading(self._require_db().conn, self._translate) as conn:
                yield conn
            return
        with self._read_lock, reading(self._require_reader().conn, self._translate) as conn:
            yield conn

    @contextlib.contextmanager
    def _writing(self) -> Iterator[tuple[sqlite3.Connection, str]]:
        """Hold the lock and one write transaction; yields the connection and the current timestamp."""
        with self._lock:
            conn = self._require_db().conn
            if self._transaction_now is not None:  # inside ``transaction()``: join it
                yield conn, self._transaction_now
                return
            now = iso_timestamp(self._clock)
            with write_transaction(conn, self._translate):
                self._writer = threading.get_ident()
                try:
                    yield conn, now
                finally:
                    self._writer = None

    def _migrate(self) -> None:
        """Apply pending migrations in one write transaction, after backing up an existing database.

        ``open_connection`` has already refused foreign, newer and damaged files. A file that already
        holds progress (some schema step applied) is copied first with ``maintenance.backup``
        (``<stem>-before-<step>-<time>.db`` beside it); a brand-new file is not.
        """
        db = self._require_db()
        with self._lock, reading(db.conn, self._translate):
            migrations.check_compatible(db, self.path)
            if not migrations.needs_migrating(db):
                return
            applied = migrations.applied_names(db)
            pending = [name for name in migrations.MIGRATION_NAMES if name not in applied]
            if applied:
                from progress_store import maintenance  # imported only to back up before migrating

                label = f"before-{pending[0]}" if pending else "before-migrating"
                maintenance.backup_connection(db.conn, self.path, maintenance.backup_path(self.path, label))
        with self._lock, write_transaction(db.conn, self._translate):
            migrations.check_compatible(db, self.path)  # another process may have migrated meanwhile
            migrations.apply_pending(db)

    def _require_db(self) -> Connection:
        """The open database, or ``StoreError`` once closed."""
        if self._db is None:
            raise StoreError(f"the progress database {self.path} is closed")
        return self._db

    def _require_reader(self) -> Connection:
        """The open read connection, or ``StoreError`` once closed."""
        if self._reader is None:
            raise StoreError(f"the progress database {self.path} is closed")
        return self._reader

    def _translate(self, error: sqlite3.Error) -> StoreError:
        """A one-line ``StoreError`` for a SQLite error on this database."""
        return translate(error, self.path, self._busy_timeout_ms)
