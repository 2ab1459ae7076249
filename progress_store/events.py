"""The append-only event log: who did what, when, with what result."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from progress_store.records import Scope
from progress_store.sql import fetch_all, from_json, to_json


def append_event(
    conn: sqlite3.Connection,
    scope: Scope,
    verb: str,
    object_type: str,
    object_id: str,
    at: str,
    result: Mapping[str, object] | None = None,
    attempt_id: int | None = None,
) -> None:
    """Add one event; call inside the transaction that changes the current-state rows."""
    conn.execute(
        "INSERT INTO events (learner_id, course_id, verb, object_type, object_id, attempt_id, result, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            scope.learner_id,
            scope.course_id,
            verb,
            object_type,
            object_id,
            attempt_id,
            None if result is None else to_json(result),
            at,
        ],
    )


def list_events(conn: sqlite3.Connection, scope: Scope) -> list[dict[str, object]]:
    """This learner's events in this course, oldest first, with ``result`` decoded."""
    rows = fetch_all(
        conn,
        "SELECT id, verb, object_type, object_id, attempt_id, result, at FROM events"
        " WHERE learner_id = ? AND course_id = ? ORDER BY id",
        [scope.learner_id, scope.course_id],
    )
    return [
        {
            "id": row["id"],
            "learner": scope.learner,
            "course_id": scope.course_id,
            "verb": row["verb"],
            "object_type": row["object_type"],
            "object_id": row["object_id"],
            "attempt_id": row["attempt_id"],
            "result": from_json(row["result"]),
            "at": row["at"],
        }
        for row in rows
    ]
