"""Explicit transactions: BEGIN IMMEDIATE ... COMMIT, rolled back whole on any error."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator

from progress_store.errors import StoreError

Translate = Callable[[sqlite3.Error], StoreError]


@contextlib.contextmanager
def write_transaction(conn: sqlite3.Connection, translate: Translate) -> Iterator[sqlite3.Connection]:
    """Run the block in one write transaction; SQLite errors become ``StoreError`` after rollback.

    ``BEGIN IMMEDIATE`` takes the write lock up front, so a busy database fails before anything is
    written rather than half way through.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as err:
        raise translate(err) from err
    try:
        yield conn
        conn.execute("COMMIT")
    except sqlite3.Error as err:
        _rollback(conn)
        raise translate(err) from err
    except BaseException:
        _rollback(conn)
        raise


@contextlib.contextmanager
def reading(conn: sqlite3.Connection, translate: Translate) -> Iterator[sqlite3.Connection]:
    """Run read-only statements; SQLite errors become ``StoreError``."""
    try:
        yield conn
    except sqlite3.Error as err:
        raise translate(err) from err


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is open; a failing rollback must not hide the first error."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
