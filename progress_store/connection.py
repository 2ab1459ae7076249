"""Open the SQLite file safely: check the folder and the file, then make it private and set the pragmas.

Nothing is changed before every check that can refuse the file has passed: an existing file is only
read (``inspection.refuse_unusable``) until then; only afterwards is it switched to WAL, tightened to
0600 and handed over for migrating.

The store works on a plain ``sqlite3`` connection (``Connection``); sqlite-utils (about 40 ms to
import) is only loaded to migrate, or by ``open_database`` for the callers that want its ``Database``.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from progress_store.errors import StoreError, translate
from progress_store.inspection import refuse_unusable

if TYPE_CHECKING:
    from sqlite_utils import Database

DEFAULT_BUSY_TIMEOUT_MS = 5000
FILE_MODE = 0o600
SIDE_FILES = ("-wal", "-shm", "-journal")  # SQLite's companions of a database file


class Connection:
    """An open progress file: its sqlite3 connection (``conn``), set up as sqlite-utils' ``Database`` sets one up."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.execute("PRAGMA recursive_triggers = ON")  # what ``Database(conn)`` does, so nothing depends on which

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


def open_database(path: Path, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS, create: bool = True) -> Database:
    """``open_connection``, as a sqlite-utils ``Database`` (for scripts and tests that want its helpers)."""
    from sqlite_utils import Database

    return Database(open_connection(path, busy_timeout_ms, create).conn, execute_plugins=False)


def open_connection(path: Path, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS, create: bool = True) -> Connection:
    """Connect to the progress file at ``path`` (created 0600 if missing, unless ``create`` is false) in WAL mode.

    Raises ``StoreError`` if the folder is missing or read-only, the file is missing and may not be
    created, or it is not a database this version may write (``DamagedDatabase`` when it is damaged);
    a refused file is left unchanged.
    """
    if not create and not path.exists():
        raise StoreError(f"there is no progress database at {path} (nothing has been recorded there yet)")
    check_location(path)
    created = _create_private_file(path) if create else False
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path, busy_timeout_ms, must_exist=not create)
        db = Connection(conn)
        if not created:
            refuse_unusable(db, path, busy_timeout_ms)
        make_private(path)
        _set_pragmas(conn, path, busy_timeout_ms)
    except BaseException:
        if conn is not None:
            conn.close()
        if created:
            _remove_quietly(path)
        raise
    return db


def open_reader(path: Path, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Connection:
    """A second, read-only connection to an already opened (WAL) progress file: reads never wait for writes."""
    conn = _connect(path, busy_timeout_ms)
    try:
        conn.execute("PRAGMA query_only = ON")
        return Connection(conn)
    except sqlite3.Error as err:
        conn.close()
        raise translate(err, path, busy_timeout_ms) from err


def check_location(path: Path) -> None:
    """Raise ``StoreError`` unless ``path`` can hold (or already holds) a writable database."""
    verb = "open" if path.exists() else "create"
    where = f"cannot {verb} the progress database at {path}"
    if path.is_dir():
        raise StoreError(f"{where}: it is a folder")
    parent = path.parent
    if not parent.exists():
        raise StoreError(f"{where}: folder {parent} does not exist")
    if not parent.is_dir():
        raise StoreError(f"{where}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(f"{where}: folder {parent} is not writable")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"{where}: the file is not readable and writable by you")


def make_private(path: Path) -> None:
    """Tighten the database and its existing -wal/-shm/-journal files to 0600 (owner only)."""
    for file in (path, *(path.with_name(path.name + suffix) for suffix in SIDE_FILES)):
        try:
            if file.stat().st_mode & 0o777 != FILE_MODE:
                os.chmod(file, FILE_MODE)
        except FileNotFoundError:
            continue
        except OSError as err:
            raise StoreError(f"cannot make {file} private (mode 0600): {err.strerror}") from err


def _create_private_file(path: Path) -> bool:
    """Create an empty file readable by its owner only; False if it already existed."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    except OSError as err:
        raise StoreError(f"cannot create the progress database at {path}: {err.strerror}") from err
    os.close(fd)
    os.chmod(path, FILE_MODE)  # in case the umask was odd; SQLite gives -wal/-shm the same mode
    return True


def _connect(path: Path, busy_timeout_ms: int, must_exist: bool = False) -> sqlite3.Connection:
    """A connection with explicit transactions and a busy timeout; it has not touched the file yet.
    With ``must_exist`` SQLite opens the file read-write but never creates it (``mode=rw``)."""
    target = f"file:{quote(str(path.absolute()))}?mode=rw" if must_exist else str(path)
    try:
        conn = sqlite3.connect(
            target,
            uri=must_exist,
            timeout=busy_timeout_ms / 1000,
            check_same_thread=False,  # a lock in Store serialises use across threads
            isolation_level=None,  # no implicit BEGIN: every transaction is explicit
        )
    except sqlite3.Error as err:
        raise translate(err, path, busy_timeout_ms) from err
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    except sqlite3.Error as err:
        conn.close()
        raise translate(err, path, busy_timeout_ms) from err
    return conn


def _set_pragmas(conn: sqlite3.Connection, path: Path, busy_timeout_ms: int) -> None:
    """WAL, synchronous=FULL and foreign keys: the first statements that may change the file."""
    try:
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as err:
        raise translate(err, path, busy_timeout_ms) from err


def _remove_quietly(path: Path) -> None:
    """Delete a file this module created, ignoring errors (used when opening fails)."""
    with contextlib.suppress(OSError):
        path.unlink()
