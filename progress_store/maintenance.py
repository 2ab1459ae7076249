"""``course db check`` and ``course db backup``: look at a progress file without changing it, copy it safely.

Both work on a file the app may be using at the same moment: the check only reads (a ``query_only``
connection), and the backup uses SQLite's online backup API, which copies a consistent snapshot
while other connections keep writing.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from sqlite_utils import Database

from progress_store import migrations
from progress_store.connection import DEFAULT_BUSY_TIMEOUT_MS, FILE_MODE, SIDE_FILES
from progress_store.errors import StoreError, is_damaged, translate
from progress_store.inspection import foreign_key_problems, integrity_problems

T = TypeVar("T")


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` found. ``problems`` is empty for a healthy progress database."""

    path: Path
    problems: list[str] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)  # schema steps recorded in the file, in order
    pending: list[str] = field(default_factory=list)  # steps this version would still apply
    unknown: list[str] = field(default_factory=list)  # steps of a newer version
    row_counts: dict[str, int] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        """Whether nothing is wrong with the file (a pending or newer schema is not damage)."""
        return not self.problems


def check(path: Path, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> CheckReport:
    """Integrity, foreign keys, schema version and row counts of the file at ``path``; it is not changed.

    Raises ``StoreError`` when there is no such file or it cannot be read (a usage problem); anything
    wrong inside the file is reported in ``CheckReport.problems``.
    """
    path = Path(path).expanduser().absolute()
    _require_file(path)
    with _query_only(path, busy_timeout_ms) as conn:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as err:
            if is_damaged(err):
                return CheckReport(path, problems=[f"damaged: {err}"])
            return CheckReport(path, problems=["not a SQLite database (the file is corrupt or of another kind)"])
        try:
            return _report(conn, path)
        except sqlite3.DatabaseError as err:
            if is_damaged(err):
                return CheckReport(path, problems=[f"damaged: {err}"])
            raise translate(err, path, busy_timeout_ms) from err


def backup(path: Path, destination: Path | None = None, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Path:
    """Copy the database at ``path`` to ``destination`` (default: ``backup_path(path)``), 0600; returns it.

    Safe while the app (or anything else) uses the database. Refuses to overwrite an existing file.
    """
    path = Path(path).expanduser().absolute()
    _require_file(path)
    with _query_only(path, busy_timeout_ms) as conn:
        return backup_connection(conn, path, destination, busy_timeout_ms)


def backup_connection(
    conn: sqlite3.Connection, path: Path, destination: Path | None = None, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> Path:
    """Copy the database ``conn`` has open (the file at ``path``) to ``destination``; call outside a transaction."""
    target = backup_path(path) if destination is None else Path(destination).expanduser().absolute()
    _create_exclusive(target)
    try:
        copy = sqlite3.connect(str(target), isolation_level=None)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        finally:
            copy.close()
        for file in (target, *(target.with_name(target.name + s) for s in SIDE_FILES)):
            if file.exists():
                os.chmod(file, FILE_MODE)
    except sqlite3.Error as err:
        _remove_quietly(target)
        raise translate(err, path, busy_timeout_ms) from err
    except BaseException:
        _remove_quietly(target)
        raise
    return target


def backup_path(path: Path, label: str = "backup", now: datetime | None = None) -> Path:
    """``<stem>-<label>-<UTC time><suffix>`` next to ``path`` (``progress-backup-20250301T093000Z.db``), not yet taken."""
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    suffix = path.suffix or ".db"
    candidate = path.with_name(f"{path.stem}-{label}-{stamp}{suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{label}-{stamp}-{n}{suffix}")
        n += 1
    return candidate


def _report(conn: sqlite3.Connection, path: Path) -> CheckReport:
    """Every check in turn; a damaged part is reported and the remaining checks still run."""
    problems: list[str] = []
    integrity = _guarded(conn, problems, "integrity", integrity_problems) or []
    problems += [f"integrity: {message}" for message in integrity]
    broken = _guarded(conn, problems, "foreign keys", foreign_key_problems) or []
    problems += [f"foreign keys: {message}" for message in broken]
    applied = _guarded(conn, problems, "schema", _applied) or []
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    user_tables = [t for t in tables if not t.startswith("sqlite_") and t != "_sqlite_migrations"]
    if not applied and user_tables:
        problems.append("not a progress database (it holds the tables of another program)")
    counts: dict[str, int] = {}
    for table in user_tables:
        count = _guarded(conn, problems, f"table {table}", functools.partial(_count, table=table))
        if count is not None:
            counts[table] = count
    known = migrations.MIGRATION_NAMES
    return CheckReport(
        path,
        problems=problems,
        applied=applied,
        pending=[name for name in known if name not in applied],
        unknown=[name for name in applied if name not in known],
        row_counts=counts,
    )


def _applied(conn: sqlite3.Connection) -> list[str]:
    return migrations.applied_names(Database(conn, execute_plugins=False))


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def _guarded(conn: sqlite3.Connection, problems: list[str], what: str, step: Callable[[sqlite3.Connection], T]) -> T | None:
    """``step(conn)``, or ``None`` after noting ``what`` as damaged when SQLite finds the file corrupt."""
    try:
        return step(conn)
    except sqlite3.DatabaseError as err:
        if not is_damaged(err):
            raise
        problems.append(f"{what}: {err}")
        return None


@contextlib.contextmanager
def _query_only(path: Path, busy_timeout_ms: int) -> Iterator[sqlite3.Connection]:
    """A connection that cannot write (``PRAGMA query_only``), closed afterwards."""
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000, isolation_level=None)
    except sqlite3.Error as err:
        raise translate(err, path, busy_timeout_ms) from err
    try:
        conn.execute("PRAGMA query_only = ON")
        yield conn
    finally:
        conn.close()


def _require_file(path: Path) -> None:
    if not path.exists():
        raise StoreError(f"there is no progress database at {path}")
    if not path.is_file():
        raise StoreError(f"{path} is not a file")
    if not os.access(path, os.R_OK):
        raise StoreError(f"cannot read the progress database {path}: permission denied")


def _create_exclusive(target: Path) -> None:
    """Create ``target`` empty and 0600, refusing an existing file (a backup never overwrites)."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        raise StoreError(f"{target} already exists; choose another backup file name") from None
    except OSError as err:
        raise StoreError(f"cannot create the backup {target}: {err.strerror}") from err
    os.close(fd)
    os.chmod(target, FILE_MODE)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
