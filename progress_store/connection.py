"""Open the SQLite file safely: check the folder, create it private, set the pragmas."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from progress_store.errors import StoreError, translate

DEFAULT_BUSY_TIMEOUT_MS = 5000
FILE_MODE = 0o600


def open_database(path: Path, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Database:
    """Connect to the progress file at ``path`` (created 0600 if missing) in WAL mode.

    Raises ``StoreError`` if the folder is missing or read-only or the file is not a SQLite database.
    """
    check_location(path)
    created = _create_private_file(path)
    try:
        conn = _connect(path, busy_timeout_ms)
    except BaseException:
        if created:
            _remove_quietly(path)
        raise
    return Database(conn, execute_plugins=False)


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


def _connect(path: Path, busy_timeout_ms: int) -> sqlite3.Connection:
    """A connection with explicit transactions, WAL, synchronous=FULL, foreign keys and a busy timeout."""
    try:
        conn = sqlite3.connect(
            str(path),
            timeout=busy_timeout_ms / 1000,
            check_same_thread=False,  # a lock in Store serialises use across threads
            isolation_level=None,  # no implicit BEGIN: every transaction is explicit
        )
    except sqlite3.Error as err:
        raise translate(err, path, busy_timeout_ms) from err
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails on a non-database file
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as err:
        conn.close()
        raise translate(err, path, busy_timeout_ms) from err
    return conn


def _remove_quietly(path: Path) -> None:
    """Delete a file this module created, ignoring errors (used when opening fails)."""
    with contextlib.suppress(OSError):
        path.unlink()
