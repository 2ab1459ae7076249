"""Read-only checks that decide whether a file may be opened as the progress database.

Every check here only reads: a file that is refused leaves this module exactly as it came in (no
journal mode switch, no migration, no chmod). ``connection.open_database`` runs them all before it
changes anything; ``maintenance.check`` reports them for ``course db check``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from progress_store import migrations
from progress_store.errors import DamagedDatabase, translate

_MAX_REPORTED = 20  # integrity messages kept from a badly damaged file


def refuse_unusable(db: migrations.HasConnection, path: Path, busy_timeout_ms: int) -> None:
    """Raise ``StoreError`` (``DamagedDatabase`` for damage) unless ``db`` may be written by this version.

    In order: not a SQLite database at all, damaged pages (``PRAGMA quick_check``), another program's
    tables or a newer schema, broken references between rows (``PRAGMA foreign_key_check``).
    """
    conn = db.conn
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails on a non-database file
        problems = integrity_problems(conn, quick=True)
        if problems:
            raise DamagedDatabase(path, f"quick_check: {problems[0]}")
        migrations.check_compatible(db, path)
        broken = foreign_key_problems(conn)
        if broken:
            raise DamagedDatabase(path, f"foreign_key_check: {broken[0]}")
    except sqlite3.Error as err:
        raise translate(err, path, busy_timeout_ms) from err


def integrity_problems(conn: sqlite3.Connection, quick: bool = False) -> list[str]:
    """What ``PRAGMA integrity_check`` (or the faster ``quick_check``) finds; empty when the file is sound."""
    pragma = "quick_check" if quick else "integrity_check"
    rows = conn.execute(f"PRAGMA {pragma}({_MAX_REPORTED})").fetchall()
    messages = [" ".join(str(row[0]).split()) for row in rows]
    return [] if messages == ["ok"] else messages


def foreign_key_problems(conn: sqlite3.Connection) -> list[str]:
    """One line per row whose reference points at a missing row (``PRAGMA foreign_key_check``)."""
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    return [f"{table} row {rowid} refers to a missing {parent} row" for table, rowid, parent, _fk in rows]
