"""Spaced-review cards and their append-only log; the schedule itself is computed in ``quizzes.review``.

The store only keeps what the scheduler returns (fsrs card JSON, the due time, the review log JSON)
and answers "which cards are due". Due times are UTC ISO text (``clock.utc_iso``), so the SQL
comparison ``due <= ?`` is a comparison of times.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from progress_store.clock import parse_utc, utc_iso
from progress_store.errors import StoreError
from progress_store.events import append_event
from progress_store.records import CARD_KINDS, REVIEW_SOURCES, ReviewCard, ReviewLogEntry, Scope
from progress_store.sql import fetch_all, fetch_one

_SELECT = (
    "SELECT card_id, kind, card_json, due, created_at, last_review_at, reps"
    " FROM review_cards WHERE learner_id = ? AND course_id = ?"
)
_ORDER = " ORDER BY due, card_id"


def add(conn: sqlite3.Connection, scope: Scope, card_id: str, kind: str, card_json: str, due: datetime, now: str) -> bool:
    """Insert the card unless the learner has it already; logs "added" and returns True when created."""
    _check_card_id(card_id)
    if kind not in CARD_KINDS:
        raise ValueError(f"unknown card kind {kind!r}; expected one of {sorted(CARD_KINDS)}")
    _check_json(card_json, "card_json")
    due_text = utc_iso(due)
    cursor = conn.execute(
        "INSERT INTO review_cards (learner_id, course_id, card_id, kind, card_json, due, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (learner_id, course_id, card_id) DO NOTHING",
        [scope.learner_id, scope.course_id, card_id, kind, card_json, due_text, now],
    )
    if cursor.rowcount == 0:
        return False
    append_event(conn, scope, "added", "card", card_id, now, result={"kind": kind, "due": due_text})
    return True


def get(conn: sqlite3.Connection, scope: Scope, card_id: str) -> ReviewCard | None:
    """The learner's card with that id, or ``None``."""
    row = fetch_one(conn, _SELECT + " AND card_id = ?", [scope.learner_id, scope.course_id, card_id])
    return None if row is None else _to_card(row)


def listing(conn: sqlite3.Connection, scope: Scope, kind: str | None) -> list[ReviewCard]:
    """All the learner's cards (of one kind, or both), earliest due first."""
    if kind is None:
        rows = fetch_all(conn, _SELECT + _ORDER, [scope.learner_id, scope.course_id])
    else:
        rows = fetch_all(conn, _SELECT + " AND kind = ?" + _ORDER, [scope.learner_id, scope.course_id, kind])
    return [_to_card(row) for row in rows]


def due(conn: sqlite3.Connection, scope: Scope, now: datetime, limit: int | None) -> list[ReviewCard]:
    """Cards due at or before ``now``, earliest first, at most ``limit`` of them."""
    params: list[object] = [scope.learner_id, scope.course_id, utc_iso(now)]
    sql = _SELECT + " AND due <= ?" + _ORDER
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise ValueError(f"limit must be a non-negative int or None, got {limit!r}")
        sql, params = sql + " LIMIT ?", [*params, limit]
    return [_to_card(row) for row in fetch_all(conn, sql, params)]


def count_due(conn: sqlite3.Connection, scope: Scope, now: datetime) -> int:
    """How many cards are due at or before ``now``."""
    row = fetch_one(
        conn,
        "SELECT count(*) AS n FROM review_cards WHERE learner_id = ? AND course_id = ? AND due <= ?",
        [scope.learner_id, scope.course_id, utc_iso(now)],
    )
    return 0 if row is None else int(row["n"])


def record(
    conn: sqlite3.Connection,
    scope: Scope,
    card_id: str,
    card_json: str,
    due_at: datetime,
    rating: int,
    log_json: str,
    source: str,
    now: str,
) -> None:
    """Store the rescheduled card, append to the review log, and log "reviewed"."""
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 4:
        raise ValueError(f"rating must be an int from 1 (Again) to 4 (Easy), got {rating!r}")
    if source not in REVIEW_SOURCES:
        raise ValueError(f"unknown review source {source!r}; expected one of {sorted(REVIEW_SOURCES)}")
    _check_json(card_json, "card_json")
    _check_json(log_json, "log_json")
    due_text = utc_iso(due_at)
    cursor = conn.execute(
        "UPDATE review_cards SET card_json = ?, due = ?, last_review_at = ?, reps = reps + 1"
        " WHERE learner_id = ? AND course_id = ? AND card_id = ?",
        [card_json, due_text, now, scope.learner_id, scope.course_id, card_id],
    )
    if cursor.rowcount == 0:
        raise StoreError(f"review card {card_id} does not exist for {scope.learner} in {scope.course_id}")
    conn.execute(
        "INSERT INTO review_log (learner_id, course_id, card_id, rating, source, log_json, reviewed_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [scope.learner_id, scope.course_id, card_id, int(rating), source, log_json, now],
    )
    result = {"rating": int(rating), "source": source, "due": due_text}
    append_event(conn, scope, "reviewed", "card", card_id, now, result=result)


def log_listing(conn: sqlite3.Connection, scope: Scope, card_id: str | None) -> list[ReviewLogEntry]:
    """Review log entries, oldest first, of one card or of all."""
    sql = "SELECT card_id, rating, source, log_json, reviewed_at FROM review_log WHERE learner_id = ? AND course_id = ?"
    params: list[object] = [scope.learner_id, scope.course_id]
    if card_id is not None:
        sql, params = sql + " AND card_id = ?", [*params, card_id]
    rows = fetch_all(conn, sql + " ORDER BY id", params)
    return [
        ReviewLogEntry(
            card_id=row["card_id"],
            rating=int(row["rating"]),
            source=row["source"],
            log_json=row["log_json"],
            reviewed_at=row["reviewed_at"],
        )
        for row in rows
    ]


def _to_card(row: sqlite3.Row) -> ReviewCard:
    return ReviewCard(
        card_id=row["card_id"],
        kind=row["kind"],
        card_json=row["card_json"],
        due=parse_utc(row["due"]),
        created_at=row["created_at"],
        last_review_at=row["last_review_at"],
        reps=int(row["reps"]),
    )


def _check_card_id(card_id: str) -> None:
    if not isinstance(card_id, str) or not card_id:
        raise ValueError(f"card_id must be a non-empty string, got {card_id!r}")


def _check_json(text: str, name: str) -> None:
    """``ValueError`` unless ``text`` is a JSON object (what fsrs writes)."""
    try:
        value = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise ValueError(f"{name} must be the JSON text of an object, got {text!r:.80}")
