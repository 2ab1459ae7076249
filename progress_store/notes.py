"""A learner's private note on each lesson, and lesson bookmarks.

Notes are private: the event log records that a note changed and how long it now is, never its text.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from progress_store.events import append_event
from progress_store.records import Scope
from progress_store.sql import fetch_all, fetch_one

MAX_NOTE_CHARS = 50_000  # a long essay; anything bigger is a paste gone wrong

_KEY = "learner_id, course_id, lesson_id"


@dataclass(frozen=True)
class Note:
    """The learner's note on one lesson; ``updated_at`` is UTC ISO text."""

    lesson_id: str
    text: str
    updated_at: str


@dataclass(frozen=True)
class Bookmark:
    """A lesson the learner bookmarked; ``created_at`` is UTC ISO text."""

    lesson_id: str
    created_at: str


# notes


def load(conn: sqlite3.Connection, scope: Scope, lesson_id: str) -> str:
    """The note's text, or "" when the learner has none."""
    row = fetch_one(conn, f"SELECT text FROM notes WHERE ({_KEY}) = (?, ?, ?)", [scope.learner_id, scope.course_id, lesson_id])
    return "" if row is None else str(row["text"])


def store(conn: sqlite3.Connection, scope: Scope, lesson_id: str, text: str, now: str) -> bool:
    """Upsert the note (blank text deletes it) and log "noted" with its length; False if nothing changed.

    Saving the text the note already holds writes nothing and logs nothing, so autosaving an
    unchanged note leaves no trace.
    """
    check_lesson_id(lesson_id)
    check_text(text)
    key = [scope.learner_id, scope.course_id, lesson_id]
    current = fetch_one(conn, f"SELECT text FROM notes WHERE ({_KEY}) = (?, ?, ?)", key)
    if not text.strip():
        if current is None:
            return False
        conn.execute(f"DELETE FROM notes WHERE ({_KEY}) = (?, ?, ?)", key)
        append_event(conn, scope, "noted", "lesson", lesson_id, now, result={"length": 0})
        return True
    if current is not None and current["text"] == text:
        return False
    conn.execute(
        f"INSERT INTO notes ({_KEY}, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
        f" ON CONFLICT ({_KEY}) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
        [*key, text, now, now],
    )
    append_event(conn, scope, "noted", "lesson", lesson_id, now, result={"length": len(text)})
    return True


def listing(conn: sqlite3.Connection, scope: Scope) -> list[Note]:
    """Every note of the learner in this course, most recently changed first."""
    rows = fetch_all(
        conn,
        "SELECT lesson_id, text, updated_at FROM notes WHERE learner_id = ? AND course_id = ?"
        " ORDER BY updated_at DESC, rowid DESC",
        [scope.learner_id, scope.course_id],
    )
    return [Note(lesson_id=row["lesson_id"], text=row["text"], updated_at=row["updated_at"]) for row in rows]


def export_rows(conn: sqlite3.Connection, scope: Scope) -> list[dict[str, object]]:
    """Notes with both timestamps, for the export, oldest created first."""
    rows = fetch_all(
        conn,
        "SELECT lesson_id, text, created_at, updated_at FROM notes WHERE learner_id = ? AND course_id = ?"
        " ORDER BY created_at, lesson_id",
        [scope.learner_id, scope.course_id],
    )
    return [dict(row) for row in rows]


# bookmarks


def toggle_bookmark(conn: sqlite3.Connection, scope: Scope, lesson_id: str, now: str) -> bool:
    """Add the bookmark (logs "bookmarked") or remove it (logs "unbookmarked"); True if now bookmarked."""
    check_lesson_id(lesson_id)
    key = [scope.learner_id, scope.course_id, lesson_id]
    removed = conn.execute(f"DELETE FROM bookmarks WHERE ({_KEY}) = (?, ?, ?)", key).rowcount
    if removed:
        append_event(conn, scope, "unbookmarked", "lesson", lesson_id, now)
        return False
    conn.execute(f"INSERT INTO bookmarks ({_KEY}, created_at) VALUES (?, ?, ?, ?)", [*key, now])
    append_event(conn, scope, "bookmarked", "lesson", lesson_id, now)
    return True


def is_bookmarked(conn: sqlite3.Connection, scope: Scope, lesson_id: str) -> bool:
    """Whether the learner bookmarked the lesson."""
    row = fetch_one(conn, f"SELECT 1 FROM bookmarks WHERE ({_KEY}) = (?, ?, ?)", [scope.learner_id, scope.course_id, lesson_id])
    return row is not None


def bookmark_listing(conn: sqlite3.Connection, scope: Scope) -> list[Bookmark]:
    """The learner's bookmarks in this course, newest first."""
    rows = fetch_all(
        conn,
        "SELECT lesson_id, created_at FROM bookmarks WHERE learner_id = ? AND course_id = ? ORDER BY created_at DESC, rowid DESC",
        [scope.learner_id, scope.course_id],
    )
    return [Bookmark(lesson_id=row["lesson_id"], created_at=row["created_at"]) for row in rows]


# checks


def check_lesson_id(lesson_id: str) -> None:
    """``ValueError`` unless ``lesson_id`` is a non-empty string."""
    if not isinstance(lesson_id, str) or not lesson_id:
        raise ValueError(f"lesson_id must be a non-empty string, got {lesson_id!r}")


def check_text(text: str) -> None:
    """``ValueError`` unless ``text`` is a string of at most ``MAX_NOTE_CHARS`` characters."""
    if not isinstance(text, str):
        raise ValueError(f"a note must be a string, got {type(text).__name__}")
    if len(text) > MAX_NOTE_CHARS:
        raise ValueError(f"a note may hold at most {MAX_NOTE_CHARS} characters, got {len(text)}")
