"""The resume position: one row per learner and course."""

from __future__ import annotations

import sqlite3

from progress_store.records import Position, Scope
from progress_store.sql import fetch_one

SCREENS = frozenset({"map", "lesson", "quiz", "results"})


def store_position(conn: sqlite3.Connection, scope: Scope, screen: str, target_id: str | None, now: str) -> None:
    """Upsert where the learner is; ``ValueError`` for an unknown screen."""
    if screen not in SCREENS:
        raise ValueError(f"unknown screen {screen!r}; expected one of {sorted(SCREENS)}")
    conn.execute(
        "INSERT INTO positions (learner_id, course_id, screen, target_id, updated_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (learner_id, course_id) DO UPDATE SET"
        " screen = excluded.screen, target_id = excluded.target_id, updated_at = excluded.updated_at",
        [scope.learner_id, scope.course_id, screen, target_id, now],
    )


def load_position(conn: sqlite3.Connection, scope: Scope) -> Position | None:
    """The saved position, or ``None`` if the learner never started this course."""
    row = fetch_one(
        conn,
        "SELECT screen, target_id, updated_at FROM positions WHERE learner_id = ? AND course_id = ?",
        [scope.learner_id, scope.course_id],
    )
    if row is None:
        return None
    return Position(screen=row["screen"], target_id=row["target_id"], updated_at=row["updated_at"])
