"""The one exception the store raises for things a user can act on, and how SQLite errors become it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# SQLite primary result codes for "another connection holds the lock".
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_CORRUPT = 11


class StoreError(Exception):
    """A progress-store failure; ``str(error)`` is one clear line meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


class DamagedDatabase(StoreError):
    """The file is a SQLite database whose pages or references are damaged; it was left unchanged."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = " ".join(detail.split())
        super().__init__(
            f"the progress database {path} is damaged ({self.detail}); it was left unchanged."
            f" See what is wrong with `course --db {path} db check`, keep a copy with `course --db {path} db backup`,"
            f" then start fresh by moving it aside (mv {path} {path}.damaged) or with --db NEW_FILE"
        )


def is_damaged(error: sqlite3.Error) -> bool:
    """Whether ``error`` says the file's pages are corrupt (as opposed to not a database at all)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF == _SQLITE_CORRUPT:
        return True
    return "malformed" in str(error).lower()


class AttemptMoved(StoreError):
    """A quiz attempt changed (another window answered or finished it) since the caller read it at
    ``expected``; nothing was written. Reload the attempt and its answers, then carry on."""

    def __init__(self, attempt_id: int, expected: int, current: int, finished: bool) -> None:
        self.attempt_id, self.expected, self.current, self.finished = attempt_id, expected, current, finished
        what = "finished" if finished else "changed"
        super().__init__(
            f"quiz attempt {attempt_id} was {what} in another window (version {current}, not {expected}); nothing was saved"
        )


def is_locked(error: sqlite3.Error) -> bool:
    """Whether ``error`` means the database stayed locked by someone else past the busy timeout."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return True
    text = str(error).lower()
    return "database is locked" in text or "database is busy" in text or "database table is locked" in text


def translate(error: sqlite3.Error, path: Path, busy_timeout_ms: int) -> StoreError:
    """A one-line ``StoreError`` describing ``error`` on the database at ``path``."""
    if is_locked(error):
        return StoreError(
            f"the progress database {path} is locked by another program"
            f" (waited {busy_timeout_ms} ms); nothing was saved, try again"
        )
    if is_damaged(error):
        return DamagedDatabase(path, str(error))
    if isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error).lower():
        return StoreError(f"{path} is not a progress database (file is corrupt or of another kind)")
    if isinstance(error, sqlite3.ProgrammingError) and "closed" in str(error).lower():
        return StoreError(f"the progress database {path} is closed")
    return StoreError(f"progress database {path}: {error}")
