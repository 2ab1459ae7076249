"""Study time: seconds spent on each lesson, quiz or review session, summed per UTC day.

One row per learner, course, day, object type and object id; each report adds to that row. There is
no event per report (they come every few seconds); the totals are the record.
"""

from __future__ import annotations

import math
import sqlite3
from datetime import datetime, timezone

from progress_store.records import Scope
from progress_store.sql import fetch_all

MAX_SECONDS_PER_CALL = 30 * 60.0  # idle guard: one report never counts for more than 30 minutes


def day_of(at: datetime) -> str:
    """The UTC calendar day of an aware ``at`` as 'YYYY-MM-DD'; ``ValueError`` if it is naive."""
    if not isinstance(at, datetime) or at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got {at!r}")
    return at.astimezone(timezone.utc).date().isoformat()


def counted_seconds(seconds: float) -> float:
    """The seconds a report adds: 0 for none or less, at most ``MAX_SECONDS_PER_CALL``.

    ``ValueError`` for anything that is not a finite number.
    """
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not math.isfinite(seconds):
        raise ValueError(f"seconds must be a finite number, got {seconds!r}")
    return min(max(float(seconds), 0.0), MAX_SECONDS_PER_CALL)


def add(conn: sqlite3.Connection, scope: Scope, object_type: str, object_id: str, seconds: float, day: str) -> None:
    """Add ``seconds`` (already counted) to the row of ``day`` and the object."""
    conn.execute(
        "INSERT INTO study_time (learner_id, course_id, day, object_type, object_id, seconds)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (learner_id, course_id, day, object_type, object_id)"
        " DO UPDATE SET seconds = seconds + excluded.seconds",
        [scope.learner_id, scope.course_id, day, object_type, object_id, seconds],
    )


def minutes_by_day(conn: sqlite3.Connection, scope: Scope) -> dict[str, float]:
    """'YYYY-MM-DD' -> minutes studied that day over all objects, earliest day first."""
    rows = fetch_all(
        conn,
        "SELECT day, SUM(seconds) AS total FROM study_time WHERE learner_id = ? AND course_id = ? GROUP BY day ORDER BY day",
        [scope.learner_id, scope.course_id],
    )
    return {row["day"]: float(row["total"]) / 60.0 for row in rows}


def recent_minutes(conn: sqlite3.Connection, scope: Scope, first_day: str) -> tuple[float, dict[str, float]]:
    """(minutes studied in all, 'YYYY-MM-DD' -> minutes for each day from ``first_day`` on): what the
    dashboard shows, without reading every day ever studied into Python."""
    params = [scope.learner_id, scope.course_id]
    total = conn.execute("SELECT SUM(seconds) FROM study_time WHERE learner_id = ? AND course_id = ?", params).fetchone()[0]
    rows = fetch_all(
        conn,
        "SELECT day, SUM(seconds) AS total FROM study_time WHERE learner_id = ? AND course_id = ? AND day >= ?"
        " GROUP BY day ORDER BY day",
        [*params, first_day],
    )
    return float(total or 0.0) / 60.0, {row["day"]: float(row["total"]) / 60.0 for row in rows}


def seconds_by_object(conn: sqlite3.Connection, scope: Scope, object_type: str | None) -> dict[str, float]:
    """Total seconds per object over all days.

    With ``object_type`` the keys are object ids; without it they are ``"<type>:<id>"`` (a lesson and
    a quiz may share an id).
    """
    if object_type is None:
        rows = fetch_all(
            conn,
            "SELECT object_type || ':' || object_id AS key, SUM(seconds) AS total FROM study_time"
            " WHERE learner_id = ? AND course_id = ? GROUP BY object_type, object_id ORDER BY object_type, object_id",
            [scope.learner_id, scope.course_id],
        )
    else:
        rows = fetch_all(
            conn,
            "SELECT object_id AS key, SUM(seconds) AS total FROM study_time"
            " WHERE learner_id = ? AND course_id = ? AND object_type = ? GROUP BY object_id ORDER BY object_id",
            [scope.learner_id, scope.course_id, object_type],
        )
    return {row["key"]: float(row["total"]) for row in rows}


def export_rows(conn: sqlite3.Connection, scope: Scope) -> list[dict[str, object]]:
    """Every study-time row, by day, then object, for the export."""
    rows = fetch_all(
        conn,
        "SELECT day, object_type, object_id, seconds FROM study_time WHERE learner_id = ? AND course_id = ?"
        " ORDER BY day, object_type, object_id",
        [scope.learner_id, scope.course_id],
    )
    return [
        {"day": row["day"], "object_type": row["object_type"], "object_id": row["object_id"], "seconds": float(row["seconds"])}
        for row in rows
    ]


def check_object(object_type: str, object_id: str) -> None:
    """``ValueError`` unless both are non-empty strings."""
    for name, value in (("object_type", object_type), ("object_id", object_id)):
        if not isinstance(value, str) or not value:
            raise ValueError(f"{name} must be a non-empty string, got {value!r}")
