"""Per-learner settings (not per course): key -> JSON value. Preferences, not learning events."""

from __future__ import annotations

import sqlite3

from progress_store.records import Scope
from progress_store.sql import fetch_one, from_json, to_json


def load(conn: sqlite3.Connection, scope: Scope, key: str, default: object) -> object:
    """The value of ``key`` for this learner, or ``default``."""
    _check_key(key)
    row = fetch_one(conn, "SELECT value FROM settings WHERE learner_id = ? AND key = ?", [scope.learner_id, key])
    return default if row is None else from_json(row["value"])


def store(conn: sqlite3.Connection, scope: Scope, key: str, value: object, now: str) -> None:
    """Set ``key`` to ``value`` (strict JSON: ``TypeError``/``ValueError`` for anything else)."""
    _check_key(key)
    conn.execute(
        "INSERT INTO settings (learner_id, key, value, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (learner_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        [scope.learner_id, key, to_json(value), now],
    )


def _check_key(key: str) -> None:
    if not isinstance(key, str) or not key.strip():
        raise ValueError(f"a setting key must be a non-empty string, got {key!r}")
