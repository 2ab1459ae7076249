"""Lesson progress rows: status, first-opened and completed times, the place the learner stopped reading."""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass

from progress_store.events import append_event
from progress_store.records import Scope
from progress_store.sql import fetch_all, fetch_one

_KEY = "learner_id, course_id, lesson_id"


def statuses(conn: sqlite3.Connection, scope: Scope) -> dict[str, str]:
    """lesson_id -> "started" | "done" for every lesson opened or completed."""
    rows = fetch_all(
        conn,
        "SELECT lesson_id, status FROM lesson_progress"
        " WHERE learner_id = ? AND course_id = ? AND status IS NOT NULL ORDER BY lesson_id",
        [scope.learner_id, scope.course_id],
    )
    return {row["lesson_id"]: row["status"] for row in rows}


def mark_opened(conn: sqlite3.Connection, scope: Scope, lesson_id: str, now: str) -> None:
    """Status "started" unless already "done"; logs "opened"."""
    conn.execute(
        f"INSERT INTO lesson_progress ({_KEY}, status, first_opened_at) VALUES (?, ?, ?, 'started', ?)"
        f" ON CONFLICT ({_KEY}) DO UPDATE SET"
        " status = CASE WHEN status = 'done' THEN 'done' ELSE 'started' END,"
        " first_opened_at = COALESCE(first_opened_at, excluded.first_opened_at)",
        [scope.learner_id, scope.course_id, lesson_id, now],
    )
    append_event(conn, scope, "opened", "lesson", lesson_id, now)


def mark_done(conn: sqlite3.Connection, scope: Scope, lesson_id: str, now: str) -> bool:
    """Status "done" and logs "completed"; returns False (and does nothing) if it was already done."""
    row = fetch_one(
        conn,
        f"SELECT status FROM lesson_progress WHERE ({_KEY}) = (?, ?, ?)",
        [scope.learner_id, scope.course_id, lesson_id],
    )
    if row is not None and row["status"] == "done":
        return False
    conn.execute(
        f"INSERT INTO lesson_progress ({_KEY}, status, first_opened_at, completed_at)"
        " VALUES (?, ?, ?, 'done', ?, ?)"
        f" ON CONFLICT ({_KEY}) DO UPDATE SET status = 'done', completed_at = excluded.completed_at,"
        " first_opened_at = COALESCE(first_opened_at, excluded.first_opened_at)",
        [scope.learner_id, scope.course_id, lesson_id, now, now],
    )
    append_event(conn, scope, "completed", "lesson", lesson_id, now)
    return True


def store_scroll(conn: sqlite3.Connection, scope: Scope, lesson_id: str, y: float) -> None:
    """Remember the scroll offset (a row without a status if the lesson was never opened)."""
    conn.execute(
        f"INSERT INTO lesson_progress ({_KEY}, scroll_y) VALUES (?, ?, ?, ?)"
        f" ON CONFLICT ({_KEY}) DO UPDATE SET scroll_y = excluded.scroll_y",
        [scope.learner_id, scope.course_id, lesson_id, y],
    )


def load_scroll(conn: sqlite3.Connection, scope: Scope, lesson_id: str) -> float:
    """The saved scroll offset, 0.0 if none."""
    row = fetch_one(
        conn,
        f"SELECT scroll_y FROM lesson_progress WHERE ({_KEY}) = (?, ?, ?)",
        [scope.learner_id, scope.course_id, lesson_id],
    )
    return 0.0 if row is None else float(row["scroll_y"])


@dataclass(frozen=True)
class Place:
    """Where the learner stopped reading a lesson.

    ``block`` is the index of the top-level block at the top of the view and ``within`` how far into
    it (0..1 of its height): that lands on the same text at any terminal width. ``rows`` is the row
    offset at the width it was saved, all that versions before m005 kept (``block`` is ``None`` then).
    """

    block: int | None
    within: float
    rows: float


def store_place(conn: sqlite3.Connection, scope: Scope, lesson_id: str, block: int, within: float, rows: float) -> None:
    """Remember the block anchor and the row offset (a row without a status if the lesson was never opened).
    The top of the lesson is stored as no anchor at all, as plain mode (which never scrolls) leaves it."""
    anchor = None if block == 0 and within == 0 else json.dumps({"block": block, "within": within})
    conn.execute(
        f"INSERT INTO lesson_progress ({_KEY}, scroll_y, scroll_anchor) VALUES (?, ?, ?, ?, ?)"
        f" ON CONFLICT ({_KEY}) DO UPDATE SET scroll_y = excluded.scroll_y, scroll_anchor = excluded.scroll_anchor",
        [scope.learner_id, scope.course_id, lesson_id, rows, anchor],
    )


def load_place(conn: sqlite3.Connection, scope: Scope, lesson_id: str) -> Place | None:
    """The saved place; from an older version only its row offset; ``None`` if nothing was saved."""
    row = fetch_one(
        conn,
        f"SELECT scroll_y, scroll_anchor FROM lesson_progress WHERE ({_KEY}) = (?, ?, ?)",
        [scope.learner_id, scope.course_id, lesson_id],
    )
    if row is None:
        return None
    rows = float(row["scroll_y"])
    anchor = _anchor(row["scroll_anchor"])
    if anchor is not None:
        return Place(anchor[0], anchor[1], rows)
    return Place(None, 0.0, rows) if rows > 0 else None


def _anchor(text: str | None) -> tuple[int, float] | None:
    """``(block, within)`` from the stored JSON, or ``None`` when absent or not of that shape."""
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    block, within = value.get("block"), value.get("within")
    if isinstance(block, bool) or not isinstance(block, int) or block < 0:
        return None
    if isinstance(within, bool) or not isinstance(within, (int, float)) or not math.isfinite(within):
        return None
    return block, min(max(float(within), 0.0), 1.0)
